import type { RelationKind } from '../../claims/domain/claim.values.js';
import { isAttackingCounterpoint } from '../../claims/domain/claim.attacks.js';
import type { ExportRelation, ExportRows } from '../export.rows.js';
import { countOf, counted, type ExportReport } from '../export.settings.js';

/**
 * Argdown (argdown.org) text: one statement per live claim and per counterpoint, `[Title]: text {data}`,
 * with the claim's outgoing links indented under it: `+>` supports, `->` attacks, `_>` undercuts. A
 * counterpoint attacks its claim (`->`) while it is OPEN or CONCEDED, as in the labelling (docs/architecture.md §3).
 * Tags are Argdown #tags. REFINES and DUPLICATES have no Argdown relation (loose mode reads statement links
 * as support or attack only), so they travel in the statement's data as lists of claim ids, as do the id,
 * status, label and verdict.
 *
 * Titles are the first words of the text, unique in the document. Texts are escaped so that @argdown/core
 * reads back exactly the words (whitespace runs collapsed to one space, as Argdown collapses them anyway).
 */

const OPERATOR: Partial<Readonly<Record<RelationKind, string>>> = {
  SUPPORTS: '+>',
  ATTACKS: '->',
  UNDERCUTS: '_>',
};

// Every character Argdown's lexer gives a meaning inside a line of text: escapes, mentions, tags, bold and
// italics, statement and argument brackets, links, comments (`//`, `/*`, `<!--`) and YAML data.
const SPECIAL = /[\\@#*_[\]<>{}/]/;
// `.name.` and `:name:` are shortcodes (`:smile:` becomes an emoji); escaping the first dot or colon of
// such a run keeps the characters as they are.
const SHORTCODE = /\.[^\s]+?\.|:[^\s]+?:/y;

/** The text as one Argdown line that parses back to the same words. */
export const argdownText = (text: string): string => {
  const line = text.replace(/\s+/gu, ' ').trim();
  let escaped = '';
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    // Escapes only add non-space characters, so a shortcode run found in the plain line is one in the output.
    SHORTCODE.lastIndex = index;
    const special = SPECIAL.test(char) || ((char === '.' || char === ':') && SHORTCODE.test(line));
    escaped += special ? `\\${char}` : char;
  }
  return escaped;
};

const TITLE_WORDS = 7;
const TITLE_LENGTH = 48;

/** A short title from the first words (runs of letters, digits, inner hyphens and apostrophes). */
export const titleFrom = (text: string): string => {
  const words = text
    .split(/[^\p{L}\p{N}'’-]+/u)
    .map((word) => word.replace(/^[-'’]+|[-'’]+$/gu, ''))
    .filter((word) => word.length > 0);
  let title = '';
  for (const word of words.slice(0, TITLE_WORDS)) {
    if (title && title.length + word.length + 1 > TITLE_LENGTH) break;
    title = title ? `${title} ${word}` : word;
  }
  return title;
};

/** Unique titles, in document order: a repeated title gets ` 2`, ` 3`… */
class Titles {
  private readonly byId = new Map<string, string>();
  private readonly taken = new Set<string>();

  add(id: string, text: string): void {
    const base = titleFrom(text) || id;
    let title = base;
    for (let n = 2; this.taken.has(title.toLowerCase()); n++) title = `${base} ${n}`;
    this.taken.add(title.toLowerCase());
    this.byId.set(id, title);
  }

  of(id: string): string {
    const title = this.byId.get(id);
    if (title === undefined) throw new Error(`argdown export: no statement for ${id}`);
    return title;
  }
}

// Data values are ids and enums: JSON flow style is valid YAML and never contains braces.
const data = (values: Record<string, unknown>): string => {
  const present = Object.entries(values).filter(
    ([, value]) => value !== null && !(Array.isArray(value) && value.length === 0),
  );
  return JSON.stringify(Object.fromEntries(present));
};

export function* argdownDocument(rows: ExportRows): Generator<string> {
  const titles = new Titles();
  for (const claim of rows.liveClaims()) titles.add(claim.id, claim.statement);
  for (const counterpoint of rows.counterpoints()) titles.add(counterpoint.id, counterpoint.text);

  const outgoing = new Map<string, ExportRelation[]>();
  for (const relation of rows.relations()) {
    const list = outgoing.get(relation.fromId) ?? [];
    list.push(relation);
    outgoing.set(relation.fromId, list);
  }

  yield '// Exported from Claimtrail. Each statement carries its id in {…}; counterpoints attack their claim while OPEN or CONCEDED.\n';
  yield '\n# Claims\n';
  for (const claim of rows.liveClaims()) {
    const links = outgoing.get(claim.id) ?? [];
    const idsOf = (kind: RelationKind) => links.filter((link) => link.kind === kind).map((link) => link.toId);
    const meta = data({
      id: claim.id,
      status: claim.status,
      acceptability: claim.acceptability,
      verdict: claim.assessment?.verdict ?? null,
      refines: idsOf('REFINES'),
      duplicates: idsOf('DUPLICATES'),
    });
    const tags = claim.tags.map((tag) => ` #${tag}`).join('');
    let block = `\n[${titles.of(claim.id)}]: ${argdownText(claim.statement)}${tags} ${meta}\n`;
    for (const link of links) {
      const operator = OPERATOR[link.kind];
      if (operator) block += `  ${operator} [${titles.of(link.toId)}]\n`;
    }
    yield block;
  }

  let heading = false;
  for (const counterpoint of rows.counterpoints()) {
    if (!heading) yield '\n# Counterpoints\n';
    heading = true;
    const meta = data({ id: counterpoint.id, claim: counterpoint.claimId, state: counterpoint.state });
    let block = `\n[${titles.of(counterpoint.id)}]: ${argdownText(counterpoint.text)} ${meta}\n`;
    if (isAttackingCounterpoint(counterpoint.state)) block += `  -> [${titles.of(counterpoint.claimId)}]\n`;
    yield block;
  }
}

export const argdownReport = (rows: ExportRows): ExportReport => {
  const claims = countOf(rows.liveClaims());
  const counterpoints = countOf(rows.counterpoints());
  const evidence = countOf(rows.evidence());
  return {
    contents: `${counted(claims + counterpoints, 'statement')} (${counted(claims, 'claim')}, ${counted(counterpoints, 'counterpoint')})`,
    notes:
      evidence > 0
        ? [
            `${counted(evidence, 'evidence item')} not written: Argdown has no place for them (the AIF export and the bundle carry them)`,
          ]
        : [],
  };
};
