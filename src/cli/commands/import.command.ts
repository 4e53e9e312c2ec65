import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { ACTOR_ID_MAX_LENGTH, ACTOR_ID_PATTERN } from '../../auth/domain/access.values.js';
import { ROLES, type Actor, type Role } from '../../event-sourcing/metadata.js';
import { parseBundleJson } from '../../import/bundle.js';
import { checkBundle, importBundle, type ImportSummary } from '../../import/bundle-importer.js';
import { formatProblem, InvalidBundleError, type ImportProblem } from '../../import/import-problem.js';
import { STEP_KINDS, type StepKind } from '../../import/import-plan.js';
import type { Json } from '../../import/json-schema.js';
import { parseArgs } from '../args.js';
import { UsageError, quoted, type CliCommand, type CliContext } from '../cli-command.js';
import { formatTable } from '../format-table.js';
import { progressReporter } from '../progress.js';

const NAME = 'import';
const FORMATS = ['bundle', 'argdown'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `usage: claimtrail import FILE [--format bundle|argdown] [--actor ID] [--role ROLE] [--init]

Imports a claimtrail-bundle JSON file (docs/bundle-format.md) or an Argdown file.
  --format  bundle or argdown; by default argdown for *.argdown and *.ad files, bundle otherwise
  --actor   the actor the events are recorded as (default: import)
  --role    that actor's role, ANALYST or higher (default: EDITOR; assessments and dismissals need EDITOR)
  --init    create a new, empty store when CLAIMTRAIL_DATA_DIR (default ./data) has none; without it a
            missing store is refused, so a command run in the wrong folder writes nothing

Everything is checked before anything is written: every problem is listed with its JSON path, and a
bundle with any problem imports nothing. Running the same file again adds nothing; after an interrupted
run it adds exactly what is missing. Like "token", the command acts with the trust of whoever can open
the data directory. The summary goes to stdout, progress and problems to stderr.`;

const DEFAULT_ACTOR = 'import';

/**
 * The largest file read: a bundle is parsed whole in memory, and a path such as /dev/zero or a FIFO never
 * ends. The demo bundle is 60 KB; an export of a 1,000,000-event store is about 150 MB.
 */
export const BUNDLE_MAX_BYTES = 256 * 1024 * 1024;

class FileTooLargeError extends Error {}

const readBundleFile = async (file: string): Promise<string> => {
  const chunks: Buffer[] = [];
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file, {
      highWaterMark: 1024 * 1024,
    }) as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > BUNDLE_MAX_BYTES)
        throw new FileTooLargeError(
          `${file} is larger than ${BUNDLE_MAX_BYTES / 1024 / 1024} MiB, the most one import reads; split it into several bundles`,
        );
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FileTooLargeError) throw error;
    throw new Error(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  return Buffer.concat(chunks).toString('utf8');
};
const DEFAULT_ROLE: Role = 'EDITOR';

const LABELS: Readonly<Record<StepKind, string>> = {
  source: 'sources',
  claim: 'claims',
  evidence: 'evidence',
  counterpoint: 'counterpoints',
  resolution: 'resolutions',
  relation: 'relations',
  assessment: 'assessments',
};

