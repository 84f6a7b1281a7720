// The data inspector beside the hex view: the bytes at the selection's start (the cursor when
// nothing is selected) read as every common type, one line each (a long value ends in an
// ellipsis; hovering shows all of it).
import { inspect } from './inspectorValues';
import type { PageCache } from './pageCache';
import { t } from './l10n';

const BYTES_NEEDED = 16;

export class Inspector {
  readonly element: HTMLElement;
  private readonly table: HTMLElement;
  private readonly endianButton: HTMLButtonElement;
  private littleEndian = true;
  private offset = 0;

  constructor(private readonly cache: PageCache) {
    this.element = document.createElement('aside');
    this.element.className = 'inspector';
    this.element.setAttribute('aria-label', t('inspector.title'));
    const header = document.createElement('div');
    header.className = 'inspector-header';
    const title = document.createElement('span');
    title.textContent = t('inspector.title');
    this.endianButton = document.createElement('button');
    this.endianButton.addEventListener('click', () => {
      this.littleEndian = !this.littleEndian;
      this.update(this.offset);
    });
    header.append(title, this.endianButton);
    this.table = document.createElement('dl');
    this.element.append(header, this.table);
  }

  /** Shows the values at `offset`; if its bytes (which may span two pages) are not here yet, asks for them. */
  update(offset: number): void {
    this.offset = offset;
    this.endianButton.textContent = this.littleEndian ? t('inspector.littleEndian') : t('inspector.bigEndian');
    this.endianButton.setAttribute('aria-label', t('inspector.byteOrder', this.endianButton.textContent));
    const end = offset + BYTES_NEEDED;
    this.cache.want(offset, end, 'inspector');
    const bytes = this.cache.bytes(offset, end);
    if (!bytes) return;
    const rows = inspect(bytes, this.littleEndian);
    const nodes: HTMLElement[] = [];
    for (const row of rows) {
      const dt = document.createElement('dt');
      dt.textContent = row.label;
      const dd = document.createElement('dd');
      dd.textContent = row.value ?? '—';
      dd.title = row.value ?? t('inspector.tooShort');
      nodes.push(dt, dd);
    }
    this.table.replaceChildren(...nodes);
  }

  /**
   * Keeps the top `px` of the inspector free (its header moves below): the find widget floats
   * over the views' top right corner, where the inspector's header and byte-order toggle are.
   */
  reserveTop(px: number): void {
    this.element.style.paddingTop = px > 0 ? `${Math.ceil(px) + 4}px` : '';
  }

  /** Pages arrived: fill in values that were waiting for them. */
  refresh(): void {
    this.update(this.offset);
  }
}
