import { getOperationAST, getVariableValues, type DocumentNode, type GraphQLSchema } from 'graphql';
import { BadRequestError } from './bad-request.js';

const COERCION =
  /^Variable "\$([^"]+)" (?:got invalid value[\s\S]*? at "([^"]+)";|got invalid value|of required type|of non-null type)/;

/**
 * The input field a variable coercion error is about, named as the validation pipe names fields: inside a
 * mutation's `$input` the bare field (`statement`, `citation.url`), otherwise from the variable's name.
 */
export const coercionField = (message: string): string | undefined => {
  const match = COERCION.exec(message);
  if (!match) return undefined;
  const path = match[2] ?? match[1]!;
  return path.startsWith('input.') ? path.slice('input.'.length) : path;
};

/**
 * Variables coerced as graphql-js does, before execution. Mercurius checks them itself except on the request
 * that makes graphql-jit compile the document (`jit: 1`: the second), where they reached the compiled query
 * and came back 200 with another message; checked here, every request answers the same 400.
 */
export const assertVariablesCoerce = (
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
): void => {
  const operation = getOperationAST(document, operationName);
  if (!operation?.variableDefinitions?.length) return;
  const coerced = getVariableValues(schema, operation.variableDefinitions, variables, { maxErrors: 1 });
  const [error] = coerced.errors ?? [];
  if (error) throw new BadRequestError(error.message, coercionField(error.message));
};
