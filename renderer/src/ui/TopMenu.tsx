import { NavLink } from 'react-router-dom';
import { menuFor, type Role } from '@receptivo/shared';

/** NavLink marks the current section with aria-current="page". */
export function TopMenu({ role }: { role: Role }) {
  return (
    <nav aria-label="Menu principal" className="top-menu">
      <ul>
        {menuFor(role).map((section) => (
          <li key={section.key}>
            <NavLink to={section.path} className="top-menu__link">
              {section.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
