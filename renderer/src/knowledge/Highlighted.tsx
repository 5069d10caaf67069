import type { ReactNode } from 'react';

const markers = /(<mark>|<\/mark>)/;

/**
 * A search snippet: plain text whose only markup is the literal <mark>…</mark> around matched
 * words. Split into text nodes and <mark> elements, so anything else in it stays text.
 */
export function Highlighted({ text }: { text: string }) {
  const nodes: ReactNode[] = [];
  let marked = false;
  text.split(markers).forEach((part, index) => {
    if (part === '<mark>') marked = true;
    else if (part === '</mark>') marked = false;
    else if (part) nodes.push(marked ? <mark key={index}>{part}</mark> : part);
  });
  return <>{nodes}</>;
}
