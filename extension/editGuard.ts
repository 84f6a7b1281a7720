// The questions asked before an edit that costs more than it looks: an insert or delete in a big
// file (saving it then rewrites the whole file, 13 s for 2 GB here, where an overwrite saves only
// its bytes), and a Replace All of very many matches. Asked once, before the edit is applied,
// with the numbers; a "no" leaves the document as it was.
import * as vscode from 'vscode';
import type { LargeFileDocument } from './largeFileDocument';
import type { RewriteSpeed } from './save/rewriteSpeed';
import { num, size as sizeText } from './l10n/locale';

/** Replace All asks first above this many matches (`largeFile.confirmReplaceAllAbove`). */
export function replaceAllAskAbove(): number {
  const n = vscode.workspace.getConfiguration('largeFile').get<number>('confirmReplaceAllAbove', 10_000);
  return Number.isFinite(n) && n >= 0 ? n : 10_000;
}

/** What changes the length: typing, a paste, a replacement, or a slice saved in VS Code's editor (slices/). */
export type LengthChangeKind = 'insert' | 'delete' | 'replace' | 'paste' | 'slice';

/** The question's subject and its button, in the user's language. */
function wording(kind: LengthChangeKind): { verb: string; button: string } {
  switch (kind) {
    case 'insert':
      return { verb: vscode.l10n.t('Inserting'), button: vscode.l10n.t('Insert') };
    case 'delete':
      return { verb: vscode.l10n.t('Deleting'), button: vscode.l10n.t('Delete') };
    case 'replace':
      return { verb: vscode.l10n.t('This replacement'), button: vscode.l10n.t('Replace') };
    case 'paste':
      return { verb: vscode.l10n.t('This paste'), button: vscode.l10n.t('Paste') };
    case 'slice':
      return { verb: vscode.l10n.t('Writing this slice back'), button: vscode.l10n.t('Write It Back') };
  }
}

/** How long rewriting `bytes` takes here, as RewriteSpeed.describe says it, in the user's language. */
function duration(speed: RewriteSpeed, bytes: number): string {
  const seconds = bytes / speed.bytesPerSecond;
  if (seconds < 1) return vscode.l10n.t('under a second');
  if (seconds < 90) return vscode.l10n.t('about {0} s', num(Math.round(seconds)));
  return vscode.l10n.t('about {0} min', num(Math.round(seconds / 60)));
}

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
  const size = sizeText(document.journal.size);
  const time = duration(speed, document.journal.size);
  return document.mode === 'copy'
    ? vscode.l10n.t('saving the copy writes all {0} to a new file ({1} here)', size, time)
    : vscode.l10n.t('saving it will then rewrite the whole {0} file instead of only the changed bytes ({1} here)', size, time);
}

/**
 * Before the first edit that changes the length of a document over the threshold: says what the
 * save will cost and asks. Remembered per document once agreed.
 */
export async function allowLengthChange(document: LargeFileDocument, kind: LengthChangeKind, speed: RewriteSpeed): Promise<boolean> {
  if (document.lengthChangeAcknowledged || document.journal.size < lengthChangeThreshold()) return true;
  const { verb, button } = wording(kind);
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} changes the length of {1}: {2}.', verb, fileName(document), rewriteCost(document, speed)),
    { modal: true, detail: vscode.l10n.t('Nothing is written until you save, and the save can be undone. Overwriting (the default typing mode; Insert toggles it) keeps the length.') },
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
  const n = num(count);
  const where = document.mode === 'copy' ? vscode.l10n.t('The file is never written in Copy mode: Save writes a copy.') : vscode.l10n.t('The file is written when you save.');
  const lengthNote = bigLengthChange ? ` ${vscode.l10n.t('The replacements change its length: {0}.', rewriteCost(document, speed))}` : '';
  const button = vscode.l10n.t('Replace {0}', n);
  const question = count === 1 ? vscode.l10n.t('Replace {0} match in {1}?', n, fileName(document)) : vscode.l10n.t('Replace {0} matches in {1}?', n, fileName(document));
  const choice = await vscode.window.showWarningMessage(
    `${question} ${where}${lengthNote}`,
    { modal: true, detail: vscode.l10n.t('Replace All is one step: Undo (Ctrl+Z) takes it back.') },
    button,
  );
  if (choice !== button) return false;
  if (bigLengthChange) document.lengthChangeAcknowledged = true;
  return true;
}
