/* Inspectors keep the dossiers of their open cases on the phone before a market
   visit; the service worker serves them when there is no signal. They are
   deleted when the inspector signs out (pwa.js). */
"use strict";

(function () {
  const button = document.querySelector("[data-prefetch]");
  if (!button || !("caches" in window)) return;
  const status = document.querySelector("[data-prefetch-status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    const urls = JSON.parse(button.dataset.prefetch);
    button.disabled = true;
    try {
      const cache = await caches.open(button.dataset.cache);
      for (const url of urls) {
        const response = await fetch(url, { credentials: "same-origin" });
        if (response.ok) await cache.put(url, response);
      }
      const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined, {
        timeStyle: "short",
      });
      status.textContent = button.dataset.doneText.replace("NUM", urls.length).replace("TIME", time);
    } catch (error) {
      status.textContent = button.dataset.failedText;
    } finally {
      button.disabled = false;
    }
  });
})();
