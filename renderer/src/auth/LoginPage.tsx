import { useEffect, useState, type FormEvent } from 'react';
import { loginRequestSchema } from '@receptivo/shared';
import { Field, FormAlert } from '../ui/Field';
import { formErrorsFromFailure, formErrorsFromIssues, noFormErrors, type FormErrors } from '../ui/form-errors';
import { login } from './auth-api';
import type { SessionEnd } from './session-store';
import { useApi, useSession } from './SessionProvider';

const formFields = ['username', 'password'] as const;

const endNotices: Record<SessionEnd, string | null> = {
  logout: null,
  expired: 'Sua sessão expirou. Entre novamente.',
  'password-changed': 'Senha alterada. Entre com a nova senha.',
};

export function LoginPage() {
  const api = useApi();
  const { start, ended } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

  useEffect(() => {
    document.title = 'Entrar · Receptivo';
  }, []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = loginRequestSchema.safeParse({ username, password });
    if (!parsed.success) {
      setErrors(formErrorsFromIssues(parsed.error.issues, formFields));
      return;
    }
    setSubmitting(true);
    setErrors(noFormErrors);
    try {
      // The router leaves this page once the session exists.
      start(await login(api, parsed.data));
    } catch (error) {
      setErrors(formErrorsFromFailure(error, formFields));
      setPassword('');
      setSubmitting(false);
    }
  }

  return (
    <main className="login">
      <form className="login__card" onSubmit={onSubmit} noValidate aria-labelledby="login-title">
        <p className="login__brand">Receptivo</p>
        {/* Not "Receptivo": that is the heading of the attendant's home page. */}
        <h1 id="login-title" className="login__title">
          Entrar
        </h1>
        <p className="login__lead">Use o seu usuário e senha do Receptivo.</p>
        {ended && endNotices[ended] && (
          <p role="status" className="alert alert--notice">
            {endNotices[ended]}
          </p>
        )}
        <FormAlert message={errors.alert} />
        <Field label="Usuário" error={errors.fields.username}>
          {(control) => (
            <input
              {...control}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
              autoFocus
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
      </form>
    </main>
  );
}
