import { once } from 'node:events';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
import { StorageError, ValidationError } from '../../event-sourcing/errors.js';
import type { EventStore, RestoredEvent } from '../../event-sourcing/event-store.js';
import {
  BackupChecks,
  BackupFormatError,
  eventLine,
  headerLine,
  parseBody,
  parseHeader,
  sameEvent,
  trailerLine,
} from './backup-format.js';

const PAGE = 1000;

export type BackupProgress = (done: number, total: number) => void;

/**
 * Writes every event of the log as it stood when the backup began (up to the head read then) to `file`,
 * page by page, so a running store keeps serving and the file never holds more than that moment. The
 * file is written beside its final name, synced, and renamed into place: never half a backup under it.
 */
export const writeBackup = async (
  store: EventStore,
  file: string,
  onProgress?: BackupProgress,
): Promise<{ events: number; bytes: number }> => {
  const head = await store.headPosition();
  const temporary = `${file}.${process.pid}.partial`;
  const output = createWriteStream(temporary);
  let events = 0;
  const write = async (text: string) => {
    if (!output.write(text)) await once(output, 'drain');
  };
  try {
    await write(headerLine());
    for (let from = 0n; from < head;) {
      const page = await store.readAll({ fromPosition: from, toPosition: head, limit: PAGE });
      if (page.length === 0) break;
      for (const event of page) await write(eventLine(event));
      events += page.length;
      from = page.at(-1)!.position;
      // Progress in positions: they count events in SQLite and PostgreSQL, and still order them elsewhere.
      onProgress?.(Number(from), Number(head));
    }
    await write(trailerLine(events));
    output.end();
    await once(output, 'finish');
    const descriptor = openSync(temporary, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
  } catch (error) {
    output.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
  return { events, bytes: output.bytesWritten };
};

/** The lines of a backup file after its header, numbered; the header is checked first. */
async function* bodyLines(file: string): AsyncGenerator<{ text: string; line: number }> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (line === 1) parseHeader(text);
    else yield { text, line };
  }
  if (line === 0) parseHeader(undefined);
}

/** Reads the whole file once and checks every rule before anything is written: a bad file writes nothing. */
const checkBackup = async (file: string): Promise<number> => {
  const checks = new BackupChecks();
  let ended: { events: number; line: number } | undefined;
  for await (const { text, line } of bodyLines(file)) {
    if (ended) throw new BackupFormatError(line, 'comes after the trailer');
    const body = parseBody(text, line);
    if (body.kind === 'end') ended = { events: body.events, line };
    else checks.check(body.event, line);
  }
  if (!ended) throw new BackupFormatError(checks.count + 2, 'the trailer is missing: the file was cut short');
  if (ended.events !== checks.count)
    throw new BackupFormatError(
      ended.line,
      `the trailer counts ${ended.events} events, the file holds ${checks.count}`,
    );
  return checks.count;
};

async function* backupEvents(file: string): AsyncGenerator<RestoredEvent> {
  for await (const { text, line } of bodyLines(file)) {
    const body = parseBody(text, line);
    if (body.kind === 'event') yield body.event;
  }
}

/**
 * How many of the backup's first events the store already holds, exactly and in order: 0 for an empty
 * store, k after an interrupted restore. A store holding anything else is not restored into.
 */
const restoredSoFar = async (store: EventStore, file: string): Promise<number> => {
  if ((await store.headPosition()) === 0n) return 0;
  const backup = backupEvents(file);
  let matched = 0;
  for (let from = 0n; ;) {
    const page = await store.readAll({ fromPosition: from, limit: PAGE });
    for (const stored of page) {
      const next = await backup.next();
      if (next.done || !sameEvent(stored, next.value))
        throw new ValidationError(
          `the event store is not empty and does not hold the start of this backup (it differs at its event ${matched + 1}): restore into an empty store`,
        );
      matched += 1;
    }
    if (page.length < PAGE) break;
    from = page.at(-1)!.position;
  }
  await backup.return(undefined);
  return matched;
};

/**
 * Restores a backup into an empty store (any adapter with `restore`): checks the whole file first (ids,
 * versions, order, times, the trailer's count), then writes the events in batches, each batch all or
 * nothing. An interrupted restore is resumed by running it again: the events already there are
 * recognised as the backup's first ones and the rest follow. Returns the events written and the total.
 */
export const restoreBackup = async (
  store: EventStore,
  file: string,
  onProgress?: BackupProgress,
): Promise<{ written: number; total: number; alreadyThere: number }> => {
  const restore = store.restore?.bind(store);
  if (!restore)
    throw new ValidationError(
      'this event store cannot be restored into: it sets its own recording times (restore into sqlite or postgres)',
    );
  const total = await checkBackup(file);
  const alreadyThere = await restoredSoFar(store, file);
  let seen = 0;
  let batch: RestoredEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await restore(batch);
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      throw error instanceof StorageError
        ? error
        : new StorageError(`restore failed: ${(error as Error).message}`);
    }
    batch = [];
    onProgress?.(seen, total);
  };
  for await (const event of backupEvents(file)) {
    seen += 1;
    if (seen <= alreadyThere) continue;
    batch.push(event);
    if (batch.length >= PAGE) await flush();
  }
  await flush();
  onProgress?.(total, total);
  return { written: total - alreadyThere, total, alreadyThere };
};
