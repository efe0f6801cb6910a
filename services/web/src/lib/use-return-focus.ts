import { useEffect, useRef } from 'react';

/**
 * For a button that opens an inline confirmation in its place: when the confirmation closes, the
 * focus goes back to the button instead of falling to the page's top.
 */
export function useReturnFocus<T extends HTMLElement>(open: boolean) {
  const ref = useRef<T>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) ref.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return ref;
}
