import { useEffect, type ReactNode } from 'react';

interface PageProps {
  title: string;
  /** A line under the title, e.g. what kind of record the page shows. */
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

export function Page({ title, subtitle, actions, children }: PageProps) {
  // Attendants keep several windows open; the title tells them apart in the taskbar.
  useEffect(() => {
    document.title = `${title} · Receptivo`;
  }, [title]);

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page__header">
        <div>
          <h1 id="page-title">{title}</h1>
          {subtitle && <p className="page__subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="page__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2 className="empty-state__title">{title}</h2>
      {children}
    </div>
  );
}
