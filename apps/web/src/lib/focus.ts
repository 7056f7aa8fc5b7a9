import { type RefObject, useEffect, useRef } from 'react';

/**
 * A ref to the element that takes focus when it appears: the heading of a step opened in place,
 * a banner that says what was just done. Keyboard and screen reader users start from it.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/**
 * Gives focus to an element (by its ref, or its id) once what is on screen has changed, after the
 * next paint: back to the button that opened a step in place once the step has gone, or to a
 * message that says what was just done.
 */
export function focusLater(target: string | RefObject<HTMLElement | null>): void {
  requestAnimationFrame(() => {
    const element = typeof target === 'string' ? document.getElementById(target) : target.current;
    element?.focus();
  });
}
