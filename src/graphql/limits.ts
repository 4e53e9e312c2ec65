import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

/** Limits that keep one request from costing the server more than any honest client needs. */
export const QUERY_LIMITS = {
  /** GraphiQL's introspection query is 13 deep once `ofType` nests; real queries stay under 10. */
  depth: 15,
  aliases: 30,
  cost: 50_000,
} as const;

const CONNECTION_DEFAULT_PAGE = 20;
/**
 * Lists without `first` (evidence, counterpoints, relations) are counted as this many items. A connection's
 * `edges` are not: its page size is already counted at the connection field.
 */
const UNBOUNDED_LIST_ESTIMATE = 10;

const limitError = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** At most `QUERY_LIMITS.aliases` aliased fields per document: alias bombs multiply work without depth. */
export const aliasLimitRule = (context: ValidationContext): ASTVisitor => {
  let aliases = 0;
  return {
    Field(node) {
      if (node.alias && ++aliases === QUERY_LIMITS.aliases + 1) {
        context.reportError(limitError(`the query uses more than ${QUERY_LIMITS.aliases} aliases`));
      }
    },
  };
};

const firstArgument = (
  value: ValueNode | undefined,
  variables: Record<string, unknown>,
): number | undefined => {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const variable = variables[value.name.value];
    return typeof variable === 'number' ? variable : undefined;
  }
  return undefined;
};

/**
 * A static estimate: every field costs 1, and a field's children are multiplied by the page it asks for
 * (`first`, capped at 500 like the API) or by a small estimate for plain lists. Checked before execution,
 * where the variables are known (a validation rule cannot see them and would defeat query caching).
 */
export const queryCost = (document: DocumentNode, variables: Record<string, unknown> = {}): number => {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const costOf = (selectionSet: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const first = firstArgument(
          selection.arguments?.find((argument) => argument.name.value === 'first')?.value,
          variables,
        );
        const name = selection.name.value;
        const multiplier =
          first !== undefined
            ? Math.min(Math.max(first, 1), 500)
            : /^(claims|sources|auditTrail|history)$/.test(name)
              ? CONNECTION_DEFAULT_PAGE
              : selection.selectionSet && /^(evidence|counterpoints|relations|nodes)$/.test(name)
                ? UNBOUNDED_LIST_ESTIMATE
                : 1;
        total += 1 + multiplier * costOf(selection.selectionSet, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += costOf(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        total += costOf(
          fragments.get(selection.name.value)?.selectionSet,
          new Set([...seen, selection.name.value]),
        );
      }
    }
    return total;
  };
  let total = 0;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) total += costOf(definition.selectionSet, new Set());
  }
  return total;
};

export const assertAffordable = (
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
): void => {
  const cost = queryCost(document, variables ?? {});
  if (cost > QUERY_LIMITS.cost) {
    throw limitError(
      `the query is too costly (estimated ${cost}, limit ${QUERY_LIMITS.cost}); ask for smaller pages`,
    );
  }
};
