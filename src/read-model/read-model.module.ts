import {
  Controller,
  Get,
  Global,
  Inject,
  Logger,
  Module,
  Res,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { FastifyReply } from 'fastify';
import { mkdirSync } from 'node:fs';
import { AuditQueries } from '../audit/read-model/audit.queries.js';
import { AuthService } from '../auth/auth.service.js';
import { ensureBootstrapAdmin } from '../auth/token-admin.js';
import { ClaimsQueries } from '../claims/read-model/claims.queries.js';
import { CONFIG, type ClaimtrailConfig } from '../config.js';
import { EVENT_STORE, type EventStore } from '../event-sourcing/event-store.js';
import { SourcesQueries } from '../sources/read-model/sources.queries.js';
import { PROJECTIONS } from './projections.js';
import { Projector } from './projector.js';
import { openOrReplaceReadModel, REBUILD_FIX } from './read-model-damage.js';
import { currentReadModelFile, removeStaleGenerations } from './read-model.files.js';
import { ReadModelHandle } from './read-model.handle.js';
import { ReadModelSwapper } from './read-model.swapper.js';

export const READ_MODEL = Symbol('READ_MODEL');

@Controller()
export class ReadyController {
  constructor(
    @Inject(Projector) private readonly projector: Projector,
    @Inject(ReadModelHandle) private readonly handle: ReadModelHandle,
  ) {}

  /**
   * 200 only once the projector has caught up with the log and is not stopped on a fault, and no reader
   * has found the read model damaged.
   */
  @Get('ready')
  async ready(@Res() reply: FastifyReply): Promise<void> {
    // The projector stops on a damaged page it writes to like on any other fault; SQLite's words say which.
    const damage =
      this.handle.damage ??
      (this.projector.fault &&
      /disk image is malformed|file is not a database/.test(this.projector.fault.message)
        ? { file: this.handle.file, problem: this.projector.fault.message, since: undefined }
        : undefined);
    const ready = !damage && (await this.projector.isCaughtUp());
    await reply.status(ready ? 200 : 503).send({
      status: damage ? 'read-model-damaged' : ready ? 'ready' : 'catching-up',
      checkpoint: String(this.projector.checkpoint),
      ...(this.projector.fault ? { fault: this.projector.fault } : {}),
      ...(damage ? { readModel: { ...damage, fix: REBUILD_FIX } } : {}),
    });
  }
}

const logger = new Logger('Projector');
const projectorLogger = {
  info: (message: string, fields?: Record<string, unknown>) => logger.log({ ...fields, msg: message }),
  error: (message: string, fields?: Record<string, unknown>) => logger.error({ ...fields, msg: message }),
};

@Global()
@Module({
  controllers: [ReadyController],
  providers: [
    {
      provide: ReadModelHandle,
      inject: [CONFIG],
      useFactory: (config: ClaimtrailConfig) => {
        mkdirSync(config.dataDir, { recursive: true });
        removeStaleGenerations(config.dataDir);
        const { db, file } = openOrReplaceReadModel(config.dataDir, PROJECTIONS, (message) =>
          logger.warn(message),
        );
        return new ReadModelHandle(db, file);
      },
    },
    {
      provide: READ_MODEL,
      inject: [ReadModelHandle],
      useFactory: (handle: ReadModelHandle) => handle.facade,
    },
    {
      provide: Projector,
      inject: [ReadModelHandle, EVENT_STORE],
      useFactory: (handle: ReadModelHandle, store: EventStore) =>
        new Projector(handle.current, store, PROJECTIONS, projectorLogger),
    },
    {
      provide: ReadModelSwapper,
      inject: [CONFIG, ReadModelHandle, Projector, EVENT_STORE],
      useFactory: (
        config: ClaimtrailConfig,
        handle: ReadModelHandle,
        projector: Projector,
        store: EventStore,
      ) =>
        new ReadModelSwapper(
          config.dataDir,
          currentReadModelFile(config.dataDir),
          handle,
          projector,
          store,
          projectorLogger,
        ),
    },
    {
      provide: ClaimsQueries,
      inject: [READ_MODEL],
      useFactory: (db: Database.Database) => new ClaimsQueries(db),
    },
    {
      provide: SourcesQueries,
      inject: [READ_MODEL],
      useFactory: (db: Database.Database) => new SourcesQueries(db),
    },
    {
      provide: AuditQueries,
      inject: [READ_MODEL],
      useFactory: (db: Database.Database) => new AuditQueries(db),
    },
    {
      provide: AuthService,
      inject: [READ_MODEL],
      useFactory: (db: Database.Database) => new AuthService(db),
    },
  ],
  exports: [READ_MODEL, ReadModelHandle, Projector, ClaimsQueries, SourcesQueries, AuditQueries, AuthService],
})
export class ReadModelModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(Projector) private readonly projector: Projector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadModelHandle) private readonly handle: ReadModelHandle,
    @Inject(ReadModelSwapper) private readonly swapper: ReadModelSwapper,
  ) {}

  /**
   * On the first start of an empty store an ADMIN token is created and printed once (as Jupyter prints its
   * token). The projector then catches up before the server listens, so tokens and data are there.
   */
  async onApplicationBootstrap(): Promise<void> {
    const adminToken = await ensureBootstrapAdmin(this.store);
    if (adminToken) {
      process.stdout.write(
        `\nclaimtrail: first start — an ADMIN token was created. Keep it; it is not shown again:\n\n    ${adminToken}\n\n`,
      );
    }
    this.projector.start();
    const head = await this.store.headPosition();
    await this.projector.waitFor(head, 120_000, { giveUpOnFault: true });
    this.swapper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.swapper.stop();
    await this.projector.stop();
    this.handle.current.close();
  }
}
