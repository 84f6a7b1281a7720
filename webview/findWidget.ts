// The find (and replace) widget, shaped like VS Code's: a pattern box with match case, whole
// word, regex and hex toggles, a count with a progress bar, previous/next, find all, close.
// Up and Down in the box step through the patterns searched before (kept with the editor).
import type { FindQuery } from '../shared/protocol';
import { t } from './l10n';

export interface FindWidgetEvents {
  /** The pattern or a toggle changed (debounced). */
  onQueryChanged(query: FindQuery): void;
  onNext(query: FindQuery): void;
  onPrevious(query: FindQuery): void;
  onFindAll(query: FindQuery, unlimited: boolean): void;
  onClose(): void;
  onReplace(query: FindQuery, replacement: string, all: boolean): void;
  /** A pattern was added to the history. */
  onHistory(): void;
}

const DEBOUNCE_MS = 250;
const MAX_HISTORY = 50;

export class FindWidget {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly replaceInput: HTMLInputElement;
  private readonly replaceRow: HTMLElement;
  private readonly count: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly errorEl: HTMLElement;
  private readonly unlimitedButton: HTMLButtonElement;
  private readonly toggles: Record<'matchCase' | 'wholeWord' | 'regex' | 'hex', HTMLButtonElement>;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  private readonly past: string[];
  /** Where Up/Down are in the history (past.length: the pattern being typed), and that pattern. */
  private historyAt = 0;
  private typed = '';

