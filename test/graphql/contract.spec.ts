import { describe, expect, it } from '@jest/globals';
import {
  buildSchema,
  DangerousChangeType,
  findBreakingChanges,
  findDangerousChanges,
  isInputObjectType,
  type GraphQLSchema,
} from 'graphql';
import { readFileSync } from 'node:fs';

/**
 * The committed schema.gql (printed by `npm run schema`) must contain all of the public contract (docs/architecture.md §6):
 * adding is fine; renaming, removing or narrowing anything, or changing a default, is not.
 */
const contract = buildSchema(readFileSync(new URL('./contract.graphql', import.meta.url), 'utf8'));
const generated = buildSchema(readFileSync(new URL('../../schema.gql', import.meta.url), 'utf8'));

const describeChanges = (changes: readonly { type: string; description: string }[]): string =>
  changes.map((change) => `  ${change.type}: ${change.description}`).join('\n');

/** graphql-js compares argument defaults but not input-field defaults; those are checked here. */
const inputFieldDefaultChanges = (before: GraphQLSchema, after: GraphQLSchema): string[] => {
  const changes: string[] = [];
  for (const type of Object.values(before.getTypeMap())) {
    if (!isInputObjectType(type) || type.name.startsWith('__')) continue;
    const afterType = after.getType(type.name);
    if (!isInputObjectType(afterType)) continue; // a breaking change, reported by findBreakingChanges
    for (const field of Object.values(type.getFields())) {
      const afterField = afterType.getFields()[field.name];
      if (field.defaultValue === undefined || afterField === undefined) continue;
      if (JSON.stringify(afterField.defaultValue) !== JSON.stringify(field.defaultValue)) {
        changes.push(
          `${type.name}.${field.name} defaults to ${JSON.stringify(afterField.defaultValue)}, not ${JSON.stringify(field.defaultValue)}`,
        );
      }
    }
  }
  return changes;
};

describe('GraphQL contract', () => {
  it('schema.gql makes no breaking change to contract.graphql', () => {
    const changes = findBreakingChanges(contract, generated);
    expect({ count: changes.length, changes: describeChanges(changes) }).toEqual({ count: 0, changes: '' });
  });

  it('schema.gql keeps every argument default of the contract', () => {
    const changes = findDangerousChanges(contract, generated).filter(
      (change) => change.type === DangerousChangeType.ARG_DEFAULT_VALUE_CHANGE,
    );
    expect({ count: changes.length, changes: describeChanges(changes) }).toEqual({ count: 0, changes: '' });
  });

  it('schema.gql keeps every input-field default of the contract', () => {
    expect(inputFieldDefaultChanges(contract, generated)).toEqual([]);
  });
});
