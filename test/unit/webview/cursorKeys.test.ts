// The keys that move the cursor, as VS Code binds them; the ones it keeps for itself
// (Ctrl+PageUp/PageDown switch tabs, Alt+arrows) move nothing here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cursorMoveOf } from '../../../webview/views/cursorKeys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; shiftKey: boolean; altKey: boolean; metaKey: boolean }> = {}) =>
  cursorMoveOf({ key: k, ctrlKey: false, shiftKey: false, altKey: false, metaKey: false, ...mods });

test('arrows, pages, Home and End move; Shift extends; Ctrl+Home/End go to the ends', () => {
  assert.deepEqual(key('ArrowDown'), { move: 'down', extend: false });
  assert.deepEqual(key('ArrowRight', { shiftKey: true }), { move: 'right', extend: true });
  assert.deepEqual(key('PageDown'), { move: 'pageDown', extend: false });
  assert.deepEqual(key('PageUp', { shiftKey: true }), { move: 'pageUp', extend: true });
  assert.deepEqual(key('Home'), { move: 'rowStart', extend: false });
  assert.deepEqual(key('End', { shiftKey: true }), { move: 'rowEnd', extend: true });
  assert.deepEqual(key('Home', { ctrlKey: true }), { move: 'docStart', extend: false });
  assert.deepEqual(key('End', { metaKey: true, shiftKey: true }), { move: 'docEnd', extend: true });
});

test('keys VS Code keeps move nothing; typing keys are not moves', () => {
  assert.equal(key('PageDown', { ctrlKey: true }), undefined);
  assert.equal(key('ArrowLeft', { altKey: true }), undefined);
  assert.equal(key('a'), undefined);
  assert.equal(key('Enter'), undefined);
});
