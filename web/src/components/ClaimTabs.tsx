import { Link, useLocation } from '../router.js';

/** Overview / History / Graph / Outline of one claim, as links (each is its own URL). */
export const ClaimTabs = ({ id }: { id: string }) => {
  const { pathname } = useLocation();
  const tabs = [
    { href: `/claims/${id}`, text: 'Overview' },
    { href: `/claims/${id}/history`, text: 'History' },
    { href: `/claims/${id}/graph`, text: 'Argument graph' },
    { href: `/claims/${id}/outline`, text: 'Outline' },
  ];
  return (
    <nav class="tabs" aria-label="Claim views">
      {tabs.map((tab) => (
        <Link key={tab.href} href={tab.href} aria-current={pathname === tab.href ? 'page' : undefined}>
          {tab.text}
        </Link>
      ))}
    </nav>
  );
};
