import type { MercuriusDriverConfig } from '@nestjs/mercurius';
import { join } from 'node:path';

/**
 * Mercurius with graphql-jit: the measured choice of DESIGN §1. The schema is printed sorted so that
 * `schema.gql` diffs stay readable; `schemaFile: false` keeps it in memory (tests, read-only images).
 */
export const graphqlOptions = (schemaFile: string | false = join(process.cwd(), 'schema.gql')): MercuriusDriverConfig => ({
  autoSchemaFile: schemaFile === false ? true : schemaFile,
  sortSchema: true,
  path: '/graphql',
  jit: 1,
  graphiql: true,
});
