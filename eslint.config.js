import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'data/',
      'coverage/',
      'web/dist/',
      'web/src/generated/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Decorator-injected classes must stay value imports: emitDecoratorMetadata needs them at run time.
    files: [
      'src/**/*.module.ts',
      'src/**/*.resolver.ts',
      'src/**/*.handler.ts',
      'src/**/*.controller.ts',
      'src/**/*.service.ts',
      'src/**/*.guard.ts',
      'src/**/*.filter.ts',
      'src/**/*.projector.ts',
      'src/**/*.plugin.ts',
      'src/**/*.loader.ts',
    ],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // The domain is pure: no framework, no infrastructure, no I/O.
    files: ['src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'domain/ stays free of NestJS.' },
            {
              group: [
                'better-sqlite3',
                '@eventstore/*',
                'mercurius',
                'fastify',
                'graphql',
                'class-validator',
                'class-transformer',
              ],
              message: 'domain/ stays free of infrastructure.',
            },
            {
              group: [
                '**/event-store/**',
                '**/read-model/**',
                '**/graphql/**',
                '**/commands/**',
                '**/queries/**',
              ],
              message: 'domain/ must not import infrastructure layers.',
            },
            {
              group: ['node:fs', 'node:net', 'node:http', 'fs', 'net', 'http', 'node:child_process'],
              message: 'domain/ does no I/O.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'time arrives in command metadata',
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'the domain is deterministic' },
        { object: 'Date', property: 'now', message: 'time arrives in command metadata' },
        { object: 'crypto', property: 'randomUUID', message: 'ids arrive in command metadata' },
      ],
    },
  },
  {
    // Infrastructure serves every feature and knows none: features plug in through the port, provider
    // tokens and the composition root (src/app.module.ts, src/projections.ts).
    files: ['src/event-sourcing/**/*.ts', 'src/event-store/**/*.ts', 'src/read-model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/claims/**',
                '**/sources/**',
                '**/auth/**',
                '**/audit/**',
                '**/export/**',
                '**/import/**',
                '**/cli/**',
                '**/web/**',
                '**/projections.js',
                '**/app.module.js',
              ],
              message:
                'infrastructure (event-sourcing/, event-store/, read-model/) must not import a feature.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'require',
          '__dirname',
          'setTimeout',
          'clearTimeout',
          'setImmediate',
          'URL',
          'fetch',
          'Buffer',
          'performance',
        ]
          .map((name) => [name, 'readonly'])
          .concat([['module', 'writable']]),
      ),
    },
  },
);
