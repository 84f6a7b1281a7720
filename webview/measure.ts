// Row height and character width of the editor font, measured in the live DOM.

export function measureRow(container: HTMLElement): { rowHeight: number; charWidth: number } {
  const row = document.createElement('div');
  row.className = 'row';
  // An inline span: a block element would report its container's width, not the text's.
  const text = document.createElement('span');
  text.textContent = '0'.repeat(64);
  row.appendChild(text);
  container.appendChild(row);
  const rowHeight = row.getBoundingClientRect().height || 20;
  const charWidth = text.getBoundingClientRect().width / 64 || 8;
  row.remove();
  return { rowHeight, charWidth };
}
