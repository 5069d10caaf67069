import { useState, type FormEvent, type ReactNode } from 'react';
import { loginRequestSchema } from '@receptivo/shared';
import { Field, FormAlert } from '../ui/Field';
import { formErrorsFromFailure, formErrorsFromIssues, noFormErrors, type FormErrors } from '../ui/form-errors';
import { login } from './auth-api';
import { useApi, useSession } from './SessionProvider';

const formFields = ['username', 'password'] as const;

interface SignInFormProps {
  className?: string;
  labelledBy?: string;
  /** What comes above the fields: a heading, why the last session ended. */
  children?: ReactNode;
}

/** Username and password, starting the session on success: the login page's and the sign-in-again dialog's. */
export function SignInForm({ className, labelledBy, children }: SignInFormProps) {
  const api = useApi();
  const { start } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noFormErrors);

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
      // The router leaves the login page once the session exists; the dialog closes.
      start(await login(api, parsed.data));
    } catch (error) {
      setErrors(formErrorsFromFailure(error, formFields));
      setPassword('');
      setSubmitting(false);
    }
  }

  return (
    <form className={className} onSubmit={onSubmit} noValidate aria-labelledby={labelledBy}>
      {children}
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
  );
}
