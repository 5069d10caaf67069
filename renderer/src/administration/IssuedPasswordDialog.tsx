import type { IssuedPassword } from '@receptivo/shared';
import { Dialog } from '../ui/Dialog';
import { OneTimeSecret } from '../ui/OneTimeSecret';

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
  return (
    <Dialog title={title}>
      <p>
        Senha gerada para <strong>{issued.user.name}</strong> (usuário <strong>{issued.user.username}</strong>):
      </p>
      <OneTimeSecret value={issued.password} testId="issued-password" copiedMessage="Senha copiada para a área de transferência." />
      <p className="alert alert--notice">
        Copie ou anote a senha agora e entregue ao usuário: ela não será exibida novamente. Oriente-o a trocá-la em
        “Alterar senha” depois de entrar.
      </p>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onDone}>
          Concluir
        </button>
      </div>
    </Dialog>
  );
}
