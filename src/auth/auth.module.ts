import { Global, Inject, Module, type OnModuleInit } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EVENT_STORE, type EventStore } from '../event-sourcing/event-store.js';
import { READ_MODEL } from '../read-model/read-model.module.js';
import { AuthService } from './auth.service.js';
import { ViewerResolver } from './graphql/viewer.resolver.js';
import { ensureBootstrapAdmin } from './token-admin.js';

/** Bearer tokens: who a request acts as (AuthService, over the tokens read model) and `viewer`. */
@Global()
@Module({
  providers: [
    {
      provide: AuthService,
      inject: [READ_MODEL],
      useFactory: (db: Database.Database) => new AuthService(db),
    },
    ViewerResolver,
  ],
  exports: [AuthService],
})
export class AuthModule implements OnModuleInit {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The ADMIN token created on this first start of an empty store; main.ts prints it in its banner. */
  firstStartAdminToken: string | undefined;

  /**
   * On the first start of an empty store an ADMIN token is created, to be printed once (as Jupyter prints
   * its token) in the start-up banner, apart from the logs. Module init runs before the read model's
   * bootstrap, which catches up with it before the server listens, so the token works from the first request.
   */
  async onModuleInit(): Promise<void> {
    this.firstStartAdminToken = await ensureBootstrapAdmin(this.store);
  }
}
