import { ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../../graphql/graphql.context.js';
import { acceptabilityReason, type Defeater } from '../domain/acceptability-reason.js';
import { isAttackingCounterpoint, isAttackingRelation } from '../domain/claim.attacks.js';
import { isHistoricalRelation } from '../history/claims-at-moment.js';
import type { ClaimView, RelationView } from '../read-model/claim.views.js';
import { ClaimModel } from './claim.model.js';

/**
 * Why a claim has its label, in words (claims/domain/acceptability-reason.ts), from what the claim view
 * already holds: its counterpoints and links, and the claims that attack it, read now or as they stood at the
 * view's moment. GraphQL's own (parent, args, context), like the other per-claim fields (B5).
 */
@Resolver(() => ClaimModel)
export class AcceptabilityReasonResolver {
  @ResolveField(() => String, {
    description:
      'Why the claim has its acceptability, in one sentence: what defeats it, or that nothing does; a retracted claim is OUT because it is no longer an argument',
  })
  async acceptabilityReason(claim: ClaimView, _args: unknown, context: RequestContext): Promise<string> {
    const retracted = claim.status === 'RETRACTED';
    if (retracted)
      return acceptabilityReason({ label: claim.acceptability, retracted, attacked: false, defeaters: [] });
    const [counterpoints, relations] = await Promise.all([
      claim.counterpoints ?? context.loaders.counterpoints.load(claim.id),
      claim.relations ?? context.loaders.relations.load(claim.id),
    ]);
    const incoming = relations.filter(
      (relation) => relation.toId === claim.id && isAttackingRelation(relation.kind),
    );
    const attackerOf = (relation: RelationView) =>
      isHistoricalRelation(relation)
        ? relation.claimAt(relation.fromId)
        : context.loaders.claim.load(relation.fromId);
    const attackers = new Map(
      (await Promise.all(incoming.map(async (relation) => [relation, await attackerOf(relation)] as const)))
        // A retracted claim attacks nothing (docs/architecture.md §3).
        .filter(([, attacker]) => attacker && attacker.status !== 'RETRACTED')
        .map(([relation, attacker]) => [relation.fromId, { relation, statement: attacker!.statement }]),
    );
    const defeaters = claim.defeatedBy.map((id): Defeater => {
      const counterpoint = counterpoints.find((candidate) => candidate.id === id);
      if (counterpoint)
        return { kind: 'counterpoint', id, state: counterpoint.state, text: counterpoint.text };
      const attacker = attackers.get(id);
      if (attacker) {
        return { kind: 'claim', id, relationKind: attacker.relation.kind, statement: attacker.statement };
      }
      return { kind: 'argument', id };
    });
    const attacked =
      attackers.size > 0 || counterpoints.some((counterpoint) => isAttackingCounterpoint(counterpoint.state));
    return acceptabilityReason({ label: claim.acceptability, retracted, attacked, defeaters });
  }
}
