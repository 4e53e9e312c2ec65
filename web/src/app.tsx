import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, request } from './api.js';
import { ConnectionBanner } from './components/ConnectionBanner.js';
import { ErrorBox, Loading } from './components/ui.js';
import { isClaimId } from './domain.js';
import { ViewerDocument } from './generated/graphql.js';
import { startLive, stopLive, useLive, useLiveStatus, type LiveStatus } from './live.js';
import { ClaimBoard } from './pages/ClaimBoard.js';
import { ClaimPage } from './pages/ClaimPage.js';
import { GraphPage } from './pages/GraphPage.js';
import { MapPage } from './map/MapPage.js';
import { ActivityPage } from './desk/ActivityPage.js';
import { ReviewPage } from './desk/ReviewPage.js';
import { OutlinePage } from './outline/OutlinePage.js';
import { HistoryPage } from './pages/HistoryPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { SignIn } from './pages/SignIn.js';
import { SourceReader } from './pages/SourceReader.js';
import { SourcesPage } from './pages/SourcesPage.js';
import { Link, match, navigate, useLocation } from './router.js';
import { SessionContext, useSession, type Session } from './session.js';
import { getToken, setToken } from './token.js';
import type { Actor, AuditEntry } from './types.js';

const LIVE_WORDS: Record<LiveStatus, string> = {
  off: 'Live updates off',
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  refused: 'Live updates refused',
};

const LiveIndicator = () => {
  const status = useLiveStatus();
  return (
    <span
      class={`live live-${status}`}
      data-live={status}
      title="Changes by others appear without a reload while this says Live"
    >
      <span class="dot" aria-hidden="true" /> {LIVE_WORDS[status]}
    </span>
  );
};

/** Changes made by others, announced politely and shown briefly. */
const LiveToasts = () => {
  const { viewer } = useSession();
  const [toasts, setToasts] = useState<AuditEntry[]>([]);
  useLive((message) => {
    if (message.kind !== 'event' || message.entry.actor.id === viewer.id) return;
    const entry = message.entry;
    setToasts((current) => [...current.slice(-2), entry]);
    setTimeout(
      () => setToasts((current) => current.filter((item) => item.position !== entry.position)),
      8000,
    );
  });
  return (
    <div class="toasts" role="status" aria-live="polite">
      {toasts.map((entry) => (
        <p key={entry.position} class="toast">
          {isClaimId(entry.subjectId) ? (
            <Link href={`/claims/${entry.subjectId}`}>{entry.summary}</Link>
          ) : (
            entry.summary
          )}
        </p>
      ))}
    </div>
  );
};

const NAV = [
  { href: '/claims', text: 'Claims' },
  { href: '/sources', text: 'Sources' },
  { href: '/graph', text: 'Graph' },
  { href: '/review', text: 'Review' },
  { href: '/activity', text: 'Activity' },
];

const Header = () => {
  const { viewer, signOut } = useSession();
  const { pathname } = useLocation();
  return (
    <header class="app-header">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <Link href="/claims" class="brand">
        Claimtrail
      </Link>
      <nav aria-label="Main">
        {NAV.map((item) => (
          <Link
            key={item.href}
            href={item.href}
            aria-current={pathname === item.href || pathname.startsWith(`${item.href}/`) ? 'page' : undefined}
          >
            {item.text}
          </Link>
        ))}
      </nav>
      <div class="header-end">
        <LiveIndicator />
        <span class="viewer" data-testid="viewer">
          Signed in as <strong>{viewer.id}</strong>{' '}
          <span class={`badge role role-${viewer.role}`}>{viewer.role}</span>
        </span>
        <button type="button" class="on-dark" onClick={signOut}>
          Sign out
        </button>
      </div>
    </header>
  );
};

const TITLES: Array<[string, string]> = [
  ['/claims/:id/history', 'History'],
  ['/claims/:id/graph', 'Argument graph'],
  ['/claims/:id/outline', 'Outline'],
  ['/claims/:id', 'Claim'],
  ['/claims', 'Claims'],
  ['/sources/:id', 'Source'],
  ['/sources', 'Sources'],
  ['/graph', 'Argument map'],
  ['/review', 'Review queue'],
  ['/activity', 'Activity'],
];

const Redirect = ({ to }: { to: string }) => {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
};

const Routes = () => {
  const { pathname } = useLocation();
  const route = (pattern: string) => match(pattern, pathname);
  let params: Record<string, string> | undefined;
  if (pathname === '/' || pathname === '/signin' || pathname === '') return <Redirect to="/claims" />;
  if (route('/claims')) return <ClaimBoard />;
  if ((params = route('/claims/:id/history'))) return <HistoryPage key={params['id']} id={params['id']!} />;
  if ((params = route('/claims/:id/outline'))) return <OutlinePage key={params['id']} id={params['id']!} />;
  if ((params = route('/claims/:id/graph'))) return <GraphPage key={params['id']} rootId={params['id']!} />;
  if ((params = route('/claims/:id'))) return <ClaimPage key={params['id']} id={params['id']!} />;
  if (route('/sources')) return <SourcesPage />;
  if ((params = route('/sources/:id'))) return <SourceReader key={params['id']} id={params['id']!} />;
  if (route('/graph')) return <MapPage />;
  if (route('/review')) return <ReviewPage />;
  if (route('/activity')) return <ActivityPage />;
  return <NotFoundPage pathname={pathname} />;
};

const SignedIn = ({ session }: { session: Session }) => {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    const title = TITLES.find(([pattern]) => match(pattern, pathname))?.[1];
    document.title = title ? `${title} · Claimtrail` : 'Page not found · Claimtrail';
    if (first.current) {
      first.current = false;
      return;
    }
    // A new page: start at its top and move focus there, as a full page load would.
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [pathname]);
  return (
    <SessionContext.Provider value={session}>
      <Header />
      <ConnectionBanner />
      <main id="main" ref={main} tabIndex={-1}>
        <Routes />
      </main>
      <LiveToasts />
    </SessionContext.Provider>
  );
};

export const App = () => {
  const [viewer, setViewer] = useState<Actor | undefined>();
  const [checking, setChecking] = useState(() => getToken() !== null);
  const [notice, setNotice] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>();

  const signOut = (message?: string) => {
    setToken(null);
    stopLive();
    setViewer(undefined);
    setNotice(message);
  };

  const check = () => {
    const token = getToken();
    if (!token) return;
    setChecking(true);
    setFailure(undefined);
    request(ViewerDocument, undefined, token).then(
      (data) => {
        setViewer(data.viewer);
        setChecking(false);
        startLive(token);
      },
      (error: unknown) => {
        setChecking(false);
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED')
          signOut('Your token is no longer accepted. Sign in again.');
        else setFailure(error);
      },
    );
  };
  useEffect(check, []);
  useEffect(() => () => stopLive(), []);

  if (checking) return <Loading what="Signing in" />;
  if (failure) {
    return (
      <main id="main" class="signin">
        <ErrorBox error={failure}>
          <p>Claimtrail could not check your sign-in.</p>
        </ErrorBox>
        <button type="button" onClick={check}>
          Try again
        </button>{' '}
        <button type="button" onClick={() => signOut()}>
          Sign in with another token
        </button>
        <p class="visually-hidden">{describeError(failure)}</p>
      </main>
    );
  }
  if (!viewer) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(token, actor, remember) => {
          setToken(token, { remember });
          setViewer(actor);
          setNotice(undefined);
          startLive(token);
        }}
      />
    );
  }
  return <SignedIn session={{ viewer, signOut: () => signOut('You have signed out.') }} />;
};
