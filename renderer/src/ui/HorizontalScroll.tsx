import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Wide content (a table of many columns) scrolls sideways inside this panel, never the page. While
 * it does scroll, the panel is a named region the keyboard can reach and scroll with the arrows;
 * when everything fits it stays out of the Tab order.
 */
export function HorizontalScroll({ label, children }: { label: string; children: ReactNode }) {
  const panel = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = panel.current!;
    const check = () => setScrolls(element.scrollWidth > element.clientWidth);
    check();
    // A test DOM has no layout nor ResizeObserver: there nothing ever overflows.
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(check);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={panel} className="horizontal-scroll" {...(scrolls && { role: 'region', 'aria-label': label, tabIndex: 0 })}>
      {children}
    </div>
  );
}
