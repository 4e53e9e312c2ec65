import { ValidationError } from '../event-sourcing/errors.js';
import { anchorQuote } from '../sources/domain/text-quote.js';
import { itemsOf, stringField, type BundleItem, type Collection } from './bundle.js';
import type { ImportProblem } from './import-problem.js';
import { isJsonObject, type JsonObject } from './json-schema.js';

/**
 * The rules that cross items, which JSON Schema cannot express (docs/bundle-format.md): ids unique across
 * collections, references that resolve to the right kind of item, quotes found once in their source's text,
 * no self-links, no duplicate links, a counterpoint's resolution given once. Each check reads the raw bundle defensively: a value of the wrong type
 * is the schema's to report, so it is skipped here rather than reported twice.
 */

const KIND_OF: Readonly<Record<Collection, string>> = {
  sources: 'source',
  claims: 'claim',
  evidence: 'evidence item',
  counterpoints: 'counterpoint',
  relations: 'relation',
  assessments: 'assessment',
};

interface Defined {
  readonly collection: Collection;
  readonly item: BundleItem;
}

const definitions = (bundle: JsonObject, problems: ImportProblem[]): Map<string, Defined> => {
  const defined = new Map<string, Defined>();
  for (const collection of ['sources', 'claims', 'evidence', 'counterpoints'] as const) {
    for (const item of itemsOf(bundle, collection)) {
      const id = stringField(item.value, 'id');
      if (id === undefined) continue;
      const first = defined.get(id);
      if (first)
        problems.push({
          path: `${item.path}.id`,
          message: `"${id}" is already the id of ${first.item.path}`,
        });
      else defined.set(id, { collection, item });
    }
  }
  return defined;
};

/** Checks that `item[field]` names an item of `collection`; returns that item when it does. */
const reference = (
  defined: Map<string, Defined>,
  item: BundleItem,
  field: string,
  collection: Collection,
  problems: ImportProblem[],
): BundleItem | undefined => {
  const id = stringField(item.value, field);
  if (id === undefined) return undefined;
  const target = defined.get(id);
  if (target?.collection === collection) return target.item;
  const message = target
    ? `"${id}" is ${target.collection === 'evidence' ? 'an' : 'a'} ${KIND_OF[target.collection]}, not a ${KIND_OF[collection]}`
    : `no ${KIND_OF[collection]} with id "${id}" in the bundle`;
  problems.push({ path: `${item.path}.${field}`, message });
  return undefined;
};

const checkQuote = (claim: BundleItem, source: BundleItem, problems: ImportProblem[]): void => {
  const quote = claim.value.quote;
  const sourceId = stringField(source.value, 'id');
  if (!isJsonObject(quote) || typeof quote.exact !== 'string') return;
  if (!Object.hasOwn(source.value, 'text')) {
    problems.push({
      path: `${claim.path}.quote`,
      message: `source "${sourceId}" has no text to anchor the quote in`,
    });
    return;
  }
  const text = stringField(source.value, 'text');
  if (text === undefined) return;
  try {
    anchorQuote(text, {
      exact: quote.exact,
      prefix: stringField(quote, 'prefix'),
      suffix: stringField(quote, 'suffix'),
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // anchorQuote says "not in the source text" only when no occurrence exists at all, context aside.
    if (/is not in the source text/.test(error.message) || error.message === 'the quote is empty') {
      problems.push({
        path: `${claim.path}.quote.exact`,
        message: `not found in the text of source "${sourceId}"`,
      });
    } else {
      problems.push({
        path: `${claim.path}.quote`,
        message: `${error.message.replace(/in the source\b/, `in source "${sourceId}"`)}`,
      });
    }
  }
};

/** A citation of a bundle source (same title, and same url when both give one) quotes that source's text. */
const checkCitationQuote = (
  item: BundleItem,
  sourcesByTitle: ReadonlyMap<string, readonly BundleItem[]>,
  problems: ImportProblem[],
): void => {
  const citation = item.value.citation;
  if (!isJsonObject(citation)) return;
  const quote = stringField(citation, 'quote');
  const title = stringField(citation, 'title');
  if (quote === undefined || title === undefined) return;
  const url = stringField(citation, 'url');
  const cited = sourcesByTitle.get(title)?.find((source) => {
    const sourceUrl = stringField(source.value, 'url');
    return url === undefined || sourceUrl === undefined || url === sourceUrl;
  });
  const text = cited && stringField(cited.value, 'text');
  if (text !== undefined && !text.includes(quote.trim())) {
    problems.push({
      path: `${item.path}.citation.quote`,
      message: `not found in the text of source "${stringField(cited!.value, 'id')}"`,
    });
  }
};

export const crossItemProblems = (bundle: JsonObject): ImportProblem[] => {
  const problems: ImportProblem[] = [];
  const defined = definitions(bundle, problems);
  // Citations find their source by title: indexed once rather than searched for each of them.
  const sourcesByTitle = new Map<string, BundleItem[]>();
  for (const source of itemsOf(bundle, 'sources')) {
    const title = stringField(source.value, 'title');
    if (title === undefined) continue;
    const sameTitle = sourcesByTitle.get(title);
    if (sameTitle) sameTitle.push(source);
    else sourcesByTitle.set(title, [source]);
  }

  for (const claim of itemsOf(bundle, 'claims')) {
    const source = reference(defined, claim, 'source', 'sources', problems);
    if (source) checkQuote(claim, source, problems);
  }
  for (const collection of ['evidence', 'counterpoints', 'assessments'] as const) {
    for (const item of itemsOf(bundle, collection)) {
      reference(defined, item, 'claim', 'claims', problems);
      if (collection !== 'assessments') checkCitationQuote(item, sourcesByTitle, problems);
    }
  }
  // A thread states the resolution itself (its last response), so a counterpoint gives one or the other.
  for (const counterpoint of itemsOf(bundle, 'counterpoints')) {
    if (Object.hasOwn(counterpoint.value, 'resolution') && Object.hasOwn(counterpoint.value, 'thread')) {
      problems.push({
        path: `${counterpoint.path}.thread`,
        message: 'give either `resolution` or `thread`, not both: a thread ends with its own resolution',
      });
    }
  }
  const links = new Map<string, string>();
  for (const relation of itemsOf(bundle, 'relations')) {
    const from = reference(defined, relation, 'from', 'claims', problems);
    const to = reference(defined, relation, 'to', 'claims', problems);
    if (!from || !to) continue;
    if (from === to) {
      problems.push({ path: `${relation.path}.to`, message: 'a claim cannot be linked to itself' });
      continue;
    }
    const kind = stringField(relation.value, 'kind');
    const key = JSON.stringify([from.path, to.path, kind]);
    const first = links.get(key);
    if (first) problems.push({ path: relation.path, message: `the same link (from, to, kind) as ${first}` });
    else links.set(key, relation.path);
  }
  return problems;
};
