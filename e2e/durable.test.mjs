// 已保存 means it survives a crash: Chromium on its own profile, the 申报表's
// 活动名称 typed a character every 50 ms, then the whole browser killed
// (SIGKILL of its process group: no pagehide, no flush, as a power cut or a
// phone's OS ending the app) at several delays after the last key, and started
// again on the same profile. Every character shown as saved is there, and at
// most the last half second typed is lost; what was kept is reported per delay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { useApp, startKillable, waitForText } from './app.mjs';

const app = useApp();
const TEXT = '二〇二四年柳州市科普进社区暨全国科普日主题宣传活动';
const LOSS_AT_MOST_MS = 500;

/** Types TEXT into 活动名称 a character every 50 ms (a committed input each, as an IME gives); the time of each. */
async function type(page) {
  const field = page.locator('#page-shenbao').getByLabel('活动名称', { exact: true });
  const at = [];
  for (let i = 1; i <= TEXT.length; i++) {
    await field.fill(TEXT.slice(0, i));
    at.push(Date.now());
    // The pace of typing, which the test is about: not a wait for the page.
    await delay(50);
  }
  return at;
}

for (const after of ['已保存', 0, 300, 700, 1500]) {
  test(`killed ${after === '已保存' ? 'as soon as 已保存 shows' : `${after} ms after the last key`}: nothing shown as saved is lost`, async (t) => {
    const profile = await mkdtemp(join(tmpdir(), 'kepu-kill-'));
    try {
      let chrome = await startKillable(profile);
      let page = await chrome.open(app.server.url + '#shenbao');
      const typedAt = await type(page);
      if (after === '已保存') {
        await waitForText(page.locator('#page-shenbao .save-status'), '已保存');
      } else {
        // The moment of the crash, which the test is about.
        await delay(Math.max(0, after - 50));
      }
      const killedAt = Date.now();
      await chrome.kill();

      chrome = await startKillable(profile);
      page = await chrome.open(app.server.url + '#shenbao');
      const kept = await page.locator('#page-shenbao').getByLabel('活动名称', { exact: true }).inputValue();
      await chrome.kill();
      assert.ok(TEXT.startsWith(kept), `what came back is what was typed, cut at some point: “${kept}”`);
      const lostFor = kept.length === TEXT.length ? 0 : killedAt - typedAt[kept.length];
      t.diagnostic(`kept ${kept.length} of ${TEXT.length} characters; lost the last ${lostFor} ms typed`);
      if (after === '已保存') assert.equal(kept, TEXT, 'shown as saved, kept');
      const mustHave = typedAt.filter((time) => time < killedAt - LOSS_AT_MOST_MS).length;
      assert.ok(
        kept.length >= mustHave,
        `typed over ${LOSS_AT_MOST_MS} ms before the crash: ${mustHave}, kept ${kept.length}`,
      );
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
}
