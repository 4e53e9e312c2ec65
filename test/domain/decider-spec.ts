import { expect } from '@jest/globals';
import { fold } from '../../src/event-sourcing/decider.js';
import type { Decider } from '../../src/event-sourcing/decider.js';

/**
 * Given/when/then for deciders, after Emmett's DeciderSpecification:
 * `spec(decider).given(events).when(command).then(events)` or `.thenThrows(ErrorClass, expected)`.
 * State and events are frozen first, so a decider or evolve that mutates its input fails loudly.
 */

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/** A part of the message, or the message and the error's own fields (e.g. `field` of a ValidationError). */
export type ExpectedError =
  string | { readonly message?: string | RegExp; readonly [property: string]: unknown };

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const property of Object.values(value)) deepFreeze(property);
  }
  return value;
};

const checkError = <E extends Error>(
  thrown: unknown,
  errorClass: ErrorClass<E>,
  expected?: ExpectedError,
): void => {
  expect(thrown).toBeInstanceOf(errorClass);
  const error = thrown as E;
  if (expected === undefined) return;
  if (typeof expected === 'string') {
    expect(error.message).toContain(expected);
    return;
  }
  const { message, ...properties } = expected;
  if (typeof message === 'string') expect(error.message).toContain(message);
  if (message instanceof RegExp) expect(error.message).toMatch(message);
  expect(error).toMatchObject(properties);
};

export const spec = <Command, Event, State>(decider: Decider<Command, Event, State>) => ({
  given: (events: readonly Event[]) => {
    const state = (): State => deepFreeze(fold(decider, deepFreeze(structuredClone(events))));
    return {
      when: (command: Command) => {
        const decide = (): readonly Event[] => decider.decide(deepFreeze(command), state());
        return {
          then: (expected: readonly Event[]): void => {
            expect(decide()).toEqual(expected);
          },
          thenThrows: <E extends Error>(errorClass: ErrorClass<E>, expected?: ExpectedError): void => {
            let thrown: unknown;
            try {
              decide();
            } catch (error) {
              thrown = error;
            }
            if (thrown === undefined)
              throw new Error(`expected ${errorClass.name} to be thrown, but decide succeeded`);
            checkError(thrown, errorClass, expected);
          },
        };
      },
    };
  },
});
