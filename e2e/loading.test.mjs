// A first visit downloads the shell and the form its address names; a part
// that fails to load leaves a Chinese message with 重试, never a dead page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newContext, openApp, onlyDraft } from './app.mjs';

const app = useApp();

/** The paths of every wasm and JS file `page` requested. */
function recordBundles(page) {
  const seen = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\.(wasm|js)$/.test(path)) seen.push(path);
  });
  return seen;
}

/**
 * A page of a fresh context at `hash`, with the files matching `pattern` refused as a cut
 * line refuses them; `restore()` lets them through again.
 */
async function openWithCut(pattern, hash, options = {}) {
  const context = await newContext(app.browser, options);
  const page = await context.newPage();
  await page.route(pattern, (route) => route.abort('internetdisconnected'));
  await page.goto(app.server.url + hash);
  return { context, page, restore: () => page.unroute(pattern) };
}

test('each address loads its own form only, and a bookmark of another form opens that form', async () => {
  const context = await newContext(app.browser);
  for (const [hash, slug, button] of [
    ['', 'shenbao', '添加一行'],
    ['#tongji', 'tongji', '添加活动'],
    ['#renwu', 'renwu', '添加单位'],
    ['#anpai', 'anpai', '添加活动'],
  ]) {
    const page = await context.newPage();
    const seen = recordBundles(page);
    await page.goto(app.server.url + hash);
    await page.locator(`#page-${slug}`).getByRole('button', { name: button }).waitFor();
    assert.ok(seen.length >= 2, seen.join(' '));
    // Besides its bundle, only the page sides of offline use and 导出Excel and the
    // names they share with the app (contract.js), asked for once the form is editable.
    const later = ['/offline.js', '/excel.js', '/contract.js'];
    const others = seen.filter((p) => !p.startsWith(`/${slug}/`) && !later.includes(p));
    assert.deepEqual(others, [], `${slug} loads only its bundle`);
    assert.equal(await page.locator('.form-page').count(), 1);
    await page.close();
  }
  await context.close();
});

test('a bundle that cannot be fetched says so in Chinese, and 重试 loads the form', async () => {
  const { context, page, restore } = await openWithCut('**/tongji/*_bg.wasm', '#tongji');
  const alert = page.getByRole('alert').filter({ hasText: '表单未能载入' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /网络可能中断，或网站刚刚更新/);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), '重试');
  await restore();
  await alert.getByRole('button', { name: '重试' }).click();
  await page.locator('#page-tongji').getByRole('button', { name: '添加活动' }).waitFor();
  await context.close();
});

test('a part loaded on use that cannot be fetched says so in Chinese with 重试, the form keeps working, and 重试 brings it', async () => {
  const context = await newContext(app.browser);
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (m) => m.type() === 'error' && page.errors.push(m.text()));
  const failing = '**/shenbao/split_drafts-*.wasm';
  let failed;
  const refused = new Promise((resolve) => (failed = resolve));
  await page.route(failing, async (route) => {
    await route.abort('internetdisconnected');
    failed();
  });
  await page.goto(app.server.url + '#shenbao');
  const scope = page.locator('#page-shenbao');
  // The bar is drawn with the form; the list's code is what could not be fetched.
  const bar = scope.getByRole('button', { name: '草稿列表' });
  await bar.waitFor();
  await refused;
  // The form itself is there and keeps what is typed.
  await scope.getByLabel('社区名称', { exact: true }).fill('河东社区');
  await scope.locator('.save-status').filter({ hasText: '已保存' }).waitFor();
  await bar.click();
  const alert = scope.getByRole('alert').filter({ hasText: '未能载入' });
  await alert.waitFor();
  assert.equal(
    await alert.textContent(),
    '“草稿列表”未能载入：网络可能中断，或网站刚刚更新。已填写的内容都保存在本浏览器中。重试',
  );
  await page.unroute(failing);
  await alert.getByRole('button', { name: '重试' }).click();
  await scope.locator('.drafts__table').waitFor();
  assert.equal(await alert.count(), 0);
  // Only the fetch that was cut is reported.
  assert.ok(
    page.errors.length > 0 &&
      page.errors.every((e) => /split_drafts|Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(e)),
    page.errors.join('\n'),
  );
  await context.close();
});

