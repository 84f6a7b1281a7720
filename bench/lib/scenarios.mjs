// The measured user actions of the editor benchmark, each driven the way a user does it (a key
// press, Ctrl+G, the wheel, the find widget) and timed from the moment of the input to the
// moment the probe saw the result in the DOM (see probe.mjs for the clock).
import { KEYS, waitForProbe, watch, webviewFrames } from './workbench.mjs';
import { percentile } from './stats.mjs';

const SECOND = 1000;
/** One frame at 60 Hz; a frame taking over 1.5 of these shows as a dropped frame. */
const FRAME_MS = 1000 / 60;

/**
 * Opens a file in the Large File Editor with one of the bench's keys; times the first rows.
 * @param {import('playwright-core').Page} page
 * @param {string} key KEYS.openBig or KEYS.openPeerInLargeFileEditor
 */
export async function openInLargeFileEditor(page, key) {
  const before = new Set(webviewFrames(page));
  await watch(page, 'firstRows', 'newWebview', 'rows');
  const t0 = Date.now();
  await page.keyboard.press(key);
  const rows = await waitForProbe(page, 'firstRows', 'the first rows of the Large File Editor');
  const frame = webviewFrames(page).find((f) => !before.has(f));
  if (!frame) throw new Error('The rows are there but Playwright sees no new webview frame');
  return {
    frame,
    firstRow: rows.text,
    ms: rows.at - t0,
    frameMs: (rows.frameAt ?? rows.at) - t0,
    // Split at the moment the webview's document appeared: before it, the extension host opens
    // the document and resolves the editor, and the workbench creates the webview's frames;
    // after it, the webview loads its HTML, script and styles, starts and draws.
    toWebviewMs: rows.webviewAt - t0,
    webviewToRowsMs: rows.at - rows.webviewAt,
  };
}

/**
 * The hex digits the view gives offsets, read from a row it shows ("000000000  32 30 …").
 * @param {string} row
 */
export function offsetDigits(row) {
  return row.split(' ')[0].length;
}

/**
 * Ctrl+G, types `target`, and times Enter → the row holding `offset` in the DOM.
 * @param {import('playwright-core').Page} page
 * @param {string} target what the user types, e.g. "50%"
 * @param {number} rowOffset the offset of the row that must appear
 * @param {number} digits
 */
export async function goTo(page, target, rowOffset, digits) {
  const prefix = rowOffset.toString(16).toUpperCase().padStart(digits, '0');
  await page.keyboard.press('Control+g');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(target);
  await watch(page, 'goto', 'webview', 'rows', { prefix });
  const t0 = Date.now();
  await input.press('Enter');
  const r = await waitForProbe(page, 'goto', `the row at ${prefix} after "Go to ${target}"`);
  return { ms: r.at - t0, frameMs: (r.frameAt ?? r.at) - t0, row: r.text };
}

/**
 * Wheel-scrolls the view for `ms` (one notch of 100 px per 60 Hz frame, a steady fast scroll)
 * while the webview records its animation frames. By default the pointer is over the middle of
 * the editor and the top is the main view's first row; `target` puts it elsewhere (the filtered
 * view's list) with its own reading of the top.
 * @param {import('playwright-core').Page} page
 * @param {number} [ms]
 * @param {{ x: number, y: number, top: () => Promise<string> }} [target]
 */
export async function scroll(page, ms = 5 * SECOND, target) {
  const box = await page.locator('.part.editor .editor-group-container .editor-container').first().boundingBox();
  if (!box) throw new Error('no editor area to scroll');
  await page.mouse.move(target?.x ?? box.x + box.width / 2, target?.y ?? box.y + box.height / 2);
  const topRow = () => target?.top() ?? page.evaluate(() => /** @type {any} */ (window).__benchProbe.topRow());
  const topBefore = await topRow();
  await page.evaluate((d) => /** @type {any} */ (window).__benchProbe.recordFrames('scroll', d), ms);
  const start = Date.now();
  let events = 0;
  while (Date.now() - start < ms) {
    await page.mouse.wheel(0, 100);
    events++;
    const next = start + events * FRAME_MS;
    if (next > Date.now()) await new Promise((resolve) => setTimeout(resolve, next - Date.now()));
  }
  const r = await waitForProbe(page, 'scroll', 'the frame record', 30 * SECOND);
  const topAfter = await topRow();
  /** @type {number[]} */
  const stamps = r.frames;
  const deltas = stamps.slice(1).map((t, i) => t - stamps[i]);
  return {
    wheelEvents: events,
    frames: deltas.length,
    p50: percentile(deltas, 50),
    p95: percentile(deltas, 95),
    max: Math.max(...deltas),
    dropped: deltas.filter((d) => d > 1.5 * FRAME_MS).length,
    topBefore: topBefore.split(' ')[0],
    topAfter: topAfter.split(' ')[0],
  };
}

/**
 * The find widget: Ctrl+F, the word in the box, Enter → the first match shown (selected in the
 * rows) and the widget's final count ("1 of N": every match in the file; the widget shows
 * "N so far…" until then, and largeFile.maxFindResults caps only the results panel's list).
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').Frame} frame
 * @param {string} word
 * @param {() => void} [onFullSearchStart] called as the search starts (memory sampling)
 */
