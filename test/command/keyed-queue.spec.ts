import { describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeyedQueue } from '../../src/event-sourcing/keyed-queue.js';

/** Records when each task starts and ends, so overlap can be read off the log. */
const tracer = () => {
  const log: string[] = [];
  let running = 0;
  let maxRunning = 0;
  const task =
    <T>(name: string, ms: number, result?: T, fail = false) =>
    async (): Promise<T | undefined> => {
      log.push(`start ${name}`);
      running++;
      maxRunning = Math.max(maxRunning, running);
      await sleep(ms);
      running--;
      log.push(`end ${name}`);
      if (fail) throw new Error(`${name} failed`);
      return result;
    };
  return { log, task, maxRunning: () => maxRunning };
};

describe('KeyedQueue', () => {
  it('runs tasks with the same key one after another, in submission order, never overlapping', async () => {
    const queue = new KeyedQueue();
    const { log, task, maxRunning } = tracer();
    const results = await Promise.all([
      queue.run('a', task('a1', 15, 1)),
      queue.run('a', task('a2', 1, 2)),
      queue.run('a', task('a3', 5, 3)),
    ]);
    expect(results).toEqual([1, 2, 3]);
    expect(log).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
    expect(maxRunning()).toBe(1);
  });

  it('runs tasks with different keys concurrently', async () => {
    const queue = new KeyedQueue();
    const { log, task, maxRunning } = tracer();
    const started = performance.now();
    await Promise.all([
      queue.run('a', task('a', 40)),
      queue.run('b', task('b', 40)),
      queue.run('c', task('c', 40)),
    ]);
    const elapsed = performance.now() - started;
    expect(log.slice(0, 3).sort()).toEqual(['start a', 'start b', 'start c']);
    expect(maxRunning()).toBe(3);
    expect(elapsed).toBeLessThan(110); // serial would take ≥ 120 ms
  });

  it('queues per key while other keys overlap with it', async () => {
    const queue = new KeyedQueue();
    const { log, task } = tracer();
    await Promise.all([
      queue.run('a', task('a1', 30)),
      queue.run('a', task('a2', 5)),
      queue.run('b', task('b1', 5)),
    ]);
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
  });

  it('does not let a rejected task block or fail the next one on the same key', async () => {
    const queue = new KeyedQueue();
    const { log, task } = tracer();
    const first = queue.run('a', task('a1', 10, undefined, true));
    const second = queue.run('a', task('a2', 1, 'ok'));
    await expect(first).rejects.toThrow('a1 failed');
    await expect(second).resolves.toBe('ok');
    expect(log).toEqual(['start a1', 'end a1', 'start a2', 'end a2']);
  });

  it('does not let a task that throws synchronously block the next one', async () => {
    const queue = new KeyedQueue();
    const first = queue.run('a', () => {
      throw new Error('sync failure');
    });
    const second = queue.run('a', async () => 'still runs');
    await expect(first).rejects.toThrow('sync failure');
    await expect(second).resolves.toBe('still runs');
  });

  it('forgets a key once its queue has drained, so keys do not accumulate', async () => {
    const queue = new KeyedQueue();
    await Promise.all(
      Array.from({ length: 100 }, (_, index) => queue.run(`key-${index % 10}`, async () => index)),
    );
    await sleep(0);
    expect(queue.size).toBe(0);
  });
});
