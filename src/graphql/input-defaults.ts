import {
  Kind,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

const fill = (type: GraphQLInputType, value: unknown): unknown => {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return fill(type.ofType, value);
  if (isListType(type)) return Array.isArray(value) ? value.map((item) => fill(type.ofType, item)) : value;
  if (!isInputObjectType(type) || typeof value !== 'object') return value;
  const filled: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of Object.values(type.getFields())) {
    if (filled[field.name] === undefined && field.defaultValue !== undefined)
      filled[field.name] = field.defaultValue;
    else if (filled[field.name] !== undefined) filled[field.name] = fill(field.type, filled[field.name]);
  }
  return filled;
};

/**
 * Variables with the defaults of input-object fields filled in (`ClaimOrder.direction = DESC`). graphql-jit
 * checks variables of a compiled query without applying those defaults, so `{ field: STATEMENT }` passed as
 * a variable would fail from its second use on; plain graphql-js applies them, and so do we, first.
 */
export const withInputDefaults = (
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined => {
  if (!variables) return variables;
  let result = variables;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const name = variable.variable.name.value;
      const type = typeFromAST(schema, variable.type) as GraphQLInputType | undefined;
      if (!type || result[name] === undefined) continue;
      const filled = fill(type, result[name]);
      if (JSON.stringify(filled) !== JSON.stringify(result[name])) result = { ...result, [name]: filled };
    }
  }
  return result;
};
