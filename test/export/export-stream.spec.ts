import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { EXPORT_FORMATS } from '../../src/export/export.formats.js';
import { openExportSnapshot, type ExportSnapshot } from '../../src/export/export.reader.js';
import type { Readable } from 'node:stream';
import { NotFoundError } from '../../src/event-sourcing/errors.js';
import { exportChunks, exportStream, parseExportQuery } from '../../src/export/export.stream.js';
import { tempDir } from '../support/temp-dir.js';
import { ExportWorld } from './support/export-world.js';

/** The projector's own connection (the world's) must keep writing while exports stream from snapshots. */
describe('streamed exports', () => {
  let dir: ReturnType<typeof tempDir>;
  let world: ExportWorld;
  let file: string;

  const CLAIMS = 600;
  const statement = (n: number) =>
    `Claim ${n}: ${'the summit reframed the regional order '.repeat(8)}`.trim();

  beforeEach(() => {
    dir = tempDir('export-stream');
    file = join(dir.path, 'read-model.db');
    world = new ExportWorld(file);
    for (let n = 0; n < CLAIMS; n++) world.propose(statement(n), { tags: ['bulk'] });
  });
  afterEach(() => {
    world.close();
    dir.remove();
  });

  /** The real snapshots, remembered so the spec can see whether their connections are still open. */
  const snapshots: ExportSnapshot[] = [];
  const remembered = (path: string) => {
    const snapshot = openExportSnapshot(path);
    snapshots.push(snapshot);
    return snapshot;
  };
  const openConnections = () => snapshots.filter((snapshot) => snapshot.db.open).length;

  it('yields chunks of about 64 KiB as it reads, not one document at the end', () => {
    const chunks = [...exportChunks(file, EXPORT_FORMATS.ndjson)];
    const text = chunks.join('');
    expect(text.split('\n').filter(Boolean)).toHaveLength(CLAIMS);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(chunks.every((chunk) => chunk.length < 70 * 1024)).toBe(true);
  });

  it('reads one snapshot while the projector keeps writing, and lets go of it when the reader stops early', () => {
    const before = openConnections();
    const stream = exportChunks(file, EXPORT_FORMATS.ndjson, {}, remembered);
    const first = stream.next();
    expect(first.done).toBe(false);
    expect(openConnections()).toBe(before + 1);

    // The projector is not blocked by the open export: its writes go through.
    for (let n = 0; n < 10; n++) world.propose(`Written during the export ${n}`);
    const rest = [...{ [Symbol.iterator]: () => stream }].join('');
    const lines = `${first.value as string}${rest}`.split('\n').filter(Boolean);
    expect(lines).toHaveLength(CLAIMS); // the export's snapshot predates those writes
    expect(openConnections()).toBe(before);

    const stopped = exportChunks(file, EXPORT_FORMATS.ndjson, {}, remembered);
    stopped.next();
    expect(openConnections()).toBe(before + 1);
    stopped.return(undefined); // what a destroyed Readable.from stream does when the client goes away
    expect(openConnections()).toBe(before);
  });

  it('opens nothing until the first chunk is asked for', () => {
    const stream = exportChunks(join(dir.path, 'missing.db'), EXPORT_FORMATS.aif);
    expect(() => stream.next()).toThrow(/unable to open database file/);
  });

  describe('as an HTTP body (exportStream)', () => {
    const closed = (stream: Readable) => new Promise<void>((done) => stream.once('close', () => done()));

    it('fails before any byte when the read model or the source is missing, leaving nothing open', () => {
      expect(() => exportStream(join(dir.path, 'missing.db'), EXPORT_FORMATS.ndjson).stream).toThrow(
        /unable to open database file/,
      );
      const before = openConnections();
      expect(() =>
        exportStream(file, EXPORT_FORMATS.ndjson, {
          scope: { sourceId: 'src_01K8Z7W3YV7T7K0M6S9Q2X4B5N' },
          open: remembered,
        }),
      ).toThrow(NotFoundError);
      expect(openConnections()).toBe(before);
    });

    it('closes its snapshot when read to the end, when destroyed half-way, and when never read', async () => {
      const before = openConnections();
      const { stream: whole, report } = exportStream(file, EXPORT_FORMATS.ndjson, { open: remembered });
      expect(report).toEqual({ contents: `${CLAIMS} claims`, notes: [] });
      expect(openConnections()).toBe(before + 1);
      let text = '';
      for await (const chunk of whole) text += String(chunk);
      expect(text.split('\n').filter(Boolean)).toHaveLength(CLAIMS);
      expect(openConnections()).toBe(before);

      const halfway = exportStream(file, EXPORT_FORMATS.ndjson, { open: remembered }).stream;
      await new Promise<void>((done) => halfway.once('data', () => done()));
      halfway.destroy(); // the client went away
      await closed(halfway);
      expect(openConnections()).toBe(before);

      const unread = exportStream(file, EXPORT_FORMATS.aif, { open: remembered }).stream;
      expect(openConnections()).toBe(before + 1);
      unread.destroy();
      await closed(unread);
      expect(openConnections()).toBe(before);
    });
  });
});

describe('export query parameters', () => {
  it('accept one sourceId and refuse anything else', () => {
    expect(parseExportQuery({})).toEqual({});
    expect(parseExportQuery(undefined)).toEqual({});
    expect(parseExportQuery({ sourceId: 'src_01K8Z7W3YV7T7K0M6S9Q2X4B5N' })).toEqual({
      sourceId: 'src_01K8Z7W3YV7T7K0M6S9Q2X4B5N',
    });
    expect(() => parseExportQuery({ source: 'src_01K8Z7W3YV7T7K0M6S9Q2X4B5N' })).toThrow(
      /unknown parameter "source"/,
    );
    expect(() =>
      parseExportQuery({ sourceId: ['src_01K8Z7W3YV7T7K0M6S9Q2X4B5N', 'src_01K8Z7W3YV7T7K0M6S9Q2X4B5M'] }),
    ).toThrow(/only once/);
    expect(() => parseExportQuery({ sourceId: 'clm_01K8Z7W3YV7T7K0M6S9Q2X4B5N' })).toThrow(/source id/);
  });
});