const parseRole = (value: string | undefined): Role => {
  if (value === undefined) return DEFAULT_ROLE;
  const role = ROLES.find((candidate) => candidate === value.toUpperCase());
  if (role === undefined)
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not ${quoted(value)}`, NAME);
  if (role === 'VIEWER')
    throw new UsageError('--role VIEWER cannot import anything: a VIEWER may only read', NAME);
  return role;
};

const parseActor = (value: string | undefined): string => {
  if (value === undefined) return DEFAULT_ACTOR;
  if (value.length > ACTOR_ID_MAX_LENGTH || !ACTOR_ID_PATTERN.test(value)) {
    throw new UsageError(
      `--actor must be letters, digits and . _ @ - (at most ${ACTOR_ID_MAX_LENGTH}), not ${quoted(value)}`,
      NAME,
    );
  }
  return value;
};

const parseFormat = (value: string | undefined, file: string): Format => {
  if (value === undefined)
    return ['.argdown', '.ad'].includes(extname(file).toLowerCase()) ? 'argdown' : 'bundle';
  const format = FORMATS.find((candidate) => candidate === value.toLowerCase());
  if (format === undefined)
    throw new UsageError(`--format must be bundle or argdown, not ${quoted(value)}`, NAME);
  return format;
};

interface Loaded {
  readonly bundle: Json | undefined;
  readonly problems: readonly ImportProblem[];
  readonly locate: (problem: ImportProblem) => ImportProblem;
}

const load = async (text: string, format: Format, context: CliContext): Promise<Loaded> => {
  if (format === 'bundle') {
    const parsed = parseBundleJson(text);
    return parsed.ok
      ? { bundle: parsed.value, problems: [], locate: (problem) => problem }
      : { bundle: undefined, problems: parsed.problems, locate: (problem) => problem };
  }
  // @argdown/core takes the better part of a second to load: only Argdown imports pay for it.
  const { argdownToBundle, locateProblem } = await import('../../import/argdown-bundle.js');
  const converted = argdownToBundle(text);
  for (const warning of converted.warnings) context.stderr.write(`claimtrail: warning: ${warning}\n`);
  return {
    bundle: converted.bundle,
    problems: converted.problems,
    locate: (problem) => locateProblem(problem, converted.origins),
  };
};

const summaryTable = (summary: ImportSummary): string =>
  formatTable(
    ['ITEMS', 'CREATED', 'ALREADY PRESENT'],
    [
      ...STEP_KINDS.map((kind) => [
        LABELS[kind],
        String(summary.byKind[kind].created),
        String(summary.byKind[kind].present),
      ]),
      ['total', String(summary.created), String(summary.present)],
    ],
  );

const reportProblems = (file: string, problems: readonly ImportProblem[], context: CliContext): never => {
  context.stderr.write(`claimtrail: ${file} is not imported:\n`);
  // In pieces of a few thousand lines: one write per problem took long, one string of 150,000 could be huge.
  for (let start = 0; start < problems.length; start += 5000) {
    const lines = problems.slice(start, start + 5000).map((problem) => `  ${formatProblem(problem)}\n`);
    context.stderr.write(lines.join(''));
  }
  throw new InvalidBundleError(problems);
};

export const importCommand: CliCommand = {
  name: NAME,
  summary: 'import a bundle (JSON) or an Argdown file; checks everything first, safe to re-run',
  usage: USAGE,
  async run(args, context) {
    const { options, positionals } = parseArgs(
      args,
      { format: 'string', actor: 'string', role: 'string', init: 'boolean' },
      NAME,
    );
    if (positionals.length !== 1) throw new UsageError('import needs exactly one FILE', NAME);
    const file = positionals[0]!;
    const format = parseFormat(options.format, file);
    const actor: Actor = { id: parseActor(options.actor), role: parseRole(options.role) };
    const text = await readBundleFile(file);
    const loaded = await load(text, format, context);
    const store = await context.eventStore({
      create: options.init === true,
      initHint: `claimtrail import ${file} --init`,
    });
    if (loaded.problems.length > 0 || loaded.bundle === undefined) {
      // What could be converted is still checked, so that one run lists every problem.
      const more =
        loaded.bundle === undefined ? [] : (await checkBundle(store, loaded.bundle, actor)).problems;
      reportProblems(file, [...loaded.problems, ...more].map(loaded.locate), context);
    }

    let progress: ReturnType<typeof progressReporter> | undefined;
    let summary: ImportSummary;
    try {
      summary = await importBundle(store, loaded.bundle!, {
        actor,
        onChecked: (steps) => {
          context.stderr.write(
            `claimtrail: ${file} checked: ${steps} steps, no problems; importing as ${actor.id} (${actor.role})\n`,
          );
          progress = progressReporter(context.stderr, 'claimtrail: import');
        },
        onProgress: (done, total) => progress?.update(done, total),
      });
    } catch (error) {
      progress?.done();
      if (error instanceof InvalidBundleError)
        reportProblems(file, error.problems.map(loaded.locate), context);
      throw error;
    }
    progress?.done();
    context.stdout.write(
      `imported ${file}: ${summary.created} created, ${summary.present} already present\n`,
    );
    context.stdout.write(summaryTable(summary));
  },
};
