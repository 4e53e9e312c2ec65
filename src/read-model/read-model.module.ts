import {
  Controller,
  Get,
  Global,
  Inject,
  Logger,
  Module,
  Res,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { mkdirSync } from 'node:fs';
import { CONFIG, type ClaimtrailConfig } from '../config.js';
import { EVENT_STORE, type EventStore } from '../event-sourcing/event-store.js';
import type { Projection } from './projection.js';
import { Projector } from './projector.js';
import { DataDirLock } from './data-dir-lock.js';
import { REBUILD_FIX, setAsideIfDamaged } from './read-model-damage.js';
import { currentReadModelFile } from './read-model.files.js';
import { ReadModelHandle } from './read-model.handle.js';
import { ReadModelSwapper } from './read-model.swapper.js';
import { openReadModelFor } from './open-read-model.js';

/** The read model's database, as queries see it: always the current generation (see ReadModelHandle). */
export const READ_MODEL = Symbol('READ_MODEL');
/** The projections of this instance's read model, in order: given by the composition root (src/projections.ts). */
export const READ_MODEL_PROJECTIONS = Symbol('READ_MODEL_PROJECTIONS');

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
        ? { file: this.handle.file, problem: this.projector.fault.message }
        : undefined);
    const ready = !damage && (await this.projector.isCaughtUp());
    const storeFault = this.projector.storeFault;
    await reply.status(ready ? 200 : 503).send({
      status: ready
        ? 'ready'
        : damage
          ? 'read-model-damaged'
          : storeFault
            ? 'store-unavailable'
            : 'catching-up',
      checkpoint: String(this.projector.checkpoint),
      ...(this.projector.fault ? { fault: this.projector.fault } : {}),
      ...(storeFault ? { store: storeFault } : {}),
      ...(damage ? { readModel: { ...damage, fix: REBUILD_FIX } } : {}),
    });
  }
}

const logger = new Logger('Projector');
const projectorLogger = {
  info: (message: string, fields?: Record<string, unknown>) => logger.log({ ...fields, msg: message }),
  error: (message: string, fields?: Record<string, unknown>) => logger.error({ ...fields, msg: message }),
};

/**
 * The read side of one instance: its read model, the projector that feeds it, and the swapper that moves it
 * to a rebuilt generation. Features bring their projections through `forRoot` (the composition root lists
 * them) and provide their own query classes over the `READ_MODEL` token.
 */
@Global()
@Module({})
export class ReadModelModule implements OnApplicationBootstrap, OnApplicationShutdown {
  static forRoot(projections: readonly Projection[]): DynamicModule {
    return {
      module: ReadModelModule,
      controllers: [ReadyController],
      providers: [
        { provide: READ_MODEL_PROJECTIONS, useValue: projections },
        {
          provide: DataDirLock,
          inject: [CONFIG],
          useFactory: (config: ClaimtrailConfig) => {
            mkdirSync(config.dataDir, { recursive: true });
            return DataDirLock.acquire(config.dataDir);
          },
        },
        {
          provide: ReadModelHandle,
          // The lock first: nothing in the directory is touched before this server owns it.
          inject: [CONFIG, EVENT_STORE, DataDirLock],
          useFactory: async (config: ClaimtrailConfig, store: EventStore) => {
            // A string: the Nest logger prints an object given to warn() as [object Object].
            setAsideIfDamaged(config.dataDir, (message) => logger.warn(message));
            return new ReadModelHandle(
              await openReadModelFor(config.dataDir, store, projections, projectorLogger),
              currentReadModelFile(config.dataDir),
            );
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
            new Projector(handle.current, store, projections, projectorLogger),
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
              projections,
              projectorLogger,
            ),
        },
      ],
      exports: [READ_MODEL, READ_MODEL_PROJECTIONS, ReadModelHandle, Projector],
    };
  }

  constructor(
    @Inject(Projector) private readonly projector: Projector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadModelHandle) private readonly handle: ReadModelHandle,
    @Inject(ReadModelSwapper) private readonly swapper: ReadModelSwapper,
    @Inject(DataDirLock) private readonly lock: DataDirLock,
  ) {}

  /** The projector catches up before the server listens, so tokens and data are there. */
  async onApplicationBootstrap(): Promise<void> {
    this.projector.start();
    const head = await this.store.headPosition();
    await this.projector.waitFor(head, 120_000, { giveUpOnFault: true });
    this.swapper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.swapper.stop();
    await this.projector.stop();
    this.handle.current.close();
    this.lock.release();
  }
}
