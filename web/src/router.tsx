import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** A tiny History-API router: the server answers every client route with index.html (src/web/web.module.ts). */
export interface Location {
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

const listeners = new Set<(location: Location) => void>();

const read = (): Location => ({
  pathname: window.location.pathname,
  search: window.location.search,
  hash: window.location.hash,
});

const notify = () => {
  const location = read();
  for (const listener of listeners) listener(location);
};

window.addEventListener('popstate', notify);

export const navigate = (to: string, options: { replace?: boolean } = {}): void => {
  if (to === window.location.pathname + window.location.search + window.location.hash) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
};

export const useLocation = (): Location => {
  const [location, setLocation] = useState(read);
  useEffect(() => {
    listeners.add(setLocation);
    // A navigation between this render and the subscription (e.g. a child's redirect effect) is not lost.
    const now = read();
    setLocation((previous) =>
      previous.pathname === now.pathname && previous.search === now.search && previous.hash === now.hash
        ? previous
        : now,
    );
    return () => void listeners.delete(setLocation);
  }, []);
  return location;
};

/** A real link (works with middle click, copy link, no JavaScript) that navigates in place on a plain click. */
interface LinkProps {
  readonly href: string;
  readonly children: ComponentChildren;
  readonly class?: string;
  readonly 'aria-current'?: 'page' | 'step' | undefined;
  readonly 'aria-label'?: string;
}

export const Link = ({ href, children, ...rest }: LinkProps) => (
  <a
    href={href}
    {...rest}
    onClick={(event) => {
      if (
        event.defaultPrevented ||
        event.button !== 0 ||
        event.metaKey ||
        event.ctrlKey ||
        event.shiftKey ||
        event.altKey
      )
        return;
      event.preventDefault();
      navigate(href);
    }}
  >
    {children}
  </a>
);

/** Matches `/claims/:id/history` style patterns; returns the named segments or undefined. */
export const match = (pattern: string, pathname: string): Record<string, string> | undefined => {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < want.length; index++) {
    const segment = want[index]!;
    if (segment.startsWith(':')) params[segment.slice(1)] = decodeURIComponent(have[index]!);
    else if (segment !== have[index]) return undefined;
  }
  return params;
};
