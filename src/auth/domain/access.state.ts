import type { Actor, Role } from '../../event-sourcing/metadata.js';
import type { AccessEvent } from './access.events.js';

interface GrantedToken {
  readonly tokenId: string;
  readonly actorId: string;
  readonly role: Role;
  readonly tokenHash: string;
  readonly grantedAt: string;
  readonly grantedBy: Actor;
}

export type AccessState =
  | { readonly status: 'none' }
  | ({ readonly status: 'active' } & GrantedToken)
  | ({
      readonly status: 'revoked';
      readonly revokedAt: string;
      readonly revokedBy: Actor;
      readonly revokeReason: string | null;
    } & GrantedToken);

export const initialAccessState = (): AccessState => ({ status: 'none' });

export const evolveAccess = (state: AccessState, event: AccessEvent): AccessState => {
  switch (event.type) {
    case 'TokenGranted': {
      const { at, by, ...token } = event.data;
      return { status: 'active', ...token, grantedAt: at, grantedBy: by };
    }
    case 'TokenRevoked': {
      if (state.status !== 'active') return state;
      return {
        ...state,
        status: 'revoked',
        revokedAt: event.data.at,
        revokedBy: event.data.by,
        revokeReason: event.data.reason,
      };
    }
    default: {
      const unexpected: never = event;
      throw new Error(`unknown access event ${String((unexpected as { type: unknown }).type)}`);
    }
  }
};
