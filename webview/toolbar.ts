// The strip above the views: the view switch (one button per view of the view table), row
// width, encoding, word wrap, go to, follow, the mode and Save.
import type { DocumentInfo, LineIndexProgress, ViewKind, WordWrap } from '../shared/protocol';
import { COMMON_ENCODINGS, encodingName } from '../shared/encodingNames';
import { binarySize } from '../shared/sizes';

/** Follow: off, following the end, or paused because the user scrolled up (Ctrl+End goes on). */
export type FollowState = 'off' | 'on' | 'paused';

const MODE_LABEL = { read: 'Read-only', write: 'In place', copy: 'Copy' } as const;
const MODE_ICON = { read: 'lock', write: 'edit', copy: 'copy' } as const;

export interface ToolbarEvents {
  onView(view: ViewKind): void;
  onBytesPerRow(n: number): void;
  onEncoding(label: string): void;
  onWordWrap(): void;
  onGoto(input: string): void;
  /** The Follow button: on, off, or on again when paused. */
  onFollow(): void;
  onChangeMode(): void;
  /** The Save button (shown while there are unsaved edits): a deliberate save. */
  onSave(): void;
}

export class Toolbar {
  readonly element: HTMLElement;
  private readonly viewButtons = new Map<ViewKind, HTMLButtonElement>();
  private readonly wrapButton: HTMLButtonElement;
  private readonly widthSelect: HTMLSelectElement;
  private readonly encodingSelect: HTMLSelectElement;
  private readonly gotoInput: HTMLInputElement;
  private readonly message: HTMLElement;
  private readonly lines: HTMLElement;
  private readonly title: HTMLElement;
  private readonly followButton: HTMLButtonElement;
  private readonly modeButton: HTMLButtonElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly overflowButton: HTMLButtonElement;
  private readonly overflowMenu: HTMLElement;
  private readonly overflowOrder: readonly HTMLElement[];
  /** The row's items in their order (the ones that can go into the menu, and what stays around them). */
  private readonly rowOrder: readonly HTMLElement[];
  private mode: DocumentInfo['mode'];
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private flashUntilSaved = false;

