// A link inside the app: the router's link (no page load) with NL Design System's link style.
import type { ReactNode } from 'react';
import { Link } from 'wouter';

export function AppLink({ href, children, className, current }: { href: string; children: ReactNode; className?: string; current?: boolean }) {
  return (
    <Link
      href={href}
      className={['utrecht-link', 'utrecht-link--html-a', className].filter(Boolean).join(' ')}
      aria-current={current ? 'page' : undefined}
    >
      {children}
    </Link>
  );
}
