import { Dialog } from '../ui/Dialog';
import { useSession } from './SessionProvider';
import { SignInForm } from './SignInForm';

/**
 * Over the pages of a session whose token no longer holds (issue 15): they stay mounted beneath,
 * so what the user typed is there once they sign in again. Another user signing in here gets a
 * fresh desk (App keys the pages by user); "Sair" leaves for the login page.
 */
export function SignInAgainDialog() {
  const { interrupted, end } = useSession();
  if (!interrupted) return null;
  return (
    <Dialog title="Entre novamente">
      <SignInForm>
        <p role="status" className="alert alert--notice">
          {interrupted.message}
        </p>
        <p>O que você digitou continua na tela, e o que aguarda envio será enviado quando você entrar.</p>
      </SignInForm>
      <button type="button" className="button button--block" onClick={() => end(interrupted.reason)}>
        Sair
      </button>
    </Dialog>
  );
}
