/* Registers the service worker on every page, so the app works offline. */
"use strict";

if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  });
}

/* Signing out forgets the dossiers an inspector kept for offline use (the
   server's answer clears the browser's own cache of the pages they saw). */
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
   sets the cookie and reloads the phone's copy in that language when not. A page
   never kept in that language stays as it is and says so, in the language asked for. */
(function () {
  if (!("caches" in window)) return;
  const remember = (lang) =>
    caches.open("prefs").then((cache) => cache.put("/__prefs/lang", new Response(lang)));
  remember(document.documentElement.lang).catch(() => {});

  async function keptIn(lang) {
    const cache = await caches.open("pages-v1-" + lang);
    const options = { ignoreVary: true };
    return Boolean((await cache.match(location.href, options)) || (await cache.match(location.href.split("?")[0], options)));
  }

  function sayNotKept(form, lang) {
    let notice = document.querySelector("[data-unsaved-notice]");
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "banner banner-info";
      notice.setAttribute("role", "status");
      notice.dataset.unsavedNotice = "";
      document.querySelector("main").prepend(notice);
    }
    notice.lang = lang;
    notice.textContent = form.dataset.unsavedText;
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form.lang-switch");
    if (!form || navigator.onLine) return;
    event.preventDefault();
    const lang = event.submitter ? event.submitter.value : "";
    if (!/^[a-z]{2}$/.test(lang)) return;
    document.cookie = `lang=${lang}; path=/; max-age=31536000; samesite=lax`;
    await remember(lang);
    if (await keptIn(lang)) location.reload();
    else sayNotKept(form, lang);
  });
})();
