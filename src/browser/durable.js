// @ts-check
// The drafts' durable copy: IndexedDB, each write a transaction with
// durability 'strict', so once it completes the text is on disk; a browser
// killed, a power cut or a phone's OS ending the app keeps it. localStorage,
// which the page reads, writes its file seconds later and loses the last
// seconds typed on a crash: at start the page puts back from here what a
// crash took (src/browser/durable.rs). Kept in JavaScript: the same in Rust
// cost every form's first visit about 8 KB of wasm.

const DB = 'kepu-forms';
const STORE = 'drafts';

/** @type {Promise<IDBDatabase> | null} */
let opened = null;
/** Writes on their way to disk, by key. @type {Map<string, number>} */
const inFlight = new Map();
/** @type {Set<Promise<unknown>>} */
const pending = new Set();

/** @returns {Promise<IDBDatabase>} */
function database() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB blocked'));
  });
  return opened;
}

/**
 * Keeps `text` under `key` (removes `key` when `text` is null) in one strict transaction.
 * @param {IDBDatabase} db
 * @param {string} key
 * @param {string | null} text
 * @returns {Promise<void>}
 */
function write(db, key, text) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
    if (text === null) tx.objectStore(STORE).delete(key);
    else tx.objectStore(STORE).put(text, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * Where localStorage stands: `closed` once a page went away tidily (its drafts
 * written on pagehide), `open`
 * while one runs. localStorage reaches the disk in order, so `closed` there means
 * every write before it did too; anything else after a start means a crash may
 * have taken its last writes. Outside the drafts' prefix: not a draft, not backed up.
 */
const PAGE_STATE = 'kepu-forms-page';

/**
 * Before the app starts. After a tidy close localStorage is complete: the copy here
 * follows it (a write the closing page could not finish here). After a crash, what
 * reached the disk here wins: every text here that localStorage holds differently
 * is put back into it. A text here that localStorage lacks is put back either way. What only localStorage holds under
 * `prefix` (drafts from before this copy existed) is copied here. Rejects without IndexedDB.
 * @param {string} prefix
 * @returns {Promise<void>}
 */
export async function durableRestore(prefix) {
  const db = await database();
  const kept = await new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, 'readonly');
    const keys = tx.objectStore(STORE).getAllKeys();
    const texts = tx.objectStore(STORE).getAll();
    tx.oncomplete = () => resolve(new Map(keys.result.map((key, i) => [String(key), String(texts.result[i])])));
    tx.onerror = () => reject(tx.error);
  });
  const tidy = localStorage.getItem(PAGE_STATE) === 'closed';
  for (const [key, text] of kept) {
    const stored = localStorage.getItem(key);
    if (stored === text) continue;
    // After a tidy close a draft missing from localStorage comes back all the same: it may
    // be one localStorage had no room for, and a draft deleted just before is a lesser harm.
    if (tidy && stored !== null) {
      void durablePut(key, stored).catch(() => {});
    } else {
      try {
        localStorage.setItem(key, text);
      } catch {
        // localStorage full: the draft stays on disk here and comes back once there is room.
      }
    }
  }
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(prefix) && !kept.has(key)) void durablePut(key, localStorage.getItem(key)).catch(() => {});
  }
  markPage('open');
  addEventListener('pageshow', () => markPage('open'));
}

/** The page goes away tidily, its drafts written to localStorage (called last on pagehide). */
export function durableClosed() {
  markPage('closed');
}

/**
 * Says where localStorage stands (see PAGE_STATE); a full or refused localStorage says nothing.
 * @param {'open' | 'closed'} state
 */
function markPage(state) {
  try {
    if (localStorage.getItem(PAGE_STATE) !== state) localStorage.setItem(PAGE_STATE, state);
  } catch {
    // Then a start trusts the copy here, as after a crash.
  }
}

/**
 * Keeps `text` under `key` (removes it when null); resolves once on disk, to whether
 * later writes of `key` are still on their way.
 * @param {string} key
 * @param {string | null} text
 * @returns {Promise<boolean>}
 */
export async function durablePut(key, text) {
  // Before localStorage gets this write (the page calls this first): another tab's tidy
  // close must not make a start after a crash trust a localStorage that missed it.
  markPage('open');
  inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
  const start = performance.now();
  const done = database().then((db) => write(db, key, text));
  pending.add(done);
  try {
    await done;
    // Read by make bench: how long a write takes to reach the disk.
    performance.measure('kepu-forms:durable-write', { start });
  } finally {
    pending.delete(done);
    const left = (inFlight.get(key) ?? 1) - 1;
    if (left > 0) inFlight.set(key, left);
    else inFlight.delete(key);
  }
  return inFlight.has(key);
}

/** Resolves once every write made so far has reached the disk or failed: before a reload. */
export async function durableSettled() {
  await Promise.allSettled([...pending]);
}
