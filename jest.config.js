// ESM throughout: NestJS 12 ships ES modules only, and on Node 20 Jest can load them only in its
// ESM mode (--experimental-vm-modules, set by `npm test`). SWC compiles TypeScript with decorator metadata.
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'es6' },
      },
    ],
  },
  testTimeout: 30000,
  // Prints which runs against external servers (PostgreSQL, EventStoreDB) were left out, and why.
  globalTeardown: '<rootDir>/test/support/skipped-runs.js',
};
