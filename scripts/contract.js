// The names the app (Rust, src/contract.rs) and its JavaScript share: each
// written once there and once here; a Rust test reads this file to check that
// they agree. Also what the page's scripts and the service worker say to each
// other. Copied into the site as contract.js (scripts/offline.mjs), where
// offline.js and excel.js import it; the build's scripts and the tests import it from here.

/** Id of the `<script type="application/json">` that declares the site. */
export const SITE_SCRIPT_ID = 'site';
/** Class of the empty line in the 草稿 panel that offline.js writes into. */
export const OFFLINE_LINE_CLASS = 'drafts__offline';
/** Attribute of a CSV button naming its export: excel.js puts an Excel button after it. */
export const EXPORT_KEY_ATTR = 'data-excel';
/** Attribute of a CSV button holding its Excel button's text. */
export const EXPORT_LABEL_ATTR = 'data-excel-label';
/** Attribute of the unseen stand-in after each CSV button that keeps its Excel button's room. */
export const EXCEL_ROOM_ATTR = 'data-excel-room';
/** Role of the toolbar under which excel.js puts its status line. */
export const TOOLBAR_ROLE = 'toolbar';
/** The window event that makes the app panic, for the test of the error screen. */
export const TEST_PANIC_EVENT = 'kepu-forms-test-panic';
/** The wasm export that writes every open draft now. */
export const SAVE_DRAFTS = 'save_drafts';
/** What separates a form from what its address carries for it (`#ziding/…`, a shared table). */
export const HASH_ARGUMENT = '/';
/** The window event the app sends once it is on the page: the loader then loads offline.js and excel.js. */
export const APP_READY_EVENT = 'kepu-forms-ready';
/** The wasm export that gives the open draft of a form as stored text. */
export const OPEN_DRAFT = 'open_draft';

// What the page's scripts and the service worker say to each other (a
// worker cannot import a module: scripts/offline.mjs puts these into sw.js).
/** Page → worker: take over now (立即更新). */
export const SKIP_WAITING = 'skip-waiting';
/** Page → worker: keep every form, this one first. */
export const KEEP_ALL = 'keep-all';
/** Page → worker: keep the Excel engine, used once. */
export const KEEP_USED = 'keep-used';
/** Worker → page: what it kept, and which forms are still missing. */
export const KEPT = 'kept';
