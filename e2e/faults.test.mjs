// When the browser's storage fails, nothing typed is lost and the user is told at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, newContext, openApp, waitForText, storedDrafts, onlyDraft, fillStorage } from './app.mjs';

const app = useApp();
const field = (page, label) => page.locator('#page-shenbao').getByLabel(label, { exact: true });

test('storage full: a visible warning at once, backup offered, the typed text kept', async () => {
  const context = await newContext(app.browser);
  const page = await openApp(context, app.server.url);
  await fillStorage(page);
  const plan = '活动方案'.repeat(300);
  await field(page, '活动方案').fill(plan);
  await field(page, '社区名称').fill('河东社区');
  const status = page.locator('#page-shenbao .save-status');
  await waitForText(status, '浏览器存储空间已满');
  assert.match(await status.textContent(), /备份全部草稿/);
  assert.equal(await status.getAttribute('role'), 'status');
  assert.equal(await field(page, '活动方案').inputValue(), plan);
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  assert.ok(await page.getByRole('button', { name: '备份全部草稿' }).isVisible());
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('storage unavailable: the app works in memory and says drafts are not kept', async () => {
  const context = await newContext(app.browser);
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The user denied access', 'SecurityError');
      },
    });
  });
  const page = await openApp(context, app.server.url);
  const notice = page.locator('#page-shenbao').getByRole('alert').filter({ hasText: '浏览器不允许本页保存数据' });
  await notice.waitFor();
  assert.match(await notice.textContent(), /草稿只保留在本页中/);
  await field(page, '社区名称').fill('河东社区');
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  await page.locator('#page-shenbao').getByRole('button', { name: '检查' }).click();
  await page.locator('#page-shenbao').getByRole('alert').filter({ hasText: '检查发现' }).waitFor();
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('IndexedDB refused: drafts are kept in localStorage, and the page says saving is less safe', async () => {
  const context = await newContext(app.browser);
  await context.addInitScript(() => {
    indexedDB.open = () => {
      throw new DOMException(
        'A mutation operation was attempted on a database that did not allow mutations.',
        'InvalidStateError',
      );
    };
  });
  const page = await openApp(context, app.server.url);
  const notice = page.getByRole('status').filter({ hasText: '保存不够安全' });
  assert.equal(
    await notice.textContent(),
    '本浏览器不允许网页使用 IndexedDB，草稿只能存在 localStorage 中，保存不够安全：浏览器崩溃、断电时可能丢失最后几秒填写的内容。请及时“备份全部草稿”。',
  );
  await field(page, '社区名称').fill('河东社区');
  await waitForText(page.locator('#page-shenbao .save-status'), '已保存');
  await page.reload();
  await page.getByRole('button', { name: '检查' }).first().waitFor();
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  assert.ok(await notice.isVisible());
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('IndexedDB full: shown as storage full with 备份全部草稿, the typed text kept', async () => {
  const context = await newContext(app.browser);
  await context.addInitScript(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const page = await openApp(context, app.server.url);
  await field(page, '社区名称').fill('河东社区');
  const status = page.locator('#page-shenbao .save-status');
  await waitForText(status, '浏览器存储空间已满');
  assert.match(await status.textContent(), /备份全部草稿/);
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  assert.ok(await page.getByRole('button', { name: '备份全部草稿' }).isVisible());
  assert.equal(await page.getByRole('status').filter({ hasText: '保存不够安全' }).count(), 0);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('two tabs: the other tab follows a saved change, and never overwrites newer text', async () => {
  const context = await newContext(app.browser);
  // Timers under the test's control, so "unsaved" means unsaved.
  await context.clock.install();
  const a = await openApp(context, app.server.url);
  await field(a, '社区名称').fill('甲社区');
  await a.clock.runFor(1000);
  // B opens the draft A opened last.
  const b = await openApp(context, app.server.url);
  assert.equal(await field(b, '社区名称').inputValue(), '甲社区');
  await field(a, '社区名称').fill('甲社区二');
  await a.clock.runFor(1000);
  await b.waitForFunction(() => document.querySelector('#community').value === '甲社区二');

  // B has unsaved text when A's newer draft arrives: B stops saving and says so.
  await field(b, '联系人').fill('乙');
  const { id } = await onlyDraft(a, 'shenbao');
  const key = `kepu-forms:shenbao:draft:${id}`;
  await a.evaluate((k) => {
    const d = JSON.parse(localStorage.getItem(k));
    d.form.community = '甲社区（更新）';
    d.saved_at = '2099-01-01T00:00:00';
    localStorage.setItem(k, JSON.stringify(d));
  }, key);
  const notice = b.locator('#page-shenbao').getByRole('alert').filter({ hasText: '已在另一个标签页中修改' });
  await notice.waitFor();
  await b.clock.runFor(2000);
  await b.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  const stored = JSON.parse(await a.evaluate((k) => localStorage.getItem(k), key));
  assert.equal(stored.form.community, '甲社区（更新）');
  assert.equal(stored.form.contact, '');
  assert.equal(await field(b, '联系人').inputValue(), '乙', 'what B typed stays on screen');
  assert.match(await b.locator('#page-shenbao .save-status').textContent(), /停止自动保存/);

  // B keeps its own version as a new draft; A's stays as A wrote it.
  await notice.getByRole('button', { name: '另存为新草稿' }).click();
  const drafts = await storedDrafts(b, 'shenbao');
  assert.deepEqual(
    drafts.map((d) => [d.id === id, d.form.community, d.form.contact, d.name ?? '']),
    [
      [true, '甲社区（更新）', '', ''],
      [false, '甲社区二', '乙', '甲社区二（本页版本）'],
    ],
  );
  // 已保存 once the new draft's write is on disk.
  await waitForText(b.locator('#page-shenbao .save-status'), /^已保存/);
  assert.equal(await b.locator('#page-shenbao .drafts__current').textContent(), '甲社区二（本页版本）');
  assert.deepEqual([...a.errors, ...b.errors], []);
  await context.close();
});

test('once a draft is saved, the browser is asked once to keep the data', async () => {
  const context = await newContext(app.browser);
  await context.addInitScript(() => {
    window.persistCalls = 0;
    navigator.storage.persist = async () => {
      window.persistCalls += 1;
      return true;
    };
  });
  const page = await openApp(context, app.server.url);
  assert.equal(await page.evaluate(() => window.persistCalls), 0, 'not before a draft exists');
  await field(page, '社区名称').fill('河东社区');
  await waitForText(page.locator('#page-shenbao .save-status'), '已保存');
  await field(page, '联系人').fill('姜锦红');
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  assert.equal(await page.evaluate(() => window.persistCalls), 1);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('reload 200 ms after the last keystroke: every character is there', async () => {
  const context = await newContext(app.browser);
  await context.clock.install();
  const page = await openApp(context, app.server.url);
  const plan = '社区科普活动方案：第一部分，活动目标。'.repeat(40);
  await field(page, '活动方案').fill(plan);
  await field(page, '社区名称').pressSequentially('河东社区');
  // Before the 0.5 s autosave timer: only the page-hide save can keep it.
  await page.clock.runFor(200);
  await page.reload();
  await page.getByRole('button', { name: '检查' }).first().waitFor();
  assert.equal(await field(page, '社区名称').inputValue(), '河东社区');
  assert.equal(await field(page, '活动方案').inputValue(), plan);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('tab closed right after typing, then reopened: every character is there', async () => {
  const context = await newContext(app.browser);
  const page = await openApp(context, app.server.url);
  await field(page, '社区名称').pressSequentially('河东社区');
  await page.close({ runBeforeUnload: true });
  const again = await openApp(context, app.server.url);
  await again.waitForFunction(() => document.querySelector('#community').value === '河东社区', null, { timeout: 5000 });
  assert.deepEqual([...page.errors, ...again.errors], []);
  await context.close();
});
