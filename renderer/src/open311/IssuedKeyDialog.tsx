import type { IssuedOpen311Key } from '@receptivo/shared';
import { Dialog } from '../ui/Dialog';
import { OneTimeSecret } from '../ui/OneTimeSecret';

/**
 * The server keeps only the key's SHA-256, so this is the one time anyone sees it. No Escape: it
 * goes away only when the administrator says they have it.
 */
export function IssuedKeyDialog({ issued, onDone }: { issued: IssuedOpen311Key; onDone: () => void }) {
  return (
    <Dialog title="Aplicativo cadastrado">
      <p>
        Chave de acesso (<code>api_key</code>) de <strong>{issued.client.name}</strong>:
      </p>
      <OneTimeSecret value={issued.apiKey} testId="issued-api-key" copiedMessage="Chave copiada para a área de transferência." />
      <p className="alert alert--notice">
        Copie a chave agora e entregue-a aos responsáveis pelo aplicativo por um canal seguro: ela não será exibida novamente.
        Se ela se perder, desative este cadastro e faça um novo.
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          Concluir
        </button>
      </div>
    </Dialog>
  );
}
