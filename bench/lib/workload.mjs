// Realistic claim events, decided by the real domain (claimDecider / sourceDecider, see app.mjs) on in-memory
// state, so every seeded event is one the API could have produced: valid shapes, `claimId`/`at`/`by` in the
// data, the metadata handleCommand writes. Streams advance interleaved, as in a team's log.
import { randomFillSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimDecider, CURRENT_SCHEMA_VERSION, sourceDecider } from './app.mjs';
import { REPO_DIR } from './util.mjs';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ID_PREFIXES = { claim: 'clm', source: 'src', evidence: 'evd', counterpoint: 'cpt' };
let pool = Buffer.alloc(0);
let offset = 0;
/**
 * The ids src/event-sourcing/ids.ts newId makes (prefixed ULIDs), from a pooled random buffer: the ulid
 * package draws crypto randomness per character, which made seeding CPU-bound on id generation.
 */
export const newId = (kind) => {
  if (offset + 16 > pool.length) {
    pool = randomFillSync(Buffer.alloc(1 << 16));
    offset = 0;
  }
  let time = Date.now();
  let head = '';
  for (let index = 0; index < 10; index++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let tail = '';
  for (let index = 0; index < 16; index++) tail += CROCKFORD[pool[offset++] & 31];
  return `${ID_PREFIXES[kind]}_${head}${tail}`;
};

/** Deterministic PRNG (mulberry32): the same seed gives the same debate shape. */
export const prng = (seed = 42) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export const ANALYSTS = ['alice', 'bob', 'chen', 'dilnoza', 'farrukh', 'gulnara'].map((id) => ({
  id,
  role: 'ANALYST',
}));
export const EDITORS = ['erin', 'timur'].map((id) => ({ id, role: 'EDITOR' }));

const SUBJECTS = [
  'Central Asia',
  'Kazakhstan',
  'Uzbekistan',
  'Tajikistan',
  'Kyrgyzstan',
  'Turkmenistan',
  'Moscow',
  'The Dushanbe summit',
  'The C5+1 format',
  'Beijing',
];
const PREDICATES = [
  'moved from geopolitical object to subject',
  'balances Russia, China and the West rather than choosing one',
  'depends on Russian labour markets for remittances',
  'uses multi-vector diplomacy to widen its room for manoeuvre',
  'signals a repositioning of Moscow in its near abroad',
  'treats the Middle Corridor as a hedge against northern routes',
  'gains leverage from energy and critical-mineral exports',
  'shows that regional integration is driven from inside the region',
];
const TOPICS = [
  'central-asia',
  'russia',
  'china',
  'energy',
  'trade',
  'security',
  'migration',
  'diplomacy',
  'transport',
  'summit-2025',
  'eurasia',
  'sanctions',
];
const OUTLETS = [
  'Daily Sabah',
  'Eurasianet',
  'The Diplomat',
  'RFE/RL',
  'Carnegie Politika',
  'Kun.uz',
  'Reuters',
];
const VERDICTS = [
  'ACCURATE',
  'MOSTLY_ACCURATE',
  'MIXED',
  'MISLEADING',
  'INACCURATE',
  'UNSUPPORTED',
  'OPINION',
];
const LINK_KINDS = [
  ['SUPPORTS', 35],
  ['ATTACKS', 30],
  ['UNDERCUTS', 10],
  ['REFINES', 15],
  ['DUPLICATES', 10],
];

export const OP_ED = (() => {
  const bundle = JSON.parse(
    readFileSync(join(REPO_DIR, 'fixtures', 'central-asia-russia-summit.json'), 'utf8'),
  );
  return bundle.sources[0];
})();
/** Sentences of the op-ed that occur once, usable as quotes. */
const QUOTES = OP_ED.text
  .split(/(?<=[.!?])\s+/)
  .map((sentence) => sentence.trim())
  .filter(
    (sentence) =>
      sentence.length > 40 &&
      sentence.length < 240 &&
      OP_ED.text.indexOf(sentence) === OP_ED.text.lastIndexOf(sentence),
  );

const weighted = (random, entries) => {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = random() * total;
  for (const [value, weight] of entries) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return entries.at(-1)[0];
};

const pick = (random, list) => list[Math.floor(random() * list.length)];

/** The metadata handleCommand stores with every event (src/event-sourcing/handle-command.ts eventMetadata). */
export const eventMetadata = (command) => ({
  actorId: command.metadata.actor.id,
  actorRole: command.metadata.actor.role,
  reason: command.metadata.reason ?? null,
  correlationId: randomUUID(),
  causationId: null,
  idempotencyKey: null,
  occurredAt: command.metadata.now,
  schemaVersion: CURRENT_SCHEMA_VERSION,
});

const toNewEvents = (command, decided) =>
  decided.map((event) => ({
    eventId: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: eventMetadata(command),
  }));

export const sourceRegistration = () => {
  const sourceId = newId('source');
  const command = {
    type: 'RegisterSource',
    data: {
      sourceId,
      title: OP_ED.title,
      url: 'https://www.dailysabah.com/opinion/op-ed/central-asia-russia-summit',
      author: OP_ED.author,
      publisher: OP_ED.publisher,
      publishedAt: OP_ED.publishedAt,
      language: OP_ED.language,
      text: OP_ED.text,
    },
    metadata: { actor: ANALYSTS[0], now: new Date().toISOString() },
  };
  const decided = sourceDecider.decide(command, sourceDecider.initialState());
  return { sourceId, streamId: `source-${sourceId}`, events: toNewEvents(command, decided) };
};

/**
 * One claim's life: propose, then a weighted mix of evidence, counterpoints and answers, links, tags,
 * revisions, assessments, withdrawals, unlinks; retraction only as a last event. `links()` supplies ids of
 * other live claims to link to.
 */
export class ClaimLife {
  constructor({ random, sourceId, links, length, claimId = newId('claim'), allowRetraction = true }) {
    Object.assign(this, { random, sourceId, links, length, claimId, allowRetraction });
    this.state = claimDecider.initialState();
    this.version = 0;
    this.proposer = pick(random, ANALYSTS);
  }

  get streamId() {
    return `claim-${this.claimId}`;
  }

  get done() {
    return this.version >= this.length || (this.state.status === 'live' && this.state.retraction !== null);
  }

  metadata(actor, extra = {}) {
    return { actor, now: new Date().toISOString(), ...extra };
  }

  command() {
    const { random, claimId } = this;
    const analyst = pick(random, ANALYSTS);
    if (this.version === 0) {
      const anchored = this.sourceId && random() < 0.3;
      const data = {
        claimId,
        statement: `${pick(random, SUBJECTS)} ${pick(random, PREDICATES)} (${Math.floor(random() * 1e6)})`,
        tags: [...new Set([pick(random, TOPICS), pick(random, TOPICS)])].slice(
          0,
          1 + Math.floor(random() * 2),
        ),
        attributedTo: random() < 0.5 ? OP_ED.author : null,
        note: random() < 0.2 ? 'From the second section of the op-ed' : null,
      };
      if (anchored)
        Object.assign(data, {
          sourceId: this.sourceId,
          quote: { exact: pick(random, QUOTES) },
          source: { sourceId: this.sourceId, text: OP_ED.text },
        });
      return { type: 'ProposeClaim', data, metadata: this.metadata(this.proposer) };
    }
    const claim = this.state;
    const last = this.version === this.length - 1;
    if (last && this.allowRetraction && random() < 0.03) {
      const reason = 'Misread the op-ed; the author says the opposite';
      return {
        type: 'RetractClaim',
        data: { claimId, reason },
        metadata: this.metadata(pick(random, EDITORS), { reason }),
      };
    }
    const openCounterpoints = claim.counterpoints.filter((counterpoint) => counterpoint.state === 'OPEN');
    const liveEvidence = claim.evidence.filter((evidence) => !evidence.withdrawn);
    const kind = weighted(random, [
      ['evidence', 40],
      ['counterpoint', 14],
      ['respond', openCounterpoints.length ? 10 : 0],
      ['link', 12],
      ['tag', 7],
      ['revise', 4],
      ['assess', 5],
      ['withdraw', liveEvidence.length ? 4 : 0],
      ['unlink', claim.relations.length ? 2 : 0],
    ]);
    switch (kind) {
      case 'evidence':
        return {
          type: 'AttachEvidence',
          data: {
            claimId,
            stance: random() < 0.65 ? 'SUPPORTS' : 'UNDERMINES',
            summary: `${pick(random, OUTLETS)} reports figures that bear on this: ${pick(random, PREDICATES)} (${Math.floor(random() * 1e6)})`,
            citation: {
              url: `https://example.org/${pick(random, TOPICS)}/${Math.floor(random() * 1e7)}`,
              title: `${pick(random, SUBJECTS)}: ${pick(random, PREDICATES)}`,
              publisher: pick(random, OUTLETS),
            },
            reliability: Math.round(random() * 100) / 100,
          },
          metadata: this.metadata(analyst, { newId: newId('evidence') }),
        };
      case 'counterpoint':
        return {
          type: 'RaiseCounterpoint',
          data: {
            claimId,
            text: `But ${pick(random, SUBJECTS)} still ${pick(random, PREDICATES)}; the op-ed ignores this.`,
          },
          metadata: this.metadata(analyst, { newId: newId('counterpoint') }),
        };
      case 'respond': {
        const resolution = pick(random, ['ANSWERED', 'ANSWERED', 'CONCEDED', 'DISMISSED']);
        const response = `Resolved as ${resolution.toLowerCase()}: see the attached evidence`;
        return {
          type: 'RespondToCounterpoint',
          data: {
            claimId,
            counterpointId: pick(random, openCounterpoints).counterpointId,
            resolution,
            response,
          },
          metadata: this.metadata(this.proposer, { reason: response }),
        };
      }
      case 'link': {
        const toClaimId = this.links(claimId);
        if (!toClaimId) return this.fallback(analyst);
        return {
          type: 'LinkClaims',
          data: {
            claimId,
            toClaimId,
            kind: weighted(random, LINK_KINDS),
            rationale: random() < 0.5 ? 'Same argument, other angle' : null,
            target: { claimId: toClaimId, exists: true, retracted: false },
          },
          metadata: this.metadata(analyst),
        };
      }
      case 'tag': {
        const add = [pick(random, TOPICS)].filter((tag) => !claim.tags.includes(tag));
        const remove = claim.tags.length > 1 && random() < 0.3 ? [claim.tags[0]] : [];
        if (add.length === 0 && remove.length === 0) return this.fallback(analyst);
        return { type: 'TagClaim', data: { claimId, add, remove }, metadata: this.metadata(analyst) };
      }
      case 'revise': {
        const reason = 'Closer to the wording of the op-ed';
        return {
          type: 'ReviseClaim',
          data: {
            claimId,
            statement: `${claim.statement.replace(/ \(rev \d+\)$/, '')} (rev ${this.version})`,
            reason,
          },
          metadata: this.metadata(this.proposer, { reason }),
        };
      }
      case 'assess': {
        const rationale = 'Weighed the evidence for and against';
        return {
          type: 'AssessClaim',
          data: {
            claimId,
            verdict: pick(random, VERDICTS),
            confidence: Math.round(random() * 100) / 100,
            rationale,
          },
          metadata: this.metadata(pick(random, EDITORS), { reason: rationale }),
        };
      }
      case 'withdraw': {
        const reason = 'Duplicate of another entry';
        return {
          type: 'WithdrawEvidence',
          data: { claimId, evidenceId: pick(random, liveEvidence).evidenceId, reason },
          metadata: this.metadata(analyst, { reason }),
        };
      }
      case 'unlink': {
        const relation = pick(random, claim.relations);
        const reason = 'Linked by mistake';
        return {
          type: 'UnlinkClaims',
          data: { claimId, toClaimId: relation.toClaimId, kind: relation.kind, reason },
          metadata: this.metadata(analyst, { reason }),
        };
      }
      default:
        throw new Error(`unknown step ${kind}`);
    }
  }

  fallback(analyst) {
    return {
      type: 'AttachEvidence',
      data: {
        claimId: this.claimId,
        stance: 'SUPPORTS',
        summary: `A further source on the same point (${Math.floor(this.random() * 1e6)})`,
        citation: { title: 'Follow-up report' },
        reliability: null,
      },
      metadata: this.metadata(analyst, { newId: newId('evidence') }),
    };
  }

  /** Decides the next command and advances the in-memory state; returns the events to append. */
  next() {
    let command = this.command();
    let decided;
    try {
      decided = claimDecider.decide(command, this.state);
    } catch {
      // e.g. a duplicate link or an ambiguous quote: do something always legal instead.
      if (this.version === 0) {
        const data = { ...command.data };
        delete data.sourceId;
        delete data.quote;
        delete data.source;
        command = { ...command, data };
      } else command = this.fallback(pick(this.random, ANALYSTS));
      decided = claimDecider.decide(command, this.state);
    }
    const expectedVersion = this.version;
    for (const event of decided) this.state = claimDecider.evolve(this.state, event);
    this.version += decided.length;
    return { streamId: this.streamId, expectedVersion, events: toNewEvents(command, decided) };
  }
}

/** Stream lengths: 1 + geometric with the given mean, capped. Mean of the whole log ≈ `mean`. */
export const streamLength = (random, mean = 10, cap = 80) =>
  Math.min(cap, 1 + Math.floor(Math.log(1 - random()) / Math.log(1 - 1 / mean)));

/**
 * An endless interleaved debate: `active` claims advance in random order; a finished claim is replaced by
 * a new one. Yields one append ({ streamId, expectedVersion, events }) per command.
 */
export function* debate({ seed = 7, sourceId = null, active = 256, meanLength = 10 } = {}) {
  const random = prng(seed);
  const recent = []; // live claim ids to link to (ring buffer)
  const retracted = new Set();
  const links = (self) => {
    for (let attempt = 0; attempt < 4 && recent.length > 1; attempt++) {
      const id = recent[Math.floor(random() * recent.length)];
      if (id !== self && !retracted.has(id)) return id;
    }
    return null;
  };
  const spawnClaim = () =>
    new ClaimLife({ random, sourceId, links, length: streamLength(random, meanLength) });
  const pool = Array.from({ length: active }, spawnClaim);
  for (;;) {
    const index = Math.floor(random() * pool.length);
    const claim = pool[index];
    const append = claim.next();
    if (claim.version === 1) {
      recent.push(claim.claimId);
      if (recent.length > 5000) recent.splice(0, recent.length - 5000);
    }
    if (claim.state.status === 'live' && claim.state.retraction) retracted.add(claim.claimId);
    if (claim.done) pool[index] = spawnClaim();
    yield append;
  }
}

/** One long claim stream (`length` events), e.g. for rehydration. Links go to made-up claim ids. */
export const longClaim = (length, seed = 11) => {
  const random = prng(seed);
  const life = new ClaimLife({
    random,
    sourceId: null,
    links: () => newId('claim'),
    length,
    allowRetraction: false,
  });
  const appends = [];
  while (life.version < length) appends.push(life.next());
  return { claimId: life.claimId, streamId: life.streamId, appends, state: life.state };
};
