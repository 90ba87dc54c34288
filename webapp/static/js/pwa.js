/* Registers the service worker on every page, so the app works offline. */
"use strict";

if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  });
}

/* Signing out forgets the dossiers an inspector kept for offline use. */
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-clear-offline]");
  if (!form || !("caches" in window) || form.dataset.cleared) return;
  event.preventDefault();
  try {
    await caches.delete(form.dataset.clearOffline);
  } finally {
    form.dataset.cleared = "yes";
    form.submit();
  }
});

/* The language choice works offline too: the page's language is remembered for
   the service worker, and the switch, which posts to the server when online,
   sets the cookie and reloads from the phone's copy when not. */
(function () {
  if (!("caches" in window)) return;
  const remember = (lang) =>
    caches.open("prefs").then((cache) => cache.put("/__prefs/lang", new Response(lang)));
  remember(document.documentElement.lang).catch(() => {});
  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form.lang-switch");
    if (!form || navigator.onLine) return;
    event.preventDefault();
    const lang = event.submitter ? event.submitter.value : "";
    if (!/^[a-z]{2}$/.test(lang)) return;
    document.cookie = `lang=${lang}; path=/; max-age=31536000; samesite=lax`;
    await remember(lang);
    location.reload();
  });
})();
