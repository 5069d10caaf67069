import { useRef } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { SkipLink } from '../ui/SkipLink';
import { usePortalSession } from './PortalSessionProvider';
import { portalPaths, type PortalLocationState } from './portal-paths';

const signedInMenu = [
  { to: portalPaths.protocols, label: 'Meus protocolos' },
  { to: portalPaths.newRequest(), label: 'Nova solicitação' },
  { to: portalPaths.informations, label: 'Informações' },
  { to: portalPaths.myData, label: 'Meus dados' },
] as const;

const signedOutMenu = [
  { to: portalPaths.signIn, label: 'Entrar' },
  { to: portalPaths.informations, label: 'Informações' },
] as const;

/**
 * The frame of every portal page, laid out for a phone first: a skip link, the header (the portal's
 * name, who is signed in, Sair), the menu and the page. A message a redirect brought along (a
 * password saved, a request registered) is read out above the page.
 */
export function PortalLayout() {
  const { session, end } = usePortalSession();
  const location = useLocation();
  const navigate = useNavigate();
  const main = useRef<HTMLElement>(null);
  const notice = (location.state as PortalLocationState | null)?.notice;
  const fullySignedIn = session !== null && !session.citizen.mustChangePassword;
  const menu = fullySignedIn ? signedInMenu : session ? [] : signedOutMenu;

  // Also from a page open to anyone (Informações), back to Entrar, which says the session ended.
  function signOut() {
    end('signed-out');
    navigate(portalPaths.signIn);
  }

  return (
    <div className="portal">
      <SkipLink target={main} />
      <header className="portal-header">
        <Link to={portalPaths.protocols} className="portal-header__brand">
          Autoatendimento
          <span className="portal-header__org">Central de Atendimento ao Cidadão</span>
        </Link>
        {session && (
          <div className="portal-header__user">
            <span className="portal-header__name">{session.citizen.name}</span>
            <button type="button" className="button button--header button--small" onClick={signOut}>
              Sair
            </button>
          </div>
        )}
      </header>
      {menu.length > 0 && (
        <nav className="portal-menu" aria-label="Menu do Autoatendimento">
          <ul>
            {menu.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end className="portal-menu__link">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main ref={main} id="conteudo" tabIndex={-1} className="portal-main">
        <div role="status" className="status-line">
          {notice && <p>{notice}</p>}
        </div>
        <Outlet />
      </main>
    </div>
  );
}
