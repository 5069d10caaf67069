import { useState, type MouseEvent, type ReactNode } from 'react';
import { describeError } from '../api/client';
import { downloadFile } from '../api/download';
import { useApi } from '../auth/SessionProvider';

interface DownloadLinkProps {
  /** API path of the file, e.g. /api/requests/:id/pdf. */
  path: string;
  fileName: string;
  className?: string;
  children: ReactNode;
}

/** A link to a file of the API; the click fetches it with the session's token and saves it. */
export function DownloadLink({ path, fileName, className, children }: DownloadLinkProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onClick(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await downloadFile(api, path, fileName);
    } catch (failure) {
      setError(`Não foi possível baixar ${fileName}. ${describeError(failure)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <a href={path} className={className} aria-busy={busy || undefined} onClick={onClick}>
        {children}
      </a>
      {error && (
        <span role="alert" className="download-error">
          {error}
        </span>
      )}
    </>
  );
}
