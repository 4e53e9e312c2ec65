import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthModule } from './auth/auth.module.js';
import type { ClaimtrailConfig } from './config.js';

/**
 * What a person starting the server needs to read, printed once it listens: the ADMIN token of a first
 * start, and where the web app and GraphiQL are. Blank lines set it apart from the JSON log lines around
 * it, and the token and each address stand on a line of their own, easy to find and to copy. The token
 * comes first, so that anything waiting for the "listening on" line has seen it by then.
 */
export interface StartupFacts {
  readonly port: number;
  readonly dataDir: string;
  /** Only on the first start of an empty store; it is never shown again. */
  readonly adminToken: string | undefined;
}

/** The first-start notice alone: also printed when the start fails after the token was created. */
export const adminTokenNotice = (adminToken: string): string =>
  [
    '',
    'claimtrail: first start: an ADMIN token was created. Keep it; it is not shown again.',
    '  Paste it into the web app, or send it as "Authorization: Bearer <token>":',
    '',
    `  ADMIN token  ${adminToken}`,
    '',
  ].join('\n');

export const startupBanner = ({ port, dataDir, adminToken }: StartupFacts): string => {
  const base = `http://localhost:${port}`;
  return [
    adminToken === undefined ? '' : adminTokenNotice(adminToken),
    `claimtrail: listening on ${base}/graphql (data in ${dataDir})`,
    `  web app    ${base}/`,
    `  GraphiQL   ${base}/graphiql`,
    '',
    '',
  ].join('\n');
};

/** Listens, then prints the banner; a first start that fails after its token was made still shows the token. */
export const listenWithBanner = async (
  app: NestFastifyApplication,
  config: Pick<ClaimtrailConfig, 'port' | 'host' | 'dataDir'>,
): Promise<void> => {
  const firstStartToken = () => app.get(AuthModule, { strict: false }).firstStartAdminToken;
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    // The next start makes no token (the store has one now): this is the only chance to see it.
    const token = firstStartToken();
    if (token) process.stdout.write(adminTokenNotice(token));
    throw error;
  }
  const { port } = app.getHttpServer().address() as { port: number };
  process.stdout.write(startupBanner({ port, dataDir: config.dataDir, adminToken: firstStartToken() }));
};
