// The questions asked before an edit that costs more than it looks: an insert or delete in a big
// file (saving it then rewrites the whole file, 13 s for 2 GB here, where an overwrite saves only
// its bytes), and a Replace All of very many matches. Asked once, before the edit is applied,
// with the numbers; a "no" leaves the document as it was.
import * as vscode from 'vscode';
import type { LargeFileDocument } from './largeFileDocument';
import type { RewriteSpeed } from './save/rewriteSpeed';
import { binarySize } from '../shared/sizes';

/** Replace All asks first above this many matches (`largeFile.confirmReplaceAllAbove`). */
export function replaceAllAskAbove(): number {
  const n = vscode.workspace.getConfiguration('largeFile').get<number>('confirmReplaceAllAbove', 10_000);
  return Number.isFinite(n) && n >= 0 ? n : 10_000;
}

/** What changes the length: typing, a paste, a replacement, or a slice saved in VS Code's editor (slices/). */
export type LengthChangeKind = 'insert' | 'delete' | 'replace' | 'paste' | 'slice';

const VERB: Record<LengthChangeKind, string> = {
  insert: 'Inserting',
  delete: 'Deleting',
  replace: 'This replacement',
  paste: 'This paste',
  slice: 'Writing this slice back',
};
const BUTTON: Record<LengthChangeKind, string> = { insert: 'Insert', delete: 'Delete', replace: 'Replace', paste: 'Paste', slice: 'Write It Back' };

function fileName(document: LargeFileDocument): string {
  return document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
}


/** Files at least this big say what a length change costs (`largeFile.confirmLengthChangeAboveMB`). */
export function lengthChangeThreshold(): number {
  const mb = vscode.workspace.getConfiguration('largeFile').get<number>('confirmLengthChangeAboveMB', 64);
  return Math.max(0, Number.isFinite(mb) ? mb : 64) * 2 ** 20;
}

/** What saving after a length change costs, as a sentence (the Copy mode version writes a new file). */
function rewriteCost(document: LargeFileDocument, speed: RewriteSpeed): string {
  const size = binarySize(document.journal.size);
  return document.mode === 'copy'
    ? `saving the copy writes all ${size} to a new file (${speed.describe(document.journal.size)} here)`
    : `saving it will then rewrite the whole ${size} file instead of only the changed bytes (${speed.describe(document.journal.size)} here)`;
}

/**
 * Before the first edit that changes the length of a document over the threshold: says what the
 * save will cost and asks. Remembered per document once agreed.
 */
export async function allowLengthChange(document: LargeFileDocument, kind: LengthChangeKind, speed: RewriteSpeed): Promise<boolean> {
  if (document.lengthChangeAcknowledged || document.journal.size < lengthChangeThreshold()) return true;
  const button = BUTTON[kind];
  const choice = await vscode.window.showWarningMessage(
    `${VERB[kind]} changes the length of ${fileName(document)}: ${rewriteCost(document, speed)}.`,
    { modal: true, detail: 'Nothing is written until you save, and the save can be undone. Overwriting (the default typing mode; Insert toggles it) keeps the length.' },
    button,
  );
  if (choice !== button) return false;
  document.lengthChangeAcknowledged = true;
  return true;
}

/**
 * Before Replace All applies `count` matches: above replaceAllAskAbove(), or when it changes the
 * length of a big file (and that was not agreed yet), asks with the numbers.
 */
export async function confirmReplaceAll(document: LargeFileDocument, count: number, changesLength: boolean, speed: RewriteSpeed): Promise<boolean> {
  const bigLengthChange = changesLength && !document.lengthChangeAcknowledged && document.journal.size >= lengthChangeThreshold();
  if (count <= replaceAllAskAbove() && !bigLengthChange) return true;
  const n = count.toLocaleString('en-US');
  const where = document.mode === 'copy' ? 'The file is never written in Copy mode: Save writes a copy.' : 'The file is written when you save.';
  const lengthNote = bigLengthChange ? ` The replacements change its length: ${rewriteCost(document, speed)}.` : '';
  const button = `Replace ${n}`;
  const choice = await vscode.window.showWarningMessage(
    `Replace ${n} ${count === 1 ? 'match' : 'matches'} in ${fileName(document)}? ${where}${lengthNote}`,
    { modal: true, detail: 'Replace All is one step: Undo (Ctrl+Z) takes it back.' },
    button,
  );
  if (choice !== button) return false;
  if (bigLengthChange) document.lengthChangeAcknowledged = true;
  return true;
}
