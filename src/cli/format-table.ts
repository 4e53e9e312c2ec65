// Anything from the store is data, not terminal control: escapes and newlines must not reach the screen.
const printable = (cell: string): string => cell.replace(/\p{Cc}/gu, '?');

/** A plain text table: a header row, then one line per row, columns padded to their widest cell. */
export const formatTable = (headers: readonly string[], rows: readonly (readonly string[])[]): string => {
  const lines = [headers, ...rows].map((row) => row.map(printable));
  const widths = headers.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)));
  return lines
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n');
};
