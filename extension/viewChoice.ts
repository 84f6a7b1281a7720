// Which view a file opens in. `largeFile.defaultView` set to `hex` or `text` (by the user, in any
// scope) always wins; at `auto` (the default) the view the user last switched this file to
// comes back, and a file never switched opens as its first 64 KiB look (shared/contentSniff.ts):
// text for text (a BOM, UTF-16, no NUL and few control bytes), hex for binaries.
// Choices are kept in the workspace state by file URI, the most recent MAX_REMEMBERED of them
// (an entry is ~100 bytes: 50 KB at most).
import * as vscode from 'vscode';
import type { ViewKind } from '../shared/protocol';
import { VIEW_KINDS } from '../shared/protocol';
import { looksLikeText } from '../shared/contentSniff';

const STATE_KEY = 'largeFile.viewByFile';
const MAX_REMEMBERED = 500;

type Remembered = Record<string, ViewKind>;

/** The views users picked per file, in a Memento (the workspace state). */
export class ViewMemory {
  constructor(private readonly state: vscode.Memento | undefined) {}

  get(uri: vscode.Uri): ViewKind | undefined {
    const v = this.all()[uri.toString()];
    return (VIEW_KINDS as readonly unknown[]).includes(v) ? v : undefined;
  }

  remember(uri: vscode.Uri, view: ViewKind): void {
    if (!this.state) return;
    const key = uri.toString();
    const all = this.all();
    if (all[key] === view) return;
    delete all[key];
    all[key] = view; // insertion order: the newest last
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete all[old];
    void this.state.update(STATE_KEY, all);
  }

  private all(): Remembered {
    const v = this.state?.get<unknown>(STATE_KEY);
    return typeof v === 'object' && v !== null ? { ...(v as Remembered) } : {};
  }
}

/** The `largeFile.defaultView` setting: 'auto' unless set to a view. */
export function configuredView(): ViewKind | 'auto' {
  const v = vscode.workspace.getConfiguration('largeFile').get<string>('defaultView');
  return v === 'hex' || v === 'text' ? v : 'auto';
}

/** The view to open in: the explicit setting, else the file's remembered choice, else what its first bytes look like. */
export function initialView(configured: ViewKind | 'auto', remembered: ViewKind | undefined, head: Uint8Array | undefined): ViewKind {
  if (configured !== 'auto') return configured;
  if (remembered) return remembered;
  // Unreadable head: the hex view shows whatever can be read.
  return head && looksLikeText(head) ? 'text' : 'hex';
}
