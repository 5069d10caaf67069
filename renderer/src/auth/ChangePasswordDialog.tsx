import { useState, type FormEvent } from 'react';
import { changePasswordSchema } from '@receptivo/shared';
import { Dialog } from '../ui/Dialog';
import { Field, FormAlert } from '../ui/Field';
import { formErrorsFromFailure, formErrorsFromIssues, noFormErrors, type FormErrors } from '../ui/form-errors';
import { withConfirmation } from '../ui/use-form-submit';
import { changePassword } from './auth-api';
import { useApi, useSession } from './SessionProvider';

const formFields = ['currentPassword', 'newPassword', 'confirmation'] as const;

export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const api = useApi();
  const { end } = useSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = withConfirmation(changePasswordSchema.safeParse({ currentPassword, newPassword }), newPassword, confirmation);
    if (!parsed.success) {
      setErrors(formErrorsFromIssues(parsed.error.issues, formFields));
      return;
    }
    setSubmitting(true);
    setErrors(noFormErrors);
    try {
      await changePassword(api, parsed.data);
    } catch (error) {
      setErrors(formErrorsFromFailure(error, formFields));
      setSubmitting(false);
      return;
    }
    // The server ends every session of the user on a new password, this one included.
    end('password-changed');
  }

  return (
    <Dialog title="Alterar senha" onClose={submitting ? undefined : onClose}>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.alert} />
        <Field label="Senha atual" error={errors.fields.currentPassword}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="current-password"
              value={currentPassword}
              onChange={(event) => setCurrentPassword(event.target.value)}
            />
          )}
        </Field>
        <Field label="Nova senha" hint="Pelo menos 10 caracteres." error={errors.fields.newPassword}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(event) => setNewPassword(event.target.value)}
            />
          )}
        </Field>
        <Field label="Confirme a senha" error={errors.fields.confirmation}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
            />
          )}
        </Field>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} disabled={submitting}>
            Cancelar
          </button>
          <button type="submit" className="button button--primary" disabled={submitting}>
            Salvar nova senha
          </button>
        </div>
      </form>
    </Dialog>
  );
}
