import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

// The lint rule is the guard that keeps deciders pure; this shows it bites.
describe('lint: domain boundary', () => {
  const lint = async (code: string) => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const [result] = await eslint.lintText(code, { filePath: 'src/claims/domain/example.decider.ts' });
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
});
