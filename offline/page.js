// The page's side of the service worker (offline/sw.js), built into
// dist/offline.js. The page loads it once its form is editable and the browser
// idle, so a visit downloads nothing more before then than without it. It
// - registers the worker and asks it to keep every form, the open one first,
//   and says in the 草稿 panel whether the page works offline;
// - says there, once, that offline use needs HTTPS where no worker can run;
// - offers a new build (有新版本) and switches to it only when the user presses
//   立即更新, after the app saved every draft; another tab's switch is only told.
// It is plain DOM, like the loader: the app leaves it a line in the 草稿 panel
// (.drafts__offline) and exports save_drafts() for it.

import { KEEP_ALL, KEPT, OFFLINE_LINE_CLASS, SAVE_DRAFTS, SKIP_WAITING } from './contract.js';

/** Where the dismissal of the HTTPS note is kept (outside the drafts' keys, so no backup carries it). */
const HTTPS_NOTE_READ = 'kepu-forms-note:offline-https-read';
/** How often an open page asks whether a new build was deployed; it also asks when shown again and when back online. */
const CHECK_EVERY = 60 * 60 * 1000;
/** When forms are still missing while online: how long until the next try, and how many tries. */
const RETRY_AFTER = 5000;
const RETRIES = 12;

function button(label, onClick) {
  const b = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
  b.className = 'small';
  b.addEventListener('click', onClick);
  return b;
}

/** Shows `text` (and an action) in the 草稿 panel's offline line; nothing for an empty text. */
function say(text, action, note = false) {
  for (const line of document.querySelectorAll(`.${OFFLINE_LINE_CLASS}`)) {
    line.classList.toggle(`${OFFLINE_LINE_CLASS}--note`, note);
    line.replaceChildren(...(text ? [text] : []), ...(action ? [button(...action)] : []));
  }
}

/** Shows `text` (and an action) in the banner above the app; removes it for no text. */
function announce(text, action) {
  let banner = document.querySelector('.update-banner');
  if (!text) return banner?.remove();
  if (!banner) {
    banner = Object.assign(document.createElement('div'), { className: 'update-banner screen' });
    banner.setAttribute('role', 'status');
    document.body.prepend(banner);
  }
  const words = Object.assign(document.createElement('span'), { textContent: text });
  banner.replaceChildren(words, ...(action ? [button(...action)] : []));
}

function readNote() {
  try {
    localStorage.setItem(HTTPS_NOTE_READ, '1');
  } catch {
    // Not kept: the note comes back next time, nothing else is lost.
  }
  say('');
}

/**
 * Starts offline use for the page showing form `form`; `forms` is the site's
 * declaration (slug → { name }), `app` the app's wasm exports.
 */
export async function start({ form, forms, app }) {
  const saveDrafts = () => app[SAVE_DRAFTS]();
  if (!window.isSecureContext || !('serviceWorker' in navigator)) {
    let read = null;
    try {
      read = localStorage.getItem(HTTPS_NOTE_READ);
    } catch {
      // Storage refused: the app says so itself.
    }
    if (read === null) {
      say(
        '离线使用需要通过 HTTPS 打开本页。现在联网时一切照常，所填内容照样保存在本浏览器中。',
        ['知道了', readNote],
        true,
      );
    }
    return;
  }
  const workers = navigator.serviceWorker;
  // Set once the worker is active: asks for a new build, and for the forms still missing.
  let check = () => {};
  let missing = [];
  let again = null;
  let retries = 0;
  workers.addEventListener('message', (event) => {
    if (event.data?.type !== KEPT) return;
    missing = event.data.missing;
    const names = missing.map((slug) => `“${forms[slug]?.name ?? slug}”`).join('');
    say(
      names
        ? `${names}还没有保存到本机，断网时打不开；联网时会自动补全。`
        : '已保存到本机：断网时也能打开和填写各表单。',
    );
    // Online but something is still missing (a network that comes and goes): try again shortly, a few times.
    clearTimeout(again);
    retries = missing.length ? retries + 1 : 0;
    if (missing.length && navigator.onLine && retries <= RETRIES) again = setTimeout(() => check(), RETRY_AFTER);
  });
  workers.startMessages();

  // The first worker to take over a page of its own build is no switch.
  let controlled = Boolean(workers.controller);
  let asked = false;
  workers.addEventListener('controllerchange', () => {
    if (asked) {
      location.reload();
    } else if (controlled) {
      announce('新版本已在另一个标签页启用。本页仍是旧版本，草稿照常保存；重新载入即可使用新版本。', [
        '重新载入',
        () => {
          saveDrafts();
          location.reload();
        },
      ]);
    }
    controlled = true;
  });

  say('正在保存到本机，以便断网时使用……');
  let registration;
  try {
    registration = await workers.register('./sw.js');
  } catch (error) {
    say(`未能启用离线使用：${error.message ?? error}`);
    return;
  }

  const switchNow = () => {
    if (!saveDrafts()) {
      announce('草稿未能保存，暂不更新：请先处理表单上方的提示，再点“立即更新”。', ['立即更新', switchNow]);
      return;
    }
    announce('草稿已保存，正在载入新版本……');
    asked = true;
    // No worker waits: another tab switched first, the drafts are saved, so load the new build.
    if (registration.waiting) registration.waiting.postMessage({ type: SKIP_WAITING });
    else location.reload();
  };
  const offer = () => {
    // A worker installed while another serves the page is an update; the very first one is not.
    if (workers.controller && registration.waiting) {
      announce('有新版本：点“立即更新”会先保存草稿，再载入新版本。', ['立即更新', switchNow]);
    }
  };
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => worker.state === 'installed' && offer());
  });
  offer();

  const active = (await workers.ready).active;
  active.postMessage({ type: KEEP_ALL, first: form });
  check = () => {
    // Offline, the check fails; the next one tries again.
    registration.update().catch(() => {});
    if (missing.length) active.postMessage({ type: KEEP_ALL, first: form });
  };
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
  addEventListener('online', check);
  setInterval(check, CHECK_EVERY);
}
