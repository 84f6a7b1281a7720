// The filters a user ran in this workspace, most recent first (workspace state, as the find
// widget's history is per workspace in VS Code), and the saved ones of the settings
// (`largeFile.filters.saved`: [{ name, expression, matchCase?, wholeWord? }], klogg's and
// chipmunk's presets). Pure: the memento and the settings' value come from the caller.
import type { SavedFilter } from '../../shared/filterProtocol';

/** The part of vscode.Memento the history uses. */
export interface HistoryMemento {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const KEY = 'largeFile.filterHistory';
export const MAX_HISTORY = 50;

export class FilterHistory {
  constructor(private readonly memento: HistoryMemento | undefined, private readonly max = MAX_HISTORY) {}

  list(): string[] {
    const raw = this.memento?.get<unknown>(KEY);
    return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string').slice(0, this.max) : [];
  }

  /** Puts `expression` first (once). */
  async add(expression: string): Promise<void> {
    const text = expression.trim();
    if (!text || !this.memento) return;
    await this.memento.update(KEY, [text, ...this.list().filter((x) => x !== text)].slice(0, this.max));
  }
}

/** The saved filters of the settings' value, skipping malformed entries. */
export function savedFilters(value: unknown): SavedFilter[] {
  if (!Array.isArray(value)) return [];
  const out: SavedFilter[] = [];
  for (const v of value) {
    if (typeof v !== 'object' || v === null) continue;
    const o = v as Record<string, unknown>;
    if (typeof o.name !== 'string' || typeof o.expression !== 'string' || !o.expression.trim()) continue;
    out.push({
      name: o.name,
      expression: o.expression,
      ...(typeof o.matchCase === 'boolean' ? { matchCase: o.matchCase } : {}),
      ...(typeof o.wholeWord === 'boolean' ? { wholeWord: o.wholeWord } : {}),
    });
  }
  return out;
}

/** The settings' value with `filter` saved (replacing one of the same name). */
export function withSavedFilter(value: unknown, filter: SavedFilter): SavedFilter[] {
  return [...savedFilters(value).filter((f) => f.name !== filter.name), filter];
}
