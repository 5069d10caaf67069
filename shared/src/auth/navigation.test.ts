import { homePathFor, menuFor } from './navigation';

describe('top menu by role', () => {
  it('offers each role only the sections it works in', () => {
    const labels = (role: Parameters<typeof menuFor>[0]) => menuFor(role).map((section) => section.label);
    expect(labels('attendant')).toEqual(['Receptivo', 'Atendimentos', 'Clientes']);
    expect(labels('backoffice')).toEqual(['Atendimentos']);
    expect(labels('supervisor')).toEqual(['Receptivo', 'Atendimentos', 'Clientes', 'Supervisão', 'Administração']);
    expect(labels('admin')).toEqual(['Receptivo', 'Atendimentos', 'Clientes', 'Supervisão', 'Administração']);
  });

  it('lands each role on its first section', () => {
    expect(homePathFor('attendant')).toBe('/receptivo');
    expect(homePathFor('backoffice')).toBe('/atendimentos');
  });
});
