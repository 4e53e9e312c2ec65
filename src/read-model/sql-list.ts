/**
 * A list of the domain's constants as an SQL list of string literals (`'ATTACKS', 'UNDERCUTS'`), for queries
 * that filter by a rule the domain states once. Only plain identifiers are accepted, so nothing can be
 * injected: these are code constants, never user input.
 */
export const sqlStringList = (values: readonly string[]): string => {
  if (values.length === 0) throw new Error('an SQL list needs at least one value');
  for (const value of values) {
    if (!/^[A-Za-z0-9_]+$/.test(value))
      throw new Error(`not a constant for an SQL list: ${JSON.stringify(value)}`);
  }
  return values.map((value) => `'${value}'`).join(', ');
};