  constructor(doc: DocumentInfo, views: { readonly [K in ViewKind]: { readonly label: string; readonly icon: string } }, events: ToolbarEvents) {
    this.element = document.createElement('div');
    this.element.className = 'toolbar';
    this.element.setAttribute('role', 'toolbar');
    this.element.setAttribute('aria-label', 'Large File Editor');

    const title = document.createElement('span');
    title.className = 'title';
    this.title = title;
    this.setSize(doc);

    const switcher = document.createElement('span');
    switcher.className = 'switch';
    for (const kind of Object.keys(views) as ViewKind[]) {
      const b = button(views[kind].icon, views[kind].label, `Show as ${views[kind].label.toLowerCase()} (Ctrl+Alt+H switches)`, () => events.onView(kind));
      b.dataset.view = kind;
      this.viewButtons.set(kind, b);
      switcher.append(b);
    }
    this.wrapButton = button('word-wrap', 'Wrap', 'Word wrap (Alt+Z toggles)', () => events.onWordWrap());
    this.wrapButton.classList.add('wrap');

    this.widthSelect = select('Bytes per row', [
      ['8', '8 bytes'],
      ['16', '16 bytes'],
      ['32', '32 bytes'],
      ['64', '64 bytes'],
      ['0', 'Fit width'],
    ]);
    this.widthSelect.addEventListener('change', () => events.onBytesPerRow(Number(this.widthSelect.value)));

    this.encodingSelect = select(
      'Text encoding',
      COMMON_ENCODINGS.map((e) => [e, encodingName(e)]),
    );
    this.encodingSelect.addEventListener('change', () => events.onEncoding(this.encodingSelect.value));

    this.gotoInput = document.createElement('input');
    this.gotoInput.className = 'goto';
    this.gotoInput.placeholder = 'Go to offset, 0x…, %';
    this.gotoInput.setAttribute('aria-label', 'Go to offset (decimal, 0x hex or percent) or line');
    this.gotoInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        events.onGoto(this.gotoInput.value);
        e.preventDefault();
      }
    });

    this.message = document.createElement('span');
    this.message.className = 'message';
    this.message.setAttribute('role', 'status');
    this.message.setAttribute('aria-live', 'polite');

    const goto = document.createElement('label');
    goto.className = 'goto-box';
    const gotoIcon = document.createElement('span');
    gotoIcon.className = 'codicon codicon-go-to-file';
    gotoIcon.setAttribute('aria-hidden', 'true');
    goto.append(gotoIcon, this.gotoInput);

    this.lines = document.createElement('span');
    this.lines.className = 'lines';
    this.lines.setAttribute('aria-live', 'off');

    this.followButton = button('fold-down', 'Follow', 'Follow the end of the file as it grows (like tail -f)', () => events.onFollow());
    this.followButton.setAttribute('aria-pressed', 'false');

    this.modeButton = button('lock', MODE_LABEL[doc.mode], 'How the file is open: click to change (read-only, in place, copy)', () => events.onChangeMode());
    this.mode = doc.mode;
    this.setMode(doc.mode);
    this.saveButton = button('save', 'Save', 'Save the edits (Ctrl+S): only a save you make writes the file', () => events.onSave());
    this.saveButton.classList.add('save');
    this.saveButton.hidden = true;

    this.overflowButton = button('ellipsis', '', 'More controls', () => this.toggleOverflow());
    this.overflowButton.classList.add('overflow-button');
    this.overflowButton.setAttribute('aria-haspopup', 'true');
    this.overflowButton.setAttribute('aria-expanded', 'false');
    this.overflowButton.hidden = true;
    this.overflowMenu = document.createElement('div');
    this.overflowMenu.className = 'toolbar-overflow';
    this.overflowMenu.setAttribute('role', 'group');
    this.overflowMenu.setAttribute('aria-label', 'More controls');
    this.overflowMenu.hidden = true;
    // Moved into the "…" menu when the row is too narrow, the first of these first.
    this.overflowOrder = [this.lines, this.followButton, goto, this.wrapButton, this.encodingSelect, this.widthSelect, switcher];
    this.rowOrder = [switcher, this.widthSelect, this.encodingSelect, this.wrapButton, goto, this.followButton, this.lines];
    this.element.append(title, this.modeButton, this.saveButton, switcher, this.widthSelect, this.encodingSelect, this.wrapButton, goto, this.followButton, this.lines, this.message, this.overflowButton, this.overflowMenu);
    new ResizeObserver(() => this.fit()).observe(this.element);
    document.addEventListener('mousedown', (e) => {
      if (!this.overflowMenu.hidden && !this.overflowMenu.contains(e.target as Node) && !this.overflowButton.contains(e.target as Node)) this.toggleOverflow(false);
    });
  }

  /**
   * One row at any width: what does not fit goes, in overflowOrder, into the "…" menu (as VS
   * Code's editor toolbars do); it comes back, in its place, when there is room again.
   */
  private fit(): void {
    const bar = this.element;
    const row = [...bar.children, ...this.overflowMenu.children].filter((el) => this.overflowOrder.includes(el as HTMLElement));
    const inOrder = this.rowOrder.filter((el) => row.includes(el) || el.parentElement === bar);
    for (let k = inOrder.length - 1; k >= 0; k--) {
      const el = inOrder[k];
      if (el.parentElement !== bar) bar.insertBefore(el, inOrder.slice(k + 1).find((x) => x.parentElement === bar) ?? this.message);
    }
    this.overflowButton.hidden = true;
    const overflows = () => bar.scrollWidth > bar.clientWidth + 1;
    if (!overflows()) {
      this.toggleOverflow(false);
      return;
    }
    this.overflowButton.hidden = false;
    for (const el of this.overflowOrder) {
      if (!overflows()) break;
      this.overflowMenu.prepend(el);
    }
  }

  private toggleOverflow(open = this.overflowMenu.hidden): void {
    this.overflowMenu.hidden = !open;
    this.overflowButton.setAttribute('aria-expanded', String(open));
  }

  update(view: ViewKind, bytesPerRow: number, encoding: string, wrap: WordWrap): void {
    for (const [kind, b] of this.viewButtons) b.setAttribute('aria-pressed', String(view === kind));
    this.widthSelect.hidden = view !== 'hex';
    this.encodingSelect.hidden = view !== 'text';
    this.wrapButton.hidden = view !== 'text';
    this.wrapButton.setAttribute('aria-pressed', String(wrap !== 'off'));
    this.wrapButton.dataset.wrap = wrap;
    this.widthSelect.value = String(bytesPerRow);
    if (![...this.encodingSelect.options].some((o) => o.value === encoding)) {
      this.encodingSelect.append(new Option(encodingName(encoding), encoding));
    }
    this.encodingSelect.value = encoding;
    this.fit();
  }

  setSize(doc: DocumentInfo): void {
    this.title.textContent = `${doc.fileName} — ${formatSize(doc.size)}${doc.backend === 'js' ? ' — JavaScript backend' : ''}`;
    this.title.title = doc.backend === 'js' ? 'The native engine is not in use for this file: reads are slower' : '';
  }

  setMode(mode: DocumentInfo['mode']): void {
    const icon = this.modeButton.querySelector('.codicon');
    if (icon) icon.className = `codicon codicon-${MODE_ICON[mode]}`;
    this.modeButton.lastChild!.textContent = ` ${MODE_LABEL[mode]}`;
    this.modeButton.dataset.mode = mode;
    this.mode = mode;
    if (this.saveButton && mode === 'read') this.saveButton.hidden = true;
  }

  /** A dot in the title while there are unsaved edits, as VS Code's tabs show. */
  setDirty(dirty: boolean): void {
    this.title.classList.toggle('dirty', dirty);
    this.saveButton.hidden = !dirty || this.mode === 'read';
    this.saveButton.title = this.mode === 'copy' ? 'Save the scratch copy to a new file (Ctrl+S)' : 'Save the edits to the file (Ctrl+S)';
    if (!dirty && this.flashUntilSaved) {
      this.message.textContent = '';
      this.flashUntilSaved = false;
    }
  }

  setFollow(state: FollowState): void {
    this.followButton.setAttribute('aria-pressed', String(state !== 'off'));
    this.followButton.dataset.follow = state;
    this.followButton.lastChild!.textContent = state === 'paused' ? ' Follow paused' : ' Follow';
    const tip = state === 'paused' ? 'Following is paused while you look further up: Ctrl+End (or this button) goes on' : 'Follow the end of the file as it grows (like tail -f); scrolling up pauses it';
    this.followButton.title = tip;
    this.followButton.setAttribute('aria-label', tip);
  }

  /** Line index progress, then the number of lines. */
  setLineIndex(progress: LineIndexProgress | undefined): void {
    if (!progress) {
      this.lines.textContent = '';
      return;
    }
    const lines = progress.lines.toLocaleString('en-US');
    this.lines.textContent = progress.complete
      ? `${lines} ${progress.lines === 1 ? 'line' : 'lines'}`
      : `Indexing lines… ${Math.floor((100 * progress.indexed) / Math.max(1, progress.size))}% (${lines} so far)`;
    this.fit();
  }

  /**
   * A short message next to the controls, e.g. an invalid "go to". `untilSaved`: it is about a
   * save in progress, so it also goes when the document is next shown clean.
   */
  flash(text: string, untilSaved = false): void {
    this.message.textContent = text;
    this.flashUntilSaved = untilSaved;
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => (this.message.textContent = ''), 5000);
  }
}

function button(icon: string, label: string, aria: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  const glyph = document.createElement('span');
  glyph.className = `codicon codicon-${icon}`;
  glyph.setAttribute('aria-hidden', 'true');
  b.append(glyph, document.createTextNode(` ${label}`));
  b.setAttribute('aria-label', aria);
  b.title = aria;
  b.addEventListener('click', onClick);
  return b;
}

function select(aria: string, options: readonly (readonly [string, string])[]): HTMLSelectElement {
  const s = document.createElement('select');
  s.setAttribute('aria-label', aria);
  for (const [value, label] of options) s.append(new Option(label, value));
  return s;
}

export function formatSize(bytes: number): string {
  const size = binarySize(bytes);
  return size.endsWith(' bytes') ? size : `${size} (${bytes.toLocaleString('en-US')} bytes)`;
}
