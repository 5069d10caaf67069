import { Field } from '../ui/Field';
import type { FieldErrors } from '../ui/form-errors';

/** The staff's rules, which the portal's passwords follow (passwordSchema). */
const newPasswordHint = 'Pelo menos 10 caracteres. Uma frase fácil de lembrar serve bem.';

interface NewPasswordFieldsProps {
  newPassword: string;
  confirmation: string;
  errors: FieldErrors;
  onNewPassword: (value: string) => void;
  onConfirmation: (value: string) => void;
}

/** Nova senha and its confirmation, for the forced change and for the reset link alike. */
export function NewPasswordFields({ newPassword, confirmation, errors, onNewPassword, onConfirmation }: NewPasswordFieldsProps) {
  return (
    <>
      <Field label="Nova senha" hint={newPasswordHint} error={errors.newPassword}>
        {(control) => (
          <input {...control} type="password" autoComplete="new-password" value={newPassword} onChange={(event) => onNewPassword(event.target.value)} />
        )}
      </Field>
      <Field label="Confirme a nova senha" error={errors.confirmation}>
        {(control) => (
          <input {...control} type="password" autoComplete="new-password" value={confirmation} onChange={(event) => onConfirmation(event.target.value)} />
        )}
      </Field>
    </>
  );
}
