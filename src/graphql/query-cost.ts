import {
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { MAX_PAGE } from '../read-model/pagination.js';

/**
 * A static estimate of what a document asks the server to produce: every field costs 1 (a large leaf its
 * weight), and a field's children are multiplied by the items it returns: a connection by its page
 * (`first`, or its default, capped at 500), any other list of objects by `UNBOUNDED_LIST_ESTIMATE`. Lists
 * whose real length only the resolver knows (ArgumentGraph's nodes and edges) are charged again at run time
 * for what they return (RequestBudget).
 *
 * Linear in the document: a fragment's cost is computed once however often it is spread, so a document of
 * fragments that spread the next one twice (2^n fields once expanded, in 1 KB) costs n steps to price.
 */

export const UNBOUNDED_LIST_ESTIMATE = 10;

/**
 * The page a connection without a `first` of its own answers: `Claim.history` and the audit trail give 50,
 * `Source.claims` 20; the larger is charged.
 */
const IMPLICIT_PAGE = 50;

/** Leaves that can return far more than a line: their worst case, in units of about 1 KB. */
const LEAF_WEIGHTS: Readonly<Record<string, number>> = {
  // Up to 1,000,000 characters.
  'Source.text': 1000,
  // SourceRegistered carries the source's text, other events a few hundred bytes: a page of 500 entries with
  // their data stays affordable, and what the data really weighs is counted as it resolves (RequestBudget).
  'AuditEntry.data': 10,
};

/** Deeper than any document the depth limit lets through: past it the walk stops and charges everything. */
const WALK_DEPTH_LIMIT = 64;

/** `undefined`: the variables are not known (a subscription priced before it starts): the worst is charged. */
export type KnownVariables = Readonly<Record<string, unknown>> | undefined;

const fieldDefinition = (
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined => {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
};

export class QueryCostModel {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly fragmentCosts = new Map<string, number>();
  private readonly pricing = new Set<string>();
  private readonly variableDefaults = new Map<string, unknown>();

  constructor(
    private readonly schema: GraphQLSchema,
    document: DocumentNode | { readonly definitions: readonly FragmentDefinitionNode[] },
    private readonly variables: KnownVariables,
    operation?: OperationDefinitionNode,
  ) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
    for (const variable of operation?.variableDefinitions ?? []) {
      if (variable.defaultValue)
        this.variableDefaults.set(variable.variable.name.value, valueFromASTUntyped(variable.defaultValue));
    }
  }

  /** The cost of an operation's selection, from its root type. */
  operationCost(operation: OperationDefinitionNode): number {
    const root = this.schema.getRootType(operation.operation);
    return root ? this.selectionCost(operation.selectionSet, root, 0) : 0;
  }

  /** What one item of a list field costs: its selection, priced from the field's type. */
  itemCost(field: FieldNode, parent: GraphQLCompositeType): number {
    const definition = fieldDefinition(this.schema, parent, field.name.value);
    const type = definition && getNamedType(definition.type);
    return field.selectionSet && type && isCompositeType(type)
      ? this.selectionCost(field.selectionSet, type, 1)
      : 0;
  }

  private selectionCost(set: SelectionSetNode, parent: GraphQLCompositeType, depth: number): number {
    if (depth > WALK_DEPTH_LIMIT) return Number.POSITIVE_INFINITY;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) total += this.fieldCost(selection, parent, depth);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? this.schema.getType(selection.typeCondition.name.value)
          : parent;
        if (type && isCompositeType(type)) total += this.selectionCost(selection.selectionSet, type, depth);
      } else total += this.fragmentCost(selection.name.value, depth);
    }
    return total;
  }

  private fragmentCost(name: string, depth: number): number {
    const known = this.fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    // A cycle is invalid (validation refuses it); priced as nothing here so the walk ends.
    if (!fragment || this.pricing.has(name)) return 0;
    const type = this.schema.getType(fragment.typeCondition.name.value);
    if (!type || !isCompositeType(type)) return 0;
    this.pricing.add(name);
    const cost = this.selectionCost(fragment.selectionSet, type, depth);
    this.pricing.delete(name);
    this.fragmentCosts.set(name, cost);
    return cost;
  }

  private fieldCost(field: FieldNode, parent: GraphQLCompositeType, depth: number): number {
    const definition = fieldDefinition(this.schema, parent, field.name.value);
    if (!definition) return 1;
    const type = getNamedType(definition.type);
    if (!field.selectionSet || !isCompositeType(type))
      return LEAF_WEIGHTS[`${parent.name}.${field.name.value}`] ?? 1;
    return (
      1 + this.itemsOf(field, definition, parent) * this.selectionCost(field.selectionSet, type, depth + 1)
    );
  }

  private itemsOf(
    field: FieldNode,
    definition: GraphQLField<unknown, unknown>,
    parent: GraphQLCompositeType,
  ): number {
    const first = definition.args.find((argument) => argument.name === 'first');
    if (first) return this.pageOf(field, first.defaultValue);
    // A connection's edges are its page, already counted at the connection field.
    if (isListType(getNullableType(definition.type)) && !parent.name.endsWith('Connection'))
      return UNBOUNDED_LIST_ESTIMATE;
    return 1;
  }

  /** `first` as the resolver will see it: the literal, the variable, the variable's default, the argument's. */
  private pageOf(field: FieldNode, argumentDefault: unknown): number {
    const node = field.arguments?.find((argument) => argument.name.value === 'first')?.value;
    let value: unknown;
    if (node?.kind === Kind.VARIABLE) {
      const name = node.name.value;
      const given = this.variables === undefined ? undefined : this.variables[name];
      value = given ?? this.variableDefaults.get(name);
      if (value === undefined && this.variables === undefined) return MAX_PAGE;
    } else if (node) value = valueFromASTUntyped(node);
    value ??= argumentDefault ?? IMPLICIT_PAGE;
    if (typeof value !== 'number' || !Number.isFinite(value)) return MAX_PAGE;
    return Math.min(Math.max(value, 1), MAX_PAGE);
  }
}

/** The estimate of the operation that will run (every operation, the dearest counting, when none is chosen). */
export const queryCost = (
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: KnownVariables,
  operationName?: string | null,
): number => {
  const chosen = getOperationAST(document, operationName ?? undefined);
  const operations = chosen
    ? [chosen]
    : document.definitions.filter(
        (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
      );
  let dearest = 0;
  for (const operation of operations) {
    dearest = Math.max(
      dearest,
      new QueryCostModel(schema, document, variables, operation).operationCost(operation),
    );
  }
  return dearest;
};
