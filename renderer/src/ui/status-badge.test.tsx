import { render, screen } from '@testing-library/react';
import { requestStatuses } from '@receptivo/shared';
import { AttendanceStatusBadge, OverdueBadge, RequestStatusBadge } from './StatusBadge';

test('each situation has its own icon and outline beside its colour, and is read by its text alone', () => {
  render(
    <ul>
      {requestStatuses.map((status) => (
        <li key={status}>
          <RequestStatusBadge status={status} />
        </li>
      ))}
      <li>
        <OverdueBadge />
      </li>
    </ul>,
  );

  const badges = screen.getAllByRole('listitem').map((item) => item.firstElementChild as HTMLElement);
  expect(badges.map((badge) => badge.textContent)).toEqual(['Aberta', 'Em andamento', 'Finalizada', 'Cancelada', 'Vencida']);
  const icons = badges.map((badge) => badge.querySelector('svg') as SVGElement);
  // The icon is decoration for the eye: assistive technology reads the text.
  for (const icon of icons) expect(icon).toHaveAttribute('aria-hidden', 'true');
  // No two situations share a drawing or a look, so they differ without telling colours apart.
  expect(new Set(icons.map((icon) => icon.innerHTML)).size).toBe(badges.length);
  expect(new Set(badges.map((badge) => badge.className)).size).toBe(badges.length);
});

test('an attendance reads Em andamento or Finalizado', () => {
  render(
    <>
      <AttendanceStatusBadge status="open" />
      <AttendanceStatusBadge status="finished" />
    </>,
  );
  expect(screen.getByText('Em andamento')).toHaveClass('status-badge--progress');
  expect(screen.getByText('Finalizado')).toHaveClass('status-badge--done');
});
