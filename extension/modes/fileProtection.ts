// Which files stay read-only whatever `largeFile.defaultMode` says, and make the user insist
// before In place: programs (an ELF, PE or Mach-O header, or a `#!` script with an execute bit)
// and files under the operating system's own folders. In place edits of /usr/bin/node, a shared
// library or /etc/fstab can break the machine once saved; Copy mode never writes the file, so
// it stays allowed. Files inside an open workspace folder are the user's project, never "system"
// files, wherever the folder lives (a checkout under /opt or /usr/src is common).
//
// Deliberately not the execute bit alone: files on FAT, NTFS or SMB mounts (WSL's /mnt/c) often
// carry it on everything, logs included.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { l10n } from '../../shared/l10nText';

export interface Protection {
  readonly kind: 'executable' | 'system';
  /** How the file is described to the user, e.g. "a program (ELF executable)". */
  readonly reason: string;
}

/** Folders whose files belong to the operating system (POSIX, macOS). */
const POSIX_SYSTEM_FOLDERS = [
  '/bin', '/sbin', '/usr', '/lib', '/lib32', '/lib64', '/libx32', '/boot', '/etc', '/opt', '/snap',
  '/nix/store', '/var/lib', '/System', '/Library', '/Applications', '/private/etc', '/private/var/db',
];

/** Windows: the system and program folders, from the environment (with the usual defaults). */
function windowsSystemFolders(env: NodeJS.ProcessEnv): string[] {
  const systemRoot = env.SystemRoot ?? env.windir ?? 'C:\\Windows';
  return [systemRoot, env.ProgramFiles ?? 'C:\\Program Files', env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)', env.ProgramData ?? 'C:\\ProgramData'];
}

export interface ProtectionContext {
  readonly platform?: NodeJS.Platform;
  readonly env?: NodeJS.ProcessEnv;
  /** Workspace folders: files inside them are never system files. */
  readonly workspaceFolders?: readonly string[];
}

/** The system folder `file` lies in, if any (and it is not inside a workspace folder). */
export function systemFolderOf(file: string, context: ProtectionContext = {}): string | undefined {
  const platform = context.platform ?? process.platform;
  const p = platform === 'win32' ? path.win32 : path.posix;
  const norm = (f: string) => (platform === 'win32' ? p.resolve(f).toLowerCase() : p.resolve(f));
  const inside = (child: string, parent: string) => {
    const rel = p.relative(norm(parent), norm(child));
    return rel === '' || (!rel.startsWith('..') && !p.isAbsolute(rel));
  };
  if ((context.workspaceFolders ?? []).some((w) => inside(file, w))) return undefined;
  const folders = platform === 'win32' ? windowsSystemFolders(context.env ?? process.env) : POSIX_SYSTEM_FOLDERS;
  return folders.find((f) => inside(file, f));
}

/** What the first bytes of a file say it is, when it is a program. */
export function programKind(head: Uint8Array, executableBit: boolean): string | undefined {
  const b = (i: number) => head[i] ?? -1;
  if (b(0) === 0x7f && b(1) === 0x45 && b(2) === 0x4c && b(3) === 0x46) return l10n.t('a program (ELF executable or library)');
  if (b(0) === 0x4d && b(1) === 0x5a) return l10n.t('a program (Windows executable or DLL)');
  const magic = ((b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3)) >>> 0;
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic)) return l10n.t('a program (Mach-O executable)');
  if (executableBit && b(0) === 0x23 && b(1) === 0x21) return l10n.t('an executable script');
  return undefined;
}

/** Why `file` must stay read-only unless the user insists, or undefined. Never throws. */
export function fileProtection(file: string, context: ProtectionContext = {}): Protection | undefined {
  const folder = systemFolderOf(file, context);
  let head = new Uint8Array(0);
  let executableBit = false;
  try {
    const st = statSync(file);
    executableBit = (context.platform ?? process.platform) !== 'win32' && (st.mode & 0o111) !== 0;
    const fd = openSync(file, 'r');
    try {
      const buffer = new Uint8Array(4);
      head = buffer.subarray(0, readSync(fd, buffer, 0, 4, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    // Expected for a file we may not read or that is gone: opening it says why; it is not known to be a program.
  }
  const program = programKind(head, executableBit);
  if (program) return { kind: 'executable', reason: program };
  if (folder) return { kind: 'system', reason: l10n.t('in a system folder ({0})', folder) };
  return undefined;
}
