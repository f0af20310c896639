// Several drafts per form, as a user: 新建, the 草稿 list (open, rename, copy,
// delete and 撤销), the last opened draft on start, drafts of the earlier
// release, and a program error that leaves the saved draft intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  useApp,
  newContext,
  openApp,
  waitForText,
  axeViolations,
  storedDrafts,
  onlyDraft,
  seedStorage,
} from './app.mjs';

const app = useApp();
const field = (page, label) => page.locator('#page-shenbao').getByLabel(label, { exact: true });
const scope = (page) => page.locator('#page-shenbao');

/** The list's rows as [title, saved, check] texts. */
async function listed(page) {
  const rows = scope(page).locator('.drafts__table tbody tr');
  await rows.first().waitFor();
  return rows.evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent.trim())),
  );
}

async function reopen(page) {
  await page.reload();
  await page.getByRole('button', { name: '检查' }).first().waitFor();
}

test('several drafts: 新建, open, rename, copy, delete with 撤销; the last opened opens on start', async () => {
  const { context, page } = await app.fresh();
  await field(page, '社区名称').fill('河东社区');
  await field(page, '开始日期').fill('2024-06-01');
  await waitForText(scope(page).locator('.save-status'), '已保存');
  await scope(page).getByRole('button', { name: '新建', exact: true }).click();
  await field(page, '社区名称').fill('河西社区');
  assert.equal(await scope(page).locator('.drafts__current').textContent(), '河西社区');

  await scope(page).getByRole('button', { name: '草稿列表' }).click();
  assert.equal(await scope(page).getByRole('button', { name: '草稿列表' }).getAttribute('aria-expanded'), 'true');
  let rows = await listed(page);
  assert.deepEqual(
    rows.map((r) => r[0]),
    ['河西社区（当前）', '河东社区 · 2024年6月'],
  );
  for (const [, saved, check] of rows) {
    assert.match(saved, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$|^尚未保存$/);
    assert.match(check, /^\d+处错误$/);
  }
  const usage = await scope(page).locator('.drafts__usage').textContent();
  assert.match(usage, /^草稿共占用 \d+(\.\d)? (B|KB)/);
  await waitForText(scope(page).locator('.drafts__usage'), '配额');
  assert.deepEqual(await axeViolations(page), []);

  // Open the first draft; a reload opens it again.
  await scope(page).getByRole('button', { name: '打开 河东社区 · 2024年6月' }).click();
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  await reopen(page);
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  assert.equal(await scope(page).locator('.drafts__current').textContent(), '河东社区 · 2024年6月');

  // Rename: the name is kept with the draft.
  await scope(page).getByRole('button', { name: '草稿列表' }).click();
  await scope(page).getByRole('button', { name: '重命名 河东社区 · 2024年6月' }).click();
  const name = field(page, '草稿名称');
  await page.waitForFunction(() => document.activeElement?.id === 'shenbao-draft-name');
  await name.fill('六月讲座');
  await name.press('Enter');
  await waitForText(scope(page).locator('.drafts__current'), '六月讲座');
  await reopen(page);
  assert.equal(await scope(page).locator('.drafts__current').textContent(), '六月讲座');

  // Copy, then delete the copy and undo.
  await scope(page).getByRole('button', { name: '草稿列表' }).click();
  await scope(page).getByRole('button', { name: '复制 六月讲座' }).click();
  await waitForText(scope(page).locator('.drafts__table'), '六月讲座（副本）');
  // The open draft first, the others newest saved first: the copy is saved when made.
  assert.deepEqual(
    (await listed(page)).map((r) => r[0]),
    ['六月讲座（当前）', '六月讲座（副本）', '河西社区'],
  );
  let question = '';
  page.once('dialog', (d) => {
    question = d.message();
    d.accept();
  });
  await scope(page).getByRole('button', { name: '删除 六月讲座（副本）' }).click();
  assert.equal(question, '确定删除草稿“六月讲座（副本）”吗？删除后可在列表下方撤销。');
  await waitForText(scope(page).locator('.undo-line'), '已删除草稿“六月讲座（副本）”');
  assert.deepEqual(
    (await listed(page)).map((r) => r[0]),
    ['六月讲座（当前）', '河西社区'],
  );
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'shenbao-drafts-undo');
  await page.keyboard.press('Enter');
  await waitForText(scope(page).locator('.drafts__table'), '六月讲座（副本）');
  assert.equal((await storedDrafts(page, 'shenbao')).length, 3);

  // Deleting the open draft, after saying no once, opens the newest other one; 撤销 brings it back and opens it.
  page.once('dialog', (d) => d.dismiss());
  await scope(page).getByRole('button', { name: '删除 六月讲座', exact: true }).click();
  assert.equal((await storedDrafts(page, 'shenbao')).length, 3);
  page.once('dialog', (d) => d.accept());
  await scope(page).getByRole('button', { name: '删除 六月讲座', exact: true }).click();
  await waitForText(scope(page).locator('.drafts__current'), '六月讲座（副本）');
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  await scope(page).getByRole('button', { name: '撤销' }).click();
  await waitForText(scope(page).locator('.drafts__current'), /^六月讲座$/);
  assert.deepEqual((await storedDrafts(page, 'shenbao')).map((d) => [d.form.community, d.name ?? '']).sort(), [
    ['河东社区', '六月讲座'],
    ['河东社区', '六月讲座（副本）'],
    ['河西社区', ''],
  ]);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('deleting the only draft leaves a new blank one with the same settings', async () => {
  const { context, page } = await app.fresh();
  await page.getByText('设置：年度、城市、申报截止日期').click();
  await field(page, '城市').fill('南宁市');
  await field(page, '社区名称').fill('河东社区');
  await waitForText(scope(page).locator('.save-status'), '已保存');
  await scope(page).getByRole('button', { name: '草稿列表' }).click();
  page.once('dialog', (d) => d.accept());
  await scope(page).getByRole('button', { name: '删除 河东社区' }).click();
  await waitForText(scope(page).locator('.drafts__current'), '未填社区名称');
  assert.equal(await field(page, '社区名称').inputValue(), '');
  assert.equal(await field(page, '城市').inputValue(), '南宁市');
  assert.deepEqual(await storedDrafts(page, 'shenbao'), []);
  await scope(page).getByRole('button', { name: '撤销' }).click();
  await waitForText(scope(page).locator('.drafts__current'), '河东社区');
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('the single draft of the earlier release opens, joins the list and keeps its budget text', async () => {
  const context = await newContext(app.browser);
  const old = {
    format: 1,
    app: '0.1.0',
    saved_at: '2024-03-01T09:00:00',
    form: { community: '河东社区', budget: '讲课费800元' },
  };
  await seedStorage(context, { 'kepu-forms:shenbao': JSON.stringify(old) });
  const page = await openApp(context, app.server.url);
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  assert.equal(await field(page, '内容说明 第1行').inputValue(), '讲课费800元');
  assert.equal(await page.evaluate(() => localStorage.getItem('kepu-forms:shenbao')), null);
  const draft = await onlyDraft(page, 'shenbao');
  assert.equal(draft.id, '0');
  assert.equal(draft.form.community, '河东社区');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a program error shows a Chinese error screen with 下载草稿, and the saved draft is intact', async () => {
  const { context, page } = await app.fresh();
  await field(page, '社区名称').fill('河东社区');
  await waitForText(scope(page).locator('.save-status'), '已保存');
  const saved = await onlyDraft(page, 'shenbao');
  await field(page, '联系人').fill('姜');
  // A real Rust panic inside a component's event handler (see src/ui/app.rs).
  await page.evaluate(() => window.dispatchEvent(new Event('kepu-forms-test-panic')));
  const screen = page.getByRole('alertdialog', { name: '页面出错了' });
  await screen.waitFor();
  assert.match(await screen.textContent(), /最后一次自动保存的草稿仍在本浏览器中/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    screen.getByRole('link', { name: '下载草稿' }).click(),
  ]);
  const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(backup.kind, 'kepu-forms-backup');
  assert.equal(JSON.parse(backup.entries[`kepu-forms:shenbao:draft:${saved.id}`]).form.community, '河东社区');
  const after = await onlyDraft(page, 'shenbao');
  assert.equal(after.form.community, '河东社区');
  // The trap a release build's panic ends in, nothing else.
  assert.deepEqual(
    page.errors.filter((e) => !/^RuntimeError: unreachable/.test(e)),
    [],
  );
  assert.ok(
    page.errors.some((e) => /^RuntimeError: unreachable/.test(e)),
    'the panic really happened',
  );

  // Reloading starts the app again with the draft.
  await reopen(page);
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  await context.close();
});
