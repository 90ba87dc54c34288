/* Reports written and stamps scanned without a connection wait on the phone
   (IndexedDB) and are sent, once each, when the connection returns. Loaded on
   every page, so the queue empties whichever page is open. */
"use strict";

(function () {
  if (!("indexedDB" in window)) return;
  const STORE = "reports";

  let opened = null; // one connection per page, opened on first use
  function database() {
    opened ||= new Promise((resolve, reject) => {
      const request = indexedDB.open("ocop-trace-outbox", 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        opened = null;
        reject(request.error);
      };
    });
    return opened;
  }

  async function withStore(mode, work) {
    const db = await database();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request && request.result);
      transaction.onerror = () => reject(transaction.error);
    });
  }

  const all = () => withStore("readonly", (store) => store.getAll());
  const fresh = () => crypto.randomUUID().replaceAll("-", "");
  const save = (item) => withStore("readwrite", (store) => store.put(item));
  const box = () => document.querySelector("[data-outbox]");

  function when(iso) {
    return new Date(iso).toLocaleString(document.documentElement.lang || undefined, {
      dateStyle: "short",
      timeStyle: "short",
    });
  }

  // What was sent stays listed a fortnight (with its reference or verdict), then goes.
  const KEEP_SENT_MS = 14 * 24 * 3600 * 1000;
  const remove = (key) => withStore("readwrite", (store) => store.delete(key));

  async function render() {
    const section = box();
    if (!section) return;
    const now = Date.now();
    const items = [];
    for (const item of await all()) {
      if (item.sentAt && now - Date.parse(item.sentAt) > KEEP_SENT_MS) await remove(item.key);
      else items.push(item);
    }
    items.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
    const list = section.querySelector("ul");
    list.replaceChildren();
    for (const item of items) {
      const line = document.createElement("li");
      if (item.kind === "scan") {
        line.append(scanLine(section, item));
        line.dataset.state = item.verdict ? "sent" : "waiting";
      } else if (item.reference) {
        const link = document.createElement("a");
        link.href = "/report/" + encodeURIComponent(item.reference);
        link.textContent = item.reference;
        line.append(section.dataset.sentText.replace("TIME", when(item.sentAt)) + " ", link);
        line.dataset.state = "sent";
      } else {
        line.textContent = section.dataset.waitingText.replace("TIME", when(item.savedAt));
        line.dataset.state = "waiting";
      }
      list.append(line);
    }
    section.hidden = items.length === 0;
  }

  function scanLine(section, item) {
    const serial = (item.code.match(/\/21\/([^/?#]+)/) || [, item.code])[1];
    if (!item.verdict) {
      return section.dataset.scanWaitingText.replace("TIME", when(item.savedAt)) + " " + serial;
    }
    const link = document.createElement("a");
    link.href = item.path;
    link.textContent = serial + ": " + item.headline;
    link.dataset.verdict = item.verdict;
    const span = document.createElement("span");
    span.append(section.dataset.scanCheckedText.replace("TIME", when(item.sentAt)) + " ", link);
    return span;
  }

  async function sendScan(item, token) {
    const body = new FormData();
    body.set("code", item.code);
    body.set("consent", "no");
    body.set("idempotency_key", item.key);
    body.set("csrf_token", token);
    const response = await fetch("/scan/record", {
      method: "POST",
      body,
      credentials: "same-origin",
      headers: { "HX-Request": "true" },
    });
    if (!response.ok) return;
    const html = new DOMParser().parseFromString(await response.text(), "text/html");
    const verdict = html.querySelector("[data-verdict]");
    if (!verdict) return;
    item.verdict = verdict.dataset.verdict;
    item.headline = (html.querySelector(".verdict-title") || verdict).textContent.trim();
    item.path = new URL(item.code, location.href).pathname;
    item.sentAt = new Date().toISOString();
    await save(item);
  }

  /* The scan page hands over codes read while offline (see scan.js), and the
     offline page the stamp link it stands in for; a code already waiting is
     kept once. */
  window.ocopQueueScan = async (code) => {
    const waiting = (await all()).some((item) => item.kind === "scan" && item.code === code && !item.verdict);
    if (!waiting) await save({ kind: "scan", key: fresh(), code, savedAt: new Date().toISOString() });
    render();
  };

  let flushing = false;
  async function flush() {
    if (flushing || !navigator.onLine) return;
    flushing = true;
    let waiting = [];
    try {
      waiting = (await all()).filter((item) => !item.reference && !item.verdict);
      if (!waiting.length) return;
      const answer = await fetch("/report/token", { cache: "no-store", credentials: "same-origin" });
      const token = (await answer.json()).csrf_token;
      for (const item of waiting) {
        if (item.kind === "scan") {
          await sendScan(item, token);
          continue;
        }
        const body = new FormData();
        for (const [name, value] of item.fields) body.append(name, value);
        body.set("csrf_token", token);
        const response = await fetch(item.action, { method: "POST", body, credentials: "same-origin" });
        const filed = response.url.match(/\/report\/(R-[A-Z0-9]+)/);
        if (response.ok && filed) {
          item.reference = filed[1];
          item.sentAt = new Date().toISOString();
          await save(item);
        }
      }
    } catch (error) {
      // Still offline, or the server is away: the items stay queued for next time.
    } finally {
      flushing = false;
      if (waiting.length) render(); // nothing waited: the list is as render() left it
    }
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-offline-queue]");
    if (!form || navigator.onLine) return;
    event.preventDefault();
    const keyField = form.querySelector("[name=idempotency_key]");
    const fields = [...new FormData(form).entries()].filter(
      ([, value]) => !(value instanceof File) || value.size > 0
    );
    await save({ key: keyField.value, action: form.action, fields, savedAt: new Date().toISOString() });
    keyField.value = fresh(); // the next report is a new one
    const notice = document.querySelector("[data-queued-notice]");
    if (notice) notice.hidden = false;
    window.scrollTo(0, 0);
    render();
  });

  // A page may come from the offline cache: every view gets its own key, so two
  // reports written from the same cached page are never taken for one.
  document
    .querySelectorAll("form[data-offline-queue] [name=idempotency_key]")
    .forEach((field) => (field.value = fresh()));

  window.addEventListener("online", flush);
  render().then(flush);
})();
