import {
  ValidationPipe,
  type ArgumentMetadata,
  type Type,
  type ValidationError as ClassValidatorError,
} from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidatorOptions } from 'class-validator';
import { ValidationError } from '../event-sourcing/errors.js';

/** The first failing field, as a dotted path into the input (`citation.url`), with its first message. */
const firstProblem = (
  errors: readonly ClassValidatorError[],
  path: string[] = [],
): { field: string; message: string } | undefined => {
  for (const error of errors) {
    const here = [...path, error.property];
    const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
    if (message) return { field: here.join('.'), message };
    const nested = firstProblem(error.children ?? [], here);
    if (nested) return nested;
  }
  return undefined;
};

const toValidationError = (errors: ClassValidatorError[]): ValidationError => {
  const problem = firstProblem(errors);
  return new ValidationError(
    problem ? `${problem.field}: ${problem.message}` : 'invalid input',
    problem?.field,
  );
};

const VALIDATOR_OPTIONS: ValidatorOptions = {
  forbidUnknownValues: false,
  stopAtFirstError: true,
  // The target of an error is the whole input: nothing reads it, and it need not be kept.
  validationError: { target: false },
};

/**
 * An input object as GraphQL hands it to a resolver: a plain object holding only the fields of its input type
 * (GraphQL reserves names starting with `__`), with lists from JSON (no gaps) and no binary values.
 */
const isGraphqlInputObject = (value: unknown): value is object => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
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
      return isGraphqlInputObject(value)
        ? await this.validateInputObject(value, metadata.metatype as Type)
        : await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof ValidationError && error.field && metadata.data && metadata.data !== 'input') {
        throw new ValidationError(`${metadata.data}.${error.message}`, `${metadata.data}.${error.field}`);
      }
      throw error;
    }
  }

  /**
   * The base pipe's work minus what cannot apply to a GraphQL input object: it also walks the value for
   * prototype keys, gaps in arrays and binary values, and the entity once more, which took about a third of
   * the validation of a mutation's input (B6). Same instance out, same errors.
   */
  private async validateInputObject(value: object, metatype: Type): Promise<object> {
    const entity = plainToInstance(metatype, value) as object;
    const errors = await validate(entity, VALIDATOR_OPTIONS);
    if (errors.length > 0) throw toValidationError(errors);
    return entity;
  }
}

export const inputValidationPipe = () =>
  new InputValidationPipe({
    transform: true,
    ...VALIDATOR_OPTIONS,
    exceptionFactory: toValidationError,
  });
