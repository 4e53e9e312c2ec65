import {
  ArgdownApplication,
  ArgdownTypes,
  IArgument,
  IEquivalenceClass,
  ModelPlugin,
  ParserPlugin,
  RelationType,
  StatementRole,
  type IArgdownResponse,
  type RelationMember,
} from '@argdown/core';
import { TAG_PATTERN } from '../claims/domain/claim.values.js';
import type { BundleClaim, BundleRelation } from './bundle.js';
import type { ImportProblem } from './import-problem.js';
import type { JsonObject } from './json-schema.js';

/**
 * Argdown (https://argdown.org) to a claimtrail bundle, through @argdown/core's own parser and model:
 * - every statement `[Title]: text` becomes a claim (statement = its text, tags = its #hashtags that are
 *   simple lower-case kebab words once lower-cased; others are left out with a warning);
 * - every argument `<Title>: text` becomes a claim too (statement = its description);
 * - `+` / `-` / `_` become SUPPORTS / ATTACKS / UNDERCUTS links (an undercut of an inference targets its
 *   argument), `>` entails is SUPPORTS, `><` contrary and contradictory are ATTACKS both ways;
 * - a reconstructed argument SUPPORTS its main conclusion, and each of its other statements SUPPORTS it; one
 *   without a description and without links of its own is flattened: its premises SUPPORT its conclusion.
 * A statement, or a linked argument, without text cannot become a claim: that is a problem, as is a parse error.
 */

export interface ArgdownBundle {
  readonly bundle: JsonObject;
  readonly problems: readonly ImportProblem[];
  readonly warnings: readonly string[];
  /** Where each bundle item came from: `$.claims[3]` → `line 5, [Title]`. */
  readonly origins: ReadonlyMap<string, string>;
}

type Kind = BundleRelation['kind'];

const KINDS: Readonly<Record<RelationType, readonly Kind[]>> = {
  [RelationType.SUPPORT]: ['SUPPORTS'],
  [RelationType.ENTAILS]: ['SUPPORTS'],
  [RelationType.ATTACK]: ['ATTACKS'],
  [RelationType.UNDERCUT]: ['UNDERCUTS'],
  [RelationType.CONTRARY]: ['ATTACKS'],
  [RelationType.CONTRADICTORY]: ['ATTACKS'],
};

const slug = (title: string): string =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100) || 'untitled';

const parse = (text: string): IArgdownResponse => {
  const app = new ArgdownApplication();
  app.addPlugin(new ParserPlugin(), 'parse-input');
  app.addPlugin(new ModelPlugin(), 'build-model');
  return app.run({
    input: text,
    process: ['parse-input', 'build-model'],
    logLevel: 'none',
    model: { removeTagsFromText: true },
  });
};

const syntaxProblems = (response: IArgdownResponse): ImportProblem[] => [
  ...(response.lexerErrors ?? []).map((error) => ({
    path: `line ${error.line ?? '?'}:${error.column ?? '?'}`,
    message: error.message,
  })),
  ...(response.parserErrors ?? []).map((error) => ({
    path: `line ${Number.isFinite(error.token.startLine) ? error.token.startLine : 'end'}:${Number.isFinite(error.token.startColumn) ? error.token.startColumn : '?'}`,
    message: error.message,
  })),
  ...(response.exceptions ?? []).map((error) => ({ path: 'argdown', message: error.message })),
];

