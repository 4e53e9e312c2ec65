import { CLI_ACTOR } from '../../auth/domain/access.values.js';
import { createToken, listTokens, revokeToken, type TokenSummary } from '../../auth/token-admin.js';
import { ROLES, type Role } from '../../event-sourcing/metadata.js';
import { parseArgs } from '../args.js';
import { UsageError, quoted, type CliCommand, type CliContext } from '../cli-command.js';
import { formatTable } from '../format-table.js';

const NAME = 'token';

const USAGE = `usage:
  claimtrail token create --actor ID --role ROLE [--init]
                                                   grant a token; prints only the token on stdout
  claimtrail token list                            every token granted, revoked ones included
  claimtrail token revoke TOKEN_ID [--reason TEXT] revoke a token by its tok_ id

ROLE is one of ${ROLES.join(', ')} (any case); each includes the ones before it.
The token is shown once: only its SHA-256 is stored, so a lost token is revoked and replaced.
The store must exist (CLAIMTRAIL_DATA_DIR, default ./data): start the server once, or give --init to
create a new, empty store.`;

const parseRole = (value: string): Role => {
  const role = ROLES.find((candidate) => candidate === value.toUpperCase());
  if (role === undefined) {
    throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not ${quoted(value)}`, NAME);
  }
  return role;
};

const noPositionals = (positionals: readonly string[], subcommand: string): void => {
  if (positionals.length > 0)
    throw new UsageError(`token ${subcommand} takes no argument ${quoted(positionals[0]!)}`, NAME);
};

const create = async (args: readonly string[], context: CliContext): Promise<void> => {
  const { options, positionals } = parseArgs(
    args,
    { actor: 'string', role: 'string', init: 'boolean' },
    NAME,
  );
  noPositionals(positionals, 'create');
  if (options.actor === undefined) throw new UsageError('token create needs --actor ID', NAME);
  if (options.role === undefined) throw new UsageError('token create needs --role ROLE', NAME);
  const role = parseRole(options.role);
  const store = await context.eventStore({
    create: options.init === true,
    initHint: `claimtrail token create --actor ${options.actor} --role ${role} --init`,
  });
  const created = await createToken(store, {
    actorId: options.actor,
    role,
    by: CLI_ACTOR,
  });
  // stdout carries the token alone, so `TOKEN=$(claimtrail token create …)` captures exactly it.
  context.stdout.write(`${created.token}\n`);
  context.stderr.write(
    `claimtrail: granted ${created.tokenId} to ${created.actorId} as ${created.role}; ` +
      'the token is shown only this once\n',
  );
};

const statusOf = (token: TokenSummary): string => (token.revokedAt === null ? 'active' : 'revoked');

const list = async (args: readonly string[], context: CliContext): Promise<void> => {
  const { positionals } = parseArgs(args, {}, NAME);
  noPositionals(positionals, 'list');
  const tokens = await listTokens(await context.eventStore());
  context.stdout.write(
    formatTable(
      ['TOKEN ID', 'ACTOR', 'ROLE', 'STATUS', 'GRANTED AT', 'GRANTED BY', 'REVOKED AT'],
      tokens.map((token) => [
        token.tokenId,
        token.actorId,
        token.role,
        statusOf(token),
        token.grantedAt,
        token.grantedBy,
        token.revokedAt ?? '',
      ]),
    ),
  );
  if (tokens.length === 0) context.stderr.write('claimtrail: no token has been granted yet\n');
};

const revoke = async (args: readonly string[], context: CliContext): Promise<void> => {
  const { options, positionals } = parseArgs(args, { reason: 'string' }, NAME);
  if (positionals.length !== 1) throw new UsageError('token revoke needs exactly one TOKEN_ID', NAME);
  const tokenId = positionals[0]!;
  await revokeToken(await context.eventStore(), tokenId, CLI_ACTOR, options.reason);
  context.stderr.write(`claimtrail: revoked ${tokenId}\n`);
};

const SUBCOMMANDS: Readonly<Record<string, (args: readonly string[], context: CliContext) => Promise<void>>> =
  {
    create,
    list,
    revoke,
  };

export const tokenCommand: CliCommand = {
  name: NAME,
  summary: 'create, list and revoke bearer tokens',
  usage: USAGE,
  async run(args, context) {
    const [subcommand, ...rest] = args;
    if (subcommand === undefined)
      throw new UsageError('token needs a subcommand: create, list or revoke', NAME);
    const handler = Object.hasOwn(SUBCOMMANDS, subcommand) ? SUBCOMMANDS[subcommand] : undefined;
    if (!handler) throw new UsageError(`unknown token subcommand ${quoted(subcommand)}`, NAME);
    await handler(rest, context);
  },
};
