// Carries out a mode change the way modeTransitions.ts says: asks its questions (modal, naming
// the file), then saves, discards or keeps the edits and sets the mode — stopping if a save does
// not complete. Saving and discarding go through VS Code, so its undo stack and dirty state
// agree with the document.
import * as vscode from 'vscode';
import type { LargeFileDocument } from '../largeFileDocument';
import type { OpenMode } from '../../shared/protocol';
import { modeLabel, ModeAnswer, ModeQuestion, planModeChange, type ModeSituation } from './modeTransitions';

export interface ModeSwitchHost {
  /** A deliberate save of `document` (Save As in Copy mode); true once it is saved. */
  save(document: LargeFileDocument): Promise<boolean>;
  /** Drops every edit: the document shows the file as it is on disk. */
  discard(document: LargeFileDocument): Promise<void>;
  /** Edits that VS Code counts as saved (a Copy mode document after its copy was saved) become unsaved changes. */
  markUnsaved(document: LargeFileDocument): void;
  /** Called after the document switched to In place (the auto-save note). */
  afterInPlace?(document: LargeFileDocument): void;
}

export function situationOf(document: LargeFileDocument, to: OpenMode): ModeSituation {
  return {
    fileName: document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1),
    from: document.mode,
    to,
    dirty: document.isDirty,
    editsOverFile: document.hasEditsOverFile,
    canWrite: document.canWrite,
    protection: document.protection,
    nativeBackend: document.nativeBackend,
    trusted: vscode.workspace.isTrusted,
  };
}

async function ask(question: ModeQuestion): Promise<ModeAnswer> {
  const picked = await vscode.window.showWarningMessage(
    question.message,
    { modal: true, detail: question.detail },
    ...question.options.map((o) => o.label),
  );
  return question.options.find((o) => o.label === picked)?.answer ?? 'cancel';
}

/** Changes `document` to `to`, asking what the rules say to ask. Resolves whether the mode changed. */
export async function switchMode(document: LargeFileDocument, to: OpenMode, host: ModeSwitchHost): Promise<boolean> {
  const answers: Partial<Record<ModeQuestion['id'], ModeAnswer>> = {};
  for (;;) {
    const plan = planModeChange(situationOf(document, to), answers);
    if (plan.kind === 'refused') {
      const trust = vscode.l10n.t('Manage Workspace Trust');
      const choice = await vscode.window.showWarningMessage(plan.message, ...(plan.needsTrust ? [trust] : []));
      if (choice === trust) await vscode.commands.executeCommand('workbench.trust.manage');
      return false;
    }
    if (plan.kind === 'ask') {
      answers[plan.question.id] = await ask(plan.question);
      continue;
    }
    if (plan.actions.length === 0) return false;
    for (const action of plan.actions) {
      switch (action.kind) {
        case 'save':
          if (!(await host.save(document))) return false;
          break;
        case 'discard':
          await host.discard(document);
          break;
        case 'markUnsaved':
          host.markUnsaved(document);
          break;
        case 'setMode':
          document.setMode(action.mode);
          if (action.mode === 'write') host.afterInPlace?.(document);
          break;
      }
    }
    return true;
  }
}

/** The mode picker: each mode with what it does, the current one marked. */
export async function pickMode(document: LargeFileDocument, describe: (mode: OpenMode) => string): Promise<OpenMode | undefined> {
  const icons: Record<OpenMode, string> = { read: '$(lock)', write: '$(edit)', copy: '$(copy)' };
  const items = (['read', 'write', 'copy'] as const).map((mode) => ({
    mode,
    label: `${icons[mode]} ${modeLabel(mode)}`,
    description: mode === document.mode ? vscode.l10n.t('(current)') : undefined,
    detail: describe(mode),
  }));
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('How {0} is open', document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1)) }))?.mode;
}
