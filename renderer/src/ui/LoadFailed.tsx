import type { Load } from './use-load';

interface LoadFailedProps {
  /** What could not be loaded, e.g. "os avisos". */
  what: string;
  failure: Extract<Load<unknown>, { state: 'failed' }>;
  onRetry: () => void;
}

/** A failed load of one piece of a page, with the reason and a retry when retrying can help. */
export function LoadFailed({ what, failure, onRetry }: LoadFailedProps) {
  return (
    <div role="alert" className="alert alert--error">
      <p>{`Não foi possível carregar ${what}. ${failure.message}`}</p>
      {failure.retry && (
        <button type="button" className="button button--small" onClick={onRetry}>
          Tentar novamente
        </button>
      )}
    </div>
  );
}
