import '../desk.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { retryLiveNow, useLive, useLiveRetryAt, useLiveStatus } from '../live.js';

/**
 * Says so while the server cannot be reached, counts down to the next attempt with a "Retry now" button,
 * and, once the connection is back (pages refetch on the resync), says that too for a few seconds.
 */
export const ConnectionBanner = () => {
  const status = useLiveStatus();
  const retryAt = useLiveRetryAt();
  const [now, setNow] = useState(Date.now());
  const [back, setBack] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (status !== 'reconnecting') return;
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, [status]);
  useLive((message) => {
    if (message.kind !== 'resync') return;
    setBack(true);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setBack(false), 4000);
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  if (status === 'reconnecting') {
    const seconds = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : 0;
    return (
      <div
        class="connection-banner offline"
        role="alert"
        data-testid="connection-banner"
        data-state="offline"
      >
        <span>
          The server cannot be reached; changes by others are not coming in.{' '}
          {retryAt ? `Trying again in ${seconds} s.` : 'Trying again…'}
        </span>{' '}
        <button type="button" onClick={retryLiveNow}>
          Retry now
        </button>
      </div>
    );
  }
  if (back && status === 'live')
    return (
      <div class="connection-banner online" role="status" data-testid="connection-banner" data-state="back">
        Connected again: the page has been brought up to date.
      </div>
    );
  return null;
};
