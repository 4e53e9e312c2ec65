import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { roleAtLeast } from './domain.js';
import type { Actor, Role } from './types.js';

export interface Session {
  readonly viewer: Actor;
  readonly signOut: () => void;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export const useSession = (): Session => {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
};

export const atLeast = (actor: Actor, role: Role): boolean => roleAtLeast(actor.role, role);

/** What the role allows on a claim (docs/architecture.md §4); the server checks again, this only hides what would fail. */
export const permissions = (viewer: Actor, claim: { readonly createdBy: Actor; readonly status: string }) => {
  const live = claim.status !== 'RETRACTED';
  const analyst = atLeast(viewer, 'ANALYST');
  const editor = atLeast(viewer, 'EDITOR');
  const own = claim.createdBy.id === viewer.id;
  return {
    revise: live && (editor || (analyst && own)),
    tag: live && analyst,
    attachEvidence: live && analyst,
    withdrawEvidence: analyst,
    raiseCounterpoint: live && analyst,
    respond: analyst,
    link: live && analyst,
    unlink: analyst,
    assess: live && editor,
    retract: live && (editor || (analyst && own)),
  };
};

export type Permissions = ReturnType<typeof permissions>;

/** For read-only views (a claim as it stood in the past). */
export const NO_PERMISSIONS: Permissions = {
  revise: false,
  tag: false,
  attachEvidence: false,
  withdrawEvidence: false,
  raiseCounterpoint: false,
  respond: false,
  link: false,
  unlink: false,
  assess: false,
  retract: false,
};
