// A new version deployed while the page is open: the page keeps running the
// build it started with (no file of the new build mixes in), says 有新版本,
// and switches only when the user presses 立即更新, which saves the draft
// first. `make dist-next` built the second deployment: the 申报表 again, labelled "next".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { useApp, newContext, openApp, waitForText, axeViolations, dist } from './app.mjs';

const NEXT = join(dist, '..', 'target', 'dist-next');
const app = useApp();

test('an open page keeps its build, offers 有新版本, and 立即更新 saves the draft and switches', async () => {
  assert.ok(existsSync(join(NEXT, 'sw.js')), `run make dist-next first: ${NEXT}`);
  const context = await newContext(app.browser);
  const page = await openApp(context, app.server.url);
  const version = page.locator('.app-version');
  const first = await version.textContent();
  assert.doesNotMatch(first, /· next$/);
  await waitForText(page.locator('#page-shenbao .drafts__offline'), '已保存到本机', 30000);
  const field = (p, label) => p.locator('#page-shenbao').getByLabel(label, { exact: true });
  await field(page, '社区名称').fill('河东社区');
  await waitForText(page.locator('#page-shenbao .save-status'), '已保存');

  app.server.deploy(NEXT);
  // Another tab opens the site: it still gets the build the worker keeps (the
  // old 申报表's files are gone from the site), and its visit finds the new one.
  const other = await openApp(context, app.server.url);
  assert.equal(await other.locator('.app-version').textContent(), first);
  assert.equal(await field(other, '社区名称').inputValue(), '河东社区');

  const banner = page.locator('.update-banner');
  await waitForText(banner, '有新版本：点“立即更新”会先保存草稿，再载入新版本。', 30000);
  assert.equal(await version.textContent(), first, 'the open page runs the build it started with');
  assert.deepEqual(await axeViolations(page), []);
  // Typed just before pressing: no autosave pause has passed.
  await field(page, '活动名称').fill('科普进社区');
  await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: '立即更新' }).click()]);
  await waitForText(version, '· next');
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  assert.equal(await field(page, '活动名称').inputValue(), '科普进社区');
  assert.equal(await page.locator('.update-banner').count(), 0);

  // The other tab was not reloaded under its user: it says so and reloads when asked.
  const told = other.locator('.update-banner');
  await waitForText(told, '新版本已在另一个标签页启用');
  assert.equal(await other.locator('.app-version').textContent(), first);
  await Promise.all([other.waitForEvent('load'), told.getByRole('button', { name: '重新载入' }).click()]);
  await waitForText(other.locator('.app-version'), '· next');
  assert.equal(await field(other, '活动名称').inputValue(), '科普进社区');
  assert.deepEqual(page.errors, []);
  await context.close();
});
