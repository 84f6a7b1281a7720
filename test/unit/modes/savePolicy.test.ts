// Which saves write: under auto save (code-server's default) only a save the user made; with
// auto save off, every save VS Code asks for. Copy mode never writes the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideSave } from '../../../extension/save/savePolicy';

const AUTO = ['afterDelay', 'onFocusChange', 'onWindowChange'];

test('In place under every auto save setting: only a deliberate save writes', () => {
  for (const autoSave of AUTO) {
    assert.equal(decideSave({ mode: 'write', deliberate: false, autoSave: [autoSave], allowAutoSave: false }).kind, 'hold', autoSave);
    assert.equal(decideSave({ mode: 'write', deliberate: true, autoSave: [autoSave], allowAutoSave: false }).kind, 'write', autoSave);
    // Off in one scope, on in another that may apply: held.
    assert.equal(decideSave({ mode: 'write', deliberate: false, autoSave: ['off', autoSave], allowAutoSave: false }).kind, 'hold');
  }
});

test('auto save off: every save comes from the user (Ctrl+S, File > Save, a close prompt)', () => {
  assert.equal(decideSave({ mode: 'write', deliberate: false, autoSave: ['off'], allowAutoSave: false }).kind, 'write');
  assert.equal(decideSave({ mode: 'copy', deliberate: false, autoSave: ['off', 'off'], allowAutoSave: false }).kind, 'saveAs');
});

test('largeFile.allowAutoSave lets auto save write In place, never in Copy mode', () => {
  assert.equal(decideSave({ mode: 'write', deliberate: false, autoSave: ['afterDelay'], allowAutoSave: true }).kind, 'write');
  assert.equal(decideSave({ mode: 'copy', deliberate: false, autoSave: ['afterDelay'], allowAutoSave: true }).kind, 'hold');
});

test('Copy mode asks where to write only when the user saves; Read-only writes nothing', () => {
  assert.equal(decideSave({ mode: 'copy', deliberate: true, autoSave: ['afterDelay'], allowAutoSave: false }).kind, 'saveAs');
  assert.equal(decideSave({ mode: 'copy', deliberate: false, autoSave: ['afterDelay'], allowAutoSave: false }).kind, 'hold');
  for (const deliberate of [true, false]) {
    for (const autoSave of ['off', ...AUTO]) {
      assert.equal(decideSave({ mode: 'read', deliberate, autoSave: [autoSave], allowAutoSave: true }).kind, 'nothing');
    }
  }
});
