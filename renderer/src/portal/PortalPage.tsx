import { useEffect, useRef, type ReactNode } from 'react';

interface PortalPageProps {
  title: string;
  /** A line under the title saying what the page is for. */
  lead?: ReactNode;
  children: ReactNode;
}

/**
 * One page of the portal: its title names the browser tab and is where reading starts after moving
 * between pages (a screen reader announces it), unless the page put the focus in a field itself.
 */
export function PortalPage({ title, lead, children }: PortalPageProps) {
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · Autoatendimento`;
  }, [title]);

  useEffect(() => {
    const main = heading.current?.closest('main');
    if (!main?.contains(document.activeElement)) heading.current?.focus({ preventScroll: true });
  }, []);

  return (
    <section className="portal-page" aria-labelledby="portal-page-title">
      <h1 id="portal-page-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {lead && <p className="portal-page__lead">{lead}</p>}
      {children}
    </section>
  );
}
