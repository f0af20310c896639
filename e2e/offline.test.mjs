// After one visit the page works with no network: the service worker keeps
// every form; a form not kept yet says it needs the network once, with 重试;
// the page is installable; where no service worker can run, it says so once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  useApp,
  newContext,
  openApp,
  waitForText,
  toPrint,
  goOffline,
  goOnline,
  axeViolations,
  INSECURE_HOST,
  launchProfile,
} from './app.mjs';
import { OFFLINE_LINE_CLASS } from '../scripts/contract.js';

const app = useApp();

/** Waits until the 草稿 panel says every form is kept in the browser. */
async function kept(page, slug = 'shenbao') {
  await waitForText(
    page.locator(`#page-${slug} .${OFFLINE_LINE_CLASS}`),
    '已保存到本机：断网时也能打开和填写各表单。',
    30000,
  );
}

/** Resolves once the page loaded offline.js (at idle, after its form was editable) and started it. */
async function offlineStarted(page) {
  await page.waitForFunction(() => performance.getEntriesByName(new URL('offline.js', location.href).href).length > 0);
  // The loader asked for the module first, so its start() has run when the same import resolves here.
  await page.evaluate(() => import('./offline.js'));
}

const menu = (page, name) => page.getByRole('navigation', { name: '表单' }).getByRole('link', { name, exact: true });

/** Each form: its slug, menu name, a field to type into and what to type. */
const FORMS = [
  ['tongji', '活动统计表', '填报单位', '柳城县科协'],
  ['renwu', '任务分解表', '单位', '插旗镇'],
  ['anpai', '重点活动安排表', '单位', '柳州市科协'],
  ['huizong', '汇总', '汇总单位', '柳州市科协'],
];

test('a first visit downloads nothing for offline use before its first field is editable', async () => {
  const context = await newContext(app.browser);
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const field = document.getElementById('district');
      if (field && !field.disabled) {
        window.firstField = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await openApp(context, app.server.url);
  await kept(page);
  const { firstField, before, offline, print } = await page.evaluate(() => {
    const entries = performance.getEntriesByType('resource');
    return {
      firstField: window.firstField,
      before: entries.filter((e) => e.startTime <= window.firstField).map((e) => new URL(e.name).pathname),
      offline: entries.find((e) => e.name.endsWith('/offline.js'))?.startTime,
      print: entries.find((e) => /\/print-[0-9a-f]+\.css$/.test(e.name))?.startTime,
    };
  });
  assert.ok(firstField > 0);
  const named = (p) => p.replace(/-[0-9a-f]+(_bg)?\./, '-#$1.').replace(/(snippets\/kepu-forms)-[0-9a-f]+/, '$1-#');
  assert.deepEqual(before.map(named).sort(), [
    '/main-#.css',
    '/shenbao/kepu-forms-#.js',
    '/shenbao/kepu-forms-#_bg.wasm',
    '/shenbao/snippets/kepu-forms-#/src/browser/durable.js',
    // What fetches the parts loaded on use (ui::later), imported by the glue; the parts come later.
    '/shenbao/split-#.js',
  ]);
  assert.ok(
    offline > firstField,
    `offline.js asked for at ${offline} ms, the first field editable at ${firstField} ms`,
  );
  assert.ok(print > firstField, `print.css asked for at ${print} ms, the first field editable at ${firstField} ms`);
  await context.close();
});

test('after one visit every form opens, keeps drafts, checks, prints and exports with no network', async () => {
  const context = await newContext(app.browser);
  const page = await openApp(context, app.server.url);
  await kept(page);
  await goOffline(context, app.server);
  assert.equal(await page.evaluate(() => navigator.onLine), false);

  await page.reload();
  const scope = page.locator('#page-shenbao');
  const community = scope.getByLabel('社区名称', { exact: true });
  await community.fill('河东社区');
  await waitForText(scope.locator('.save-status'), '已保存');
  await page.reload();
  assert.equal(await community.inputValue(), '河东社区', 'the draft survives an offline reload');

  await scope.getByRole('button', { name: '检查' }).click();
  const summary = page.getByRole('alert').filter({ hasText: '检查发现' });
  await summary.waitFor();
  assert.match(await summary.locator('h2').textContent(), /^检查发现 \d+ 个问题/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('button', { name: '导出CSV', exact: true }).click(),
  ]);
  const csv = (await readFile(await download.path())).toString('utf8');
  assert.ok(csv.startsWith('\ufeff年度,所在城区,社区名称,'), csv.slice(0, 40));
  assert.match(csv.split('\r\n')[1], /^\d{4},,河东社区,/);

  await toPrint(page);
  assert.match(await page.locator('.print-sheet').first().textContent(), /河东社区/);
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));

  for (const [slug, name, label, value] of FORMS) {
    await Promise.all([page.waitForEvent('load'), menu(page, name).click()]);
    const form = page.locator(`#page-${slug}`);
    const field = form.getByLabel(label, { exact: true });
    await field.fill(value);
    await waitForText(form.locator('.save-status'), '已保存');
    await page.reload();
    assert.equal(await field.inputValue(), value, `${name}: the draft survives an offline reload`);
    await form.getByRole('button', { name: '检查' }).click();
    await page.getByRole('alert').filter({ hasText: '检查' }).first().waitFor();
  }
  assert.deepEqual(page.errors, []);
  await goOnline(context, app.server);
  await context.close();
});

