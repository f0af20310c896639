// Shared helpers of the end-to-end tests: a static server for dist/, Debian's
// Chromium through playwright-core, and a page that records every JS error.
import { createServer } from 'node:http';
import { execFileSync, spawn } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dist = join(root, 'dist');
export const artifacts = join(root, 'e2e', 'artifacts');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** trunk's content-hashed file names: cached for a year; everything else revalidated, as the README asks of a host. */
const HASHED = /-[0-9a-f]{1,16}(_bg)?\.(js|wasm|css)$/;

/**
 * Serves `dir` on a free loopback port as the README asks a host to:
 * `Cache-Control: no-cache` for the page, the service worker and the
 * manifest, a year for hashed files. Resolves to { url, close, deploy(dir):
 * serve another build from now on, down: true drops every request as a lost
 * network does (for the service worker too, which Playwright's setOffline
 * does not reach), refuse: paths starting so are dropped the same way }.
 */
export async function serveDist(dir = dist) {
  const site = { root: dir, down: false, refuse: [] };
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (site.down || site.refuse.some((prefix) => path.startsWith(prefix))) {
      req.socket.destroy();
      return;
    }
    const file = join(site.root, path === '/' ? 'index.html' : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': types[extname(file)] ?? 'application/octet-stream',
        'cache-control': HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return Object.assign(site, {
    url: `http://127.0.0.1:${port}/`,
    port,
    deploy: (next) => {
      site.root = next;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  });
}

/** No network, for the page and its service worker alike. */
export async function goOffline(context, server) {
  server.down = true;
  await context.setOffline(true);
}

/** The network back. */
export async function goOnline(context, server) {
  server.down = false;
  await context.setOffline(false);
}

/** A name of this computer that is not a secure context: http://kepu-forms.test:PORT/ has no service worker. */
export const INSECURE_HOST = 'kepu-forms.test';

/** Debian's Chromium, headless, with the flags a root sandbox with no internet needs. */
const CHROMIUM = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--host-resolver-rules=MAP ${INSECURE_HOST} 127.0.0.1`,
  ],
};

/** Chromium with fresh incognito-like contexts (newContext). */
export async function launch() {
  return chromium.launch(CHROMIUM);
}

/** Chromium with a profile in `dir`, as a user's own browser is (what installing an app needs); one context. */
export async function launchProfile(dir) {
  return chromium.launchPersistentContext(dir, {
    ...CHROMIUM,
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
    viewport: { width: 1100, height: 900 },
  });
}

/**
 * Chromium started on its own profile in `dir` as its own process group, driven over
 * the DevTools protocol, so a test can end it as a crash or a power cut does:
 * `kill()` sends SIGKILL to the whole group (no pagehide, no flush). Shanghai time.
 */
export async function startKillable(dir) {
  const child = spawn(
    CHROMIUM.executablePath,
    [...CHROMIUM.args, '--headless', '--remote-debugging-port=0', `--user-data-dir=${dir}`, 'about:blank'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TZ: 'Asia/Shanghai' } },
  );
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const endpoint = await new Promise((resolve, reject) => {
    let seen = '';
    child.stderr.on('data', (chunk) => {
      seen += chunk;
      const found = seen.match(/DevTools listening on (ws:\/\/\S+)/);
      if (found) resolve(found[1]);
    });
    child.on('exit', () => reject(new Error(`Chromium ended before it listened: ${seen}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  return {
    /** Opens `url` in the profile's window. */
    async open(url) {
      const context = browser.contexts()[0];
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      await page.getByRole('button', { name: '检查' }).first().waitFor();
      return page;
    },
    async kill() {
      process.kill(-child.pid, 'SIGKILL');
      await exited;
    },
  };
}

/** A fresh context as a user in China has it: Shanghai time, Chinese locale; `options` go to Playwright. */
export async function newContext(browser, options = {}) {
  return browser.newContext({
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
    acceptDownloads: true,
    viewport: { width: 1100, height: 900 },
    ...options,
  });
}

/** Opens the app in `context`; `page.errors` collects every uncaught error and console error. */
export async function openApp(context, url) {
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  await page.goto(url);
  await page.getByRole('button', { name: '检查' }).waitFor();
  return page;
}

/** Waits until `locator`'s text contains `text`; fails with the last text seen. */
export async function waitForText(locator, text, timeout = 5000) {
  try {
    await locator.filter({ hasText: text }).first().waitFor({ timeout });
  } catch (e) {
    const seen = await locator
      .first()
      .textContent()
      .catch(() => '(none)');
    throw new Error(`expected text ${JSON.stringify(text)}, saw ${JSON.stringify(seen)}`, { cause: e });
  }
}

export async function ensureArtifacts() {
  await mkdir(artifacts, { recursive: true });
  return artifacts;
}

/** The budget rows of the end-to-end tests: [支出项目, 内容说明, 单位, 数量, 单价]. */
export const BUDGET_ROWS = [
  ['宣传资料印制费', '科普折页', '份', '500', '1.2'],
  ['专家讲课费', '健康讲座', '场', '2', '¥800'],
  ['志愿者补贴', '', '人次', '10', '50.5元'],
];

/** The budget CSV of BUDGET_ROWS with funding 2,000 / 705 / blank, without the BOM. */
export const BUDGET_CSV =
  '序号,支出项目,内容说明,单位,数量,单价（元）,金额（元）,备注\r\n' +
  '1,宣传资料印制费,科普折页,份,500,1.20,600.00,\r\n' +
  '2,专家讲课费,健康讲座,场,2,800.00,1600.00,\r\n' +
  '3,志愿者补贴,,人次,10,50.50,505.00,\r\n' +
  '合计（元）,,,,,,2705.00,\r\n' +
  '合计（大写）,人民币贰仟柒佰零伍元整\r\n' +
  '申请市科协扶持（元）,2000.00\r\n' +
  '自筹（元）,705.00\r\n' +
  '其他（元）,\r\n';

/** Adds `rows` to the budget by their labels and fills the funding split. */
export async function fillBudget(page, rows = BUDGET_ROWS, funding = ['2,000', '705', '']) {
  const start = await page.locator('.budget-table tbody tr').count();
  for (const [i, cells] of rows.entries()) {
    await page.getByRole('button', { name: '添加一行' }).click();
    const n = start + i + 1;
    const labels = ['支出项目', '内容说明', '单位', '数量', '单价（元）'];
    for (const [j, value] of cells.entries()) {
      await page.locator('#page-shenbao').getByLabel(`${labels[j]} 第${n}行`, { exact: true }).fill(value);
    }
  }
  const sources = ['申请市科协扶持（元）', '自筹（元）', '其他（元）'];
  for (const [j, value] of funding.entries()) {
    await page.locator('#page-shenbao').getByLabel(sources[j], { exact: true }).fill(value);
  }
}

/** Runs axe-core on the page; resolves to one line per violation (none is the goal). */
export async function axeViolations(page) {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  if (!(await page.evaluate(() => Boolean(/** @type {any} */ (window).axe)))) {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  }
  return page.evaluate(async () => {
    const r = await /** @type {any} */ (window).axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Registers a server and a browser for the test file; `fresh(hash)` opens the app in a new context. */
export function useApp() {
  const app = {};
  before(async () => {
    app.server = await serveDist();
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  app.fresh = async (hash = '') => {
    const context = await newContext(app.browser);
    const page = await openApp(context, app.server.url + hash);
    return { context, page };
  };
  return app;
}

/** Every stored draft of `form` ('shenbao', 'tongji'), oldest id first, as { id, ...envelope }. */
export async function storedDrafts(page, form) {
  return page.evaluate((prefix) => {
    return Object.keys(localStorage)
      .filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes(':'))
      .sort()
      .map((k) => ({ id: k.slice(prefix.length), ...JSON.parse(localStorage.getItem(k)) }));
  }, `kepu-forms:${form}:draft:`);
}

/** The one stored draft of `form`; fails when there is not exactly one. */
export async function onlyDraft(page, form) {
  const drafts = await storedDrafts(page, form);
  if (drafts.length !== 1) throw new Error(`expected one ${form} draft, found ${drafts.length}`);
  return drafts[0];
}

/**
 * Prints as the browser does: print media, then `beforeprint`, which builds the print sheets;
 * once the print stylesheet the loader asks for when the form is editable has come.
 */
export async function toPrint(page) {
  await page.waitForFunction(() => [...document.styleSheets].some((s) => /\/print-[0-9a-f]+\.css$/.test(s.href ?? '')));
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.locator('.print-sheet .print-title').first().waitFor({ state: 'attached' });
}

/**
 * The page printed to `{name}.pdf` in the artifacts, as a user's 打印 would, with a PNG of its
 * first page (`{name}-print-1.png`) to look at; resolves to what pdftotext and pdfinfo read in it.
 * The page is back on screen after.
 */
export async function printed(page, name) {
  await toPrint(page);
  const dir = await ensureArtifacts();
  const pdf = join(dir, `${name}.pdf`);
  await writeFile(pdf, await page.pdf({ preferCSSPageSize: true }));
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(dir, `${name}-print`)]);
  await page.emulateMedia({ media: 'screen' });
  return {
    text: execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }),
    info: execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }),
  };
}

/** Puts `entries` ({ key: text }) into localStorage before the app first loads in each new tab of `context`, not on reloads. */
export async function seedStorage(context, entries) {
  await context.addInitScript((e) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
}

/** Fills localStorage to the brim with another site's data (keys `filler-…`), as a full disk leaves it. */
export async function fillStorage(page) {
  await page.evaluate(() => {
    // Largest pieces first, each size until it no longer fits, down to one character.
    let k = 0;
    for (let n = 1 << 20; n >= 1; n >>= 1) {
      const piece = 'x'.repeat(n);
      for (;;) {
        try {
          localStorage.setItem(`filler-${k++}`, piece);
        } catch {
          break;
        }
      }
    }
  });
}

/** The downloaded workbook as calamine reads it: { sheets: [{ name, rows, merged, formats }] }. */
export function readWorkbook(path) {
  const out = execFileSync('cargo', ['run', '--quiet', '-p', 'kepu-xlsx', '--example', 'read', '--', path], {
    encoding: 'utf8',
  });
  return JSON.parse(out);
}
