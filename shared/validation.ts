// How the host checks what the webview sends. The webview renders file content (a crafted file, a
// compromised script), so every message is untrusted: each message type has one validator, kept in
// a table whose keys are the types (shared/protocol.ts WEBVIEW_VALIDATORS); the WebviewMessage
// union is derived from the validators' results, so a message cannot exist without its check, and
// a validator that returns the wrong type is a compile error. Validators rebuild the message from
// checked fields only: extra keys (`__proto__`, `constructor`) never reach the host, and fields are
// read from the message's own properties only.

/** A message as received: an object whose fields are not checked yet. */
export type Fields = Readonly<Record<string, unknown>>;

/** Each key's validator returns a message of that type, or undefined when it is malformed. */
export type ValidatorTable<T> = { readonly [K in keyof T]: (m: Fields) => { readonly type: K } | undefined };

/** Declares a table of validators (the identity, with the key ↔ type check above). */
export function validators<T extends ValidatorTable<T>>(table: T): T {
  return table;
}

/** The union of the messages a table's validators return. */
export type MessageOf<T> = { [K in keyof T]: T[K] extends (m: Fields) => infer R ? NonNullable<R> : never }[keyof T];

/**
 * Looks `m.type` up among the table's own keys (never its prototype's: a type of 'toString' or
 * '__proto__' is unknown) and runs its validator.
 */
export function validate<T extends ValidatorTable<T>>(table: T, value: unknown): MessageOf<T> | undefined {
  const m = fieldsOf(value);
  if (!m || typeof m.type !== 'string' || !Object.prototype.hasOwnProperty.call(table, m.type)) return undefined;
  const check = table[m.type as keyof T] as (m: Fields) => MessageOf<T> | undefined;
  return check(m);
}

/** An offset, length, count or id: an integer in [0, 2^53). */
export function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** One of `values` (typed as they are, not widened to string). */
export function isOneOf<T extends string>(v: unknown, values: readonly T[]): v is T {
  return (values as readonly unknown[]).includes(v);
}

/** A string of at most `max` UTF-16 units. */
export function isText(v: unknown, max: number): v is string {
  return typeof v === 'string' && v.length <= max;
}

/** An encoding label (TextDecoder's are short). */
export function isEncoding(v: unknown): v is string {
  return isText(v, 64);
}

/** A copy of an array of at most `max` indexes; undefined if it is none. */
export function indexList(v: unknown, max: number): number[] | undefined {
  if (!Array.isArray(v) || v.length > max) return undefined;
  const out: number[] = [];
  for (const x of v as unknown[]) {
    if (!isIndex(x)) return undefined;
    out.push(x);
  }
  return out;
}

/** A copy of an array of at most `max` strings of at most `maxLength` each; undefined if it is none. */
export function textList(v: unknown, max: number, maxLength: number): string[] | undefined {
  if (!Array.isArray(v) || v.length > max) return undefined;
  const out: string[] = [];
  for (const x of v as unknown[]) {
    if (!isText(x, maxLength)) return undefined;
    out.push(x);
  }
  return out;
}

/**
 * An object's own fields, in an object without a prototype (a field the message lacks reads as
 * undefined even if something polluted Object.prototype); undefined when it is no plain object.
 */
export function fieldsOf(v: unknown): Fields | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v)) return undefined;
  const own = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(v)) own[key] = value;
  return own;
}
