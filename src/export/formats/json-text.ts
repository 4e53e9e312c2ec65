/**
 * Pieces of JSON text for documents written piece by piece: an array is opened, its items are written as
 * they are read, and it is closed, so a large export never exists in memory as one value.
 */

/** `[`, the items (each `JSON.stringify`'d, one per line at `indent`), `]`. */
export function* jsonArray(items: Iterable<unknown>, indent = '  ', pretty = false): Generator<string> {
  let first = true;
  for (const item of items) {
    const body = pretty
      ? JSON.stringify(item, null, 2).replaceAll('\n', `\n${indent}`)
      : JSON.stringify(item);
    yield `${first ? '[' : ','}\n${indent}${body}`;
    first = false;
  }
  yield first ? '[]' : `\n${indent.slice(2)}]`;
}

/** An object whose members are written in order; each value is either a plain value or a piece-wise array. */
export function* jsonObject(
  members: ReadonlyArray<readonly [string, unknown | { readonly pieces: Iterable<string> }]>,
  indent = '  ',
): Generator<string> {
  yield '{';
  let first = true;
  for (const [name, value] of members) {
    yield `${first ? '' : ','}\n${indent}${JSON.stringify(name)}: `;
    first = false;
    if (isPieces(value)) yield* value.pieces;
    else yield JSON.stringify(value);
  }
  yield '\n}\n';
}

const isPieces = (value: unknown): value is { readonly pieces: Iterable<string> } =>
  typeof value === 'object' && value !== null && 'pieces' in value;

/** Leaves out null and undefined members, so documents carry only what is known. */
export const compact = <T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]?: Exclude<T[K], null | undefined> } =>
  Object.fromEntries(
    Object.entries(value).filter(([, member]) => member !== null && member !== undefined),
  ) as {
    [K in keyof T]?: Exclude<T[K], null | undefined>;
  };
