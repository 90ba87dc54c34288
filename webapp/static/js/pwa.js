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
    await caches.delete("dossiers");
  } finally {
    form.dataset.cleared = "yes";
    form.submit();
  }
});
