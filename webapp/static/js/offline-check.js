/* An answer without a connection: who issued a stamp, read from the producer's
   signature in its link (`?s=KID.SIGNATURE`, Ed25519 over "GTIN|lot|serial")
   and the public keys this phone keeps. It never says "genuine": a copied
   stamp carries the same signature, so the scan is queued to be checked
   against the scan history once the connection returns. */
"use strict";

(function () {
  const KEYS_URL = "/stamp-keys.json";
  const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const STAMP_PATH = /\/01\/(\d{8,14})(?:\/22\/[^/]+)?(?:\/10\/([^/]+))?\/21\/([^/]+)\/?$/;

  function fromBase32(text) {
    let bits = 0;
    let value = 0;
    const bytes = [];
    for (const char of text) {
      const index = BASE32.indexOf(char);
      if (index < 0) return null;
      value = (value << 5) | index;
      bits += 5;
      if (bits >= 8) {
        bytes.push((value >>> (bits - 8)) & 255);
        bits -= 8;
      }
    }
    return new Uint8Array(bytes);
  }

  function fromBase64url(text) {
    const binary = atob(text.replaceAll("-", "+").replaceAll("_", "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  }

  /* GTIN, lot, serial and signature of one of our stamp links, or null. */
  function stampOf(href) {
    let url;
    try {
      url = new URL(href, location.href);
    } catch (error) {
      return null;
    }
    const match = url.pathname.match(STAMP_PATH);
    if (!match || url.origin !== location.origin) return null;
    try {
      return {
        gtin: match[1].padStart(14, "0"),
        lot: match[2] ? decodeURIComponent(match[2]) : "",
        serial: decodeURIComponent(match[3]),
        signature: url.searchParams.get("s"),
      };
    } catch (error) {
      return null; // a malformed %-escape
    }
  }

  async function verify(jwk, signature, message) {
    let key;
    try {
      key = await crypto.subtle.importKey("jwk", { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, { name: "Ed25519" }, false, [
        "verify",
      ]);
    } catch (error) {
      return verifyInScript(jwk, signature, message);
    }
    return crypto.subtle.verify({ name: "Ed25519" }, key, signature, message);
  }

  /* Browsers whose WebCrypto has no Ed25519 yet use noble-ed25519, loaded only then. */
  async function verifyInScript(jwk, signature, message) {
    const ed = await import(document.querySelector("[data-offline-answer]").dataset.noble);
    return ed.verifyAsync(signature, message, fromBase64url(jwk.x), { zip215: false });
  }

  async function keySet() {
    // Through the service worker: the network when there is one, else the phone's copy.
    const response = await fetch(KEYS_URL, { credentials: "same-origin" });
    if (!response.ok) throw new Error("no key set");
    return response.json();
  }

  /* {state: "signed", producer, product} | {state: "mismatch"} | {state: "unchecked"} */
  async function check(href) {
    const stamp = stampOf(href);
    if (!stamp || !stamp.signature) return { state: "unchecked" };
    const [keyId, encoded = ""] = stamp.signature.split(".");
    const signature = fromBase32(encoded);
    let directory;
    try {
      directory = await keySet();
    } catch (error) {
      return { state: "unchecked" };
    }
    const candidates = directory.keys.filter((key) => key.kid === keyId);
    if (!candidates.length) return { state: "unchecked" }; // a producer this phone does not know yet
    if (!signature || signature.length !== 64) return { state: "mismatch" };
    const message = new TextEncoder().encode(`${stamp.gtin}|${stamp.lot}|${stamp.serial}`);
    for (const key of candidates) {
      let good = false;
      try {
        good = await verify(key, signature, message);
      } catch (error) {
        return { state: "unchecked" }; // no way to verify on this browser
      }
      if (!good) continue;
      const producer = directory.producers[key.org] || { name: "", products: {} };
      const names = producer.products[stamp.gtin] || {};
      const lang = document.documentElement.lang === "en" ? "en" : "vi";
      return { state: "signed", producer: producer.name, product: names[lang] || "" };
    }
    return { state: "mismatch" };
  }

  /* Shows the answer in the page's [data-offline-answer] section. */
  async function show(href) {
    const section = document.querySelector("[data-offline-answer]");
    if (!section) return null;
    const answer = await check(href);
    const title = section.querySelector("[data-answer-title]");
    if (answer.state === "signed") {
      const [before, after] = section.dataset.issuedText.split("PRODUCER");
      const name = document.createElement("strong");
      name.textContent = answer.producer;
      title.replaceChildren(before, name, after || "");
    } else {
      title.textContent = section.dataset[answer.state + "Title"];
    }
    section.querySelector("[data-answer-product]").textContent = answer.product || "";
    section.querySelectorAll("[data-when]").forEach((part) => {
      part.hidden = part.dataset.when !== answer.state;
    });
    section.dataset.state = answer.state;
    section.className = "banner " + (answer.state === "mismatch" ? "banner-warning" : "banner-info");
    section.hidden = false;
    return answer;
  }

  window.ocopOfflineCheck = check;
  window.ocopOfflineAnswer = show;
  window.ocopVerifyInScript = verifyInScript;

  // Keep the phone's copy of the keys fresh whenever there is a connection.
  if (navigator.onLine) keySet().catch(() => {});

  // The offline page stands in for a stamp link opened without a connection
  // (the phone's own camera app): answer for that link and queue its scan.
  const standIn = document.querySelector("[data-offline-stand-in]");
  if (standIn && stampOf(location.href)) {
    standIn.hidden = true;
    const code = location.pathname + location.search;
    if (window.ocopQueueScan) window.ocopQueueScan(code);
    show(location.href);
  }
})();
