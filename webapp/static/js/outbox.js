/* Reports written and stamps scanned without a connection wait on the phone
   (IndexedDB) and are sent, once each, when the connection returns. Loaded on
   every page, so the queue empties whichever page is open.

   An item the server refuses (4xx: a report with no market, a photo too large,
   a code that is not ours) leaves the queue with the server's reason, its text
   kept to fix and send again. A busy server (429, 5xx) or a connection that
   fails is asked again later, less and less often. A scan keeps who made it and
   when: one made by signed-in staff is sent only while they are signed in, so
   it never counts as a shopper's. */
"use strict";

(function () {
  if (!("indexedDB" in window)) return;
  const STORE = "reports";
  const ROLE = "ocop-scan-role"; // staff's scan role, remembered for pages kept offline
  const FIRST_WAIT_MS = 60 * 1000;
  const LONGEST_WAIT_MS = 60 * 60 * 1000;

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
  const remove = (key) => withStore("readwrite", (store) => store.delete(key));
  const box = () => document.querySelector("[data-outbox]");

  /* The scan role of the staff member this page was rendered for, if any: such
     pages are never kept, so it is current. Remembered for pages that are. */
  function signedInRole() {
    const staff = document.querySelector("[data-scan-role]");
    return staff ? staff.dataset.scanRole : null;
  }
  function rememberedRole() {
    try {
      return localStorage.getItem(ROLE) || "shopper";
    } catch (error) {
      return "shopper";
    }
  }
  try {
    if (signedInRole()) localStorage.setItem(ROLE, signedInRole());
  } catch (error) {
    /* private mode: offline scans count as the page's */
  }
  document.addEventListener("submit", (event) => {
    if (!event.target.closest("form[data-clear-offline]")) return;
    try {
      localStorage.removeItem(ROLE);
    } catch (error) {
      /* nothing kept */
    }
  });

  const sent = (item) => Boolean(item.reference || item.verdict);
  const staffMade = (item) => item.kind === "scan" && item.role && item.role !== "shopper";
  const held = (item) => staffMade(item) && item.role !== signedInRole();
  const waitingUntil = (item) => (item.retryAt && Date.parse(item.retryAt) > Date.now() ? item.retryAt : null);
  const due = (item) => !sent(item) && !item.refused && !held(item) && !waitingUntil(item);

  function stateOf(item) {
    if (sent(item)) return "sent";
    if (item.refused) return "refused";
    if (held(item) && navigator.onLine) return "held"; // offline, it waits like any other
    if (waitingUntil(item) && item.retryWhy === "busy") return "retry";
    return "waiting";
  }

  function when(iso) {
    return new Date(iso).toLocaleString(document.documentElement.lang || undefined, {
      dateStyle: "short",
      timeStyle: "short",
    });
  }

  // What was sent or refused stays listed a fortnight, then goes; a refused
  // report stays until it is sent again or removed.
  const KEEP_SENT_MS = 14 * 24 * 3600 * 1000;
  const expired = (item) => {
    const done = item.sentAt || (item.kind === "scan" && item.refused && item.refused.at);
    return done && Date.now() - Date.parse(done) > KEEP_SENT_MS;
  };

  async function render() {
    const section = box();
    if (!section) return;
    const items = [];
    for (const item of await all()) {
      if (expired(item)) await remove(item.key);
      else items.push(item);
    }
    items.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
    const list = section.querySelector("ul");
    list.replaceChildren();
    for (const item of items) {
      const line = document.createElement("li");
      line.dataset.state = stateOf(item);
      line.append(...(item.kind === "scan" ? scanLine(section, item) : reportLine(section, item)));
      list.append(line);
    }
    section.hidden = items.length === 0;
  }

  const text = (section, name, item) =>
    section.dataset[name]
      .replace("TIME", when(item.savedAt))
      .replace("RETRY", item.retryAt ? when(item.retryAt) : "");

  function link(href, label) {
    const anchor = document.createElement("a");
    anchor.href = href;
    anchor.textContent = label;
    return anchor;
  }

  function discard(section, item) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button-link";
    button.textContent = section.dataset.discardText;
    button.addEventListener("click", () => remove(item.key).then(render));
    return button;
  }

  const reason = (section, item) => item.refused.reason || section.dataset.refusedUnknown;

  function reportLine(section, item) {
    if (item.reference) {
      const sentText = section.dataset.sentText.replace("TIME", when(item.sentAt));
      const line = [sentText + " ", link("/report/" + encodeURIComponent(item.reference), item.reference)];
      // The withdrawal secret is shown once by the server: this phone keeps it.
      if (item.secret) line.push(" · " + section.dataset.secretText + " " + item.secret);
      return line;
    }
    if (item.refused) {
      return [
        text(section, "refusedText", item) + " " + reason(section, item) + " ",
        link("/report/#restore=" + item.key, section.dataset.fixText),
        " ",
        discard(section, item),
      ];
    }
    return [text(section, stateOf(item) === "retry" ? "busyText" : "waitingText", item)];
  }

  function scanLine(section, item) {
    const serial = (item.code.match(/\/21\/([^/?#]+)/) || [, item.code])[1];
    if (item.verdict) {
      const checked = link(item.path, serial + ": " + item.headline);
      checked.dataset.verdict = item.verdict;
      return [section.dataset.scanCheckedText.replace("TIME", when(item.sentAt)) + " ", checked];
    }
    if (item.refused) {
      const line = text(section, "scanRefusedText", item) + " " + serial + ": " + reason(section, item);
      return [line + " ", discard(section, item)];
    }
    const name = { held: "scanHeldText", retry: "scanBusyText" }[stateOf(item)] || "scanWaitingText";
    return [text(section, name, item) + " " + serial];
  }

  /* The scan page hands over codes read while offline (see scan.js), and the
     offline page the stamp link it stands in for; a code already waiting is
     kept once. The scan keeps who made it and when. */
  window.ocopQueueScan = async (code) => {
    const waiting = (await all()).some((item) => item.kind === "scan" && item.code === code && !sent(item));
    if (!waiting) {
      const role = signedInRole() || rememberedRole();
      await save({ kind: "scan", key: fresh(), code, role, savedAt: new Date().toISOString() });
    }
    render();
  };

  function post(item, token) {
    const body = new FormData();
    if (item.kind === "scan") {
      body.set("code", item.code);
      body.set("consent", "no");
      body.set("idempotency_key", item.key);
      body.set("role", item.role || "shopper");
      body.set("scanned_at", item.savedAt);
    } else {
      for (const [name, value] of item.fields) body.append(name, value);
    }
    body.set("csrf_token", token);
    const action = item.kind === "scan" ? "/scan/record" : item.action;
    const headers = item.kind === "scan" ? { "HX-Request": "true" } : {};
    return fetch(action, { method: "POST", body, credentials: "same-origin", headers });
  }

  /* What the answer means for the item: sent, refused (with the server's
     words), held for its staff member, or asked again later. */
  async function settle(item, response) {
    const html = new DOMParser().parseFromString(await response.text(), "text/html");
    const filed = response.url.match(/\/report\/(R-[A-Z0-9]+)/);
    const verdict = html.querySelector("[data-verdict]");
    if (response.ok && item.kind === "scan" && verdict) {
      item.verdict = verdict.dataset.verdict;
      item.headline = (html.querySelector(".verdict-title") || verdict).textContent.trim();
      item.path = new URL(item.code, location.href).pathname;
      item.sentAt = new Date().toISOString();
    } else if (response.ok && filed) {
      item.reference = filed[1];
      const secret = html.querySelector(".withdraw-secret");
      if (secret) item.secret = secret.textContent.trim();
      item.sentAt = new Date().toISOString();
    } else if (staffMade(item) && (response.status === 401 || response.status === 403)) {
      return; // signed out meanwhile: held until they sign in again
    } else if (response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status)) {
      item.refused = { status: response.status, reason: reasonIn(html), at: new Date().toISOString() };
      delete item.retryAt;
    } else {
      return later(item, "busy", Number(response.headers.get("Retry-After")) * 1000 || 0);
    }
    await save(item);
  }

  /* The server's own words, in the visitor's language: the fields it marked,
     else its alert or heading. */
  function reasonIn(html) {
    const fields = [...html.querySelectorAll(".field-error")].map((error) => {
      const label = error.closest(".field, fieldset");
      const name = label && label.querySelector("label, legend");
      return (name ? name.textContent.trim() + ": " : "") + error.textContent.trim();
    });
    if (fields.length) return fields.join(" ");
    const alert = html.querySelector("main [role=alert], main h1");
    return alert ? alert.textContent.trim() : ""; // rendered as "the server did not accept it"
  }

  function later(item, why, atLeastMs) {
    item.tries = (item.tries || 0) + 1;
    const wait = Math.max(atLeastMs, Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (item.tries - 1)));
    item.retryAt = new Date(Date.now() + wait).toISOString();
    item.retryWhy = why;
    return save(item);
  }

  let flushing = false;
  let timer = null;
  async function flush() {
    if (flushing || !navigator.onLine) return;
    flushing = true;
    let sending = [];
    try {
      sending = (await all()).filter(due);
      if (!sending.length) return;
      const token = await freshToken();
      for (const item of sending) {
        let response;
        try {
          response = await post(item, token);
        } catch (error) {
          await later(item, "network", 0);
          continue;
        }
        await settle(item, response);
      }
    } catch (error) {
      // No token: still offline, or the server is away; the items stay queued.
    } finally {
      flushing = false;
      if (sending.length) render(); // nothing was due: the list is as render() left it
      wakeForNext();
    }
  }

  // While the page stays open, the next item waiting for its turn is tried then.
  async function wakeForNext() {
    const times = (await all()).map(waitingUntil).filter(Boolean).map(Date.parse);
    clearTimeout(timer);
    if (times.length) timer = setTimeout(() => render().then(flush), Math.min(...times) - Date.now() + 50);
  }

  // A connection that comes back is worth trying at once, whatever it failed with.
  window.addEventListener("online", async () => {
    for (const item of await all()) {
      if (item.retryWhy === "network" && item.retryAt) {
        delete item.retryAt;
        await save(item);
      }
    }
    flush();
  });

  async function freshToken() {
    const answer = await fetch("/report/token", { cache: "no-store", credentials: "same-origin" });
    return (await answer.json()).csrf_token;
  }

  /* Online, the form goes with a fresh token (the page may be the phone's copy,
     whose token has expired), and a refused report sent again from it leaves
     the list. Offline, it waits on the phone; brought back to be fixed, it keeps
     its key, so it replaces the refused one. */
  document.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-offline-queue]");
    if (!form) return;
    event.preventDefault();
    const keyField = form.querySelector("[name=idempotency_key]");
    if (navigator.onLine) {
      try {
        form.querySelector("[name=csrf_token]").value = await freshToken();
        const earlier = (await all()).find((item) => item.key === keyField.value);
        if (earlier && earlier.refused) await remove(earlier.key);
      } finally {
        form.submit();
      }
      return;
    }
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

  // For the report form, to bring a refused report back (report-restore.js).
  window.ocopOutbox = { find: async (key) => (await all()).find((item) => item.key === key) };

  render().then(flush);
})();
