// Programs and system files stay read-only unless the user insists: by their header (not the
// execute bit alone: FAT/NTFS mounts set it on everything) and by the folder they are in — but a
// workspace folder is the user's project wherever it lives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileProtection, programKind, systemFolderOf } from '../../../extension/modes/fileProtection';

test('the running node binary is a program', () => {
  const p = fileProtection(process.execPath);
  assert.equal(p?.kind, 'executable');
  assert.match(p?.reason ?? '', /program/);
});

test('headers: ELF, PE, Mach-O; a script only with its execute bit; a log with an execute bit is not a program', () => {
  const b = (...x: number[]) => Uint8Array.from(x);
  assert.match(programKind(b(0x7f, 0x45, 0x4c, 0x46), false) ?? '', /ELF/);
  assert.match(programKind(b(0x4d, 0x5a, 0x90, 0), false) ?? '', /Windows/);
  assert.match(programKind(b(0xcf, 0xfa, 0xed, 0xfe), false) ?? '', /Mach-O/);
  assert.match(programKind(new Uint8Array(Buffer.from('#!/bin/sh')), true) ?? '', /script/);
  assert.equal(programKind(new Uint8Array(Buffer.from('#!/bin/sh')), false), undefined);
  assert.equal(programKind(new Uint8Array(Buffer.from('2026-03-01 INFO')), true), undefined);
  assert.equal(programKind(new Uint8Array(0), true), undefined);
});

test('system folders, on POSIX and Windows; a workspace folder inside one is not', () => {
  assert.equal(systemFolderOf('/usr/bin/node', { platform: 'linux' }), '/usr');
  assert.equal(systemFolderOf('/etc/fstab', { platform: 'linux' }), '/etc');
  assert.equal(systemFolderOf('/var/log/syslog', { platform: 'linux' }), undefined);
  assert.equal(systemFolderOf('/usrx/file', { platform: 'linux' }), undefined);
  assert.equal(systemFolderOf('/home/me/big.log', { platform: 'linux' }), undefined);
  assert.equal(systemFolderOf('/opt/checkout/data.bin', { platform: 'linux', workspaceFolders: ['/opt/checkout'] }), undefined);
  assert.equal(systemFolderOf('/opt/other/data.bin', { platform: 'linux', workspaceFolders: ['/opt/checkout'] }), '/opt');
  const env = { SystemRoot: 'C:\\Windows', ProgramFiles: 'C:\\Program Files' };
  assert.equal(systemFolderOf('c:\\windows\\system32\\drivers\\etc\\hosts', { platform: 'win32', env }), 'C:\\Windows');
  assert.equal(systemFolderOf('D:\\logs\\app.log', { platform: 'win32', env }), undefined);
});

test('files on disk: a script with its execute bit is protected, the same text without it is not', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lfe-protect-'));
  try {
    const script = path.join(dir, 'run.sh');
    writeFileSync(script, '#!/bin/sh\necho hi\n');
    assert.equal(fileProtection(script), undefined);
    chmodSync(script, 0o755);
    assert.equal(fileProtection(script)?.kind, process.platform === 'win32' ? undefined : 'executable');
    const log = path.join(dir, 'app.log');
    writeFileSync(log, 'INFO started\n');
    chmodSync(log, 0o777);
    assert.equal(fileProtection(log), undefined);
    assert.equal(fileProtection(path.join(dir, 'missing.bin')), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
