import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Read-model generations. The current one is named in `read-model.current` (absent: `read-model.db`).
 * A rebuild writes a new generation under a new name and then moves the pointer, so no SQLite file (and
 * no -wal file beside it) is ever renamed while a connection has it open.
 */
const POINTER = 'read-model.current';
const DEFAULT_FILE = 'read-model.db';

export const currentReadModelName = (dataDir: string): string => {
  const pointer = join(dataDir, POINTER);
  const name = existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : '';
  return name || DEFAULT_FILE;
};

export const currentReadModelFile = (dataDir: string): string => join(dataDir, currentReadModelName(dataDir));

export const newGenerationName = (): string => `read-model-${Date.now()}.db`;

/** Atomically points at a new generation. */
export const setCurrentReadModel = (dataDir: string, name: string): void => {
  const temporary = join(dataDir, `${POINTER}.${process.pid}.tmp`);
  writeFileSync(temporary, `${name}\n`);
  renameSync(temporary, join(dataDir, POINTER));
};

/** Deletes generations other than the current one (and their -wal/-shm files); never one being built. */
export const removeStaleGenerations = (dataDir: string): void => {
  const current = currentReadModelName(dataDir);
  for (const file of readdirSync(dataDir)) {
    const match = /^(read-model(?:-\d+)?\.db)(-wal|-shm)?$/.exec(file);
    if (match && match[1] !== current) rmSync(join(dataDir, file), { force: true });
  }
};
