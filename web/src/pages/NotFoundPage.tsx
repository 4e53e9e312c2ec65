import { Link } from '../router.js';

/** What an unknown address shows: where you are, and the ways back. */
export const NotFoundPage = ({ pathname }: { pathname: string }) => (
  <article class="not-found" data-testid="not-found">
    <h1 tabIndex={-1}>Page not found</h1>
    <p>
      There is no page at <code>{pathname}</code>. It may have been mistyped, or the link that brought you
      here is out of date.
    </p>
    <ul>
      <li>
        <Link href="/claims">All claims</Link>
      </li>
      <li>
        <Link href="/graph">The argument map</Link>
      </li>
      <li>
        <Link href="/review">The review queue</Link>
      </li>
      <li>
        <Link href="/activity">Recent activity</Link>
      </li>
    </ul>
  </article>
);
