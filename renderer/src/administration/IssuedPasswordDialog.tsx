import { useState } from 'react';
import type { IssuedPassword } from '@receptivo/shared';
import { Dialog } from '../ui/Dialog';

/**
 * The server keeps only a hash, so this is the one time anyone sees the password. No Escape or
 * backdrop close: it goes away only when the administrator says they have it.
 */
export function IssuedPasswordDialog({
  title,
  issued,
  onDone,
}: {
  title: string;
  issued: IssuedPassword;
  onDone: () => void;
}) {
  const [copyStatus, setCopyStatus] = useState<string | null>(null);
  // Browsers expose the clipboard only to secure contexts (https, localhost, privileged protocols).
  const clipboard = navigator.clipboard as Clipboard | undefined;

  async function copy() {
    try {
      await clipboard?.writeText(issued.password);
      setCopyStatus('Senha copiada para a área de transferência.');
    } catch {
      setCopyStatus('Não foi possível copiar. Selecione a senha e use Ctrl+C.');
    }
  }

  return (
    <Dialog title={title}>
      <p>
        Senha gerada para <strong>{issued.user.name}</strong> (usuário <strong>{issued.user.username}</strong>):
      </p>
      <div className="issued-password">
        {/* Focused first so a stray Enter cannot dismiss the dialog; one click selects it all. */}
        <code className="issued-password__value" data-testid="issued-password" tabIndex={0}>
          {issued.password}
        </code>
        {clipboard && (
          <button type="button" className="button" onClick={copy}>
            Copiar
          </button>
        )}
      </div>
      <p className="alert alert--notice">
        Copie ou anote a senha agora e entregue ao usuário: ela não será exibida novamente. Oriente-o a trocá-la em
        “Alterar senha” depois de entrar.
      </p>
      <p role="status" className="field__hint">
        {copyStatus}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          Concluir
        </button>
      </div>
    </Dialog>
  );
}