test('a stored draft whose reader cannot be fetched is left as it is: a new draft opens beside it, and it opens once the reader is there', async () => {
  // No service worker, so each visit fetches the reader from the site.
  const context = await newContext(app.browser, { serviceWorkers: 'block' });
  const first = await openApp(context, app.server.url + '#shenbao');
  await first.getByLabel('社区名称', { exact: true }).fill('河东社区');
  await first.locator('.save-status').filter({ hasText: '已保存' }).waitFor();
  const stored = await onlyDraft(first, 'shenbao');
  await first.close();

  const failing = '**/shenbao/split_reader-*.wasm';
  await context.route(failing, (route) => route.abort('internetdisconnected'));
  const cut = await openApp(context, app.server.url + '#shenbao');
  await cut
    .getByText(
      '读取草稿的功能未能载入（网络可能中断，或网站刚刚更新）。上次的草稿原样保存在本浏览器中，不会被改动；本页从新草稿开始。联网后刷新页面，即可在“草稿列表”中打开它。',
    )
    .waitFor();
  assert.equal(await cut.getByLabel('社区名称', { exact: true }).inputValue(), '');
  assert.deepEqual(await onlyDraft(cut, 'shenbao'), stored, 'the stored draft is untouched');
  assert.equal(
    await cut.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':unreadable:')).length),
    0,
    'nothing set aside as unreadable',
  );
  await cut.close();

  await context.unroute(failing);
  const back = await openApp(context, app.server.url + '#shenbao');
  assert.equal(await back.getByLabel('社区名称', { exact: true }).inputValue(), '河东社区');
  await context.close();
});

