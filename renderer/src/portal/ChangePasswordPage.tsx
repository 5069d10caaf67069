import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { portalChangePasswordSchema } from '@receptivo/shared';
import { FormAlert, Field } from '../ui/Field';
import { useFormSubmit, withConfirmation } from '../ui/use-form-submit';
import { NewPasswordFields } from './NewPasswordFields';
import { changePassword } from './portal-api';
import { portalPaths, type PortalLocationState } from './portal-paths';
import { PortalPage } from './PortalPage';
import { usePortalApi, usePortalSession } from './PortalSessionProvider';

const formFields = ['currentPassword', 'newPassword', 'confirmation'];

/** Troca de senha obrigatória: the temporary password the desk e-mailed opens nothing else until it is replaced. */
export function ChangePasswordPage() {
  const api = usePortalApi();
  const { session, start } = usePortalSession();
  const navigate = useNavigate();
  const from = (useLocation().state as PortalLocationState | null)?.from ?? portalPaths.protocols;
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const { submitting, errors, submit } = useFormSubmit();
  // Read once: after saving, the page leaves with its notice instead of being sent away without it.
  const [changeNeeded] = useState(() => session?.citizen.mustChangePassword === true);

  if (!changeNeeded) return <Navigate to={from} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit({
      parsed: withConfirmation(portalChangePasswordSchema.safeParse({ currentPassword, newPassword }), newPassword, confirmation),
      fields: formFields,
      send: async (data) => {
        // The new session replaces the temporary one, which the server has just ended.
        start(await changePassword(api, data));
        navigate(from, { replace: true, state: { notice: 'Senha alterada. Use a nova senha nas próximas vezes que entrar.' } satisfies PortalLocationState });
      },
    });
  }

  return (
    <PortalPage
      title="Troca de senha obrigatória"
      lead="Para sua segurança, troque a senha temporária enviada por e-mail por uma senha só sua antes de continuar."
    >
      <form className="portal-card" onSubmit={onSubmit} noValidate aria-label="Trocar a senha temporária">
        <FormAlert message={errors.alert} />
        <Field label="Senha temporária" hint="A senha que chegou no e-mail da Central de Atendimento." error={errors.fields.currentPassword}>
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
        <NewPasswordFields
          newPassword={newPassword}
          confirmation={confirmation}
          errors={errors.fields}
          onNewPassword={setNewPassword}
          onConfirmation={setConfirmation}
        />
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          Salvar nova senha
        </button>
      </form>
    </PortalPage>
  );
}
