import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { portalResetPasswordSchema } from '@receptivo/shared';
import { ApiError } from '../api/client';
import { FormAlert } from '../ui/Field';
import { useFormSubmit, withConfirmation } from '../ui/use-form-submit';
import { NewPasswordFields } from './NewPasswordFields';
import { resetPassword } from './portal-api';
import { portalPaths, type PortalLocationState } from './portal-paths';
import { PortalPage } from './PortalPage';
import { usePortalApi, usePortalSession } from './PortalSessionProvider';

/**
 * Redefinir senha, opened from the e-mailed link (`/redefinir-senha#token=…`). The token travels in
 * the fragment, which the browser never sends to a server or in a Referer; it is read once and
 * taken off the address bar, so it stays out of the history.
 */
export function ResetPasswordPage() {
  const api = usePortalApi();
  const { start } = usePortalSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => new URLSearchParams(location.hash.slice(1)).get('token') ?? '');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [linkRefused, setLinkRefused] = useState(false);
  const { submitting, errors, submit } = useFormSubmit();

  useEffect(() => {
    if (location.hash) navigate({ pathname: location.pathname }, { replace: true });
  }, [location.hash, location.pathname, navigate]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit({
      parsed: withConfirmation(portalResetPasswordSchema.safeParse({ token, newPassword }), newPassword, confirmation),
      fields: ['newPassword', 'confirmation'],
      send: async (data) => {
        try {
          start(await resetPassword(api, data));
        } catch (error) {
          if (error instanceof ApiError && error.code === 'RESET_LINK_INVALID') setLinkRefused(true);
          throw error;
        }
        navigate(portalPaths.protocols, { replace: true, state: { notice: 'Senha redefinida. Você já está no Autoatendimento.' } satisfies PortalLocationState });
      },
    });
  }

  if (!token) {
    return (
      <PortalPage title="Redefinir senha">
        <p className="alert alert--error">O link de redefinição está incompleto. Abra o link do e-mail outra vez ou peça um novo.</p>
        <p>
          <Link to={portalPaths.forgotPassword}>Pedir um novo link</Link>
        </p>
      </PortalPage>
    );
  }

  return (
    <PortalPage title="Redefinir senha" lead="Escolha a nova senha do seu acesso ao Autoatendimento.">
      <form className="portal-card" onSubmit={onSubmit} noValidate aria-label="Escolher a nova senha">
        <FormAlert message={errors.alert} />
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
      {linkRefused && (
        <p>
          <Link to={portalPaths.forgotPassword}>Pedir um novo link</Link>
        </p>
      )}
    </PortalPage>
  );
}
