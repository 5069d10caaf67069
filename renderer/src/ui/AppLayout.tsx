import { useRef, useState } from 'react';
import { Outlet } from 'react-router-dom';
import { roleLabels } from '@receptivo/shared';
import { ChangePasswordDialog } from '../auth/ChangePasswordDialog';
import { useCurrentUser, useSession } from '../auth/SessionProvider';
import { CallPops } from '../cti/CallPops';
import { CtiIndicator } from '../cti/CtiIndicator';
import { CtiProvider } from '../cti/CtiProvider';
import { DesktopCti, ringDesktop } from '../desktop/DesktopGlue';
import { DraftsProvider } from '../offline/DraftsProvider';
import { shortcuts, useShortcut } from './shortcuts';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SkipLink } from './SkipLink';
import { TopMenu } from './TopMenu';

export function AppLayout() {
  const user = useCurrentUser();
  const { end } = useSession();
  const [changingPassword, setChangingPassword] = useState(false);
  const [showingShortcuts, setShowingShortcuts] = useState(false);
  const main = useRef<HTMLElement>(null);
  useShortcut(shortcuts.help, () => setShowingShortcuts(true));

  return (
    <CtiProvider onRinging={ringDesktop}>
      <DesktopCti />
      <DraftsProvider>
        <div className="app">
          <SkipLink target={main} />
          <header className="app-header">
            <span className="app-header__brand">Receptivo</span>
            <TopMenu role={user.role} />
            <CtiIndicator />
            <div className="app-header__user">
              <span className="app-header__name">{user.name}</span>
              <span className="app-header__meta">
                <span>{roleLabels[user.role]}</span>
                {user.extension && <span>{`Ramal ${user.extension}`}</span>}
              </span>
            </div>
            <div className="app-header__actions">
              {/* One character wide: at 1366 px the header also holds a long full name, unwrapped enough to read. */}
              <button
                type="button"
                className="button button--header"
                aria-label="Atalhos de teclado"
                title={`Atalhos de teclado (${shortcuts.help.label})`}
                aria-keyshortcuts={shortcuts.help.label}
                onClick={() => setShowingShortcuts(true)}
              >
                <span aria-hidden="true">?</span>
              </button>
              <button type="button" className="button button--header" onClick={() => setChangingPassword(true)}>
                Alterar senha
              </button>
              <button type="button" className="button button--header" onClick={() => end('logout')}>
                Sair
              </button>
            </div>
          </header>
          <main ref={main} id="conteudo" tabIndex={-1} className="app-main">
            <Outlet />
          </main>
          <CallPops />
          {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
          {showingShortcuts && <ShortcutsDialog onClose={() => setShowingShortcuts(false)} />}
        </div>
      </DraftsProvider>
    </CtiProvider>
  );
}
