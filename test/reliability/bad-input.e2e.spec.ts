import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { headPosition } from './support/event-log.js';
import { LEAK, ok, post, type GraphQLResult } from './support/http.js';
import { record } from './support/prng.js';
import { launchServer, tempDataDir, type ServerProcess } from './support/server-process.js';

/**
 * Bad input, table-driven, over real HTTP: every mutation and query, and the request itself (documents,
 * bodies, content types). Each case must get the documented error code (docs/architecture.md §6), leak no stack or path,
 * leave the server up (/health 200 after each) and the event log untouched (its last position, read from
 * events.db directly, is the same after every case).
 *
 * Lone surrogates are sent as raw JSON text ("\ud800" escapes), as a hostile client would write them.
 * Cases the server currently answers wrongly are listed apart under KNOWN BUGS with the answer they should
 * get; `it.failing` keeps them visible, and turns red once the bug is fixed so they can move up.
 */

const ZONE = 'BAD_USER_INPUT';

type Expected =
  | { readonly code: string; readonly status?: number; readonly field?: string }
  /** The query succeeds and answers null (an id that names nothing is not an error for a lookup). */
  | { readonly nullAt: string };

interface Case {
  readonly name: string;
  readonly body: () => string;
  readonly headers?: Record<string, string>;
  readonly expected: Expected;
}

const INPUT_TYPES: Record<string, string> = {
  registerSource: 'RegisterSourceInput',
  proposeClaim: 'ProposeClaimInput',
  reviseClaim: 'ReviseClaimInput',
  tagClaim: 'TagClaimInput',
  attachEvidence: 'AttachEvidenceInput',
  withdrawEvidence: 'WithdrawEvidenceInput',
  raiseCounterpoint: 'RaiseCounterpointInput',
  respondToCounterpoint: 'RespondToCounterpointInput',
  linkClaims: 'LinkClaimsInput',
  unlinkClaims: 'UnlinkClaimsInput',
  assessClaim: 'AssessClaimInput',
  retractClaim: 'RetractClaimInput',
};
const selection = (mutation: string) =>
  mutation === 'registerSource' ? '{ source { id } }' : '{ claim { id version } }';
const mutationDocument = (mutation: string) =>
  `mutation($input: ${INPUT_TYPES[mutation]}!) { ${mutation}(input: $input) ${selection(mutation)} }`;

/** Fixtures the cases refer to, filled in by beforeAll. */
const ids = { source: '', claim: '', other: '', evidence: '', counterpoint: '' };
const UNKNOWN = {
  claim: 'clm_01JB9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z',
  evidence: 'evd_01JB9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z',
  counterpoint: 'cpt_01JB9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z',
  source: 'src_01JB9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z9Z',
};

const mutation = (
  name: string,
  mutationName: string,
  input: () => Record<string, unknown>,
  expected: Expected,
): Case => ({
  name: `${mutationName}: ${name}`,
  body: () => JSON.stringify({ query: mutationDocument(mutationName), variables: { input: input() } }),
  expected,
});
/** Raw JSON text for the input, so that escapes such as \ud800 reach the server exactly as written. */
const rawMutation = (
  name: string,
  mutationName: string,
  inputJson: () => string,
  expected: Expected,
): Case => ({
  name: `${mutationName}: ${name}`,
  body: () =>
    `{"query":${JSON.stringify(mutationDocument(mutationName))},"variables":{"input":${inputJson()}}}`,
  expected,
});
const query = (
  name: string,
  document: () => string,
  expected: Expected,
  variables: () => Record<string, unknown> = () => ({}),
): Case => ({
  name: `query: ${name}`,
  body: () => JSON.stringify({ query: document(), variables: variables() }),
  expected,
});
const request = (
  name: string,
  body: () => string,
  headers: Record<string, string>,
  expected: Expected,
): Case => ({ name: `request: ${name}`, body, headers, expected });

