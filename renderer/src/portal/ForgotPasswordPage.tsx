import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { portalForgotPasswordSchema } from '@receptivo/shared';
import { Field, FormAlert } from '../ui/Field';
import { useFormSubmit } from '../ui/use-form-submit';
import { forgotPassword } from './portal-api';
import { portalPaths } from './portal-paths';
import { PortalPage } from './PortalPage';
import { usePortalApi } from './PortalSessionProvider';

/** Esqueci minha senha: a link to choose a new password goes to the account's e-mail. */
export function ForgotPasswordPage() {
  const api = usePortalApi();
  const [login, setLogin] = useState('');
  /** The server's answer, the same whether or not the account exists. */
  const [sent, setSent] = useState<string | null>(null);
  const { submitting, errors, submit } = useFormSubmit();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit({
      parsed: portalForgotPasswordSchema.safeParse({ login }),
      fields: ['login'],
      send: async (data) => setSent((await forgotPassword(api, data)).message),
    });
  }

  return (
    <PortalPage title="Esqueci minha senha" lead="Informe seu CPF, CNPJ ou e-mail: enviaremos um link para você escolher uma nova senha.">
      <div role="status" className="status-line">
        {sent && <p>{sent}</p>}
      </div>
      {!sent && (
        <form className="portal-card" onSubmit={onSubmit} noValidate aria-label="Pedir o link de nova senha">
          <FormAlert message={errors.alert} />
          <Field label="CPF, CNPJ ou e-mail" error={errors.fields.login}>
            {(control) => (
              <input
                {...control}
                name="login"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                value={login}
                onChange={(event) => setLogin(event.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button button--primary button--block" disabled={submitting}>
            Enviar link por e-mail
          </button>
        </form>
      )}
      <p>
        <Link to={portalPaths.signIn}>Voltar para Entrar</Link>
      </p>
    </PortalPage>
  );
}
