/** What is wrong with an import, and where: a JSON path into the bundle (`$.claims[3].quote.exact`). */
export interface ImportProblem {
  readonly path: string;
  readonly message: string;
}

/** The bundle breaks at least one rule; nothing was imported. */
export class InvalidBundleError extends Error {
  constructor(readonly problems: readonly ImportProblem[]) {
    super(
      `the bundle has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported`,
    );
    this.name = 'InvalidBundleError';
  }
}

// Bundle data (quotes, titles) may hold line breaks or escapes: one problem stays one line on a terminal.
const oneLine = (text: string): string => text.replace(/\p{Cc}+/gu, ' ');

export const formatProblem = (problem: ImportProblem): string =>
  `${oneLine(problem.path)}: ${oneLine(problem.message)}`;

/** The item a path is within (`$.claims[3]` for `$.claims[3].quote.exact`), or the path itself. */
export const itemPathOf = (path: string): string => /^\$\.\w+\[\d+\]/.exec(path)?.[0] ?? path;

/** A property name as a JSON path writes it: `.name` when it is an identifier, `["a b"]` otherwise. */
export const childPath = (path: string, key: string | number): string =>
  typeof key === 'number'
    ? `${path}[${key}]`
    : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)
      ? `${path}.${key}`
      : `${path}[${JSON.stringify(key)}]`;