const bad = (field?: string, status?: number): Expected => ({
  code: ZONE,
  ...(field ? { field } : {}),
  ...(status ? { status } : {}),
});
const evidence = (extra: Record<string, unknown> = {}) => ({
  claimId: ids.claim,
  stance: 'SUPPORTS',
  summary: 'A fair summary',
  citation: { title: 'Report' },
  ...extra,
});
const nested = (depth: number) =>
  `{ claims(first: 1) { edges { node { ${'relations { from { '.repeat(depth)}id${' } }'.repeat(depth)} } } } }`;
const aliases = (count: number) =>
  `{ ${Array.from({ length: count }, (_, index) => `a${index}: viewer { id }`).join(' ')} }`;

const BASE_CASES: readonly Case[] = [
  // proposeClaim: the text fields
  mutation('empty statement', 'proposeClaim', () => ({ statement: '' }), bad('statement')),
  mutation(
    'whitespace-only statement',
    'proposeClaim',
    () => ({ statement: ' \n\t \u00a0 ' }),
    bad('statement'),
  ),
  mutation(
    'statement of 2,001 characters',
    'proposeClaim',
    () => ({ statement: 'x'.repeat(2001) }),
    bad('statement'),
  ),
  mutation(
    'statement of 900 KB',
    'proposeClaim',
    () => ({ statement: 'y'.repeat(900_000) }),
    bad('statement'),
  ),
  mutation(
    'NUL in the statement',
    'proposeClaim',
    () => ({ statement: 'Central\u0000Asia' }),
    bad('statement'),
  ),
  mutation(
    'C1 control character (NEL) in the statement',
    'proposeClaim',
    () => ({ statement: 'Central\u0085Asia moved' }),
    bad('statement'),
  ),
  mutation(
    'ANSI escape sequence in the statement',
    'proposeClaim',
    () => ({ statement: 'Central \u001b[31mAsia\u001b[0m moved' }),
    bad('statement'),
  ),
  rawMutation(
    'lone high surrogate in the statement (raw \\ud800)',
    'proposeClaim',
    () => '{"statement":"Central Asia \\ud800 moved"}',
    bad('statement'),
  ),
  rawMutation(
    'lone low surrogate in the statement (raw \\udc00)',
    'proposeClaim',
    () => '{"statement":"\\udc00Central Asia moved"}',
    bad('statement'),
  ),
  rawMutation(
    'reversed surrogate pair in the statement',
    'proposeClaim',
    () => '{"statement":"Central Asia \\udc00\\ud800 moved"}',
    bad('statement'),
  ),
  rawMutation(
    'lone surrogate at the very end of a note',
    'proposeClaim',
    () => '{"statement":"Central Asia moved","note":"trailing \\ud83d"}',
    bad('note'),
  ),
  mutation(
    'tag in upper case',
    'proposeClaim',
    () => ({ statement: 'A valid statement', tags: ['Central-Asia'] }),
    bad('tags'),
  ),
  rawMutation(
    'tag with a lone surrogate',
    'proposeClaim',
    () => '{"statement":"A valid statement","tags":["asia\\ud800"]}',
    bad('tags'),
  ),
  mutation(
    'attributedTo of 301 characters',
    'proposeClaim',
    () => ({ statement: 'A valid statement', attributedTo: 'a'.repeat(301) }),
    bad('attributedTo'),
  ),
  mutation(
    'a quote not in the source text',
    'proposeClaim',
    () => ({
      statement: 'A valid statement',
      sourceId: ids.source,
      quote: { exact: 'words the op-ed never used' },
    }),
    bad('quote'),
  ),
  mutation(
    'a quote anchored in an unknown source',
    'proposeClaim',
    () => ({
      statement: 'A valid statement',
      sourceId: UNKNOWN.source,
      quote: { exact: 'geopolitical object' },
    }),
    { code: 'NOT_FOUND' },
  ),
  mutation(
    'sourceId with a claim prefix',
    'proposeClaim',
    () => ({ statement: 'A valid statement', sourceId: ids.claim, quote: { exact: 'geopolitical object' } }),
    bad('sourceId'),
  ),
  mutation(
    'whitespace-only idempotencyKey',
    'proposeClaim',
    () => ({ statement: 'A valid statement', idempotencyKey: '   ' }),
    bad('idempotencyKey'),
  ),
  mutation(
    'idempotencyKey of 201 characters',
    'proposeClaim',
    () => ({ statement: 'A valid statement', idempotencyKey: 'k'.repeat(201) }),
    bad('idempotencyKey'),
  ),
  mutation('statement given as a number', 'proposeClaim', () => ({ statement: 42 }), bad()),
  mutation(
    'an input field that does not exist (createdBy)',
    'proposeClaim',
    () => ({ statement: 'A valid statement', createdBy: 'admin' }),
    bad(),
  ),
  // reviseClaim / tagClaim
  mutation(
    'unknown but well-formed claim id',
    'reviseClaim',
    () => ({ claimId: UNKNOWN.claim, statement: 'A new statement', reason: 'clearer' }),
    { code: 'NOT_FOUND' },
  ),
  mutation(
    'claim id with an evidence prefix',
    'reviseClaim',
    () => ({ claimId: ids.evidence, statement: 'A new statement', reason: 'clearer' }),
    bad('claimId'),
  ),
  mutation(
    'claim id that is not a ULID',
    'reviseClaim',
    () => ({ claimId: 'clm_!!!!!!!!!!!!!!!!!!!!!!!!!!', statement: 'A new statement', reason: 'clearer' }),
    bad('claimId'),
  ),
  mutation(
    'expectedVersion beyond 32 bits',
    'reviseClaim',
    () => ({ claimId: ids.claim, statement: 'A new statement', reason: 'clearer', expectedVersion: 2 ** 31 }),
    bad(),
  ),
  mutation(
    'negative expectedVersion',
    'reviseClaim',
    () => ({ claimId: ids.claim, statement: 'A new statement', reason: 'clearer', expectedVersion: -5 }),
    bad('expectedVersion'),
  ),
  mutation('tag with a space', 'tagClaim', () => ({ claimId: ids.claim, add: ['central asia'] }), bad('add')),
  mutation(
    'tag of 51 characters',
    'tagClaim',
    () => ({ claimId: ids.claim, add: ['a'.repeat(51)] }),
    bad('add'),
  ),
  mutation(
    'a change that changes nothing',
    'tagClaim',
    () => ({ claimId: ids.claim, add: [], remove: ['never-there'] }),
    { code: 'ILLEGAL_STATE' },
  ),
  // attachEvidence
  mutation('stance not in the enum', 'attachEvidence', () => evidence({ stance: 'NEUTRAL' }), bad()),
  mutation('stance in lower case', 'attachEvidence', () => evidence({ stance: 'supports' }), bad()),
  mutation(
    'javascript: URL',
    'attachEvidence',
    () => evidence({ citation: { url: 'javascript:alert(1)' } }),
    bad('citation.url'),
  ),
  mutation(
    'URL without a host',
    'attachEvidence',
    () => evidence({ citation: { url: 'http://' } }),
    bad('citation.url'),
  ),
  mutation(
    'URL of 3,000 characters',
    'attachEvidence',
    () => evidence({ citation: { url: `https://example.org/${'p'.repeat(3000)}` } }),
    bad('citation.url'),
  ),
  mutation(
    'publishedAt on 30 February',
    'attachEvidence',
    () => evidence({ citation: { title: 'T', publishedAt: '2025-02-30T10:00:00Z' } }),
    bad(),
  ),
  mutation(
    'publishedAt without a time zone',
    'attachEvidence',
    () => evidence({ citation: { title: 'T', publishedAt: '2025-10-28T10:00:00' } }),
    bad(),
  ),
  mutation(
    'reliability just above 1',
    'attachEvidence',
    () => evidence({ reliability: 1.0000001 }),
    bad('reliability'),
  ),
  mutation(
    'reliability just below 0',
    'attachEvidence',
    () => evidence({ reliability: -0.0001 }),
    bad('reliability'),
  ),
  mutation('reliability as a string', 'attachEvidence', () => evidence({ reliability: '0.5' }), bad()),
  mutation(
    'no citation at all',
    'attachEvidence',
    () => ({ claimId: ids.claim, stance: 'SUPPORTS', summary: 'A fair summary' }),
    bad(),
  ),
  rawMutation(
    'lone surrogate in the summary',
    'attachEvidence',
    () =>
      `{"claimId":"${ids.claim}","stance":"SUPPORTS","summary":"A summary \\udfff","citation":{"title":"T"}}`,
    bad('summary'),
  ),
  mutation('unknown claim', 'attachEvidence', () => evidence({ claimId: UNKNOWN.claim }), {
    code: 'NOT_FOUND',
  }),
  // withdrawEvidence, raiseCounterpoint, respondToCounterpoint
  mutation(
    'unknown evidence',
    'withdrawEvidence',
    () => ({ claimId: ids.claim, evidenceId: UNKNOWN.evidence, reason: 'superseded' }),
    { code: 'NOT_FOUND' },
  ),
  mutation(
    'evidence id with a counterpoint prefix',
    'withdrawEvidence',
    () => ({ claimId: ids.claim, evidenceId: ids.counterpoint, reason: 'superseded' }),
    bad('evidenceId'),
  ),
  mutation(
    'empty reason',
    'withdrawEvidence',
    () => ({ claimId: ids.claim, evidenceId: ids.evidence, reason: '' }),
    bad('reason'),
  ),
  mutation(
    'text of 2,001 characters',
    'raiseCounterpoint',
    () => ({ claimId: ids.claim, text: 'z'.repeat(2001) }),
    bad('text'),
  ),
  mutation(
    'BEL and backspace in the text',
    'raiseCounterpoint',
    () => ({ claimId: ids.claim, text: 'ring \u0007\u0008 ring' }),
    bad('text'),
  ),
  mutation(
    'a citation with neither url nor title',
    'raiseCounterpoint',
    () => ({ claimId: ids.claim, text: 'An objection', citation: { publisher: 'Somebody' } }),
    bad('citation'),
  ),
  mutation(
    'resolution OPEN (a state, not a resolution)',
    'respondToCounterpoint',
    () => ({ claimId: ids.claim, counterpointId: ids.counterpoint, resolution: 'OPEN', response: 'fine' }),
    bad(),
  ),
  mutation(
    'unknown counterpoint',
    'respondToCounterpoint',
    () => ({
      claimId: ids.claim,
      counterpointId: UNKNOWN.counterpoint,
      resolution: 'ANSWERED',
      response: 'fine',
    }),
    { code: 'NOT_FOUND' },
  ),
  mutation(
    'whitespace-only response',
    'respondToCounterpoint',
    () => ({
      claimId: ids.claim,
      counterpointId: ids.counterpoint,
      resolution: 'ANSWERED',
      response: '\n\n',
    }),
    bad('response'),
  ),
  // linkClaims, unlinkClaims
  mutation(
    'relation kind not in the enum',
    'linkClaims',
    () => ({ fromClaimId: ids.claim, toClaimId: ids.other, kind: 'CONTRADICTS' }),
    bad(),
  ),
  mutation(
    'link to an unknown claim',
    'linkClaims',
    () => ({ fromClaimId: ids.claim, toClaimId: UNKNOWN.claim, kind: 'ATTACKS' }),
    { code: 'NOT_FOUND' },
  ),
  mutation(
    'link of a claim to itself',
    'linkClaims',
    () => ({ fromClaimId: ids.claim, toClaimId: ids.claim, kind: 'SUPPORTS' }),
    bad('toClaimId'),
  ),
  mutation(
    'link target with a source prefix',
    'linkClaims',
    () => ({ fromClaimId: ids.claim, toClaimId: ids.source, kind: 'SUPPORTS' }),
    bad('toClaimId'),
  ),
  mutation(
    'whitespace-only rationale',
    'linkClaims',
    () => ({ fromClaimId: ids.claim, toClaimId: ids.other, kind: 'REFINES', rationale: '   ' }),
    bad('rationale'),
  ),
  mutation(
    'a link that does not exist',
    'unlinkClaims',
    () => ({ fromClaimId: ids.claim, toClaimId: ids.other, kind: 'UNDERCUTS', reason: 'never linked' }),
    { code: 'NOT_FOUND' },
  ),
  mutation(
    'reason of 2,001 characters',
    'unlinkClaims',
    () => ({ fromClaimId: ids.claim, toClaimId: ids.other, kind: 'SUPPORTS', reason: 'r'.repeat(2001) }),
    bad('reason'),
  ),
  // assessClaim, retractClaim
  mutation(
    'confidence 1.01',
    'assessClaim',
    () => ({ claimId: ids.claim, verdict: 'MIXED', confidence: 1.01, rationale: 'partly' }),
    bad('confidence'),
  ),
  mutation(
    'confidence -1',
    'assessClaim',
    () => ({ claimId: ids.claim, verdict: 'MIXED', confidence: -1, rationale: 'partly' }),
    bad('confidence'),
  ),
  mutation(
    'confidence 1e308',
    'assessClaim',
    () => ({ claimId: ids.claim, verdict: 'MIXED', confidence: 1e308, rationale: 'partly' }),
    bad('confidence'),
  ),
  mutation(
    'verdict not in the enum',
    'assessClaim',
    () => ({ claimId: ids.claim, verdict: 'TRUE', confidence: 0.5, rationale: 'partly' }),
    bad(),
  ),
  mutation(
    'empty rationale',
    'assessClaim',
    () => ({ claimId: ids.claim, verdict: 'MIXED', confidence: 0.5, rationale: '' }),
    bad('rationale'),
  ),
  mutation(
    'control character in the reason',
    'retractClaim',
    () => ({ claimId: ids.claim, reason: 'because\u001f' }),
    bad('reason'),
  ),
  mutation(
    'claim id with a source prefix',
    'retractClaim',
    () => ({ claimId: ids.source, reason: 'because' }),
    bad('claimId'),
  ),
  // registerSource
  mutation('whitespace-only title', 'registerSource', () => ({ title: '  \t ' }), bad('title')),
  mutation(
    'file: URL',
    'registerSource',
    () => ({ title: 'A title', url: 'file:///etc/passwd' }),
    bad('url'),
  ),
  mutation(
    'publishedAt "yesterday"',
    'registerSource',
    () => ({ title: 'A title', publishedAt: 'yesterday' }),
    bad(),
  ),
  mutation(
    'language tag with an underscore',
    'registerSource',
    () => ({ title: 'A title', language: 'en_US' }),
    bad('language'),
  ),
  mutation(
    'text with a NUL',
    'registerSource',
    () => ({ title: 'A title', text: 'Central Asia\u0000moved' }),
    bad('text'),
  ),
  // queries
  query('claims(first: -1)', () => '{ claims(first: -1) { totalCount } }', bad('first')),
  query('claims(first: 2^31)', () => '{ claims(first: 2147483648) { totalCount } }', bad(undefined, 400)),
  query(
    'claims after a malformed cursor',
    () => '{ claims(after: "not-a-cursor") { totalCount } }',
    bad('after'),
  ),
  query(
    'claims after a forged cursor (base64 JSON)',
    () => `{ claims(after: "${Buffer.from('["2025-01-01",1,"x"]').toString('base64url')}") { totalCount } }`,
    bad('after'),
  ),
  query(
    'ADVANCED search with an unterminated phrase',
    () => '{ claims(filter: { search: "\\"central asia", searchMode: ADVANCED }) { totalCount } }',
    bad('filter.search'),
  ),
  query(
    'ADVANCED search "*" (FTS5 "unknown special query")',
    () => '{ claims(filter: { search: "*", searchMode: ADVANCED }) { totalCount } }',
    bad('filter.search'),
  ),
  query(
    'ADVANCED search with NEAR( unclosed',
    () => '{ claims(filter: { search: "NEAR(central asia", searchMode: ADVANCED }) { totalCount } }',
    bad('filter.search'),
  ),
  query(
    'ADVANCED search naming a column that does not exist',
    () => '{ claims(filter: { search: "nosuch:asia", searchMode: ADVANCED }) { totalCount } }',
    bad('filter.search'),
  ),
  query(
    'search of punctuation only (no word to look for)',
    () => '{ claims(filter: { search: "* — %" }) { totalCount } }',
    bad('filter.search'),
  ),
  query(
    'sources search of whitespace',
    () => '{ sources(filter: { search: "  " }) { totalCount } }',
    bad('filter.search'),
  ),
  query(
    'ADVANCED sources search with an unterminated phrase',
    () => '{ sources(filter: { search: "\\"op-ed", searchMode: ADVANCED }) { totalCount } }',
    bad('filter.search'),
  ),
  query(
    'similarClaims of a blank statement',
    () => '{ similarClaims(statement: "   ") { similarity } }',
    bad('statement'),
  ),
  query(
    'similarClaims with first above 20',
    () => '{ similarClaims(statement: "Central Asia", first: 21) { similarity } }',
    bad('first'),
  ),
  query(
    'similarClaims with minSimilarity above 1',
    () => '{ similarClaims(statement: "Central Asia", minSimilarity: 1.5) { similarity } }',
    bad('minSimilarity'),
  ),
  query(
    'similarClaims with a claim id as sourceId',
    () => `{ similarClaims(statement: "Central Asia", sourceId: "${ids.claim}") { similarity } }`,
    bad('sourceId'),
  ),
  query(
    'search of whitespace',
    () => '{ claims(filter: { search: "   " }) { totalCount } }',
    bad('filter.search'),
  ),
  query(
    'updatedAfter "yesterday"',
    () => '{ claims(filter: { updatedAfter: "yesterday" }) { totalCount } }',
    bad(undefined, 400),
  ),
  query(
    'status not in the enum',
    () => '{ claims(filter: { status: [DONE] }) { totalCount } }',
    bad(undefined, 400),
  ),
  query('auditTrail(first: -1)', () => '{ auditTrail(first: -1) { totalCount } }', bad('first')),
  query(
    'auditTrail after a malformed cursor',
    () => '{ auditTrail(after: "%%%") { totalCount } }',
    bad('after'),
  ),
  query('sources(first: -5)', () => '{ sources(first: -5) { totalCount } }', bad('first')),
  query(
    'history(first: -1)',
    () => `{ claim(id: "${ids.claim}") { history(first: -1) { totalCount } } }`,
    bad('first'),
  ),
  query('argumentGraph(depth: -1)', () => '{ argumentGraph(depth: -1) { nodes { id } } }', bad('depth')),
  query(
    'argumentGraph(depth: 1000000)',
    () => '{ argumentGraph(depth: 1000000) { nodes { id } } }',
    bad('depth'),
  ),
  query('claim with an evidence id', () => `{ claim(id: "${ids.evidence}") { id } }`, { nullAt: 'claim' }),
  query('claim with an unknown id', () => `{ claim(id: "${UNKNOWN.claim}") { id } }`, { nullAt: 'claim' }),
  query('node with a token-like id', () => '{ node(id: "tok_01JB0000000000000000000000") { id } }', {
    nullAt: 'node',
  }),
  query('source with garbage', () => '{ source(id: "../../etc/passwd") { id } }', { nullAt: 'source' }),
  // documents
  query('a document nested 20 levels deep', () => nested(10), bad(undefined, 400)),
  query(
    'fragments that spread each other',
    () => 'query { viewer { ...A } } fragment A on Actor { id ...B } fragment B on Actor { role ...A }',
    bad(undefined, 400),
  ),
  query('31 aliases', () => aliases(31), bad(undefined, 400)),
  query('1,000 aliases (alias bomb)', () => aliases(1000), bad(undefined, 400)),
  query(
    'a page of 500 claims with nested pages of 500 (cost bomb)',
    () =>
      '{ claims(first: 500) { edges { node { history(first: 500) { edges { node { data } } } relations { from { id } } } } } }',
    bad(),
  ),
  query('a syntax error', () => '{ claims(first: 1) { totalCount ', bad(undefined, 400)),
  query('an unknown field', () => '{ claims { nope } }', bad(undefined, 400)),
  request('an empty query', () => JSON.stringify({ query: '' }), {}, bad(undefined, 400)),
  request('a query that is a JSON array', () => JSON.stringify({ query: '[]' }), {}, bad('query')),
  request('a query that is a number', () => JSON.stringify({ query: 1 }), {}, bad('query')),
  request(
    'operationName that names no operation',
    () =>
      JSON.stringify({ query: 'query A { viewer { id } } query B { viewer { role } }', operationName: 'C' }),
    {},
    bad(),
  ),
  request(
    'variables given as a string',
    () => JSON.stringify({ query: '{ viewer { id } }', variables: 'x' }),
    {},
    bad(undefined, 400),
  ),
  request(
    'a batched array of operations',
    () => JSON.stringify([{ query: '{ viewer { id } }' }, { query: '{ viewer { role } }' }]),
    {},
    bad(undefined, 400),
  ),
  request(
    'a 10 MB body',
    () =>
      JSON.stringify({ query: '{ viewer { id } }', variables: { padding: 'p'.repeat(10 * 1024 * 1024) } }),
    {},
    bad(undefined, 413),
  ),
  request('a body that is not JSON', () => 'query { viewer { id } }', {}, bad(undefined, 400)),
  request('truncated JSON', () => '{"query": "{ viewer { id } }"', {}, bad(undefined, 400)),
  request('JSON null', () => 'null', {}, bad(undefined, 400)),
  request(
    'text/plain',
    () => JSON.stringify({ query: '{ viewer { id } }' }),
    { 'content-type': 'text/plain' },
    bad(undefined, 400),
  ),
  request(
    'application/xml',
    () => '<query>{ viewer { id } }</query>',
    { 'content-type': 'application/xml' },
    bad(undefined, 415),
  ),
  request(
    'multipart/form-data',
    () => '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ viewer { id } }\r\n--x--',
    { 'content-type': 'multipart/form-data; boundary=x' },
    bad(undefined, 415),
  ),
  request(
    'no content type',
    () => JSON.stringify({ query: '{ viewer { id } }' }),
    { 'content-type': '' },
    bad(undefined, 415),
  ),
];

