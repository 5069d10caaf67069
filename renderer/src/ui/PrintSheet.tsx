import { useEffect, useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { DownloadLink } from './DownloadLink';
import './print.css';

interface PrintSheetProps {
  /** What the paper is, above the title, e.g. "Comprovante de solicitação". */
  kind: string;
  title: string;
  /** Lines under the title, e.g. the grouping of a request. */
  subtitle?: ReactNode;
  pdf: { path: string; fileName: string };
  back: { to: string; label: string };
  children: ReactNode;
}

/**
 * A record laid out for paper: [Imprimir] and [Baixar PDF] above it on screen, and the print
 * stylesheet leaves only the sheet, black on white, without the desk around it.
 */
export function PrintSheet({ kind, title, subtitle, pdf, back, children }: PrintSheetProps) {
  const titleId = useId();

  // The title is what the browser prints in the page header and offers as the PDF's name.
  useEffect(() => {
    document.title = `${title} · Receptivo`;
  }, [title]);

  return (
    <article className="print-sheet" aria-labelledby={titleId}>
      <div className="print-sheet__toolbar">
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          Imprimir
        </button>
        <DownloadLink className="button" path={pdf.path} fileName={pdf.fileName}>
          Baixar PDF
        </DownloadLink>
        <Link to={back.to}>{back.label}</Link>
      </div>
      <header className="print-sheet__header">
        <p className="print-sheet__kind">{kind}</p>
        <h1 id={titleId}>{title}</h1>
        {subtitle}
      </header>
      {children}
    </article>
  );
}
