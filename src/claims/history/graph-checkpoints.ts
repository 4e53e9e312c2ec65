import { ArgumentGraphState } from './argument-graph.state.js';
import type { GraphEvent } from './graph-event.js';

/** The graph events after one position, up to another (inclusive), in log order. */
export type GraphEventsBetween = (afterPosition: bigint, toPosition: bigint) => Promise<GraphEvent[]>;

/**
 * The whole argument graph at any position, folded on from a checkpoint rather than from the start of the log.
 *
 * The log up to a committed position never changes (append-only; positions are only ever asked about once
 * they are committed), so a graph folded up to a position is right for as long as the log exists. Nothing
 * here depends on a read model, so a rebuilt or swapped read model changes nothing; a reader keeps its own
 * checkpoints, so they are per store. Checkpoints sit at multiples of `spacing` and are made when first
 * needed, folded on from the nearest one below; beyond `kept` the least recently used is dropped, so memory
 * stays a few graphs (which share the claims that did not change between them).
 */
export class GraphCheckpoints {
  /** Least recently used first. */
  private readonly checkpoints = new Map<bigint, Promise<ArgumentGraphState>>();

  constructor(
    private readonly between: GraphEventsBetween,
    private readonly spacing = 8_192n,
    private readonly kept = 2,
  ) {}

  /** A graph of its own (labels and all) for the caller: the checkpoint it started from is left as it was. */
  async at(position: bigint): Promise<ArgumentGraphState> {
    const base = position - (position % this.spacing);
    const checkpoint = base > 0n ? await this.checkpoint(base) : undefined;
    return ArgumentGraphState.fold(await this.between(base, position), checkpoint);
  }

  private checkpoint(base: bigint): Promise<ArgumentGraphState> {
    const graph = this.checkpoints.get(base) ?? this.make(base);
    this.checkpoints.delete(base);
    this.checkpoints.set(base, graph);
    for (const oldest of this.checkpoints.keys()) {
      if (this.checkpoints.size <= this.kept) break;
      this.checkpoints.delete(oldest);
    }
    return graph;
  }

  private make(base: bigint): Promise<ArgumentGraphState> {
    let below = 0n;
    for (const position of this.checkpoints.keys()) if (position < base && position > below) below = position;
    const earlier = this.checkpoints.get(below) ?? Promise.resolve(undefined);
    const graph = earlier.then(async (state) =>
      ArgumentGraphState.fold(await this.between(below, base), state),
    );
    // A failed read is not kept: the next request tries again.
    graph.catch(() => {
      if (this.checkpoints.get(base) === graph) this.checkpoints.delete(base);
    });
    return graph;
  }
}