export const argdownToBundle = (text: string): ArgdownBundle => {
  const response = parse(text);
  const problems = syntaxProblems(response);
  const warnings: string[] = [];
  const origins = new Map<string, string>();
  const claims: BundleClaim[] = [];
  const relations: BundleRelation[] = [];
  const empty = {
    format: 'claimtrail-bundle',
    version: 1,
    sources: [],
    evidence: [],
    counterpoints: [],
    assessments: [],
  };
  if (problems.length > 0)
    return { bundle: { ...empty, claims: [], relations: [] }, problems, warnings, origins };

  const usedIds = new Set<string>();
  const claimIds = new Map<string, string>(); // `[Title]` / `<Title>` → local id
  const addClaim = (
    label: string,
    prefix: string,
    statement: string | undefined,
    line: number | undefined,
    tags: readonly string[] | undefined,
  ) => {
    const where = `line ${line ?? '?'}, ${label}`;
    if (!statement) {
      problems.push({
        path: where,
        message: `has no text, so it cannot become a claim (give it one: "${label}: text")`,
      });
      return;
    }
    let id = `${prefix}-${slug(label.slice(1, -1))}`;
    for (let n = 2; usedIds.has(id); n++) id = `${prefix}-${slug(label.slice(1, -1))}-${n}`;
    usedIds.add(id);
    const simple: string[] = [];
    for (const tag of tags ?? []) {
      const lower = tag.trim().toLowerCase();
      if (TAG_PATTERN.test(lower)) {
        if (!simple.includes(lower)) simple.push(lower);
      } else warnings.push(`${where}: tag #${tag} is not a simple lower-case kebab tag; left out`);
    }
    origins.set(`$.claims[${claims.length}]`, where);
    claims.push({ id, statement, ...(simple.length > 0 ? { tags: simple } : {}) });
    claimIds.set(label, id);
  };

  for (const statement of Object.values(response.statements ?? {})) {
    const withText = statement.members.find((member) => member.text?.trim());
    const line = (withText ?? statement.members[0])?.startLine;
    addClaim(
      `[${statement.title}]`,
      's',
      IEquivalenceClass.getCanonicalMemberText(statement)?.trim(),
      line,
      statement.tags,
    );
  }
  const argumentTitles = (member: RelationMember | undefined): string | undefined =>
    member?.type === ArgdownTypes.ARGUMENT
      ? member.title
      : member?.type === ArgdownTypes.INFERENCE
        ? member.argumentTitle
        : undefined;
  const related = new Set(
    (response.relations ?? []).flatMap((relation) => [
      argumentTitles(relation.from),
      argumentTitles(relation.to),
    ]),
  );
  for (const argument of Object.values(response.arguments ?? {})) {
    const description = IArgument.getCanonicalMemberText(argument)?.trim();
    // Without a description and without links of its own, a reconstructed argument is just its premises
    // supporting its conclusion: it is flattened to those links below instead of becoming a claim.
    if (!description && argument.pcs.length > 0 && !related.has(argument.title)) continue;
    const withText = argument.members.find((member) => member.text?.trim());
    const line = (withText ?? argument.members[0])?.startLine ?? argument.startLine;
    addClaim(`<${argument.title}>`, 'a', description, line, argument.tags);
  }

  const seen = new Set<string>();
  const link = (from: string | undefined, to: string | undefined, kind: Kind, line: number | undefined) => {
    if (from === undefined || to === undefined) return; // a member that could not become a claim: reported above
    const key = `${from}\u0000${to}\u0000${kind}`;
    if (seen.has(key)) return;
    seen.add(key);
    origins.set(`$.relations[${relations.length}]`, `line ${line ?? '?'}`);
    relations.push({ from, to, kind });
  };
  const claimOf = (member: RelationMember | undefined): string | undefined => {
    if (member === undefined) return undefined;
    if (member.type === ArgdownTypes.EQUIVALENCE_CLASS) return claimIds.get(`[${member.title}]`);
    if (member.type === ArgdownTypes.ARGUMENT) return claimIds.get(`<${member.title}>`);
    return member.argumentTitle === undefined ? undefined : claimIds.get(`<${member.argumentTitle}>`);
  };
  for (const relation of response.relations ?? []) {
    const from = claimOf(relation.from);
    const to = claimOf(relation.to);
    const line = relation.occurrences[0]?.startLine;
    for (const kind of KINDS[relation.relationType]) {
      link(from, to, kind, line);
      if (
        relation.relationType === RelationType.CONTRARY ||
        relation.relationType === RelationType.CONTRADICTORY
      )
        link(to, from, kind, line);
    }
  }
  for (const argument of Object.values(response.arguments ?? {})) {
    const conclusion = argument.pcs.find((member) => member.role === StatementRole.MAIN_CONCLUSION);
    const conclusionId = conclusion && claimIds.get(`[${conclusion.title}]`);
    // The argument's claim, or, for a flattened argument, its conclusion.
    const supported = claimIds.get(`<${argument.title}>`) ?? conclusionId;
    if (conclusion && supported !== conclusionId)
      link(supported, conclusionId, 'SUPPORTS', conclusion.startLine);
    for (const member of argument.pcs) {
      if (member !== conclusion)
        link(claimIds.get(`[${member.title}]`), supported, 'SUPPORTS', member.startLine);
    }
  }
  return {
    bundle: {
      ...empty,
      claims: claims as unknown as JsonObject[],
      relations: relations as unknown as JsonObject[],
    },
    problems,
    warnings,
    origins,
  };
};

/** A problem's path with where its item came from in the Argdown text: `$.claims[3].statement (line 5, [Title])`. */
export const locateProblem = (
  problem: ImportProblem,
  origins: ReadonlyMap<string, string>,
): ImportProblem => {
  const item = /^\$\.\w+\[\d+\]/.exec(problem.path)?.[0];
  const origin = item === undefined ? undefined : origins.get(item);
  return origin === undefined ? problem : { ...problem, path: `${problem.path} (${origin})` };
};
