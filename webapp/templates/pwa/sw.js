/* OCOP Trace service worker: the app shell and visited pages work offline. */
"use strict";

const VERSION = "{{ version }}";
const SHELL = "shell-" + VERSION;
const DECODER = "decoder-" + VERSION;
const PAGES = "pages-v1"; // visited stories outlive deploys; their assets are re-fetched
const SHELL_URLS = {{ shell | tojson }};
const DECODER_URLS = {{ decoder | tojson }};
const OFFLINE_URL = {{ offline | tojson }};
// Producers' public keys: an offline scan still says who issued a signed stamp.
const KEYS = "stamp-keys";
const KEYS_URL = {{ keys | tojson }};
const PREFS = "prefs"; // the language chosen, for pages opened offline
const DOSSIERS = {{ dossiers | tojson }}; // kept by inspectors, deleted on sign-out
const PAGE_LIMIT = 60;
// Only public pages are kept: never a staff page, a download or anything private.
const PUBLIC_PAGES = [/^\/$/, /^\/01\//, /^\/scan\/$/, /^\/report\/$/, /^\/report\/R-/, /^\/guide\//, /^\/check$/];

function keepable(request, response) {
  const path = new URL(request.url).pathname;
  const control = response.headers.get("Cache-Control") || "";
  return (
    response.ok &&
    response.type === "basic" &&
    !/no-store|private/.test(control) &&
    !response.headers.has("Content-Disposition") &&
    PUBLIC_PAGES.some((pattern) => pattern.test(path))
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    Promise.all([
      caches.open(SHELL).then((cache) => cache.addAll(SHELL_URLS)),
      caches.open(DECODER).then((cache) => cache.addAll(DECODER_URLS)),
      caches.open(KEYS).then((cache) => cache.add(KEYS_URL)).catch(() => {}), // refreshed on use
    ]).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  const keep = new Set([SHELL, DECODER, PAGES, PREFS, KEYS, DOSSIERS]);
  const kept = (name) => keep.has(name) || name.startsWith(PAGES + "-");
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => !kept(name)).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
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

async function page(request) {
  try {
    const response = await fetch(request);
    if (keepable(request, response)) {
      // Kept per language: the same URL answers in either, and the cache key is the URL.
      const lang = await languageOf(response);
      const name = lang ? PAGES + "-" + lang : PAGES;
      await (await caches.open(name)).put(request, response.clone());
      trimPages(name);
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
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(SHELL);
    cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request));
  } else if (url.pathname === KEYS_URL) {
    event.respondWith(keySet(request));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(asset(request));
  }
});
