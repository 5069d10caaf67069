import { useLayoutEffect, useRef } from 'react';
import './rich-text.css';

interface RichTextProps {
  html: string;
  className?: string;
}

/**
 * Rich text written in Administração (informations, scripts, notices, operator guidance).
 * The one place the renderer injects HTML: the server sanitizes it to an allow-list
 * (p, br, strong, em, u, ul, ol, li, a[href], h3, h4, blockquote) before storing and serving it,
 * and HTML set this way never runs scripts.
 */
export function RichText({ html, className }: RichTextProps) {
  const ref = useRef<HTMLDivElement>(null);

  // Links must not replace the desk the attendant is working in, nor give the page a handle on it.
  useLayoutEffect(() => {
    for (const link of ref.current?.querySelectorAll('a') ?? []) {
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
    }
  }, [html]);

  return (
    <div ref={ref} className={className ? `rich-text ${className}` : 'rich-text'} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
