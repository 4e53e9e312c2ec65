import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../../src/event-sourcing/errors.js';
import type { EventStore, NewEvent } from '../../src/event-sourcing/event-store.js';
import { restoreBackup, writeBackup } from '../../src/event-store/backup/backup-file.js';
import { BackupFormatError } from '../../src/event-store/backup/backup-format.js';
import {
  createStorePlace,
  noteSkippedPostgres,
  STORE_KINDS,
  type LocalStore,
  type StorePlace,
} from '../support/store-places.js';
import { tempDir } from '../support/temp-dir.js';

noteSkippedPostgres('backup and restore');

const event = (n: number): NewEvent => ({
  eventId: randomUUID(),
  type: 'Tested',
  data: { n, text: `event ${n} \u0000 «quoted» "x"`, nested: { z: 1, a: [n, null] } },
  metadata: { actorId: 'tester', schemaVersion: 1 },
});

/** 2,500 events over 41 streams, several per append, with pauses so recording times differ. */
const fill = async (store: EventStore): Promise<void> => {
  for (let round = 0; round < 25; round++) {
    await Promise.all(
      Array.from({ length: 40 }, (_, stream) =>
        store.append(`claim-backup-${stream}`, [
          event(round * 100 + stream * 2),
          event(round * 100 + stream * 2 + 1),
        ]),
      ),
    );
    if (round % 5 === 0) await new Promise((resolve) => setTimeout(resolve, 3));
  }
  await store.append(
    'access-tok_1',
    Array.from({ length: 500 }, (_, index) => event(10_000 + index)),
  );
};

describe.each(STORE_KINDS)('backup and restore into a %s store', (kind) => {
  const dir = tempDir('backup');
  let source: StorePlace;
  let target: StorePlace;
  let from: LocalStore;
  let into: LocalStore;
  const file = join(dir.path, 'backup.ndjson');

  beforeEach(async () => {
    source = await createStorePlace('sqlite', 'backup-source');
    target = await createStorePlace(kind, 'backup-target');
    from = await source.open();
    into = await target.open();
  });
  afterEach(async () => {
    await from.close();
    await into.close();
    await source.remove();
    await target.remove();
  });

  it('round-trips every event, ids, versions, data and times kept; a backup of the copy is the same bytes', async () => {
    await fill(from);
    const progress: Array<[number, number]> = [];
    const written = await writeBackup(from, file, (done, total) => progress.push([done, total]));
    expect(written.events).toBe(2_500);
    expect(progress.at(-1)).toEqual([2_500, 2_500]);
    const result = await restoreBackup(into, file);
    expect(result).toEqual({ written: 2_500, total: 2_500, alreadyThere: 0 });
    const [original, copy] = [await from.readAll(), await into.readAll()];
    expect(copy.map(({ position: _position, ...rest }) => rest)).toEqual(
      original.map(({ position: _position, ...rest }) => rest),
    );
    expect(copy.map((stored) => stored.position)).toEqual(copy.map((_, index) => BigInt(index + 1)));
    const again = join(dir.path, 'again.ndjson');
    await writeBackup(into, again);
    expect(readFileSync(again).equals(readFileSync(file))).toBe(true);
    // Time travel reads the copy as it read the original.
    const middle = original[1_200]!.recordedAt;
    expect(await into.positionAt!(middle)).toBe(await from.positionAt!(middle));
  });

  it('is resumable: an interrupted restore is finished by running it again', async () => {
    await fill(from);
    await writeBackup(from, file);
    let calls = 0;
    const failing = Object.create(into, {
      restore: {
        value: async (...args: Parameters<NonNullable<EventStore['restore']>>) => {
          if (++calls === 2) throw new Error('connection lost');
          return into.restore!(...args);
        },
      },
    }) as EventStore;
    await expect(restoreBackup(failing, file)).rejects.toThrow(/connection lost/);
    expect(await into.headPosition()).toBe(1_000n);
    const resumed = await restoreBackup(into, file);
    expect(resumed).toEqual({ written: 1_500, total: 2_500, alreadyThere: 1_000 });
    expect((await into.readAll()).map((stored) => stored.eventId)).toEqual(
      (await from.readAll()).map((stored) => stored.eventId),
    );
  });

  it('checks the whole file first: a cut, a gap, a repeated id or a time going back writes nothing', async () => {
    await fill(from);
    await writeBackup(from, file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const broken = (name: string, edit: (copy: string[]) => string[]) => {
      const path = join(dir.path, `${name}.ndjson`);
      writeFileSync(path, `${edit([...lines]).join('\n')}\n`);
      return path;
    };
    const change = (index: number, patch: (value: Record<string, unknown>) => void) => (copy: string[]) => {
      const value = JSON.parse(copy[index]!) as Record<string, unknown>;
      patch(value);
      copy[index] = JSON.stringify(value);
      return copy;
    };
    const cases: Array<[string, string, RegExp]> = [
      [broken('cut', (copy) => copy.slice(0, -1)), 'cut short', /trailer is missing/],
      [
        broken(
          'count',
          change(lines.length - 1, (value) => (value['events'] = 2_499)),
        ),
        'count',
        /counts 2499/,
      ],
      [
        broken(
          'gap',
          change(2_400, (value) => (value['version'] = 99)),
        ),
        'gap',
        /goes from version/,
      ],
      [
        broken(
          'repeat',
          change(2_401, (value) => (value['eventId'] = JSON.parse(lines[5]!).eventId)),
        ),
        'repeat',
        /appears twice/,
      ],
      [
        broken(
          'time',
          change(2_450, (value) => (value['recordedAt'] = '2001-01-01T00:00:00.000Z')),
        ),
        'time',
        /recorded before/,
      ],
      [
        broken('header', (copy) => ['{"format":"something-else"}', ...copy.slice(1)]),
        'header',
        /not a Claimtrail backup/,
      ],
      [
        broken('json', (copy) => [...copy.slice(0, 2_000), '{not json', ...copy.slice(2_000)]),
        'json',
        /line 2001: is not JSON/,
      ],
    ];
    for (const [path, name, message] of cases) {
      const error = await restoreBackup(into, path).catch((caught: unknown) => caught);
      expect({ name, error }).toEqual({ name, error: expect.any(BackupFormatError) });
      expect((error as Error).message).toMatch(message);
      expect(await into.headPosition()).toBe(0n);
    }
  });

  it('refuses a store that holds anything but the start of the backup', async () => {
    await fill(from);
    await writeBackup(from, file);
    await into.append('claim-other', [event(1)]);
    const error = await restoreBackup(into, file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/not empty and does not hold the start of this backup/);
    expect(await into.headPosition()).toBe(1n);
  });
});

describe('restore into a store that keeps no recording times of its own choosing', () => {
  it('is refused with the reason (EventStoreDB has no restore)', async () => {
    const withoutRestore = { headPosition: async () => 0n } as unknown as EventStore;
    await expect(restoreBackup(withoutRestore, '/nonexistent')).rejects.toThrow(/cannot be restored into/);
  });
});
