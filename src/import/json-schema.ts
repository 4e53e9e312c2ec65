import { childPath, type ImportProblem } from './import-problem.js';

/**
 * A validator for the subset of JSON Schema draft 2020-12 that docs/bundle.schema.json uses. No JSON Schema
 * library is a dependency, and the subset is small; a keyword outside it makes the constructor throw, so a
 * schema edit can never be silently ignored. Every problem is reported, each with its JSON path.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs', 'format']);
const ASSERTIONS = new Set([
  '$ref',
  'type',
  'const',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'maxItems',
  'uniqueItems',
  'anyOf',
  'dependentRequired',
]);

export const isJsonObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const typeOf = (value: Json): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : Number.isInteger(value)
        ? 'integer'
        : typeof value;

const show = (value: Json): string => {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

export class JsonSchemaValidator {
  private readonly patterns = new Map<string, RegExp>();

  constructor(private readonly root: JsonObject) {
    this.checkKeywords(root, '#');
  }

  validate(value: Json, path = '$'): ImportProblem[] {
    const problems: ImportProblem[] = [];
    this.check(this.root, value, path, problems);
    return problems;
  }

  /** Every schema object under the root, `$defs` included, may use only the supported keywords. */
  private checkKeywords(schema: JsonObject, where: string): void {
    for (const key of Object.keys(schema)) {
      if (!ANNOTATIONS.has(key) && !ASSERTIONS.has(key))
        throw new Error(`JSON Schema keyword not supported: ${key} at ${where}`);
    }
    const nested = (node: Json | undefined, at: string) => {
      if (isJsonObject(node)) this.checkKeywords(node, at);
    };
    for (const group of ['$defs', 'properties'] as const) {
      const members = schema[group];
      if (isJsonObject(members))
        for (const [name, node] of Object.entries(members)) nested(node, `${where}/${group}/${name}`);
    }
    nested(schema.items, `${where}/items`);
    if (Array.isArray(schema.anyOf))
      schema.anyOf.forEach((node, index) => nested(node, `${where}/anyOf/${index}`));
    if (typeof schema.$ref === 'string') this.resolve(schema.$ref);
    if (typeof schema.pattern === 'string') this.pattern(schema.pattern);
  }

  private resolve(ref: string): JsonObject {
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}: only local references are`);
    let node: Json | undefined = this.root;
    for (const part of ref.slice(2).split('/')) node = isJsonObject(node) ? node[part] : undefined;
    if (!isJsonObject(node)) throw new Error(`dangling $ref ${ref}`);
    return node;
  }

  private pattern(source: string): RegExp {
    let compiled = this.patterns.get(source);
    if (!compiled) this.patterns.set(source, (compiled = new RegExp(source, 'u')));
    return compiled;
  }

  /**
   * Adds what is wrong with `value` to `problems`. One list for the whole bundle: spreading each level's
   * problems into its parent's (`push(...found)`) overflowed the stack at 150,000 problems.
   */
  private check(schema: JsonObject, value: Json, path: string, problems: ImportProblem[]): void {
    const add = (message: string, at = path) => problems.push({ path: at, message });
    if (typeof schema.$ref === 'string') this.check(this.resolve(schema.$ref), value, path, problems);
    if (typeof schema.type === 'string') {
      const actual = typeOf(value);
      // A value of the wrong type would only add noise below: stop here.
      if (schema.type !== actual && !(schema.type === 'number' && actual === 'integer')) {
        add(
          `must be ${schema.type === 'array' || schema.type === 'object' ? 'an' : 'a'} ${schema.type}, not ${actual}`,
        );
        return;
      }
    }
    if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value))
      add(`must be ${show(schema.const)}, not ${show(value)}`);
    if (
      Array.isArray(schema.enum) &&
      !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))
    ) {
      add(`must be one of ${schema.enum.map((option) => String(option)).join(', ')}, not ${show(value)}`);
    }
    if (typeof value === 'string') this.checkString(schema, value, add);
    if (typeof value === 'number') {
      if (typeof schema.minimum === 'number' && value < schema.minimum)
        add(`must be at least ${schema.minimum}, not ${value}`);
      if (typeof schema.maximum === 'number' && value > schema.maximum)
        add(`must be at most ${schema.maximum}, not ${value}`);
    }
    if (Array.isArray(value)) this.checkArray(schema, value, path, problems);
    if (isJsonObject(value)) this.checkObject(schema, value, path, problems);
    if (Array.isArray(schema.anyOf)) {
      const alternatives = schema.anyOf.filter(isJsonObject).map((alternative) => {
        const found: ImportProblem[] = [];
        this.check(alternative, value, path, found);
        return found;
      });
      if (!alternatives.some((found) => found.length === 0)) {
        const described = alternatives.map((found) =>
          found.map((problem) => `${problem.path.slice(path.length) || 'it'} ${problem.message}`).join(', '),
        );
        add(`must satisfy one of: ${described.join(' | ')}`);
      }
    }
  }

  private checkString(schema: JsonObject, value: string, add: (message: string) => void): void {
    const length = [...value].length; // JSON Schema counts code points
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      add(
        `must be at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'} long, not ${length}`,
      );
    }
    if (typeof schema.maxLength === 'number' && length > schema.maxLength)
      add(`must be at most ${schema.maxLength} characters long, not ${length}`);
    if (typeof schema.pattern === 'string' && !this.pattern(schema.pattern).test(value))
      add(`${show(value)} does not match ${schema.pattern}`);
  }

  private checkArray(schema: JsonObject, value: Json[], path: string, problems: ImportProblem[]): void {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) {
      problems.push({ path, message: `must have at most ${schema.maxItems} items, not ${value.length}` });
    }
    const items = schema.items;
    if (isJsonObject(items))
      value.forEach((item, index) => this.check(items, item, childPath(path, index), problems));
    if (schema.uniqueItems === true) {
      const seen = new Map<string, number>();
      value.forEach((item, index) => {
        const key = JSON.stringify(item);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, index);
        else
          problems.push({
            path: childPath(path, index),
            message: `repeats ${childPath(path, first)}; items must be unique`,
          });
      });
    }
  }

  private checkObject(schema: JsonObject, value: JsonObject, path: string, problems: ImportProblem[]): void {
    if (Array.isArray(schema.required)) {
      for (const key of schema.required.map(String)) {
        if (!Object.hasOwn(value, key)) problems.push({ path: childPath(path, key), message: 'is required' });
      }
    }
    const properties = isJsonObject(schema.properties) ? schema.properties : {};
    for (const [key, member] of Object.entries(value)) {
      const property = Object.hasOwn(properties, key) ? properties[key] : undefined;
      if (isJsonObject(property)) this.check(property, member, childPath(path, key), problems);
      else if (schema.additionalProperties === false)
        problems.push({ path: childPath(path, key), message: 'is not a known property' });
    }
    if (isJsonObject(schema.dependentRequired)) {
      for (const [key, needs] of Object.entries(schema.dependentRequired)) {
        if (!Object.hasOwn(value, key) || !Array.isArray(needs)) continue;
        for (const need of needs.map(String)) {
          if (!Object.hasOwn(value, need))
            problems.push({ path: childPath(path, need), message: `is required when ${key} is given` });
        }
      }
    }
  }
}
