// 科普表单's service worker, built into dist/sw.js: keeps every file of one
// build in the browser, so the page opens and works with no network after one
// visit, and a new build arrives whole, beside the old one, until the user
// switches to it. Its page side is offline/page.js.
//
// `make dist` (scripts/offline.mjs) puts the precache list in place of the
// manifest placeholder below, with Workbox's injectManifest: every file of
// dist/ but the compressed copies and this worker, each with the SHA-256 of
// its content.
//
// - A first install keeps the shell (the page, its styles, its page side, the
//   manifest and icons). The page registers the worker once its first form is
//   editable and the browser idle, then asks for the forms ('keep-all'), its
//   own first; a form not yet kept is fetched when asked for and kept then.
// - An update keeps the whole new build before it waits: files whose content
//   did not change are copied from the old cache, the rest fetched; anything
//   that does not match its SHA-256 (a deploy still under way) fails the install,
//   and the browser tries again later. It waits until the page sends
//   'skip-waiting' (the user pressed 立即更新), so an open page never mixes
//   files of two builds.
// - A part kept on use (the Excel engine) is kept once the page has used it ('keep-used').
// - Requests answer from the cache; what is not in the list goes to the network.

/**
 * This worker's global scope, with what the build puts in.
 * @type {ServiceWorkerGlobalScope & { __WB_MANIFEST: { url: string, revision: string, on_use?: boolean }[], __KEPU_CONTRACT: Record<string, string> }}
 */
const worker = /** @type {any} */ (self);

const ENTRIES = worker.__WB_MANIFEST;
/** What the page's scripts and this worker say: scripts/contract.js, put in by scripts/offline.mjs (a worker is no module). */
const { SKIP_WAITING, KEEP_ALL, KEEP_USED, KEPT } = worker.__KEPU_CONTRACT;

/** A short stable name of this build: FNV-1a of the list, so every change of any file names a new cache. */
const BUILD = (() => {
  let hash = 0x811c9dc5;
  for (const c of JSON.stringify(ENTRIES)) hash = Math.imul(hash ^ c.codePointAt(0), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
})();
const PREFIX = 'kepu-forms-';
const CACHE = PREFIX + BUILD;

/** Each entry's absolute URL, and the form it belongs to (the folder of a form's bundle; none for the shell). */
const FILES = ENTRIES.map(({ url, revision, on_use }) => ({
  url: new URL(url, worker.registration.scope).href,
  sha256: revision,
  // Kept when first asked for (the Excel engine), never ahead.
  onUse: Boolean(on_use),
  form: url.includes('/') && !on_use ? url.split('/')[0] : null,
}));
const BY_URL = new Map(FILES.map((f) => [f.url, f]));
const PAGE = new URL('index.html', worker.registration.scope).href;

async function sha256(response) {
  const digest = await crypto.subtle.digest('SHA-256', await response.clone().arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The file from the network, checked against its SHA-256; the browser's HTTP cache is tried first, then bypassed. */
async function download(file) {
  for (const cache of /** @type {RequestCache[]} */ (['default', 'reload'])) {
    const response = await fetch(file.url, { cache, credentials: 'same-origin' });
    if (response.ok && (await sha256(response)) === file.sha256) return response;
  }
  throw new Error(`${file.url}: not the file of this build (the site may be changing)`);
}

/**
 * Puts `file` into this build's cache, from an older build's cache when the
 * content is the same, else from the network unless `onlyKept`; true when it is there.
 */
async function keep(cache, file, onlyKept = false) {
  if (await cache.match(file.url)) return true;
  for (const name of await caches.keys()) {
    if (name === CACHE || !name.startsWith(PREFIX)) continue;
    const old = await (await caches.open(name)).match(file.url);
    if (old && (await sha256(old)) === file.sha256) {
      await cache.put(file.url, old);
      return true;
    }
  }
  if (onlyKept) return false;
  await cache.put(file.url, await download(file));
  return true;
}

async function keepAll(files) {
  const cache = await caches.open(CACHE);
  // What is kept when used stays kept across an update, if the content is the same.
  await Promise.all(files.map((file) => keep(cache, file, file.onUse)));
}

/** The forms not wholly kept yet, after trying to keep them (`first` first). */
async function keepForms(first) {
  const forms = [...new Set(FILES.map((f) => f.form).filter(Boolean))];
  forms.sort((a, b) => Number(b === first) - Number(a === first));
  const missing = [];
  for (const form of forms) {
    try {
      await keepAll(FILES.filter((f) => f.form === form));
    } catch {
      missing.push(form);
    }
  }
  return missing;
}

worker.addEventListener('install', (event) => {
  // An update is kept whole before it waits; a first install, only the shell.
  const files = worker.registration.active ? FILES : FILES.filter((f) => !f.form && !f.onUse);
  event.waitUntil(keepAll(files));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      // The page of a first visit runs this build already: from now on it is served from here.
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('message', (event) => {
  const { type, first } = event.data ?? {};
  if (type === SKIP_WAITING) {
    worker.skipWaiting();
  } else if (type === KEEP_USED) {
    // A part kept on use (the Excel engine) was just used: keep it for offline use.
    event.waitUntil(keepAll(FILES.filter((f) => f.onUse).map((f) => ({ ...f, onUse: false }))).catch(() => {}));
  } else if (type === KEEP_ALL) {
    event.waitUntil(
      keepForms(first).then((missing) => event.source?.postMessage({ type: KEPT, build: BUILD, missing })),
    );
  }
});

/** The cached file, or the network's (kept for next time). HEAD answers without the body. */
async function answer(file, request) {
  const cache = await caches.open(CACHE);
  let response = await cache.match(file.url);
  if (!response) {
    response = await download(file);
    await cache.put(file.url, response.clone());
  }
  return request.method === 'HEAD'
    ? new Response(null, { status: response.status, headers: response.headers })
    : response;
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' && request.method !== 'HEAD') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  // The page itself, by any of its addresses (the form is in the hash, which never reaches here).
  const asked =
    request.mode === 'navigate' && (url.href === worker.registration.scope || url.href === PAGE) ? PAGE : url.href;
  const file = BY_URL.get(asked);
  if (file) event.respondWith(answer(file, request));
});