/**
 * Filters: once unvalidated (their arguments were typed `ClaimFilter | null`, so decorator metadata said
 * `Object` and the validation pipe skipped them); the field is reported with the argument's name.
 */
const FILTER_CASES: readonly Case[] = [
  query(
    'filter createdBy with a control character',
    () => '{ claims(filter: { createdBy: "ad\\u0001min" }) { totalCount } }',
    bad('filter.createdBy'),
  ),
  query(
    'filter tags not in kebab case',
    () => '{ claims(filter: { tags: ["Central Asia"] }) { totalCount } }',
    bad('filter.tags'),
  ),
  query(
    'filter sourceId with a claim prefix',
    () => `{ claims(filter: { sourceId: "${ids.claim}" }) { totalCount } }`,
    bad('filter.sourceId'),
  ),
  query(
    'search of 501 characters',
    () => `{ claims(filter: { search: "${'a'.repeat(501)}" }) { totalCount } }`,
    bad('filter.search'),
  ),
  query(
    'auditTrail filter subjectId with an evidence prefix',
    () => `{ auditTrail(filter: { subjectId: "${ids.evidence}" }) { totalCount } }`,
    bad('filter.subjectId'),
  ),
  query(
    'auditTrail filter actorId with a control character',
    () => '{ auditTrail(filter: { actorId: "ad\\u0007min" }) { totalCount } }',
    bad('filter.actorId'),
  ),
];

