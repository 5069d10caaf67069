import { useEffect, useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatProtocol } from '@receptivo/shared';
import { DownloadLink } from './DownloadLink';
import { Protocol } from './Protocol';
import './print.css';

interface PrintSheetProps {
  /** What the paper is, above the title, e.g. "Comprovante de solicitação". */
  kind: string;
  /** What the record is, e.g. "Solicitação"; its protocol follows it in the title. */
  title: string;
  protocol: string;
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
export function PrintSheet({ kind, title, protocol, subtitle, pdf, back, children }: PrintSheetProps) {
  const titleId = useId();

  // The title is what the browser prints in the page header and offers as the PDF's name.
  useEffect(() => {
    document.title = `${title} ${formatProtocol(protocol)} · Receptivo`;
  }, [title, protocol]);

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
        <h1 id={titleId}>
          {title} <Protocol value={protocol} />
        </h1>
        {subtitle}
      </header>
      {children}
    </article>
  );
}
