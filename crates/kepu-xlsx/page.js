// The page's side of 导出Excel, built into dist/excel.js and loaded by the
// page once its form is editable and the browser idle: it puts a 导出Excel
// button after each CSV button the app marks (`data-excel`: the export's key,
// `form` or `budget`; `data-excel-label`: the Excel button's text, both from
// the form's description, kepu_core::form::Export), in place of the unseen
// copy that keeps its room (`data-excel-room`), and a status line under the toolbar. The Excel
// engine (this crate as WebAssembly, in a worker: worker.js) is fetched only
// on the first click and builds the workbook off the main thread. Plain DOM,
// like offline.js, so the page carries none of it before its first field;
// the app exports open_draft() for it.

import {
  EXCEL_ROOM_ATTR,
  EXPORT_KEY_ATTR,
  EXPORT_LABEL_ATTR,
  KEEP_USED,
  OPEN_DRAFT,
  TOOLBAR_ROLE,
} from './contract.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The worker, started on first use; a new one after it failed to load. */
let worker = null;

/** Asks the worker for the workbook of `message`; resolves to { name, bytes }. */
function build(url, message) {
  return new Promise((resolve, reject) => {
    worker ??= new Worker(url, { type: 'module' });
    worker.onmessage = ({ data }) => (data.error ? reject(new Error(data.error)) : resolve(data));
    worker.onerror = (event) => {
      event.preventDefault();
      worker = null;
      reject(new Error('Excel组件未能载入：需要联网一次，或网站刚刚更新，请稍后重试'));
    };
    worker.postMessage(message);
  });
}

/** Today in the user's time zone, as 2024-04-15. */
function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Hands the user `bytes` as the file `name`. */
function download(name, bytes) {
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_MIME }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The status line under `toolbar`, made on first use. */
function statusLine(toolbar) {
  let line = toolbar.nextElementSibling;
  if (!line?.classList.contains('excel-status')) {
    line = Object.assign(document.createElement('p'), { className: 'excel-status' });
    line.setAttribute('role', 'status');
    toolbar.after(line);
  }
  return line;
}

/** Starts 导出Excel for the page showing form `form`, with the worker at `excel` and the app's exports `app`. */
export function start({ form, excel, app }) {
  if (!excel) {
    // A site built without the Excel engine: no Excel buttons, so no room for them.
    for (const room of document.querySelectorAll(`[${EXCEL_ROOM_ATTR}]`)) room.remove();
    return;
  }
  for (const csv of document.querySelectorAll(`button[${EXPORT_KEY_ATTR}]`)) {
    const what = csv.getAttribute(EXPORT_KEY_ATTR);
    const button = Object.assign(document.createElement('button'), {
      type: 'button',
      textContent: csv.getAttribute(EXPORT_LABEL_ATTR),
    });
    const room = csv.nextElementSibling;
    if (room?.hasAttribute(EXCEL_ROOM_ATTR)) room.replaceWith(button);
    else csv.after(button);
    button.addEventListener('click', async () => {
      const say = (text) =>
        (statusLine(button.closest(`[role=${TOOLBAR_ROLE}]`) ?? button.parentElement).textContent = text);
      const draft = app[OPEN_DRAFT](form);
      if (!draft) return say('未能导出Excel：本页没有打开的草稿。');
      button.disabled = true;
      say('正在生成Excel文件……');
      try {
        const { name, bytes } = await build(excel, { slug: form, what, draft, today: today() });
        download(name, bytes);
        say(`已导出“${name}”。`);
        // Used once: the service worker keeps the engine, so the next export works offline too.
        navigator.serviceWorker?.controller?.postMessage({ type: KEEP_USED });
      } catch (error) {
        say(`未能导出Excel：${error.message}。导出CSV不受影响。`);
      } finally {
        button.disabled = false;
      }
    });
  }
}
