import { useState } from 'react';
import type { IssuedPassword, User } from '@receptivo/shared';
import { describeError } from '../api/client';
import { useApi } from '../auth/SessionProvider';
import { Dialog } from '../ui/Dialog';
import { FormAlert } from '../ui/Field';
import { resetPassword } from './users-api';

export function ResetPasswordDialog({
  user,
  onReset,
  onClose,
}: {
  user: User;
  onReset: (issued: IssuedPassword) => void;
  onClose: () => void;
}) {
  const api = useApi();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setSubmitting(true);
    setError(null);
    try {
      onReset(await resetPassword(api, user.id));
    } catch (failure) {
      setError(describeError(failure));
      setSubmitting(false);
    }
  }

  return (
    <Dialog title="Redefinir senha" onClose={submitting ? undefined : onClose}>
      <FormAlert message={error} />
      <p>
        Gerar uma nova senha para <strong>{user.name}</strong> (usuário <strong>{user.username}</strong>)? A senha
        atual deixará de funcionar.
      </p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={submitting}>
          Cancelar
        </button>
        <button type="button" className="button button--danger" onClick={confirm} disabled={submitting}>
          Gerar nova senha
        </button>
      </div>
    </Dialog>
  );
}
