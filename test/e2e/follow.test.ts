// Follow (tail -f) in the text view, with another process writing the log: the file is empty
// when it is opened and grows like any other; following keeps the newest line at the bottom of
// a full screen; the gutter keeps line numbers on every append (never byte offsets); scrolling
// up pauses following (the toolbar says so) and Ctrl+End goes on. Asserted from the rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { e2eEnvironment, testFolder } from './support/environment';
import { useBrowser, withWorkbench } from './support/session';
import { explorerContextMenu, pollWebviews, waitForNotice } from './support/workbench';
import { clickRow, textRows } from './support/editorView';

const env = e2eEnvironment();
const browser = useBrowser();

/** A writer process: appends "event N" lines every `everyMs`, `count` of them, then exits. */
function startWriter(file: string, count: number, everyMs: number) {
  const script = `
    const fs = require('fs');
    let n = 0;
    const t = setInterval(() => {
      n++;
      fs.appendFileSync(${JSON.stringify(file)}, 'event ' + n + ' from the writer\\n');
      if (n >= ${count}) clearInterval(t);
    }, ${everyMs});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: 'ignore' });
  return { stop: () => child.kill(), exited: new Promise<void>((resolve) => child.on('exit', () => resolve())) };
}

const followState = (page: import('playwright-core').Page, accept: (s: string) => boolean, what: string) =>
  pollWebviews(page, (f) => f.locator('.toolbar button[data-follow]').getAttribute('data-follow', { timeout: 1000 }).then((s) => s ?? ''), accept, what);

test('follow: an empty log grows, the newest line stays at the bottom of a full screen, scrolling up pauses, Ctrl+End goes on', async () => {
  const dir = testFolder(env, 'follow');
  const file = path.join(dir, 'live.log');
  writeFileSync(file, '');
  let writer: ReturnType<typeof startWriter> | undefined;
  try {
    await withWorkbench(env, browser(), 'follow', dir, async (page) => {
      // Opened empty: "Empty file"; then the writer starts, and the rows come as lines arrive.
      await explorerContextMenu(page, 'live.log', 'Open in Large File Editor');
      await waitForNotice(page, /Empty file/);
      writer = startWriter(file, 400, 60);
      await pollWebviews(page, (f) => f.locator('.toolbar button[data-view="text"]').click().then(() => true), () => true, 'the Text button');
      await textRows(page, (r) => r.length > 0 && r[0][1].startsWith('event 1 '), 'the first appended lines');

      // Follow on: the newest line at the bottom of a full screen.
      await pollWebviews(page, (f) => f.locator('.toolbar button[data-follow]').click().then(() => true), () => true, 'the Follow button');
      await followState(page, (s) => s === 'on', 'following');
      const capacity = await pollWebviews(
        page,
        (f) => f.locator('.text-view .rows').evaluate((el) => Math.floor(el.clientHeight / (el.querySelector('.row') as HTMLElement).offsetHeight)),
        (n) => n > 5,
        'the screen height in rows',
      );
      let gutterSamples = 0;
      for (let round = 0; round < 8; round++) {
        const rows = await textRows(page, (r) => r.length >= capacity - 1, 'a full screen');
        // Line numbers, never byte offsets (8 hex digits), on every append.
        for (const [gutter, text] of rows) {
          const n = /^event (\d+) /.exec(text)?.[1];
          if (n && gutter.trim() !== '') {
            assert.equal(gutter.trim(), n, `the gutter numbers the line: ${gutter} | ${text}`);
            gutterSamples++;
          }
        }
        await page.waitForTimeout(150);
      }
      assert.ok(gutterSamples > 50);
      const full = await textRows(page, (r) => r.length >= capacity - 1 && r[r.length - 1][1].startsWith('event '), 'the end');
      const newest = Number(/^event (\d+)/.exec(full[full.length - 1][1])?.[1]);
      const first = Number(/^event (\d+)/.exec(full[0][1])?.[1]);
      assert.ok(newest - first >= capacity - 2, `a full screen ending with the newest line: ${first}..${newest}`);
      await page.screenshot({ path: path.join(env.screenshots, 'follow-1-following.png') });

      // Scrolling up pauses following: the screen stays while lines keep coming.
      await clickRow(page, 'text', 0);
      const box = await pollWebviews(page, (f) => f.locator('.text-view .rows').boundingBox(), (b) => b !== null, 'the rows');
      await page.mouse.move(box!.x + 200, box!.y + 100);
      await page.mouse.wheel(0, -400);
      await followState(page, (s) => s === 'paused', 'following paused');
      const label = await pollWebviews(page, (f) => f.locator('.toolbar button[data-follow]').textContent(), () => true, 'the label');
      assert.match(label ?? '', /Follow paused/);
      const held = (await textRows(page, (r) => r.length > 0, 'the rows'))[0][1];
      await page.waitForTimeout(1000);
      assert.equal((await textRows(page, (r) => r.length > 0, 'the rows'))[0][1], held, 'paused: the screen did not move');
      await page.screenshot({ path: path.join(env.screenshots, 'follow-2-paused.png') });

      // Ctrl+End goes on following.
      await page.keyboard.press('Control+End');
      await followState(page, (s) => s === 'on', 'following again');
      await writer.exited;
      await textRows(page, (r) => r[r.length - 1]?.[1].startsWith('event 400 '), 'the last line written, at the bottom');
    });
  } finally {
    writer?.stop();
  }
});
