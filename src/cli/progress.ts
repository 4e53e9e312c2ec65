import type { TextSink } from './cli-command.js';

/**
 * Progress for long CLI work: one updating bar on a terminal, plain lines (every 10%) otherwise, so logs
 * of a non-interactive run stay readable.
 */
export const progressReporter = (sink: TextSink & { isTTY?: boolean }, label: string) => {
  let lastDecile = -1;
  const width = 30;
  return {
    update(done: number, total: number): void {
      const fraction = total <= 0 ? 1 : Math.min(done / total, 1);
      if (sink.isTTY) {
        const filled = Math.round(fraction * width);
        sink.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(fraction * 100)}% (${done}/${total})`,
        );
        return;
      }
      const decile = Math.floor(fraction * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        sink.write(`${label}: ${decile * 10}% (${done}/${total})\n`);
      }
    },
    done(): void {
      if (sink.isTTY) sink.write('\n');
    },
  };
};