  constructor(history: readonly string[], private readonly events: FindWidgetEvents) {
    this.past = history.slice(-MAX_HISTORY);
    this.historyAt = this.past.length;
    this.element = document.createElement('div');
    this.element.className = 'find-widget';
    this.element.hidden = true;
    this.element.setAttribute('role', 'dialog');
    this.element.setAttribute('aria-label', t('find.label'));

    const findRow = document.createElement('div');
    findRow.className = 'find-row';
    this.input = document.createElement('input');
    this.input.className = 'find-input';
    this.input.placeholder = t('find.placeholder');
    this.input.setAttribute('aria-label', t('find.label'));
    this.toggles = {
      matchCase: toggle('case-sensitive', t('find.matchCase')),
      wholeWord: toggle('whole-word', t('find.wholeWord')),
      regex: toggle('regex', t('find.regex')),
      hex: toggle('symbol-numeric', t('find.hex')),
    };
    for (const [name, button] of Object.entries(this.toggles)) {
      button.addEventListener('click', () => {
        const on = button.getAttribute('aria-pressed') !== 'true';
        button.setAttribute('aria-pressed', String(on));
        // Regex and hex are two ways to read the pattern: one at a time.
        if (on && name === 'regex') this.toggles.hex.setAttribute('aria-pressed', 'false');
        if (on && name === 'hex') this.toggles.regex.setAttribute('aria-pressed', 'false');
        this.changed(true);
        this.input.focus();
      });
    }
    this.count = document.createElement('span');
    this.count.className = 'find-count';
    this.count.setAttribute('aria-live', 'polite');
    const prev = iconButton('arrow-up', t('find.previous'), () => this.events.onPrevious(this.query()));
    const next = iconButton('arrow-down', t('find.next'), () => this.events.onNext(this.query()));
    const all = iconButton('list-flat', t('find.all'), () => this.events.onFindAll(this.query(), false));
    const close = iconButton('close', t('find.close'), () => this.events.onClose());
    findRow.append(this.input, this.toggles.matchCase, this.toggles.wholeWord, this.toggles.regex, this.toggles.hex, this.count, prev, next, all, close);

    this.replaceRow = document.createElement('div');
    this.replaceRow.className = 'find-row replace-row';
    this.replaceInput = document.createElement('input');
    this.replaceInput.className = 'find-input';
    this.replaceInput.placeholder = t('find.replacePlaceholder');
    this.replaceInput.setAttribute('aria-label', t('find.replacePlaceholder'));
    const replaceOne = iconButton('replace', t('find.replaceOne'), () => this.events.onReplace(this.query(), this.replaceInput.value, false));
    const replaceAll = iconButton('replace-all', t('find.replaceAll'), () =>
      this.events.onReplace(this.query(), this.replaceInput.value, true),
    );
    this.replaceRow.append(this.replaceInput, replaceOne, replaceAll);

    this.progress = document.createElement('div');
    this.progress.className = 'find-progress';
    this.progress.setAttribute('role', 'progressbar');
    this.progress.hidden = true;

    this.errorEl = document.createElement('div');
    this.errorEl.className = 'find-error';
    this.errorEl.setAttribute('role', 'alert');
    this.errorEl.hidden = true;

    this.unlimitedButton = document.createElement('button');
    this.unlimitedButton.className = 'link';
    this.unlimitedButton.textContent = t('find.unlimited');
    this.unlimitedButton.hidden = true;
    this.unlimitedButton.addEventListener('click', () => this.events.onFindAll(this.query(), true));

    this.element.append(this.progress, findRow, this.replaceRow, this.errorEl, this.unlimitedButton);

    this.input.addEventListener('input', () => this.changed(false));
    this.input.addEventListener('keydown', (e) => this.onKey(e, false));
    this.replaceInput.addEventListener('keydown', (e) => this.onKey(e, true));
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  get history(): readonly string[] {
    return this.past;
  }

  /** Opens the widget; a (partial) query fills the box and the toggles it names, and searches. */
  open(replace: boolean, query?: Partial<FindQuery>): void {
    this.element.hidden = false;
    this.replaceRow.hidden = !replace;
    if (query?.pattern !== undefined && query.pattern !== '') {
      this.input.value = query.pattern;
      if (query.matchCase !== undefined) this.toggles.matchCase.setAttribute('aria-pressed', String(query.matchCase));
      if (query.wholeWord !== undefined) this.toggles.wholeWord.setAttribute('aria-pressed', String(query.wholeWord));
      if (query.mode !== undefined) {
        this.toggles.regex.setAttribute('aria-pressed', String(query.mode === 'regex'));
        this.toggles.hex.setAttribute('aria-pressed', String(query.mode === 'hex'));
      }
      this.historyAt = this.past.length;
      this.changed(true);
    }
    this.input.focus();
    this.input.select();
  }

  close(): void {
    this.element.hidden = true;
    if (this.debounce) clearTimeout(this.debounce);
  }

  query(): FindQuery {
    const on = (b: HTMLButtonElement) => b.getAttribute('aria-pressed') === 'true';
    return {
      pattern: this.input.value,
      mode: on(this.toggles.hex) ? 'hex' : on(this.toggles.regex) ? 'regex' : 'text',
      matchCase: on(this.toggles.matchCase),
      wholeWord: on(this.toggles.wholeWord),
    };
  }

  setCount(text: string): void {
    this.count.textContent = text;
  }

  /** 0..1, or undefined to hide the bar. */
  setProgress(fraction: number | undefined): void {
    this.progress.hidden = fraction === undefined;
    if (fraction !== undefined) {
      this.progress.style.setProperty('--progress', `${Math.round(fraction * 1000) / 10}%`);
      this.progress.setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
    }
  }

  setError(message: string | undefined): void {
    this.errorEl.hidden = message === undefined;
    this.errorEl.textContent = message ?? '';
    this.input.classList.toggle('invalid', message !== undefined);
  }

  showUnlimited(show: boolean): void {
    this.unlimitedButton.hidden = !show;
  }

  /** Keeps `pattern` as the newest entry of the history. */
  private remember(pattern: string): void {
    if (pattern === '') return;
    const at = this.past.indexOf(pattern);
    if (at >= 0) this.past.splice(at, 1);
    this.past.push(pattern);
    if (this.past.length > MAX_HISTORY) this.past.shift();
    this.historyAt = this.past.length;
    this.events.onHistory();
  }

  /** Up (-1) or Down (1) in the box: the previous or next pattern, then back to the one being typed. */
  private stepHistory(direction: -1 | 1): void {
    if (this.historyAt === this.past.length) this.typed = this.input.value;
    let at = this.historyAt + direction;
    // The pattern in the box is already the newest entry: Up goes to the one before it.
    while (at >= 0 && at < this.past.length && this.past[at] === this.input.value) at += direction;
    at = Math.max(0, Math.min(this.past.length, at));
    if (at === this.historyAt) return;
    this.historyAt = at;
    this.input.value = at === this.past.length ? this.typed : this.past[at];
    this.input.select();
    this.changed(false, false);
  }

  private changed(now: boolean, remember = true): void {
    if (this.debounce) clearTimeout(this.debounce);
    const fire = () => {
      const q = this.query();
      if (remember) this.remember(q.pattern);
      this.events.onQueryChanged(q);
    };
    if (now) fire();
    else this.debounce = setTimeout(fire, DEBOUNCE_MS);
  }

  private onKey(e: KeyboardEvent, inReplace: boolean): void {
    if (e.key === 'Escape') {
      this.events.onClose();
      e.preventDefault();
    } else if (!inReplace && (e.key === 'ArrowUp' || e.key === 'ArrowDown') && !e.altKey && !e.ctrlKey && !e.metaKey) {
      this.stepHistory(e.key === 'ArrowUp' ? -1 : 1);
      e.preventDefault();
      e.stopPropagation();
    } else if (e.key === 'Enter' || e.key === 'F3') {
      if (this.debounce) {
        clearTimeout(this.debounce);
        this.debounce = undefined;
      }
      this.remember(this.input.value);
      if (inReplace) this.events.onReplace(this.query(), this.replaceInput.value, e.ctrlKey && e.altKey);
      else if (e.shiftKey) this.events.onPrevious(this.query());
      else this.events.onNext(this.query());
      e.preventDefault();
    } else if (e.altKey && ['c', 'w', 'r', 'x'].includes(e.key.toLowerCase())) {
      const name = ({ c: 'matchCase', w: 'wholeWord', r: 'regex', x: 'hex' } as const)[e.key.toLowerCase() as 'c' | 'w' | 'r' | 'x'];
      this.toggles[name].click();
      e.preventDefault();
    }
  }
}

function iconButton(icon: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.className = `icon codicon codicon-${icon}`;
  b.setAttribute('aria-label', label);
  b.title = label;
  b.addEventListener('click', onClick);
  return b;
}

function toggle(icon: string, label: string): HTMLButtonElement {
  const b = iconButton(icon, label, () => undefined);
  b.classList.add('toggle');
  b.setAttribute('aria-pressed', 'false');
  return b;
}
