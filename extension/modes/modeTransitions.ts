// The rules for changing how a document is open (Read-only, In place, Copy), as a pure table so
// it can be tested exhaustively: what may change at once, what must be refused, and what must be
// asked first — because a mode must never do what its description denies. Copy mode promises the
// file is never written, so its edits may only become In place edits when the user says so; a
// switch to Read-only must not leave unsaved edits behind; a program or system file needs the
// user to insist before In place.
import type { OpenMode } from '../../shared/protocol';
import type { Protection } from './fileProtection';
import { l10n } from '../../shared/l10nText';

/** The modes' names, in the user's language. */
export function modeLabel(mode: OpenMode): string {
  switch (mode) {
    case 'read':
      return l10n.t('Read-only');
    case 'write':
      return l10n.t('In place');
    case 'copy':
      return l10n.t('Copy');
  }
}

export interface ModeSituation {
  readonly fileName: string;
  readonly from: OpenMode;
  readonly to: OpenMode;
  /** VS Code counts the document as having unsaved changes. */
  readonly dirty: boolean;
  /** The content differs from the file on disk (in Copy mode also after the copy was saved). */
  readonly editsOverFile: boolean;
  readonly canWrite: boolean;
  readonly protection: Protection | undefined;
  /** Editing needs the native engine; the JavaScript backend is read-only. */
  readonly nativeBackend: boolean;
  /** The workspace is trusted (Restricted Mode allows read-only inspection only). */
  readonly trusted: boolean;
}

/** What the user may answer to a question. */
export type ModeAnswer = 'insist' | 'copyInstead' | 'apply' | 'saveFirst' | 'discard' | 'cancel';

export interface ModeQuestion {
  readonly id: 'protected' | 'pending';
  readonly message: string;
  readonly detail: string;
  /** In order; 'cancel' is always possible (Escape) and not listed. */
  readonly options: readonly { readonly label: string; readonly answer: Exclude<ModeAnswer, 'cancel'> }[];
}

/** One thing to do, in order; a 'save' that does not complete (cancelled, failed) stops the rest. */
export type ModeAction =
  | { readonly kind: 'save' }
  | { readonly kind: 'discard' }
  | { readonly kind: 'markUnsaved' }
  | { readonly kind: 'setMode'; readonly mode: OpenMode };

export type ModePlan =
  /** `needsTrust`: trusting the workspace would allow it (Restricted Mode). */
  | { readonly kind: 'refused'; readonly message: string; readonly needsTrust?: boolean }
  | { readonly kind: 'actions'; readonly actions: readonly ModeAction[] }
  | { readonly kind: 'ask'; readonly question: ModeQuestion };

/**
 * The next step of a mode change, given the answers so far. Call again with each answer added
 * until it returns 'refused' or 'actions' (an empty list: nothing to do, or cancelled).
 */
export function planModeChange(s: ModeSituation, answers: Partial<Record<ModeQuestion['id'], ModeAnswer>> = {}): ModePlan {
  if (Object.values(answers).includes('cancel')) return { kind: 'actions', actions: [] };
  let to = s.to;
  if (to === s.from) return { kind: 'actions', actions: [] };
  if (!s.trusted && to !== 'read') {
    return { kind: 'refused', message: l10n.t('{0} stays read-only in Restricted Mode: editing it needs this workspace to be trusted.', s.fileName), needsTrust: true };
  }
  if (!s.nativeBackend && to !== 'read') return { kind: 'refused', message: l10n.t('{0} is read with the JavaScript backend, which cannot edit: it stays read-only.', s.fileName) };
  if (to === 'write' && !s.canWrite) {
    return { kind: 'refused', message: l10n.t('You may not write {0}: it stays read-only. Copy mode edits a scratch copy and saves it to a new file.', s.fileName) };
  }
  if (to === 'write' && s.protection) {
    const answer = answers.protected;
    if (answer === undefined) {
      return {
        kind: 'ask',
        question: {
          id: 'protected',
          message: l10n.t('{0} is {1}. Edit it in place anyway?', s.fileName, s.protection.reason),
          detail: l10n.t('Saving edits to it can break the programs that use it. Copy mode edits a scratch copy instead and never writes the file.'),
          options: [
            { label: l10n.t('Edit in Place Anyway'), answer: 'insist' },
            { label: l10n.t('Edit a Copy'), answer: 'copyInstead' },
          ],
        },
      };
    }
    if (answer === 'copyInstead') to = 'copy';
    if (to === s.from) return { kind: 'actions', actions: [] };
  }
  const setMode: ModeAction = { kind: 'setMode', mode: to };
  if (!s.editsOverFile) return { kind: 'actions', actions: [setMode] };

  // Edits exist that the file does not have.
  if (s.from === 'write' && to === 'copy') return { kind: 'actions', actions: [setMode] }; // they stay, and will only ever go to a copy
  if (s.from === 'read') return { kind: 'actions', actions: [setMode] };
  const pending = answers.pending;
  const saveLabel = s.from === 'copy' ? l10n.t('Save the Copy First') : l10n.t('Save Them to the File');
  if (pending === undefined) {
    const options: { label: string; answer: Exclude<ModeAnswer, 'cancel'> }[] = [];
    if (s.from === 'copy' && to === 'write') options.push({ label: l10n.t('Apply Them to the File'), answer: 'apply' });
    if (s.dirty) options.push({ label: saveLabel, answer: 'saveFirst' });
    options.push({ label: l10n.t('Discard Them'), answer: 'discard' });
    const detail =
      to === 'write'
        ? l10n.t('"Apply" keeps them as unsaved edits of the file itself: it is written only when you save. "Save the copy first" writes them to a new file, then edits the original from its saved state.')
        : l10n.t('Read-only mode shows the file as it is on disk.');
    const message =
      s.from === 'copy'
        ? to === 'write'
          ? l10n.t('{0} has edits made in Copy mode. What should happen to them before it is edited in place?', s.fileName)
          : l10n.t('{0} has edits made in Copy mode. What should happen to them before it is shown read-only?', s.fileName)
        : to === 'write'
          ? l10n.t('{0} has unsaved edits. What should happen to them before it is edited in place?', s.fileName)
          : l10n.t('{0} has unsaved edits. What should happen to them before it is shown read-only?', s.fileName);
    return { kind: 'ask', question: { id: 'pending', message, detail, options } };
  }
  switch (pending) {
    case 'apply':
      return { kind: 'actions', actions: s.dirty ? [setMode] : [{ kind: 'markUnsaved' }, setMode] };
    case 'saveFirst':
      // In place → Read-only: the file then has the edits. Copy → anything: the copy has them, the original does not.
      return { kind: 'actions', actions: s.from === 'copy' ? [{ kind: 'save' }, { kind: 'discard' }, setMode] : [{ kind: 'save' }, setMode] };
    case 'discard':
      return { kind: 'actions', actions: [{ kind: 'discard' }, setMode] };
    default:
      return { kind: 'actions', actions: [] };
  }
}

/** What each mode does, for the mode picker, the status bar and the README. */
export function modeDescription(mode: OpenMode, autoSaveOn: boolean): string {
  switch (mode) {
    case 'read':
      return l10n.t('Inspect only: no edit is accepted and nothing is ever written.');
    case 'write':
      return autoSaveOn
        ? l10n.t('Edits stay in memory until you save with Ctrl+S or Save; auto save does not write this file. Saving writes only the changed bytes, and can be undone.')
        : l10n.t('Edits stay in memory until you save; saving writes only the changed bytes, and can be undone.');
    case 'copy':
      return l10n.t('A scratch copy: every edit is allowed and the file is never written; Save writes a new file.');
  }
}
