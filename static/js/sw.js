// The pocket's service worker (docs/pages.md, "Offline and installing"), served at /sw.js so
// that its scope is the whole site. nightlife/views.py puts `SITE` above this file: the offline
// page of each language, the hashed static files to keep ahead, the static prefix, a version.
//
// Pages: network first, so a visitor online always gets the fresh page. Tonight's home page,
// the board and each venue and event page opened are saved as they arrive, stamped with when;
// offline, a page saved on this night (06:00-05:59, Asia/Shanghai) is served, never one from
// an earlier night: then the offline page, which lists what is saved. Static files: cache
// first (WhiteNoise names them by their content). The admin is left to the network.
const SAVED = "saved-pages"; // static/js/offline.js reads this cache too
const SHELL = "shell-" + SITE.version; // the offline pages and static files, per version
const SAVED_AT = "X-Saved-At"; // when a copy was saved, in ms since 1970
// What is kept: /, /transit/, /venues/<slug>/, /events/<slug>/, also under /en/.
const KEPT = /^(\/en)?\/((transit|venues\/[^/]+|events\/[^/]+)\/)?$/;
const WEEK = 7 * 24 * 3600 * 1000;

// The night a moment belongs to, as YYYY-MM-DD (core/nighttime.py night_of): shifted by
// SITE.nightShift (core/nighttime.py phone_shifts), UTC's date is the night's.
function nightOf(ms) {
  return new Date(ms + SITE.nightShift).toISOString().slice(0, 10);
}

self.addEventListener("install", (event) => {
  // The offline pages and what they need, before this worker takes over.
  event.waitUntil(caches.open(SHELL)
    .then((cache) => cache.addAll([...Object.values(SITE.offline), ...SITE.precache]))
    .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  // Drop an earlier version's shell (old hashed files); saved pages stay.
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== SAVED && name !== SHELL)
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

// A page that loaded before this worker took over was not saved as it arrived: the page tells
// the active worker its own address (static/js/pocket.js), which is fetched and kept, with
// tonight's home page and board in its language (SITE.tonight), so the first page a visitor
// lands on, and tonight's two, are there offline from the first visit.
self.addEventListener("message", (event) => {
  const landed = event.data && event.data.landed;
  if (typeof landed !== "string" || !landed.startsWith("/")) return;
  const language = landed.startsWith("/en/") ? "en" : "zh-hans";
  const paths = new Set([landed, ...SITE.tonight[language]]);
  event.waitUntil(Promise.all([...paths].filter((path) => KEPT.test(path)).map(keep)));
});

// Fetches a page and saves it as the fetch handler would; nothing when offline.
async function keep(path) {
  try {
    const response = await fetch(path, { credentials: "same-origin" });
    if (worthSaving(response, new URL(path, self.location.origin))) await save(path, response);
  } catch {
    // no network: nothing to keep
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const admin = self.location.origin + "/admin/";
  if (request.method !== "GET" || url.origin !== self.location.origin || request.url.startsWith(admin)
      || request.referrer.startsWith(admin)) {
    return; // the browser's own handling, never kept here: other sites, the admin and its files
  }
  if (url.pathname.startsWith(SITE.static)) {
    event.respondWith(staticFile(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  }
});

// A static file from the shell, else from the network (and kept: its name changes with it).
async function staticFile(request) {
  const cache = await caches.open(SHELL);
  const kept = await cache.match(request, { ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

// A page from the network, saved if it is one we keep; offline, tonight's copy or the offline page.
async function page(event, url) {
  try {
    const response = await fetch(event.request);
    if (worthSaving(response, url)) event.waitUntil(save(url.pathname, response.clone()));
    return response;
  } catch {  // no network
    const saved = await caches.open(SAVED).then((cache) => cache.match(url.pathname, { ignoreVary: true }));
    if (saved && nightOf(Number(saved.headers.get(SAVED_AT))) === nightOf(Date.now())) return saved;
    const language = url.pathname.startsWith("/en/") ? "en" : "zh-hans";
    return caches.open(SHELL).then((cache) => cache.match(SITE.offline[language]));
  }
}

// A public page as any visitor gets it: never an editor's (private) or a draft preview.
function worthSaving(response, url) {
  return response.status === 200 && KEPT.test(url.pathname)
    && (response.headers.get("Content-Type") || "").startsWith("text/html")
    && !/private|no-store/.test(response.headers.get("Cache-Control") || "");
}

// Stores the page with the moment the server sent it (its Date header: a copy the browser's
// own cache answered keeps the first answer's Date, never the moment it was copied), in a header
// for this worker and on <html> for static/js/pocket.js, which then says "saved at 21:14" and
// recounts the time left to each bus.
async function save(path, response) {
  const now = Date.now();
  const sent = Date.parse(response.headers.get("Date") || "");
  const savedAt = Number.isFinite(sent) ? Math.min(sent, now) : now;
  const html = (await response.text()).replace("<html", `<html data-saved-at="${savedAt}"`);
  const headers = new Headers(response.headers);
  headers.set(SAVED_AT, String(savedAt));
  headers.delete("Content-Length");
  const cache = await caches.open(SAVED);
  await cache.put(path, new Response(html, { status: 200, headers }));
  // A week of nights is enough to list; older copies only take room on the phone.
  for (const key of await cache.keys()) {
    const copy = await cache.match(key);
    if (now - Number(copy.headers.get(SAVED_AT)) > WEEK) await cache.delete(key);
  }
}
