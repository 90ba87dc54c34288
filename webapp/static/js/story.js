/* The story page records its scan once loaded, with the position only if the visitor agrees. */
"use strict";

/* Without a connection the check cannot run: the scan waits on the phone, and
   meanwhile the producer's signature in the link says who issued the code. */
function answerOffline(form) {
  if (window.ocopQueueScan) window.ocopQueueScan(location.pathname + location.search);
  const section = document.querySelector("[data-offline-answer]");
  const pending = form.closest("#verdict");
  if (!section || !pending || !pending.querySelector(".spinner")) return; // a known verdict stays
  pending.hidden = true;
  if (window.ocopOfflineAnswer) return window.ocopOfflineAnswer(location.href);
  const script = document.createElement("script");
  script.src = section.dataset.script;
  script.onload = () => window.ocopOfflineAnswer(location.href);
  document.head.append(script);
}

function recordScan() {
  const form = document.querySelector("[data-scan-form]");
  if (!form) return;
  if (!navigator.onLine) return answerOffline(form);
  form.addEventListener("htmx:sendError", () => answerOffline(form));
  // The answer is a cookie, so the settings page (/settings) can show and change it.
  const COOKIE = form.dataset.consentCookie;
  const consentBox = form.querySelector("[data-consent]");
  form.querySelectorAll("[data-nojs]").forEach((el) => (el.hidden = true));

  function stored() {
    const found = document.cookie.split("; ").find((pair) => pair.startsWith(COOKIE + "="));
    const answer = found ? found.slice(COOKIE.length + 1) : null;
    return answer === "yes" || answer === "no" ? answer : null;
  }

  function remember(answer) {
    const secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = `${COOKIE}=${answer}; path=/; max-age=31536000; samesite=lax${secure}`;
  }

  function send() {
    // htmx swaps the verdict in place; without it the form posts and the page reloads.
    if (!window.htmx) return form.requestSubmit();
    // This may run before htmx has processed the page (an answer stored earlier
    // sends at once): process the form first, or the trigger has no listener.
    window.htmx.process(form);
    window.htmx.trigger(form, "scan-ready");
  }

  function withPosition() {
    if (!navigator.geolocation) return send();
    navigator.geolocation.getCurrentPosition(
      (position) => {
        form.elements.lat.value = position.coords.latitude;
        form.elements.lon.value = position.coords.longitude;
        if (form.elements.accuracy && Number.isFinite(position.coords.accuracy)) {
          form.elements.accuracy.value = position.coords.accuracy;
        }
        form.elements.consent.value = "yes";
        send();
      },
      () => send(),
      { enableHighAccuracy: false, timeout: 6000, maximumAge: 300000 }
    );
  }

  function answer(choice) {
    remember(choice);
    consentBox.hidden = true;
    if (choice === "yes") withPosition();
    else send();
  }

  form.querySelectorAll("[data-consent-answer]").forEach((button) =>
    button.addEventListener("click", () => answer(button.dataset.consentAnswer))
  );
  const earlier = stored();
  if (earlier === "yes") withPosition();
  else if (earlier === "no") send();
  else consentBox.hidden = false;
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", recordScan);
else recordScan();

/* Share the story: the phone's own share sheet, else copy the link. */
function offerSharing() {
  const button = document.querySelector("[data-share]");
  if (!button) return;
  const status = document.querySelector("[data-share-status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    const url = button.dataset.url;
    if (navigator.share) {
      try {
        await navigator.share({ title: document.title, url });
        return;
      } catch (error) {
        if (error && error.name === "AbortError") return; // the visitor changed their mind
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = button.dataset.copied;
    } catch (error) {
      status.textContent = url;
    }
  });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", offerSharing);
else offerSharing();
