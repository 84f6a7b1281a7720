// The strip that answers a keystroke in a read-only document: files open read-only, and the first
// key that would edit offers the switch in one click or key — Enter (or I) for In place, C for
// Copy, Escape to stay read-only — instead of a trip to the settings. The host then asks whatever
// the rules say it must (a program or system file, unsaved edits) before the mode changes.
import type { OpenMode } from '../shared/protocol';
import { t } from './l10n';

export interface ModePromptEvents {
  onChoose(mode: Exclude<OpenMode, 'read'>): void;
  /** The prompt closed (answered or dismissed): focus goes back to the view. */
  onClose(): void;
}

export class ModePrompt {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly inPlace: HTMLButtonElement;

  constructor(private readonly events: ModePromptEvents) {
    this.element = document.createElement('div');
    this.element.className = 'mode-prompt';
    this.element.setAttribute('role', 'alertdialog');
    this.element.setAttribute('aria-label', t('prompt.label'));
    this.element.hidden = true;
    this.text = document.createElement('span');
    this.text.className = 'mode-prompt-text';
    this.inPlace = promptButton('edit', t('prompt.editInPlace'), 'Enter', () => this.choose('write'));
    const copy = promptButton('copy', t('prompt.editCopy'), 'C', () => this.choose('copy'));
    const stay = promptButton('lock', t('prompt.keepReadOnly'), 'Esc', () => this.close());
    stay.classList.add('secondary');
    this.element.append(this.text, this.inPlace, copy, stay);
    this.element.addEventListener('keydown', (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const key = e.key.toLowerCase();
      const onButton = (e.target as HTMLElement | null)?.tagName === 'BUTTON';
      if (key === 'escape') this.close();
      else if (key === 'c') this.choose('copy');
      else if (key === 'i' || (key === 'enter' && !onButton)) this.choose('write');
      else return; // Tab moves between the buttons; Enter and Space press the focused one
      e.preventDefault();
      e.stopPropagation();
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Shows the prompt (if it is not showing) and takes the keyboard. */
  open(fileName: string, writable: boolean): void {
    this.text.textContent = writable
      ? t('prompt.writable', fileName)
      : t('prompt.notWritable', fileName);
    this.inPlace.hidden = !writable;
    this.element.hidden = false;
    (writable ? this.inPlace : this.element.querySelector<HTMLButtonElement>('button:not([hidden])'))?.focus();
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.events.onClose();
  }

  private choose(mode: Exclude<OpenMode, 'read'>): void {
    if (mode === 'write' && this.inPlace.hidden) return;
    this.close();
    this.events.onChoose(mode);
  }
}

function promptButton(icon: string, label: string, key: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  const glyph = document.createElement('span');
  glyph.className = `codicon codicon-${icon}`;
  glyph.setAttribute('aria-hidden', 'true');
  const hint = document.createElement('kbd');
  hint.textContent = key;
  b.append(glyph, document.createTextNode(` ${label} `), hint);
  b.addEventListener('click', onClick);
  return b;
}
