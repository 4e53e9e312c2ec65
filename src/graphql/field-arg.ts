import { Args, PARAM_ARGS_METADATA, type ArgsOptions } from '@nestjs/graphql';
import 'reflect-metadata';

/**
 * A scalar or enum argument of a field resolver that takes GraphQL's own `(parent, args, context)`: put once
 * per argument on the `args` parameter. The schema gets the argument exactly as `@Args(name, options)` declares
 * it; Nest does not bind the parameter. A field resolver without bound parameters is handed to GraphQL as it
 * is, while one with any goes through Nest's per-call pipeline of pipes and promises, which for
 * `Claim.evidence` ran for every claim of a page (B5). Nothing validates such an argument but GraphQL's own
 * coercion, so input objects, which the validation pipe must see, keep `@Args`.
 */
export const FieldArg =
  (name: string, options: ArgsOptions & Required<Pick<ArgsOptions, 'type'>>): ParameterDecorator =>
  (target, method, index) => {
    if (method === undefined)
      throw new Error(`@FieldArg('${name}') belongs on a resolver method's parameter`);
    const bound: unknown = Reflect.getOwnMetadata(PARAM_ARGS_METADATA, target.constructor, method);
    Args(name, options)(target, method, index);
    if (bound === undefined) Reflect.deleteMetadata(PARAM_ARGS_METADATA, target.constructor, method);
    else Reflect.defineMetadata(PARAM_ARGS_METADATA, bound, target.constructor, method);
  };
