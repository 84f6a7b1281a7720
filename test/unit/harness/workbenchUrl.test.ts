import { test } from 'node:test';
import assert from 'node:assert/strict';
import { remoteUri, workbenchUrl } from '../../../scripts/code-server/urls.mjs';

test('paths on the server are named by vscode-remote URIs with host and port', () => {
  assert.equal(remoteUri(8123, '/srv/ext'), 'vscode-remote://127.0.0.1:8123/srv/ext');
  assert.equal(remoteUri(8123, '/srv/100% #1.log'), 'vscode-remote://127.0.0.1:8123/srv/100%25%20%231.log');
});

test('the workbench URL carries the folder and a JSON payload the web workbench reads', () => {
  const url = new URL(
    workbenchUrl('http://127.0.0.1:8123/', {
      folder: '/data/logs',
      openFile: '/data/logs/app log.log',
      payload: [['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:8123/srv/ext']],
    }),
  );
  assert.equal(url.origin, 'http://127.0.0.1:8123');
  assert.equal(url.searchParams.get('folder'), '/data/logs');
  assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? 'null'), [
    ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:8123/srv/ext'],
    ['openFile', 'vscode-remote://127.0.0.1:8123/data/logs/app%20log.log'],
  ]);
});

test('no payload parameter when there is nothing to pass', () => {
  const url = new URL(workbenchUrl('http://127.0.0.1:8123/', { folder: '/data' }));
  assert.equal(url.searchParams.has('payload'), false);
});
