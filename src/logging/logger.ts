import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

/** One structured (JSON) log for the process: Fastify's requests, Nest's lifecycle, the projector's batches. */
export const createLogger = (level: string): Logger => pino({ level, base: { service: 'claimtrail' } });

/** Nest's logger interface on top of pino, so framework messages are JSON lines like the rest. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    if (message !== null && typeof message === 'object') {
      const { msg, ...fields } = message as { msg?: string };
      this.logger.info({ context, ...fields }, msg ?? '');
    } else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    if (message !== null && typeof message === 'object' && !(message instanceof Error)) {
      const { msg, ...fields } = message as { msg?: string };
      this.logger.error({ context: trace ?? context, ...fields }, msg ?? '');
    } else this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}
