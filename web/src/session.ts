import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import {
  COUNTERPOINT_RESOLUTIONS,
  holdsPermit,
  isOwnerOrEditor,
  REOPEN_PERMITS,
  RESOLVE_PERMITS,
  roleAtLeast,
} from './domain.js';
import type { Actor, CounterpointResolution, CounterpointState, Role } from './types.js';

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

/**
 * What the role and the ownership rules allow on a claim and its parts (docs/architecture.md §4, the rules
 * from the domain itself); the server checks again, this only hides what would fail.
 */
export const permissions = (viewer: Actor, claim: { readonly createdBy: Actor; readonly status: string }) => {
  const live = claim.status !== 'RETRACTED';
  const analyst = atLeast(viewer, 'ANALYST');
  const editor = atLeast(viewer, 'EDITOR');
  const owns = (owner: Actor) => analyst && isOwnerOrEditor(viewer, owner);
  return {
    revise: live && owns(claim.createdBy),
    tag: live && analyst,
    attachEvidence: live && analyst,
    withdrawEvidence: (evidence: { readonly addedBy: Actor }) => owns(evidence.addedBy),
    raiseCounterpoint: live && analyst,
    /** The resolutions the viewer may give an open counterpoint: answering is anyone's, conceding the proposer's. */
    resolutions: COUNTERPOINT_RESOLUTIONS.filter((resolution: CounterpointResolution) =>
      holdsPermit(RESOLVE_PERMITS[resolution], viewer, claim.createdBy),
    ),
    reopen: (counterpoint: { readonly state: CounterpointState; readonly raisedBy: Actor }) =>
      live && holdsPermit(REOPEN_PERMITS[counterpoint.state], viewer, counterpoint.raisedBy),
    link: live && analyst,
    unlink: (relation: { readonly linkedBy: Actor }) => owns(relation.linkedBy),
    assess: live && editor,
    retract: live && owns(claim.createdBy),
  };
};

export type Permissions = ReturnType<typeof permissions>;

/** For read-only views (a claim as it stood in the past). */
export const NO_PERMISSIONS: Permissions = {
  revise: false,
  tag: false,
  attachEvidence: false,
  withdrawEvidence: () => false,
  raiseCounterpoint: false,
  resolutions: [],
  reopen: () => false,
  link: false,
  unlink: () => false,
  assess: false,
  retract: false,
};
