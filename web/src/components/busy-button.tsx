// A button whose action is under way: it says so (busy, aria-disabled) but stays enabled and
// focused, since a disabled button drops keyboard focus to the top of the page; a second press
// while busy does nothing (for a submit button, the form is not sent again).
import type { ComponentProps } from 'react';
import { Button } from '@utrecht/component-library-react';

export function BusyButton({ busy, onClick, ...props }: ComponentProps<typeof Button> & { busy: boolean }) {
  return (
    <Button
      {...props}
      busy={busy}
      aria-disabled={busy || undefined}
      onClick={(event) => {
        if (busy) event.preventDefault();
        else onClick?.(event);
      }}
    />
  );
}
