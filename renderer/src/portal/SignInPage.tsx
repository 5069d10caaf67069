import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { portalLoginRequestSchema } from '@receptivo/shared';
import { Field, FormAlert } from '../ui/Field';
import { useFormSubmit } from '../ui/use-form-submit';
import { signIn } from './portal-api';
import { portalSessionEndNotices } from './portal-session';
import { portalPaths, type PortalLocationState } from './portal-paths';
import { PortalPage } from './PortalPage';
import { usePortalApi, usePortalSession } from './PortalSessionProvider';

/** Entrar: the CPF/CNPJ or the e-mail, and the password the desk e-mailed (or the one chosen since). */
export function SignInPage() {
  const api = usePortalApi();
  const { session, ended, start } = usePortalSession();
  const location = useLocation();
  const state = location.state as PortalLocationState | null;
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const { submitting, errors, submit } = useFormSubmit();

  // Signed in: on to where the citizen was going (the routes ask for a new password first when needed).
  if (session) return <Navigate to={state?.from ?? portalPaths.protocols} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await submit({
      parsed: portalLoginRequestSchema.safeParse({ login, password }),
      fields: ['login', 'password'],
      send: async (data) => {
        try {
          start(await signIn(api, data));
        } catch (error) {
          setPassword('');
          throw error;
        }
      },
    });
  }

  const endNotice = ended && !state?.notice ? portalSessionEndNotices[ended] : null;
  return (
    <PortalPage title="Entrar" lead="Acompanhe seus protocolos e registre solicitações pela internet.">
      {endNotice && <p className="alert alert--notice">{endNotice}</p>}
      <form className="portal-card" onSubmit={onSubmit} noValidate aria-label="Entrar no Autoatendimento">
        <FormAlert message={errors.alert} />
        <Field label="CPF, CNPJ ou e-mail" hint="O CPF ou CNPJ pode ser digitado com ou sem pontuação." error={errors.fields.login}>
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
        <Field label="Senha" error={errors.fields.password}>
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          Entrar
        </button>
        <p className="portal-card__footer">
          <Link to={portalPaths.forgotPassword}>Esqueci minha senha</Link>
        </p>
      </form>
      <p className="muted">
        Ainda não tem acesso? Peça à Central de Atendimento: a senha temporária chega pelo e-mail cadastrado.
      </p>
    </PortalPage>
  );
}
