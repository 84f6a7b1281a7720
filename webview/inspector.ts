// The data inspector beside the hex view: the bytes at the cursor read as every common type.
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
      if (row.value === undefined) dd.title = t('inspector.tooShort');
      nodes.push(dt, dd);
    }
    this.table.replaceChildren(...nodes);
  }

  /** Pages arrived: fill in values that were waiting for them. */
  refresh(): void {
    this.update(this.offset);
  }
}