const CASES: readonly Case[] = [...BASE_CASES, ...FILTER_CASES];

describe('bad input over HTTP', () => {
  const dir = tempDataDir('bad-input');
  let server: ServerProcess;
  let token: string;
  let head: number;
  let tried = 0;

  beforeAll(async () => {
    server = await launchServer({ dataDir: dir.path });
    token = server.bootstrapToken!;
    const run = <T>(name: string, input: Record<string, unknown>) =>
      ok<T>(
        server.graphqlUrl,
        mutationDocument(name).replace(
          selection(name),
          name === 'registerSource'
            ? '{ source { id } }'
            : '{ claim { id evidence { id } counterpoints { id } } }',
        ),
        { input },
        token,
      );
    ids.source = (
      await run<{ registerSource: { source: { id: string } } }>('registerSource', {
        title: 'The op-ed',
        text: 'Central Asia moved from geopolitical object to subject. Central Asia gained weight.',
      })
    ).registerSource.source.id;
    ids.claim = (
      await run<{ proposeClaim: { claim: { id: string } } }>('proposeClaim', {
        statement: 'Central Asia moved from object to subject',
      })
    ).proposeClaim.claim.id;
    ids.other = (
      await run<{ proposeClaim: { claim: { id: string } } }>('proposeClaim', {
        statement: 'Moscow still leads',
      })
    ).proposeClaim.claim.id;
    await run('linkClaims', { fromClaimId: ids.claim, toClaimId: ids.other, kind: 'SUPPORTS' });
    ids.evidence = (
      await run<{ attachEvidence: { claim: { evidence: Array<{ id: string }> } } }>(
        'attachEvidence',
        evidence(),
      )
    ).attachEvidence.claim.evidence[0]!.id;
    ids.counterpoint = (
      await run<{ raiseCounterpoint: { claim: { counterpoints: Array<{ id: string }> } } }>(
        'raiseCounterpoint',
        { claimId: ids.claim, text: 'An objection' },
      )
    ).raiseCounterpoint.claim.counterpoints[0]!.id;
    head = headPosition(dir.path);
  }, 60_000);
  afterAll(async () => {
    record(`bad input: ${tried} bad inputs tried (${CASES.length} documented cases)`);
    await server?.stop();
    dir.remove();
  });

  const send = async (item: Case): Promise<GraphQLResult<Record<string, unknown>>> => {
    tried++;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...item.headers };
    if (headers['content-type'] === '') delete (headers as Record<string, string>)['content-type'];
    return post<Record<string, unknown>>(server.graphqlUrl, item.body(), headers);
  };

  const check = async (item: Case) => {
    const response = await send(item);
    expect(response.text).not.toMatch(LEAK);
    if ('nullAt' in item.expected) {
      expect(response.errors ?? []).toEqual([]);
      expect(response.data?.[item.expected.nullAt]).toBeNull();
    } else {
      const expected = item.expected;
      expect({ status: response.status, code: response.errors?.[0]?.extensions?.['code'] }).toEqual({
        status: expected.status ?? response.status,
        code: expected.code,
      });
      expect(
        response.errors!.every(
          (error) => error.extensions?.['code'] === expected.code || error.extensions?.['code'] === ZONE,
        ),
      ).toBe(true);
      if (expected.field) expect(response.errors![0]!.extensions?.['field']).toBe(expected.field);
      expect(Object.values(response.data ?? {}).filter((value) => value !== null)).toEqual([]);
      // Variable coercion errors come back 400 or, once graphql-jit has compiled the document, 200.
      expect([200, 400, 413, 415]).toContain(response.status);
    }
    // The server is up and the log did not move.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(headPosition(dir.path)).toBe(head);
  };

  it('has at least 60 cases, across every mutation and query', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    for (const name of Object.keys(INPUT_TYPES))
      expect(CASES.some((item) => item.name.startsWith(`${name}:`))).toBe(true);
  });

  it.each(CASES.map((item) => [item.name, item] as const))('%s', async (_name, item) => check(item));
});
