import { ValidationPipe, type ArgumentMetadata, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { ValidationError } from '../event-sourcing/errors.js';

/** The first failing field, as a dotted path into the input (`citation.url`), with its first message. */
const firstProblem = (errors: readonly ClassValidatorError[], path: string[] = []): { field: string; message: string } | undefined => {
  for (const error of errors) {
    const here = [...path, error.property];
    const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
    if (message) return { field: here.join('.'), message };
    const nested = firstProblem(error.children ?? [], here);
    if (nested) return nested;
  }
  return undefined;
};

/**
 * class-validator on every GraphQL input; a violation is BAD_USER_INPUT naming the field: the bare field for
 * a mutation's `input` (`statement`, `citation.url`), prefixed with the argument's name for any other
 * argument (`filter.tags`).
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // An absent optional argument (filter, orderBy) is valid as it is; GraphQL already checked nullability.
    if (value === null || value === undefined) return value;
    // Parents, contexts and scalar or enum arguments (already coerced by GraphQL) have no class to validate:
    // they skip the base pipe's own async path, because every field resolver with parameters passes each of
    // them through here, once per parent object (B5).
    if (!this.toValidate(metadata)) return this.transformPrimitive(value, metadata);
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof ValidationError && error.field && metadata.data && metadata.data !== 'input') {
        throw new ValidationError(`${metadata.data}.${error.message}`, `${metadata.data}.${error.field}`);
      }
      throw error;
    }
  }
}

export const inputValidationPipe = () =>
  new InputValidationPipe({
    transform: true,
    forbidUnknownValues: false,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const problem = firstProblem(errors);
      return new ValidationError(problem ? `${problem.field}: ${problem.message}` : 'invalid input', problem?.field);
    },
  });