test('nothing on the page moves when the parts loaded on use and the Excel buttons arrive, on a desktop or a phone', async () => {
  for (const viewport of [
    { width: 1100, height: 900 },
    // A narrow phone, where the toolbar wraps: the Excel buttons would add a row.
    { width: 360, height: 800 },
  ]) {
    const context = await newContext(app.browser, { viewport, serviceWorkers: 'block' });
    const page = await context.newPage();
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(/\/(shenbao\/split_[^/]*\.wasm|excel\.js)$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(app.server.url + '#shenbao');
    // The 草稿 bar, the offline line, the 备份 buttons and the Excel buttons keep their room from the start.
    const field = page.locator('#page-shenbao').getByLabel('所在城区', { exact: true });
    await field.waitFor();
    const before = await field.boundingBox();
    assert.equal(await page.getByRole('button', { name: '备份全部草稿' }).count(), 0, 'the parts are held back');
    assert.equal(await page.getByRole('button', { name: '导出Excel', exact: true }).count(), 0);
    release();
    await page.getByRole('button', { name: '备份全部草稿' }).waitFor();
    await page.getByRole('button', { name: '导出预算Excel', exact: true }).waitFor();
    assert.equal(await page.locator('[data-excel-room]').count(), 0, 'each stand-in was replaced');
    assert.deepEqual(await field.boundingBox(), before, `at ${viewport.width} px`);
    await context.close();
  }
});

test('Ctrl+P before the print part is there: the paper says so, and the next print has the sheet', async () => {
  const { context, page, restore } = await openWithCut('**/shenbao/split_print-*.wasm', '#shenbao');
  const scope = page.locator('#page-shenbao');
  await scope.getByLabel('社区名称', { exact: true }).fill('河东社区');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const unready = page.locator('.print-sheet .print-unready');
  await unready.waitFor();
  assert.equal(
    await unready.textContent(),
    '打印版式还未载入：请关闭打印窗口，稍候再打印。如网络已中断，请联网后再试。',
  );
  assert.equal(await page.locator('.print-sheet .print-title').count(), 0);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await restore();
  // 打印 waits for the part, then prints the sheet (the dialog itself is a no-op here).
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', '1')));
  await scope.getByRole('button', { name: '打印' }).click();
  await page.locator('body[data-printed="1"]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('.print-sheet .print-unready').count(), 0);
  assert.match(await page.locator('.print-sheet .print-title').textContent(), /社区特色科普活动申报表$/);
  await context.close();
});

test('a print before print.css has come prints the sheet alone, and the page none of its screen', async () => {
  const { context, page } = await openWithCut('**/print-*.css', '#shenbao');
  const scope = page.locator('#page-shenbao');
  await scope.getByLabel('社区名称', { exact: true }).fill('河东社区');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.locator('.print-sheet .print-title').waitFor({ state: 'attached' });
  const shown = (selector) =>
    page
      .locator(selector)
      .first()
      .evaluate((e) => getComputedStyle(e).display !== 'none');
  assert.equal(await shown('.print-sheet'), true);
  assert.equal(await shown('.app-bar'), false);
  assert.equal(await shown('[role=toolbar]'), false);
  assert.equal(await shown('#page-shenbao .screen'), false);
  await context.close();
});

test('导出CSV whose writer cannot be fetched says so above the form, and the next press downloads', async () => {
  const { context, page, restore } = await openWithCut('**/tongji/split_export-*.wasm', '#tongji');
  const scope = page.locator('#page-tongji');
  await scope.getByLabel('填报单位', { exact: true }).fill('河东社区');
  await scope.getByRole('button', { name: '导出CSV' }).click();
  const told = scope.getByText('“导出CSV”未能载入：网络可能中断，或网站刚刚更新。已填写的内容都保存在本浏览器中。');
  await told.waitFor();
  await restore();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('button', { name: '导出CSV' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^河东社区_活动统计表_\d{6}\.csv$/);
  await context.close();
});

test('a 汇总 whose file readers cannot be fetched adds nothing and says so; the same file is added after', async () => {
  const { context, page, restore } = await openWithCut('**/huizong/split_readers-*.wasm', '#huizong');
  const scope = page.locator('#page-huizong');
  const file = { name: '河东社区.csv', mimeType: 'text/csv', buffer: Buffer.from('\ufeff不是任何表格\r\n1,2\r\n') };
  await scope.getByLabel('选择文件', { exact: true }).setInputFiles(file);
  await scope
    .getByText('“读取文件”未能载入：网络可能中断，或网站刚刚更新。已填写的内容都保存在本浏览器中。没有加入任何文件。')
    .waitFor();
  assert.equal(await scope.locator('#huizong-file-list').count(), 0);
  await restore();
  await scope.getByLabel('选择文件', { exact: true }).setInputFiles([]);
  await scope.getByLabel('选择文件', { exact: true }).setInputFiles(file);
  await scope.getByText('已加入1个文件，其中1个无法读取，原因见文件列表；其他文件照常汇总。').waitFor();
  assert.match(await scope.locator('#huizong-file-list').textContent(), /河东社区\.csv/);
  await context.close();
});

test('switching to another form while the site cannot be reached keeps the page and offers 重试', async () => {
  // No service worker: the 统计表 is not kept in the browser, so it must come from the site.
  const context = await newContext(app.browser, { serviceWorkers: 'block' });
  const page = await openApp(context, app.server.url);
  await page.getByLabel('社区名称', { exact: true }).fill('河东社区');
  const site = app.server.url;
  app.server.refuse = ['/tongji/'];
  await page.getByRole('navigation', { name: '表单' }).getByRole('link', { name: '活动统计表' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '未能打开“活动统计表”' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /网络可能中断，或网站刚刚更新/);
  assert.equal(await page.getByLabel('社区名称', { exact: true }).inputValue(), '河东社区', 'the open form stays');
  app.server.refuse = [];
  await alert.getByRole('button', { name: '重试' }).click();
  await page.locator('#page-tongji').getByRole('button', { name: '添加活动' }).waitFor();
  // What was typed before the switch was saved on the way out (page hide).
  await Promise.all([page.waitForEvent('load'), page.goto(site + '#shenbao')]);
  await page.locator('#page-shenbao').getByRole('button', { name: '检查' }).waitFor();
  assert.equal(await page.getByLabel('社区名称', { exact: true }).inputValue(), '河东社区');
  await context.close();
});
