import { Inject, Injectable } from '@nestjs/common';
import { reachableClaims } from '../domain/reachable-claims.js';
import type { RelationView } from '../read-model/claim.views.js';
import { parseAsOf } from './claim-at.service.js';
import { ClaimsAtMoment } from './claims-at-moment.js';
import type { HistoricalClaimView } from './historical-claim.view.js';
import { HISTORY_READER, type HistoryReader } from './history.reader.js';

export interface ArgumentGraphView {
  readonly nodes: readonly HistoricalClaimView[];
  readonly edges: readonly RelationView[];
  readonly asOf: string | null;
}

/**
 * `argumentGraph(rootId, depth, asOf)`: the graph as it stood at `asOf`, folded from the claim events of the
 * log up to the last position recorded by then. Labels are computed over the whole graph of that moment; the
 * nodes are the live claims within `depth` links of the root (every live claim without one).
 */
@Injectable()
export class GraphAtService {
  constructor(@Inject(HISTORY_READER) private readonly reader: HistoryReader) {}

  async graphAt(rootId: string | null, depth: number, asOf: string): Promise<ArgumentGraphView> {
    const position = await this.reader.positionAt(parseAsOf(asOf));
    if (position === 0n) return { nodes: [], edges: [], asOf };
    const moment = new ClaimsAtMoment(this.reader, { position });
    if (!rootId) await moment.everyClaim();
    const graph = await moment.graphState();
    const ids = rootId
      ? await reachableClaims(
          rootId,
          depth,
          (frontier) => graph.linkedTo(frontier),
          (claimIds) => claimIds.filter((claimId) => graph.isLive(claimId)),
        )
      : graph.liveClaimIds();
    const inGraph = new Set(ids);
    const nodes = await moment.claims(ids);
    const edges = ids
      .flatMap((id) => graph.linksFrom(id).filter((relation) => inGraph.has(relation.toClaimId)))
      .sort((left, right) => (left.position < right.position ? -1 : left.position > right.position ? 1 : 0))
      .map((relation) => moment.relationView(relation));
    return { nodes, edges, asOf };
  }
}
