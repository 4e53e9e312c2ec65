import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/**
 * Every GraphQL document in examples/ (the stdlib client and the notebook) is valid against the committed
 * schema.gql, so a renamed field breaks this spec before it breaks someone's notebook. The Python in both is
 * compiled by python3, and the notebook is checked to be nbformat 4 JSON.
 */

const SCHEMA = buildSchema(readFileSync(resolve('schema.gql'), 'utf8'));
const CLIENT = resolve('examples/claimtrail_client.py');
const NOTEBOOKS = ['examples/notebook.ipynb', 'examples/argument-graph.ipynb'] as const;

interface NotebookCell {
  readonly cell_type: string;
  readonly id?: string;
  readonly metadata: unknown;
  readonly source: string | string[];
  readonly outputs?: unknown[];
  readonly execution_count?: number | null;
}
interface Notebook {
  readonly nbformat: number;
  readonly nbformat_minor: number;
  readonly metadata: Record<string, unknown>;
  readonly cells: NotebookCell[];
}

const notebooks = new Map(
  NOTEBOOKS.map((file) => [file, JSON.parse(readFileSync(resolve(file), 'utf8')) as Notebook]),
);
const text = (cell: NotebookCell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source);
const codeCellsOf = (file: (typeof NOTEBOOKS)[number]) =>
  notebooks
    .get(file)!
    .cells.filter((cell) => cell.cell_type === 'code')
    .map(text);
const codeCells = codeCellsOf('examples/notebook.ipynb');

/** The triple-quoted Python strings that hold a GraphQL operation. */
const graphqlDocuments = (python: string): string[] =>
  [...python.matchAll(/"""([\s\S]*?)"""/g)]
    .map((match) => match[1]!)
    .filter((body) => /^\s*(query|mutation|subscription)\b/.test(body));

const operationNames = (document: DocumentNode) =>
  document.definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition')
    .map((operation) => operation.name?.value);

const sources: ReadonlyArray<readonly [string, string]> = [
  ['examples/claimtrail_client.py', readFileSync(CLIENT, 'utf8')],
  ['examples/notebook.ipynb', codeCells.join('\n')],
  ['examples/argument-graph.ipynb', codeCellsOf('examples/argument-graph.ipynb').join('\n')],
];

describe('GraphQL documents in examples/', () => {
  const EXPECTED: Readonly<Record<string, string[]>> = {
    'examples/claimtrail_client.py': ['Viewer', 'ClaimsPage', 'AuditTrail', 'ClaimNowAndThen'],
    'examples/notebook.ipynb': ['Viewer', 'ClaimsPage', 'AuditTrail', 'ClaimHistory', 'ClaimNowAndThen'],
    'examples/argument-graph.ipynb': ['ArgumentGraph'],
  };
  it.each(sources)('%s holds the expected named operations', (file, python) => {
    const names = graphqlDocuments(python).flatMap((body) => operationNames(parse(body)));
    expect(names).toEqual(expect.arrayContaining(EXPECTED[file]!));
    expect(new Set(names).size).toBe(names.length);
  });

  const documents = sources.flatMap(([file, python]) =>
    graphqlDocuments(python).map((body) => [file, operationNames(parse(body))[0], body] as const),
  );

  it.each(documents)('%s: %s is valid against schema.gql', (_file, _name, body) => {
    expect(validate(SCHEMA, parse(body)).map((error) => error.message)).toEqual([]);
  });

  it('would catch a field the schema does not have', () => {
    const errors = validate(SCHEMA, parse('query { claims(first: 1) { edges { node { verdict } } } }')).map(
      (error) => error.message,
    );
    expect(errors).toEqual([expect.stringMatching(/^Cannot query field "verdict" on type "Claim"\./)]);
  });
});

describe.each(NOTEBOOKS)('%s', (file) => {
  const notebook = notebooks.get(file)!;
  it('is nbformat 4 JSON: cells with ids, sources, and code cells without outputs', () => {
    expect(notebook.nbformat).toBe(4);
    expect(notebook.nbformat_minor).toBeGreaterThanOrEqual(5);
    expect(notebook.metadata['kernelspec']).toMatchObject({ name: 'python3', language: 'python' });
    const ids = notebook.cells.map((cell) => cell.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const cell of notebook.cells) {
      expect(cell.id).toMatch(/^[a-zA-Z0-9-_]{1,64}$/);
      expect(['markdown', 'code']).toContain(cell.cell_type);
      expect(cell.metadata).toEqual({});
      if (cell.cell_type === 'code') expect(cell).toMatchObject({ outputs: [], execution_count: null });
    }
  });
});

describe('examples/notebook.ipynb', () => {
  it('uses requests and pandas the way the brief says: cursor paging, audit trail, asOf, read_json(lines=True)', () => {
    const code = codeCells.join('\n');
    expect(code).toMatch(/import pandas as pd/);
    expect(code).toMatch(/import requests/);
    expect(code).toMatch(/"after": after/);
    expect(code).toMatch(/hasNextPage/);
    expect(code).toMatch(/auditTrail\(/);
    expect(code).toMatch(/claim\(id: \$id, asOf: \$asOf\)/);
    expect(code).toMatch(/pd\.read_json\(io\.StringIO\(response\.text\), lines=True\)/);
    expect(code).toMatch(/\/export\/claims\.ndjson/);
  });
});

describe('Python in examples/', () => {
  it('compiles with python3: the client and every code cell of the notebook', () => {
    const check = spawnSync(
      'python3',
      [
        '-c',
        'import ast, json, sys\nfor name, source in json.load(sys.stdin):\n    ast.parse(source, filename=name)\nprint("ok")',
      ],
      {
        input: JSON.stringify([
          ['claimtrail_client.py', readFileSync(CLIENT, 'utf8')],
          ...NOTEBOOKS.flatMap((file) =>
            codeCellsOf(file).map((cell, index) => [`${file} cell ${index + 1}`, cell]),
          ),
        ]),
        encoding: 'utf8',
      },
    );
    expect(check.stderr).toBe('');
    expect(check.stdout).toBe('ok\n');
  });
});
