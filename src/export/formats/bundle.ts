import type { Citation } from '../../claims/domain/claim.values.js';
import { ValidationError } from '../../event-sourcing/errors.js';
import { anchorQuote, type TextQuote } from '../../sources/domain/text-quote.js';
import type {
  ExportClaim,
  ExportCounterpoint,
  ExportEvidence,
  ExportRelation,
  ExportRows,
  ExportSource,
} from '../export.rows.js';
import { countOf, counted, type ExportReport } from '../export.settings.js';
import { compact, jsonArray, jsonObject } from './json-text.js';
import { assessmentStands } from '../../claims/domain/claim.state.js';

/**
 * The read model as an import bundle (docs/bundle-format.md, docs/bundle.schema.json): what `claimtrail
 * import` reads back into an empty store to give the same read model.
 *
 * Ids are the real ids with the `_` after the prefix written `-` (`clm_01K…` → `clm-01K…`): bundle-local
 * ids allow letters, digits and `.:-` only. A bundle states the argument as it stands, so what it cannot
 * express is left out: retracted claims (and their evidence, counterpoints, links and assessment),
 * withdrawn evidence, and history (revisions, tag changes, unlinked links: the current state is written).
 */

export const BUNDLE_FORMAT = 'claimtrail-bundle';
export const BUNDLE_VERSION = 1;

export const bundleId = (id: string): string => id.replace(/_/g, '-');

/** The selector to re-anchor a stored quote: `exact` alone when that finds the same words, else with context. */
export const bundleQuote = (
  quote: TextQuote,
  sourceText: string | null,
): { exact: string; prefix?: string; suffix?: string } => {
  const withContext = compact({
    exact: quote.exact,
    prefix: quote.prefix.trim() ? quote.prefix : null,
    suffix: quote.suffix.trim() ? quote.suffix : null,
  }) as { exact: string; prefix?: string; suffix?: string };
  if (sourceText === null) return withContext;
  try {
    if (anchorQuote(sourceText, { exact: quote.exact }).start === quote.start) return { exact: quote.exact };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error; // found more than once: the context says which
  }
  return withContext;
};

const source = (row: ExportSource) =>
  compact({
    id: bundleId(row.id),
    title: row.title,
    url: row.url,
    author: row.author,
    publisher: row.publisher,
    publishedAt: row.publishedAt,
    language: row.language,
    text: row.text,
  });

const claim = (row: ExportClaim, texts: ReadonlyMap<string, string | null>) =>
  compact({
    id: bundleId(row.id),
    statement: row.statement,
    tags: row.tags.length > 0 ? row.tags : null,
    attributedTo: row.attributedTo,
    source: row.sourceId === null ? null : bundleId(row.sourceId),
    quote:
      row.quote === null ? null : bundleQuote(row.quote, (row.sourceId && texts.get(row.sourceId)) ?? null),
    note: row.note,
  });

const citation = (value: Citation) => compact({ ...value });

const evidence = (row: ExportEvidence) =>
  compact({
    id: bundleId(row.id),
    claim: bundleId(row.claimId),
    stance: row.stance,
    summary: row.summary,
    citation: citation(row.citation),
    reliability: row.reliability,
  });

/**
 * A counterpoint as it stands. One never rebutted says so with its `resolution` alone (or nothing while
 * OPEN), as bundles always have; one whose answer was rebutted carries its whole `thread` instead, which the
 * importer replays in order (a response, a rebuttal, …), so a reopened counterpoint comes back OPEN with the
 * same thread. Who wrote each entry is not carried: the importer writes them all (docs/bundle-format.md).
 */
const counterpoint = (row: ExportCounterpoint) => {
  const rebutted = row.thread.some((entry) => entry.kind === 'REBUTTAL');
  return compact({
    id: bundleId(row.id),
    claim: bundleId(row.claimId),
    text: row.text,
    citation: row.citation === null ? null : citation(row.citation),
    resolution:
      rebutted || row.state === 'OPEN' ? null : { resolution: row.state, response: row.response ?? '' },
    thread: rebutted ? row.thread.map((entry) => compact({ ...entry })) : null,
  });
};

const relation = (row: ExportRelation) =>
  compact({ from: bundleId(row.fromId), to: bundleId(row.toId), kind: row.kind, rationale: row.rationale });

/** Standing verdicts only: a stale one is history, and imported last it would read as current again. */
function* assessments(claims: Iterable<ExportClaim>) {
  for (const row of claims) {
    if (row.assessment === null || !assessmentStands(row.assessment)) continue;
    const { verdict, confidence, rationale } = row.assessment;
    yield { claim: bundleId(row.id), verdict, confidence, rationale };
  }
}

function* mapped<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}

/** The bundle, collection by collection, in the importer's order (sources, claims, … assessments). */
export function* bundleDocument(rows: ExportRows): Generator<string> {
  const sources = rows.sources({ withText: true });
  const texts = new Map(sources.map((row) => [row.id, row.text]));
  const items = (values: Iterable<unknown>) => ({ pieces: jsonArray(values, '    ', true) });
  yield* jsonObject([
    ['format', BUNDLE_FORMAT],
    ['version', BUNDLE_VERSION],
    ['sources', items(sources.map(source))],
    ['claims', items(mapped(rows.liveClaims(), (row) => claim(row, texts)))],
    ['evidence', items(mapped(rows.evidence(), evidence))],
    ['counterpoints', items(mapped(rows.counterpoints(), counterpoint))],
    ['relations', items(mapped(rows.relations(), relation))],
    ['assessments', items(assessments(rows.liveClaims()))],
  ]);
}

export const bundleReport = (rows: ExportRows): ExportReport => {
  const claims = countOf(rows.liveClaims());
  const assessed = countOf(rows.liveClaims(), (row) => assessmentStands(row.assessment));
  const stale = countOf(
    rows.liveClaims(),
    (row) => row.assessment !== null && !assessmentStands(row.assessment),
  );
  const { retractedClaims, withdrawnEvidence } = rows.omissions();
  return {
    contents: [
      counted(claims, 'claim'),
      counted(countOf(rows.evidence()), 'evidence item'),
      counted(countOf(rows.counterpoints()), 'counterpoint'),
      counted(countOf(rows.relations()), 'relation'),
      counted(assessed, 'assessment'),
    ].join(', '),
    notes: [
      ...(retractedClaims + withdrawnEvidence > 0
        ? [
            `a bundle states the argument as it stands: left out ${counted(retractedClaims, 'retracted claim')} and ${counted(withdrawnEvidence, 'withdrawn evidence item')}`,
          ]
        : []),
      ...(stale > 0
        ? [`left out ${counted(stale, 'stale assessment')}: the claim changed since it was assessed`]
        : []),
    ],
  };
};
