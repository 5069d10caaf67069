import { useEffect } from 'react';
import { sessionEndNotices } from './session-store';
import { useSession } from './SessionProvider';
import { SignInForm } from './SignInForm';

export function LoginPage() {
  const { ended } = useSession();
  const notice = ended && sessionEndNotices[ended];

  useEffect(() => {
    document.title = 'Entrar · Receptivo';
  }, []);

  return (
    <main className="login">
      <SignInForm className="login__card" labelledBy="login-title">
        <p className="login__brand">Receptivo</p>
        {/* Not "Receptivo": that is the heading of the attendant's home page. */}
        <h1 id="login-title" className="login__title">
          Entrar
        </h1>
        <p className="login__lead">Use o seu usuário e senha do Receptivo.</p>
        {notice && (
          <p role="status" className="alert alert--notice">
            {notice}
          </p>
        )}
      </SignInForm>
    </main>
  );
}
