/** The shape of every aggregate: pure functions, no I/O, no clock, no randomness. */
export interface Decider<Command, Event, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): readonly Event[];
  /**
   * Optional: the state of a whole stream from the initial state, equal to folding `evolve`, but free to
   * build it in place. `evolve` returns a fresh state per event, which makes folding a long stream
   * quadratic in copies.
   */
  fold?(events: Iterable<Event>): State;
  /**
   * Optional: the editorial reason an event records (a retraction's reason, an assessment's rationale),
   * taken from the decided event itself, so the audit trail shows exactly what the event holds. Stored as
   * the `reason` of its metadata; null or absent for events that need none.
   */
  reasonOf?(event: Event): string | null;
}

/** A domain event as deciders see it: `{ type, data }`. Metadata travels beside it. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export const fold = <Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState' | 'fold'>,
  events: Iterable<Event>,
): State => {
  if (decider.fold) return decider.fold(events);
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
};
