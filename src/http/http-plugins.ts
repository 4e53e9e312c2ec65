import fastifyCompress, { type FastifyCompressOptions } from '@fastify/compress';
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { constants } from 'node:zlib';
import type { ClaimtrailConfig } from '../config.js';
import { REPORT_HEADERS } from '../export/export.controller.js';

/**
 * Response compression: gzip, deflate or Brotli when the client's Accept-Encoding asks for one, for every
 * route (GraphQL answers, the streamed exports, the web app's files) above 1 KiB. Brotli at quality 4: its
 * default, 11, costs many times the CPU for a few per cent on JSON, and exports stream megabytes.
 */
const COMPRESSION: FastifyCompressOptions = {
  global: true,
  threshold: 1024,
  encodings: ['br', 'gzip', 'deflate'],
  // In place of mime-db's list, which leaves out application/x-ndjson: text, JSON of any kind (+json
  // included: JSON-LD, graphql-response+json), NDJSON, JavaScript and SVG.
  customTypes: /^(text\/|application\/([\w.-]+\+)?(json|x-ndjson|javascript)\b|image\/svg\+xml)/,
  brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
};

/**
 * CORS, off unless CLAIMTRAIL_CORS_ORIGINS names origins (a notebook served from another origin, say):
 * without it no Access-Control-* header is sent, and browsers keep other origins out. The bearer token
 * travels in the Authorization header, never in a cookie, so no credentials are allowed.
 */
const cors = (origins: readonly string[]): FastifyCorsOptions => ({
  origin: origins.includes('*') ? '*' : [...origins],
  methods: ['GET', 'POST', 'OPTIONS'],
  allowedHeaders: ['authorization', 'content-type'],
  exposedHeaders: ['content-disposition', REPORT_HEADERS.contents, REPORT_HEADERS.notes],
  credentials: false,
  maxAge: 600,
});

/** Registered before Nest initialises, so that they apply to every route it then adds. */
export const registerHttpPlugins = async (
  app: NestFastifyApplication,
  config: Pick<ClaimtrailConfig, 'corsOrigins'>,
): Promise<void> => {
  await app.register(fastifyCompress, COMPRESSION);
  if (config.corsOrigins.length > 0) await app.register(fastifyCors, cors(config.corsOrigins));
};
