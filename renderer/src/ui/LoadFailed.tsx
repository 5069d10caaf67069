import { describeError, isRefusal } from '../api/client';

interface LoadFailedProps {
  /** What could not be loaded, e.g. "os avisos". */
  what: string;
  /** The error the query failed with. */
  error: unknown;
  onRetry: () => void;
}

/** A failed load of one piece of a page, with the reason and a retry when retrying can help. */
export function LoadFailed({ what, error, onRetry }: LoadFailedProps) {
  return (
    <div role="alert" className="alert alert--error">
      <p>{`Não foi possível carregar ${what}. ${describeError(error)}`}</p>
      {/* Asking again only helps when the server was unreachable or failed, not when it refused. */}
      {!isRefusal(error) && (
        <button type="button" className="button button--small" onClick={onRetry}>
          Tentar novamente
        </button>
      )}
    </div>
  );
}
