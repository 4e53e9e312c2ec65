import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { CONFIG, type ClaimtrailConfig } from '../config.js';
import { EVENT_STORE, type EventStore } from '../event-sourcing/event-store.js';
import { openEventStore, type EventStoreOptions } from './event-store.factory.js';

@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  static forRoot(options: EventStoreOptions): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [CONFIG],
          useFactory: (config: ClaimtrailConfig) => openEventStore(config, options),
        },
      ],
      exports: [EVENT_STORE],
    };
  }

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
