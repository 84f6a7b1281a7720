// The keys that move the cursor, as VS Code's editor binds them (Shift extends the selection).
// Pure, so the table is unit-tested.
import type { CursorMove } from './documentView';

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

/** The cursor move a key makes, or undefined for keys that do not move it. */
export function cursorMoveOf(e: KeyLike): { move: CursorMove; extend: boolean } | undefined {
  if (e.altKey) return undefined;
  const mod = e.ctrlKey || e.metaKey;
  const extend = e.shiftKey;
  switch (e.key) {
    case 'ArrowLeft':
      return { move: 'left', extend };
    case 'ArrowRight':
      return { move: 'right', extend };
    case 'ArrowUp':
      return { move: 'up', extend };
    case 'ArrowDown':
      return { move: 'down', extend };
    case 'PageUp':
      return mod ? undefined : { move: 'pageUp', extend };
    case 'PageDown':
      return mod ? undefined : { move: 'pageDown', extend };
    case 'Home':
      return { move: mod ? 'docStart' : 'rowStart', extend };
    case 'End':
      return { move: mod ? 'docEnd' : 'rowEnd', extend };
    default:
      return undefined;
  }
}
