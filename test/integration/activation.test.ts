import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, EXTENSION_ID } from './helpers';

describe('activation', () => {
  it('activates and loads the native engine', async () => {
    const api = await activatedApi();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'the extension is active');
    assert.deepEqual(api.engine(), { loaded: true });
  });

  it('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['largeFile.openFile', 'largeFile.openWith']) assert.ok(commands.includes(id), `${id} is registered`);
  });
});
