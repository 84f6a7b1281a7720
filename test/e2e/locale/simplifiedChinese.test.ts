// VS Code started with `--locale zh-cn`: the extension speaks Simplified Chinese everywhere it
// speaks — the explorer's menu entry (package.nls.zh-cn.json), the editor's toolbar, find widget
// and mode prompt, the filtered view's box and the timeline's button (the webview's table,
// translated by the host), the status bar and a notification (l10n/bundle.l10n.zh-cn.json) —
// and writes numbers for the locale. The screenshots (screenshots/zh-cn-*.png) show it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { e2eEnvironment, testFolder } from '../support/environment';
import { useBrowser, withWorkbench } from '../support/session';
import { explorerContextMenu, pollWebviews, runFromPalette } from '../support/workbench';
import { waitForNotification, waitForStatusBar, webviewClick, webviewText } from '../support/dialogs';

const env = e2eEnvironment();
const browser = useBrowser();

test('in zh-cn the menu, toolbar, find widget, mode prompt, status bar and a notification are in Chinese', async () => {
  const dir = testFolder(env, 'zh-cn');
  const file = path.join(dir, 'app.log');
  // 2,000 lines of 34 bytes: 68,000 bytes, so the size shows a grouped number.
  writeFileSync(file, Buffer.from('2026-03-01T00:00:00Z INFO started\n'.repeat(2000)));
  await withWorkbench(env, browser(), 'zh-cn', dir, async (page) => {
    // The command's title comes from package.nls.zh-cn.json.
    await explorerContextMenu(page, 'app.log', '在大文件编辑器中打开');
    await pollWebviews(page, (f) => f.locator('.hex-view .row').count(), (n) => n > 0, 'the hex rows');

    const toolbar = await webviewText(page, '.toolbar', (t) => t.includes('跟随'), 'the toolbar in Chinese');
    assert.match(toolbar, /只读/, 'the mode button says Read-only in Chinese');
    assert.match(toolbar, /十六进制/, 'the view switch says Hex in Chinese');
    assert.match(toolbar, /66\.4 KiB（68,000 字节）/, 'the size, with the number written for the locale');
    assert.doesNotMatch(toolbar, /Follow|Read-only|bytes/, 'no English left in the toolbar');
    // The filtered view's box and the timeline's button (the webview's table, from the branches
    // merged after the first translation) are Chinese too.
    const filterBox = await pollWebviews(page, (f) => f.locator('.filter-pane .filter-input').first().getAttribute('placeholder'), (p) => !!p, 'the filter box');
    assert.equal(filterBox, '筛选行：ERROR and not /timeout|retry/  （Enter：筛选，Shift+Enter：细化）');
    const timelineTip = await pollWebviews(page, (f) => f.locator('.toolbar .timeline-toggle').first().getAttribute('title'), (p) => !!p, 'the timeline button');
    assert.equal(timelineTip, '日志的时间线：随时间变化的条目和错误 (Shift+Alt+T)');
    const status = await waitForStatusBar(page, /偏移量 0 \(0x0\)/);
    assert.match(status, /68,000 字节/);
    assert.match(status, /只读/);

    await webviewClick(page, '.hex-view .row >> nth=2');
    await page.keyboard.press('Control+f');
    await pollWebviews(
      page,
      (f) => f.locator('.find-widget .find-input').first().getAttribute('placeholder'),
      (p) => p === '查找',
      'the find box in Chinese',
    );
    await page.screenshot({ path: path.join(env.screenshots, 'zh-cn-find.png') });
    await page.keyboard.press('Escape');

    // A key in a read-only file: the webview's prompt, in Chinese.
    await webviewClick(page, '.hex-view .row >> nth=3');
    await page.keyboard.press('a');
    await webviewText(page, '.mode-prompt:not([hidden])', (t) => t.includes('app.log 以只读方式打开。要编辑它吗？') && t.includes('就地编辑'), 'the read-only prompt in Chinese');
    await page.screenshot({ path: path.join(env.screenshots, 'zh-cn-mode-prompt.png') });
    await page.keyboard.press('Escape');

    // A notification from the host (l10n/bundle.l10n.zh-cn.json): nothing is selected to save.
    await runFromPalette(page, '大文件编辑器: 将所选内容另存为…');
    const notice = await waitForNotification(page, /请先选择一些字节/);
    assert.equal(notice, '请先选择一些字节（Shift + 方向键或拖动）。');
    // The toast fades in: let it show before the screenshot.
    await page.locator('.notification-toast').first().waitFor({ state: 'visible' });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(env.screenshots, 'zh-cn-notification.png') });
  });
});
