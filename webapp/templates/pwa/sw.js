/* OCOP Trace service worker: the app shell and visited pages work offline. */
"use strict";

// A hash of everything cached here: static files, templates and translations.
// Any deploy that changes what a kept page shows makes a new worker.
const VERSION = "{{ version }}";
const SHELL = "shell-" + VERSION; // the app's own pages, as this version renders them
const ASSETS = "assets"; // fingerprinted files (?v=hash): kept while a kept page uses them
const PAGES = "pages-v1"; // visited pages, kept across deploys, per language
const SHELL_PAGES = {{ shell_pages | tojson }};
const SHELL_FILES = {{ shell_files | tojson }};
// The scan page, its script and its decoder: kept once the scan page is opened.
const SCAN_URL = {{ scan | tojson }};
const SCAN_FILES = {{ scan_files | tojson }};
const DECODER_FILES = {{ decoder | tojson }};
const SIGNATURE_FALLBACK = {{ signature_fallback | tojson }};
const OFFLINE_URL = {{ offline | tojson }};
// Producers' public keys: an offline scan still says who issued a signed stamp.
const KEYS = "stamp-keys";
const KEYS_URL = {{ keys | tojson }};
const PREFS = "prefs"; // the language chosen, for pages opened offline
const DOSSIERS = {{ dossiers | tojson }}; // kept by inspectors, deleted on sign-out
const PAGE_LIMIT = 60;
// Only public pages are kept: never a staff page, a download or anything private.
const PUBLIC_PAGES = [/^\/$/, /^\/01\//, /^\/scan\/$/, /^\/report\/$/, /^\/report\/R-/, /^\/guide\//, /^\/check$/];
const STATIC_URL = /"(\/static\/[^"?]+\?v=[0-9a-f]+)"/g;
// The sign-out form: only pages rendered for signed-in staff carry it.
const STAFF_MARK = "data-clear-offline";
// RFC 8032's first test key: a browser that can import it verifies Ed25519 itself.
const ED25519_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

function keepable(request, response) {
  const path = new URL(request.url).pathname;
  const control = response.headers.get("Cache-Control") || "";
  return (
    response.ok &&
    response.type === "basic" &&
    // "private" forbids shared caches, not this phone's own: a story carries the
    // visitor's form token (private, no-cache) and is kept; staff pages say no-store.
    !/no-store/.test(control) &&
    !response.headers.has("Content-Disposition") &&
    PUBLIC_PAGES.some((pattern) => pattern.test(path))
  );
}

// Pages as anyone not signed in sees them, whoever is signed in when a new
// version installs: the shell never carries a staff member's name.
async function precachePages(urls) {
  const cache = await caches.open(SHELL);
  await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url, { credentials: "omit" });
      if (!response.ok) throw new Error(url + " answered " + response.status);
      await cache.put(url, response);
    })
  );
}

// Fingerprinted files never change under their URL: a copy this phone already
// has (an older version's cache, the page just loaded) is the right one.
async function precacheFiles(urls) {
  const cache = await caches.open(ASSETS);
  await Promise.all(
    urls.map(async (url) => {
      const copy = await caches.match(url);
      if (copy) return cache.put(url, copy);
      const response = await fetch(url, { cache: "force-cache" });
      if (!response.ok) throw new Error(url + " answered " + response.status);
      await cache.put(url, response);
    })
  );
}

async function verifiesEd25519() {
  const key = Uint8Array.from(ED25519_KEY.match(/../g), (byte) => parseInt(byte, 16));
  try {
    await crypto.subtle.importKey("raw", key, { name: "Ed25519" }, false, ["verify"]);
    return true;
  } catch (error) {
    return false;
  }
}

async function readsQrCodes() {
  try {
    return "BarcodeDetector" in self && (await self.BarcodeDetector.getSupportedFormats()).includes("qr_code");
  } catch (error) {
    return false;
  }
}

const savingData = () => Boolean(self.navigator.connection && self.navigator.connection.saveData);

// The scan page works offline once it has been opened: its public copy (the
// one just shown, unless it was rendered for staff), its script and, unless the
// browser reads QR codes itself or the visitor saves data, the decoder (which
// is also kept as soon as the camera uses it).
async function precacheScanPage(shown) {
  const page = shown
    ? caches.open(SHELL).then((cache) => cache.put(SCAN_URL, shown))
    : precachePages([SCAN_URL]);
  await Promise.all([page, precacheFiles(SCAN_FILES)]);
  if (!savingData() && !(await readsQrCodes())) await precacheFiles(DECODER_FILES);
}

