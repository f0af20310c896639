// 备份全部草稿 / 从备份恢复 end to end: one file with every form's draft,
// restored into an empty browser, asking before a newer draft is overwritten.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useApp, newContext, openApp, waitForText, ensureArtifacts, storedDrafts } from './app.mjs';

const app = useApp();

const shenbao = (page, label) => page.locator('#page-shenbao').getByLabel(label, { exact: true });
const tongji = (page, label) => page.locator('#page-tongji').getByLabel(label, { exact: true });

async function restoreFrom(page, path) {
  await page.locator('.backup input[type=file]').setInputFiles(path);
}

test('a backup holds every form and restores into an empty browser', async () => {
  const dir = await ensureArtifacts();
  const first = await newContext(app.browser);
  const page = await openApp(first, app.server.url);
  await shenbao(page, '社区名称').fill('河东社区');
  await page.getByRole('link', { name: '活动统计表' }).click();
  await tongji(page, '填报单位').fill('柳城县科协');
  // No wait for the autosave timer: the backup must flush what was just typed.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '备份全部草稿' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^科普表单草稿备份_\d{8}-\d{6}\.json$/);
  const path = join(dir, 'backup.json');
  await download.saveAs(path);
  const backup = JSON.parse(await readFile(path, 'utf8'));
  assert.equal(backup.kind, 'kepu-forms-backup');
  assert.equal(backup.format, 1);
  const entries = Object.entries(backup.entries);
  const entry = (prefix) => entries.filter(([k]) => k.startsWith(prefix)).map(([, v]) => JSON.parse(v).form);
  assert.deepEqual(
    entry('kepu-forms:shenbao:draft:').map((f) => f.community),
    ['河东社区'],
  );
  assert.deepEqual(
    entry('kepu-forms:tongji:draft:').map((f) => f.unit),
    ['柳城县科协'],
  );
  assert.deepEqual(page.errors, []);
  await first.close();

  const second = await newContext(app.browser);
  const fresh = await openApp(second, app.server.url);
  assert.equal(await shenbao(fresh, '社区名称').inputValue(), '');
  await Promise.all([fresh.waitForEvent('load'), restoreFrom(fresh, path)]);
  await fresh.getByRole('button', { name: '检查' }).first().waitFor();
  assert.equal(await shenbao(fresh, '社区名称').inputValue(), '河东社区');
  // Each form is its own bundle: going to the 统计表's address reloads the page into it.
  await Promise.all([fresh.waitForEvent('load'), fresh.goto(app.server.url + '#tongji')]);
  assert.equal(await tongji(fresh, '填报单位').inputValue(), '柳城县科协');
  await Promise.all([fresh.waitForEvent('load'), fresh.goto(app.server.url + '#shenbao')]);
  await fresh.locator('#page-shenbao').getByRole('button', { name: '检查' }).waitFor();

  // A newer draft in the browser is not overwritten without asking.
  const [restored] = await storedDrafts(fresh, 'shenbao');
  await fresh.evaluate((key) => {
    const d = JSON.parse(localStorage.getItem(key));
    d.saved_at = '2099-01-01T00:00:00';
    d.form.community = '更新的社区';
    localStorage.setItem(key, JSON.stringify(d));
  }, `kepu-forms:shenbao:draft:${restored.id}`);
  await fresh.reload();
  await fresh.getByRole('button', { name: '检查' }).first().waitFor();
  let question = '';
  fresh.once('dialog', (d) => {
    question = d.message();
    d.dismiss();
  });
  await restoreFrom(fresh, path);
  await waitForText(fresh.getByRole('alert'), '没有做任何改动');
  assert.match(question, /浏览器中的申报表草稿（保存于2099-01-01 00:00:00）比备份中的/);
  assert.equal(await shenbao(fresh, '社区名称').inputValue(), '更新的社区');

  fresh.once('dialog', (d) => d.accept());
  await Promise.all([fresh.waitForEvent('load'), restoreFrom(fresh, path)]);
  await fresh.getByRole('button', { name: '检查' }).first().waitFor();
  assert.equal(await shenbao(fresh, '社区名称').inputValue(), '河东社区');
  const kept = await storedDrafts(fresh, 'shenbao');
  assert.deepEqual(
    kept.map((d) => [d.id === restored.id, d.form.community]),
    [
      [true, '河东社区'],
      [false, '更新的社区'],
    ],
    'the overwritten draft is kept as a draft of its own',
  );
  assert.deepEqual(fresh.errors, []);
  await second.close();
});

test('a foreign file is refused and changes nothing', async () => {
  const dir = await ensureArtifacts();
  const context = await newContext(app.browser);
  const page = await openApp(context, app.server.url);
  await shenbao(page, '社区名称').fill('河东社区');
  const foreign = join(dir, 'foreign.json');
  await writeFile(foreign, JSON.stringify({ hello: 'world' }));
  await restoreFrom(page, foreign);
  await waitForText(page.getByRole('alert'), '这不是科普表单的备份文件');
  assert.equal(await shenbao(page, '社区名称').inputValue(), '河东社区');
  assert.deepEqual(page.errors, []);
  await context.close();
});
