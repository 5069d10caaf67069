import { useState } from 'react';

/**
 * A secret the server shows this once (a generated password, an application's key): selectable in
 * one click and copied with a button. It is focused first, so a stray Enter cannot dismiss the dialog.
 */
export function OneTimeSecret({ value, testId, copiedMessage }: { value: string; testId: string; copiedMessage: string }) {
  const [copyStatus, setCopyStatus] = useState<string | null>(null);
  // Browsers expose the clipboard only to secure contexts (https, localhost, privileged protocols).
  const clipboard = navigator.clipboard as Clipboard | undefined;

  async function copy() {
    try {
      await clipboard?.writeText(value);
      setCopyStatus(copiedMessage);
    } catch {
      setCopyStatus('Não foi possível copiar. Selecione o texto e use Ctrl+C.');
    }
  }

  return (
    <>
      <div className="issued-password">
        <code className="issued-password__value" data-testid={testId} tabIndex={0}>
          {value}
        </code>
        {clipboard && (
          <button type="button" className="button" onClick={copy}>
            Copiar
          </button>
        )}
      </div>
      <p role="status" className="field__hint">
        {copyStatus}
      </p>
    </>
  );
}