export async function findAll(page, frame, word, onFullSearchStart) {
  await page.keyboard.press('Control+f');
  const input = frame.locator('.find-widget:not([hidden]) input[aria-label="Find"]');
  await input.waitFor({ state: 'visible' });
  // The word goes in without input events, which would start the search after the typing
  // debounce at a moment we do not know; Enter starts it at once.
  await input.evaluate((el, w) => {
    /** @type {HTMLInputElement} */ (el).value = w;
  }, word);
  await input.focus();
  await watch(page, 'firstMatch', 'webview', 'shown', { selector: '.hex-view:not([hidden]) .row:not([hidden]) .sel' });
  await watch(page, 'count', 'webview', 'text', { selector: '.find-count', pattern: '^[\\d,]+ of [\\d,]+$' });
  onFullSearchStart?.();
  const t0 = Date.now();
  await page.keyboard.press('Enter');
  const first = await waitForProbe(page, 'firstMatch', `the first match of "${word}"`);
  const full = await waitForProbe(page, 'count', `the count of "${word}"`, 10 * 60 * SECOND);
  return {
    firstMatchMs: first.at - t0,
    fullCountMs: full.at - t0,
    countText: full.text,
    count: Number(full.text.replace(/^.* of /, '').replace(/[^\d]/g, '')),
  };
}

/**
 * VS Code's own text editor on the peer file: the key press → its first lines in Monaco's DOM,
 * through the "file is very large" placeholder, whose "Open Anyway" the probe clicks at once.
 * @param {import('playwright-core').Page} page
 */
export async function openInTextEditor(page, timeoutMs = 5 * 60 * SECOND) {
  await watch(page, 'textEditor', 'main', 'monaco');
  const t0 = Date.now();
  await page.keyboard.press(KEYS.openPeerInTextEditor);
  const r = await waitForProbe(page, 'textEditor', 'the text editor to show lines', timeoutMs);
  return {
    ms: r.at - t0,
    frameMs: (r.frameAt ?? r.at) - t0,
    warningMs: r.warningAt === undefined ? undefined : r.warningAt - t0,
    afterOpenAnywayMs: r.warningAt === undefined ? undefined : r.at - r.warningAt,
    firstLine: r.text,
  };
}


/**
 * A tab switch in the text view: at line `line` (Ctrl+Alt+H to the text view, Ctrl+G to the
 * line), another tab (a small file in VS Code's text editor), then back (Ctrl+PageUp) → the
 * same line's row shown again. Leaves the hex view showing.
 * @param {import('playwright-core').Page} page
 * @param {number} line
 */
export async function reshowAfterTabSwitch(page, line) {
  await watch(page, 'textView', 'main', 'textRowShown', {});
  await page.keyboard.press('Control+Alt+h');
  await waitForProbe(page, 'textView', 'the text view', 20 * SECOND).catch(async (e) => {
    throw new Error(`${e.message}: ${await page.evaluate(() => /** @type {any} */ (window).__benchProbe.whyNoTextRow())}`);
  });
  await watch(page, 'atLine', 'main', 'textRowShown', { gutter: String(line) });
  const input = page.locator('.quick-input-widget input');
  // Ctrl+G until its box shows (a key pressed while the view is busy drawing can be lost).
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+g');
    if (await input.waitFor({ state: 'visible', timeout: 5 * SECOND }).then(() => true, () => false)) break;
    if (attempt === 5) throw new Error('Ctrl+G did not open Go to');
  }
  await input.fill(`line ${line}`);
  await input.press('Enter');
  await waitForProbe(page, 'atLine', `line ${line} in the text view`);
  await watch(page, 'notes', 'main', 'monacoShown', { text: 'another tab' });
  await page.keyboard.press(KEYS.openNotes);
  await waitForProbe(page, 'notes', 'the other tab');
  await watch(page, 'reshow', 'main', 'textRowShown', { gutter: String(line) });
  const t0 = Date.now();
  await page.keyboard.press(KEYS.previousEditor);
  const r = await waitForProbe(page, 'reshow', `line ${line} shown again after the tab switch`);
  await page.keyboard.press('Control+Alt+h');
  return { ms: r.at - t0, frameMs: (r.frameAt ?? r.at) - t0 };
}

/**
 * The peer of the tab switch: VS Code's text editor showing the 200 MB log (just opened), another
 * tab, and back → its lines shown again.
 * @param {import('playwright-core').Page} page
 * @param {string} text a piece of the first line the text editor shows
 */
export async function textEditorReshow(page, text) {
  await watch(page, 'notes', 'main', 'monacoShown', { text: 'another tab' });
  await page.keyboard.press(KEYS.openNotes);
  await waitForProbe(page, 'notes', 'the other tab');
  await watch(page, 'peerReshow', 'main', 'monacoShown', { text });
  const t0 = Date.now();
  await page.keyboard.press(KEYS.previousEditor);
  const r = await waitForProbe(page, 'peerReshow', 'the text editor shown again');
  return { ms: r.at - t0 };
}
