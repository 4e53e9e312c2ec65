import {
  ArgdownApplication,
  DataPlugin,
  ModelPlugin,
  ParserPlugin,
  type IArgdownResponse,
  type IEquivalenceClass,
} from '@argdown/core';

/** An Argdown document as @argdown/core reads it, keyed by the ids the export writes into each statement's data. */
export interface ParsedArgdown {
  readonly errors: readonly string[];
  readonly statements: number;
  readonly byId: ReadonlyMap<
    string,
    { title: string; text: string; tags: readonly string[]; data: Record<string, unknown> }
  >;
  /** [from id, relation type, to id] for every relation between two statements. */
  readonly relations: Array<[string, string, string]>;
}

export const parseArgdown = (input: string): ParsedArgdown => {
  const app = new ArgdownApplication();
  app.addPlugin(new ParserPlugin(), 'parse-input');
  app.addPlugin(new DataPlugin(), 'build-model');
  app.addPlugin(new ModelPlugin(), 'build-model');
  const response: IArgdownResponse = app.run({
    input,
    process: ['parse-input', 'build-model'],
    logLevel: 'none',
    model: { removeTagsFromText: true },
  });
  const errors = [
    ...(response.lexerErrors ?? []),
    ...(response.parserErrors ?? []),
    ...(response.exceptions ?? []),
  ].map((error) => error.message);
  const statements = Object.values(response.statements ?? {}) as IEquivalenceClass[];
  const idOf = new Map<string, string>();
  const byId = new Map<
    string,
    { title: string; text: string; tags: readonly string[]; data: Record<string, unknown> }
  >();
  for (const statement of statements) {
    const data = (statement.data ?? {}) as Record<string, unknown>;
    const id = String(data['id'] ?? statement.title);
    idOf.set(statement.title!, id);
    const text = statement.members.find((member) => member.text)?.text ?? '';
    byId.set(id, {
      title: statement.title!,
      text: text.trim(),
      tags: [...(statement.tags ?? [])].sort(),
      data,
    });
  }
  const relations = (response.relations ?? []).map(
    (relation) =>
      [idOf.get(relation.from!.title!)!, String(relation.relationType), idOf.get(relation.to!.title!)!] as [
        string,
        string,
        string,
      ],
  );
  return { errors, statements: statements.length, byId, relations };
};