test('a form not yet kept says it needs the network once, with 重试, in the app and from a bookmark', async () => {
  const context = await newContext(app.browser);
  app.server.refuse = ['/tongji/'];
  const page = await openApp(context, app.server.url);
  await waitForText(page.locator(`#page-shenbao .${OFFLINE_LINE_CLASS}`), '“活动统计表”还没有保存到本机', 30000);
  await page.getByLabel('社区名称', { exact: true }).fill('河东社区');
  await goOffline(context, app.server);

  await menu(page, '活动统计表').click();
  const alert = page.getByRole('alert').filter({ hasText: '未能打开“活动统计表”' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /这张表还没有保存到本机，需要联网打开一次/);
  assert.equal(await page.getByLabel('社区名称', { exact: true }).inputValue(), '河东社区', 'the open form stays');

  // A bookmark of the 统计表, opened in another tab: the page comes from the worker, the form cannot.
  const other = await context.newPage();
  await other.goto(app.server.url + '#tongji');
  const failed = other.getByRole('alert').filter({ hasText: '表单未能载入' });
  await failed.waitFor();
  assert.match(await failed.textContent(), /“活动统计表”还没有保存到本机，需要联网打开一次/);
  assert.equal(await other.evaluate(() => document.activeElement?.textContent), '重试');

  app.server.refuse = [];
  await goOnline(context, app.server);
  // Back online, the open page asks the worker again for what it still misses (and again, a few times, until it has it).
  await waitForText(
    page.locator(`#page-shenbao .${OFFLINE_LINE_CLASS}`),
    '已保存到本机：断网时也能打开和填写各表单。',
    70000,
  );
  await failed.getByRole('button', { name: '重试' }).click();
  await other.locator('#page-tongji').getByRole('button', { name: '添加活动' }).waitFor();
  await Promise.all([page.waitForEvent('load'), alert.getByRole('button', { name: '重试' }).click()]);
  await page.locator('#page-tongji').getByRole('button', { name: '添加活动' }).waitFor();
  await context.close();
});

/** Width and height of a PNG, from its IHDR. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('Chromium can install the page: manifest, icons, standalone, and axe stays clean', async () => {
  // Not in an incognito context, where Chromium installs nothing.
  const profile = await mkdtemp(join(tmpdir(), 'kepu-profile-'));
  const context = await launchProfile(profile);
  const page = await openApp(context, app.server.url);
  await kept(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const { data, errors } = await cdp.send('Page.getAppManifest');
  assert.deepEqual(errors, []);
  const manifest = JSON.parse(data);
  assert.equal(manifest.name, '科普表单');
  assert.equal(manifest.short_name, '科普表单');
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.theme_color, '#123a63');
  const sizes = {};
  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
    const response = await context.request.get(new URL(icon.src, app.server.url).href);
    sizes[`${icon.src}${icon.purpose ? ` (${icon.purpose})` : ''}`] = pngSize(await response.body()).join('x');
  }
  assert.deepEqual(sizes, {
    'icon-192.png': '192x192',
    'icon-512.png': '512x512',
    'icon-maskable-512.png (maskable)': '512x512',
  });
  assert.equal(await page.locator('meta[name="theme-color"]').getAttribute('content'), '#123a63');
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
  await rm(profile, { recursive: true, force: true });
});

test('over plain http on another host there is no service worker: the page works and says once that offline use needs HTTPS', async () => {
  const context = await newContext(app.browser);
  const url = `http://${INSECURE_HOST}:${app.server.port}/`;
  const page = await openApp(context, url);
  assert.equal(await page.evaluate(() => window.isSecureContext || 'serviceWorker' in navigator), false);
  const note = page.locator(`#page-shenbao .${OFFLINE_LINE_CLASS}`);
  await waitForText(note, '离线使用需要通过 HTTPS 打开本页。现在联网时一切照常，所填内容照样保存在本浏览器中。');
  const said = page.locator(`.${OFFLINE_LINE_CLASS}:not(:empty)`);
  assert.equal(await said.count(), 1, 'said in one place');
  await page.getByLabel('社区名称', { exact: true }).fill('河东社区');
  await waitForText(page.locator('#page-shenbao .save-status'), '已保存');
  assert.deepEqual(await axeViolations(page), []);
  await note.getByRole('button', { name: '知道了' }).click();
  await page.reload();
  assert.equal(await page.getByLabel('社区名称', { exact: true }).inputValue(), '河东社区');
  await offlineStarted(page);
  assert.equal(await said.count(), 0, 'not said again');
  assert.deepEqual(page.errors, []);
  await context.close();
});
