// Every page sets the window title ("<page> — Verbinder") and has one h1. After a navigation
// inside the app, focus moves to that h1 (as a page load would start at the top), so a screen
// reader announces the new page and keyboard users start from its content.
import { type ReactNode, useEffect, useRef } from 'react';
import { Heading1 } from '@utrecht/component-library-react';

let navigated = false;
/** Called by the router when the location changes after the first page. */
export function markNavigated(): void {
  navigated = true;
}

export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Verbinder`;
  }, [title]);
  useEffect(() => {
    if (navigated) heading.current?.focus();
  }, []);
  return (
    <Heading1 ref={heading} tabIndex={-1} className="verbinder-page-title">
      {children ?? title}
    </Heading1>
  );
}
