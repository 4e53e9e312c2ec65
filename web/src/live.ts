import { createClient, type Client } from 'graphql-ws';
import { useEffect, useRef, useState } from 'preact/hooks';
import { GRAPHQL_PATH } from './api.js';
import { LiveAuditEventsDocument } from './generated/graphql.js';
import type { AuditEntry } from './types.js';

/**
 * One graphql-ws connection per signed-in tab, subscribed to every audit event. Pages listen and refetch
 * what they show; after a reconnect they are told to resync, since events may have been missed meanwhile.
 */
export type LiveStatus = 'off' | 'connecting' | 'live' | 'reconnecting' | 'refused';
export type LiveMessage =
  { readonly kind: 'event'; readonly entry: AuditEntry } | { readonly kind: 'resync' };

type Listener<T> = (value: T) => void;

/** graphql-ws close codes for a refused connection_init (Unauthorized, Forbidden). */
const REFUSED = new Set([4401, 4403]);

const messageListeners = new Set<Listener<LiveMessage>>();
const statusListeners = new Set<Listener<LiveStatus>>();
let status: LiveStatus = 'off';
let client: Client | undefined;
let stopSubscription: (() => void) | undefined;

/**
 * Back-off between reconnection attempts: 0.5 s, 1 s, then every 2 s (with a little jitter so tabs do not
 * all knock at once). Short on purpose: the socket attempt costs nothing while the server is down, and
 * people should see the app come back within moments of the server. `retryLiveNow()` cuts a wait short.
 */
export const retryDelayMs = (retries: number): number => Math.min(500 * 2 ** retries, 2000);

let retryAt: number | undefined;
let wakeRetry: (() => void) | undefined;
const retryListeners = new Set<Listener<number | undefined>>();

const setRetryAt = (at: number | undefined) => {
  retryAt = at;
  for (const listener of retryListeners) listener(at);
};

const waitToRetry = (retries: number) =>
  new Promise<void>((resolve) => {
    const delay = retryDelayMs(retries) + Math.random() * 250;
    const done = () => {
      clearTimeout(timer);
      wakeRetry = undefined;
      setRetryAt(undefined);
      resolve();
    };
    const timer = setTimeout(done, delay);
    wakeRetry = done;
    setRetryAt(Date.now() + delay);
  });

/** Reconnect now instead of waiting out the back-off (the "Retry now" button). */
export const retryLiveNow = (): void => wakeRetry?.();

/** When the next reconnection attempt is due (epoch ms), while one is waiting. */
export const useLiveRetryAt = (): number | undefined => {
  const [current, setCurrent] = useState(retryAt);
  useEffect(() => {
    retryListeners.add(setCurrent);
    setCurrent(retryAt);
    return () => void retryListeners.delete(setCurrent);
  }, []);
  return current;
};

const setStatus = (next: LiveStatus) => {
  status = next;
  for (const listener of statusListeners) listener(next);
};

const emit = (message: LiveMessage) => {
  for (const listener of messageListeners) listener(message);
};

const socketUrl = (): string => {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
};

export const startLive = (token: string): void => {
  stopLive();
  let connections = 0;
  setStatus('connecting');
  const self: Client = createClient({
    url: socketUrl(),
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    keepAlive: 20_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    // Retry after network trouble and server restarts, but not when the server refused the token.
    shouldRetry: (event) =>
      !(
        typeof event === 'object' &&
        event !== null &&
        'code' in event &&
        REFUSED.has((event as { code: number }).code)
      ),
    retryWait: (retries) => waitToRetry(retries),
    onNonLazyError: () => {
      if (client === self) setStatus('refused');
    },
    on: {
      connected: () => {
        if (client !== self) return;
        connections += 1;
        setStatus('live');
        if (connections > 1) emit({ kind: 'resync' });
      },
      closed: (event) => {
        if (client !== self) return;
        const code =
          typeof event === 'object' && event !== null && 'code' in event
            ? (event as { code: number }).code
            : 0;
        setStatus(REFUSED.has(code) ? 'refused' : connections > 0 ? 'reconnecting' : 'connecting');
      },
    },
  });
  client = self;
  stopSubscription = self.subscribe<{ auditEvents: AuditEntry }>(
    { query: LiveAuditEventsDocument.toString() },
    {
      next: (result) => {
        if (result.data?.auditEvents) emit({ kind: 'event', entry: result.data.auditEvents });
      },
      error: () => {
        if (client === self) setStatus('refused');
      },
      complete: () => undefined,
    },
  );
};

export const stopLive = (): void => {
  const closing = client;
  client = undefined;
  stopSubscription?.();
  stopSubscription = undefined;
  void closing?.dispose();
  wakeRetry = undefined;
  setRetryAt(undefined);
  setStatus('off');
};

export const useLiveStatus = (): LiveStatus => {
  const [current, setCurrent] = useState(status);
  useEffect(() => {
    statusListeners.add(setCurrent);
    setCurrent(status);
    return () => void statusListeners.delete(setCurrent);
  }, []);
  return current;
};

/** Calls `onMessage` (latest closure) for every live message while the component is mounted. */
export const useLive = (onMessage: (message: LiveMessage) => void): void => {
  const latest = useRef(onMessage);
  latest.current = onMessage;
  useEffect(() => {
    const listener = (message: LiveMessage) => latest.current(message);
    messageListeners.add(listener);
    return () => void messageListeners.delete(listener);
  }, []);
};

/**
 * Refetch (debounced) when a live event passes `relevant`, or after a reconnect. Several events of one
 * mutation arrive together; one refetch covers them.
 */
export const useLiveRefetch = (
  refetch: () => void,
  relevant: (entry: AuditEntry) => boolean = () => true,
  delayMs = 150,
): void => {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLive((message) => {
    if (message.kind === 'event' && !relevant(message.entry)) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(refetch, delayMs);
  });
};