async function precacheScanPageOnce(shown) {
  if (await (await caches.open(SHELL)).match(SCAN_URL)) return;
  await precacheScanPage(shown).catch(() => {}); // tried again next time the page opens
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    Promise.all([
      precachePages(SHELL_PAGES),
      precacheFiles(SHELL_FILES),
      verifiesEd25519().then((native) => native || precacheFiles([SIGNATURE_FALLBACK])),
      // A phone that has used the scan page keeps it across a deploy.
      caches.match(SCAN_URL).then((used) => used && precacheScanPage(null).catch(() => {})),
      caches.open(KEYS).then((cache) => cache.add(KEYS_URL)).catch(() => {}), // refreshed on use
    ]).then(() => self.skipWaiting())
  );
});

const KEPT = new Set([SHELL, ASSETS, PREFS, KEYS, DOSSIERS]);
const kept = (name) => KEPT.has(name) || name === PAGES || name.startsWith(PAGES + "-");

async function* htmlIn(names) {
  for (const name of names) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      if ((response.headers.get("Content-Type") || "").startsWith("text/html")) {
        yield { name, cache, request, html: await response.text() };
      }
    }
  }
}

// The files the pages kept on the phone use. A page rendered for signed-in
// staff, kept by an earlier version, is dropped on the way (dossiers excepted).
async function filesInUse(names) {
  const used = new Set(SHELL_FILES.map((url) => new URL(url, self.location).href));
  for await (const { name, cache, request, html } of htmlIn(names.filter((name) => name !== ASSETS))) {
    if (name !== DOSSIERS && html.includes(STAFF_MARK)) {
      await cache.delete(request);
      continue;
    }
    for (const match of html.matchAll(STATIC_URL)) used.add(new URL(match[1], self.location).href);
  }
  return used;
}

// An old version's caches go, but a story kept before a deploy still needs the
// stylesheet and scripts it was rendered with: those move to ASSETS first.
async function tidy() {
  const names = await caches.keys();
  const used = await filesInUse(names.filter(kept));
  const assets = await caches.open(ASSETS);
  for (const name of names.filter((name) => !kept(name))) {
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      if (used.has(request.url) && !(await assets.match(request))) {
        await assets.put(request, await old.match(request));
      }
    }
    await caches.delete(name);
  }
  for (const request of await assets.keys()) {
    if (!used.has(request.url)) await assets.delete(request);
  }
}

self.addEventListener("activate", (event) => {
  event.waitUntil(tidy().then(() => self.clients.claim()));
});

async function trimPages(name) {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - PAGE_LIMIT)).map((key) => cache.delete(key)));
}

// The page's language, read from its <html lang>: pages are kept per language.
async function languageOf(response) {
  const start = (await response.clone().text()).slice(0, 300);
  const match = start.match(/<html lang="([a-z]{2})"/);
  return match ? match[1] : null;
}

async function preferredLanguage() {
  const saved = await caches.match("/__prefs/lang", { cacheName: PREFS });
  return saved ? saved.text() : null;
}

async function page(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    const keep = keepable(request, response);
    if (keep) {
      // Kept per language: the same URL answers in either, and the cache key is the URL.
      const lang = await languageOf(response);
      const name = lang ? PAGES + "-" + lang : PAGES;
      await (await caches.open(name)).put(request, response.clone());
      trimPages(name);
    }
    if (response.ok && new URL(request.url).pathname === SCAN_URL) {
      event.waitUntil(precacheScanPageOnce(keep ? response.clone() : null));
    }
    return response;
  } catch (error) {
    // Pages vary on headers a navigation sends and a prefetch does not (Accept).
    const lang = await preferredLanguage();
    const bare = request.url.split("?")[0];
    const inLanguage = lang ? await caches.open(PAGES + "-" + lang) : null;
    const cached =
      (inLanguage && (await inLanguage.match(request, { ignoreVary: true }))) ||
      (await caches.match(request, { ignoreVary: true })) ||
      (await caches.match(bare, { ignoreVary: true }));
    return cached || caches.match(OFFLINE_URL);
  }
}

async function keySet(request) {
  const cache = await caches.open(KEYS);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(KEYS_URL, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(KEYS_URL);
    if (kept) return kept;
    throw error;
  }
}

async function asset(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  try {
    const response = await fetch(request);
    if (response.ok && new URL(request.url).searchParams.has("v")) {
      const cache = await caches.open(ASSETS);
      cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    // Offline, a page kept by a version older than this worker: the file's
    // current version is the closest there is.
    const other = await caches.match(request, { ignoreSearch: true });
    if (other) return other;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (url.pathname === KEYS_URL) {
    event.respondWith(keySet(request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(asset(request));
  }
});
