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
