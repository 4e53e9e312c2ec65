import { Catch, type ArgumentsHost } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';

/**
 * Hands every resolver error to the GraphQL error formatter unchanged, which maps it to
 * `extensions.code` and logs only what is internal (Nest would otherwise log every domain error).
 */
@Catch()
export class PassThroughFilter implements GqlExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): unknown {
    return exception;
  }
}
