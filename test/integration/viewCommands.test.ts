import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LargeFileEditorApi } from '../../extension/extension';
import type { ViewStatus } from '../../shared/protocol';
import { activatedApi, closeAllEditors, sleep, waitForRender } from './helpers';

/** The status reaches the host a frame after the rows: wait for it to say what we expect. */
async function waitForStatus(api: LargeFileEditorApi, ok: (s: ViewStatus) => boolean, what: string): Promise<ViewStatus> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const s = api.activeStatus();
    if (s && ok(s)) return s;
    if (Date.now() > deadline) assert.fail(`status never showed ${what}; last: ${JSON.stringify(s)}`);
    await sleep(50);
  }
}

const isView = (view: string) => (r: unknown) => (r as { view?: string }).view === view;

/** Line n (0-based) of the fixture: fixed width, so its offset is n * 32. */
const line = (n: number) => `line ${String(n).padStart(8, '0')} of the fixture.\n`.padStart(32, '#');

describe('Go to, toggle view and encodings', () => {
  let dir: string;
  let file: string;
  let lines: number;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-view-'));
    file = path.join(dir, 'lines.txt');
    lines = 200_000; // 6.4 MB
    const parts: string[] = [];
    for (let i = 0; i < lines; i++) parts.push(line(i));
    writeFileSync(file, parts.join(''));
    assert.equal(line(0).length, 32);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(closeAllEditors);

  it('goes to a hex offset and to a percentage, and the rows there are rendered', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);

    const target = 0x1f400; // line 4000
    const atTarget = waitForRender(api, uri, (r) => r.rows.some((row) => row.startsWith('0001F400')));
    await vscode.commands.executeCommand('largeFile.goTo', '0x1F400');
    const r = await atTarget;
    const row = r.rows.find((x) => x.startsWith('0001F400'))!;
    const expected = Buffer.from(line(target / 32)).subarray(0, 16);
    assert.ok(row.includes(expected.toString('latin1')), `row ${row} shows ${expected.toString('latin1')}`);
    await waitForStatus(api, (s) => s.offset === target, `the cursor at ${target}`);

    const half = (lines * 32) / 2;
    const atHalf = waitForRender(api, uri, (x) => x.firstOffset <= half && x.firstOffset + x.rows.length * 16 > half);
    await vscode.commands.executeCommand('largeFile.goTo', '50%');
    await atHalf;
    await waitForStatus(api, (s) => s.offset === half, `the cursor at ${half}`);
  });

  it('toggles to the text view at the same place and back', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    await vscode.commands.executeCommand('largeFile.goTo', String(5000 * 32));
    await waitForStatus(api, (s) => s.offset === 5000 * 32, 'the cursor on line 5000');

    const seen: string[] = [];
    const asText = waitForRender(api, uri, (r) => {
      if (!isView('text')(r)) return false;
      seen.push(r.rows[0]);
      return r.rows.includes(line(5000).trimEnd());
    });
    await vscode.commands.executeCommand('largeFile.toggleView');
    await asText;
    // The text view opens where the hex view was, without first flashing the top of the file.
    assert.deepEqual(seen.filter((row) => row.includes('line 00000000')), []);
    await waitForStatus(api, (s) => s.view === 'text' && s.offset === 5000 * 32, 'the text view, cursor kept');

    const asHex = waitForRender(api, uri, isView('hex'));
    await vscode.commands.executeCommand('largeFile.toggleView');
    const hex = await asHex;
    assert.ok(hex.firstOffset <= 5000 * 32 && hex.firstOffset + hex.rows.length * 16 > 5000 * 32, `hex rows from ${hex.firstOffset}: ${hex.rows.length}`);
  });

  it('decodes UTF-16 LE with a byte-order mark, and re-decodes on an encoding change', async () => {
    const api = await activatedApi();
    const utf16 = path.join(dir, 'utf16.txt');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße\nzweite Zeile\n', 'utf16le')]));
    const uri = vscode.Uri.file(utf16);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    const asText = waitForRender(api, uri, (r) => isView('text')(r) && r.rows.includes('zweite Zeile'));
    await vscode.commands.executeCommand('largeFile.toggleView');
    const r = await asText;
    // The byte-order mark takes no column.
    assert.equal(r.rows[0], 'Grüße');
    await waitForStatus(api, (s) => s.encoding === 'utf-16le', 'utf-16le');

    const asLatin1 = waitForRender(api, uri, (x) => x.rows.some((row) => row.startsWith('ÿþG')));
    await vscode.commands.executeCommand('largeFile.changeEncoding', 'iso-8859-1');
    await asLatin1;
  });

  it('goes to a line once the line index has it, and numbers the gutter', async () => {
    const api = await activatedApi();
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('largeFile.openFile', uri);
    await waitForRender(api, uri);
    await vscode.commands.executeCommand('largeFile.toggleView');
    await waitForRender(api, uri, isView('text'));
    // The index of 6.4 MB is done in milliseconds; retry the jump until it is.
    const wanted = 123_457; // 1-based
    for (let attempt = 0; ; attempt++) {
      await vscode.commands.executeCommand('largeFile.goTo', `line ${wanted}`);
      try {
        await waitForStatus(api, (s) => s.offset === (wanted - 1) * 32, `line ${wanted}`);
        break;
      } catch (e) {
        if (attempt > 5) throw e;
      }
    }
    const r = await waitForRender(api, uri, (x) => isView('text')(x) && x.rows.includes(line(wanted - 1).trimEnd()));
    assert.ok(r.rows.length > 0);
    await vscode.commands.executeCommand('largeFile.goTo', `line ${lines + 10}`);
    // Past the end: a warning, the cursor stays.
    await sleep(500);
    assert.equal(api.activeStatus()?.offset, (wanted - 1) * 32);
  });
});
