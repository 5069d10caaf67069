import type { KeyboardEvent } from 'react';

const moves = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

/**
 * Up and down arrows (Home, End) between the items of a list, each of them still a tab stop: a
 * list that changes as it opens (sessões with their items) reads the items from the page each time.
 * Hand-written because the libraries for this (react-aria, Radix roving focus) are not installed
 * and a list of buttons needs no more than this.
 */
export function moveBetweenItems(event: KeyboardEvent, container: HTMLElement | null, itemSelector: string): boolean {
  if (!container || !moves.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return false;
  const items = Array.from(container.querySelectorAll<HTMLElement>(itemSelector)).filter((item) => !item.closest('[hidden]'));
  const index = items.indexOf(event.target as HTMLElement);
  if (index < 0) return false;
  const next =
    event.key === 'Home' ? 0 : event.key === 'End' ? items.length - 1 : event.key === 'ArrowDown' ? index + 1 : index - 1;
  if (next < 0 || next >= items.length) return false;
  event.preventDefault();
  items[next].focus();
  return true;
}
