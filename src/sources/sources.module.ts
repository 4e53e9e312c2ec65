import { Module } from '@nestjs/common';
import { RegisterSourceHandler } from './commands/register-source.handler.js';
import { SourcesResolver } from './graphql/sources.resolver.js';

@Module({ providers: [RegisterSourceHandler, SourcesResolver] })
export class SourcesModule {}
