// A new version deployed while the page is open: the page keeps running the
// build it started with (no file of the new build mixes in), says 有新版本,
// and switches only when the user presses 立即更新, which saves the draft
// first. `make dist-next` built the second deployment: the 申报表 again, labelled "next".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { useApp, newContext, openApp, waitForText, axeViolations, dist, fillStorage } from './app.mjs';
import { OFFLINE_LINE_CLASS } from '../scripts/contract.js';

const NEXT = join(dist, '..', 'target', 'dist-next');
const app = useApp();

const field = (page, label) => page.locator('#page-shenbao').getByLabel(label, { exact: true });

/**
 * A page of the first build in a new context, once every form is kept and
 * `meanwhile(page)` ran; then the second build is deployed, and another tab
 * opening the site finds it.
 */
async function updateWaiting(meanwhile = async () => {}) {
  assert.ok(existsSync(join(NEXT, 'sw.js')), `run make dist-next first: ${NEXT}`);
  app.server.deploy(dist);
  const context = await newContext(app.browser);
  const page = await openApp(context, app.server.url);
  await waitForText(page.locator(`#page-shenbao .${OFFLINE_LINE_CLASS}`), '已保存到本机', 30000);
  const first = await page.locator('.app-version').textContent();
  assert.doesNotMatch(first, /· next$/);
  await meanwhile(page);
  app.server.deploy(NEXT);
  const other = await openApp(context, app.server.url);
  return { context, page, other, first };
}

test('an open page keeps its build, offers 有新版本, and 立即更新 saves the draft and switches', async () => {
  const { context, page, other, first } = await updateWaiting(async (page) => {
    await field(page, '社区名称').fill('河东社区');
    await waitForText(page.locator('#page-shenbao .save-status'), '已保存');
  });
  const version = page.locator('.app-version');
  // The other tab still gets the build the worker keeps: the old 申报表's files are gone from the site.
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

test('立即更新 with a draft that cannot be saved keeps the page, the text and the old build, and says why', async () => {
  const { context, page, first } = await updateWaiting();
  const banner = page.locator('.update-banner');
  await waitForText(banner, '有新版本', 30000);
  await fillStorage(page);
  await field(page, '社区名称').fill('满了也不丢');
  await banner.getByRole('button', { name: '立即更新' }).click();
  await waitForText(banner, '草稿未能保存，暂不更新：请先处理表单上方的提示，再点“立即更新”。');
  assert.equal(await page.locator('.app-version').textContent(), first);
  assert.equal(await field(page, '社区名称').inputValue(), '满了也不丢');
  // Space freed: the same button now saves and switches.
  await page.evaluate(() => {
    for (const key of Object.keys(localStorage).filter((k) => k.startsWith('filler-'))) localStorage.removeItem(key);
  });
  await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: '立即更新' }).click()]);
  await waitForText(page.locator('.app-version'), '· next');
  assert.equal(await field(page, '社区名称').inputValue(), '满了也不丢');
  await context.close();
});
