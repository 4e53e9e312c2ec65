import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

// The lint rule is the guard that keeps deciders pure; this shows it bites.
describe('lint: domain boundary', () => {
  const lint = async (code: string, filePath = 'src/claims/domain/example.decider.ts') => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.map((message) => message.message);
  };

  it('rejects NestJS, infrastructure, clocks and randomness inside domain/', async () => {
    const messages = await lint(
      [
        "import { Injectable } from '@nestjs/common';",
        "import Database from 'better-sqlite3';",
        "import { SqliteEventStore } from '../../event-store/sqlite/sqlite-event-store.js';",
        'export const now = () => new Date();',
        'export const roll = () => Math.random();',
        'export const use = [Injectable, Database, SqliteEventStore];',
      ].join('\n'),
    );
    for (const expected of [
      'domain/ stays free of NestJS.',
      'domain/ stays free of infrastructure.',
      'domain/ must not import infrastructure layers.',
      'time arrives in command metadata',
      'the domain is deterministic',
    ]) {
      expect(messages.some((message) => message.endsWith(expected))).toBe(true);
    }
  });

  it('accepts a pure module', async () => {
    expect(
      await lint(
        "import type { Decider } from '../../event-sourcing/decider.js';\nexport type D = Decider<1, 2, 3>;\n",
      ),
    ).toEqual([]);
  });

  it.each([
    'src/read-model/example.ts',
    'src/event-store/sqlite/example.ts',
    'src/event-sourcing/example.ts',
  ])('rejects a feature imported by infrastructure (%s)', async (filePath) => {
    const messages = await lint(
      [
        "import { claimsProjection } from '../claims/read-model/claims.projection.js';",
        "import { AuthService } from '../../auth/auth.service.js';",
        'export const use = [claimsProjection, AuthService];',
      ].join('\n'),
      filePath,
    );
    const refusals = messages.filter((message) => message.endsWith('must not import a feature.'));
    expect(refusals).toHaveLength(2);
  });

  it('lets infrastructure import infrastructure', async () => {
    expect(
      await lint(
        "import type { EventStore } from '../event-sourcing/event-store.js';\nexport type S = EventStore;\n",
        'src/read-model/example.ts',
      ),
    ).toEqual([]);
  });
});
