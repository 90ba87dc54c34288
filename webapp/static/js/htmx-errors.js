/* Every htmx request ends visibly: when one fails (no connection, an error
   answer) the page says so in its own language and offers a way to retry,
   instead of leaving a spinner running. */
"use strict";

(function () {
  const template = document.getElementById("request-error");
  if (!template) return;
  const texts = template.dataset;

  // The server's own sentence (errors/http.html marks it), when it sent one.
  function serverMessage(xhr) {
    if (!xhr || !xhr.responseText) return "";
    const page = new DOMParser().parseFromString(xhr.responseText, "text/html");
    const said = page.querySelector("[data-error-message]");
    return said ? said.textContent.trim() : "";
  }

  function failure(event) {
    const xhr = event.detail.xhr;
    if (event.type !== "htmx:responseError") return { message: texts.offlineText, reload: false };
    // A refused request (an expired form…) would be refused again: reload for a fresh page.
    const refused = xhr.status < 500 && xhr.status !== 429;
    const fallback = refused ? texts.refusedText : texts.serverText;
    return { message: serverMessage(xhr) || fallback, reload: refused };
  }

  function waitingParts(event) {
    const config = event.detail.requestConfig || {};
    const scope = config.target || event.detail.target || event.detail.elt;
    return scope ? [...scope.querySelectorAll("[data-pending]")] : [];
  }

  function show(event) {
    const source = event.detail.elt;
    if (!source || !source.isConnected) return;
    const { message, reload } = failure(event);
    const config = event.detail.requestConfig || {};
    const waiting = waitingParts(event);
    clear(source);
    const box = template.content.firstElementChild.cloneNode(true);
    box.querySelector("[data-message]").textContent = message;
    const retry = box.querySelector("[data-retry]");
    retry.textContent = reload ? texts.reloadText : texts.retryText;
    retry.addEventListener("click", () => {
      if (reload) return location.reload();
      box.remove();
      waiting.forEach((part) => (part.hidden = false));
      window.htmx.ajax(config.verb, config.path, { source });
    });
    waiting.forEach((part) => (part.hidden = true));
    source.requestError = box;
    source.after(box);
  }

  function clear(source) {
    if (source.requestError) source.requestError.remove();
    source.requestError = null;
  }

  document.addEventListener("htmx:responseError", show);
  document.addEventListener("htmx:sendError", show);
  document.addEventListener("htmx:timeout", show);
  document.addEventListener("htmx:beforeRequest", (event) => clear(event.detail.elt));
})();
