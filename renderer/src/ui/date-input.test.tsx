import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dateFieldValue, maskBrazilianDate, readBrazilianDate } from './brazilian-date';
import { DateField } from './DateInput';

describe('dd/mm/aaaa dates', () => {
  it('puts the slashes as digits are typed, and turns a pasted ISO date around', () => {
    expect(maskBrazilianDate('3')).toBe('3');
    expect(maskBrazilianDate('310')).toBe('31/0');
    expect(maskBrazilianDate('31022026')).toBe('31/02/2026');
    expect(maskBrazilianDate('31/02/20261')).toBe('31/02/2026');
    expect(maskBrazilianDate('2026-03-09')).toBe('09/03/2026');
  });

  it('reads a date that exists as ISO, leap days included', () => {
    expect(readBrazilianDate('09/03/2026')).toEqual({ kind: 'date', iso: '2026-03-09' });
    expect(readBrazilianDate('29/02/2028')).toEqual({ kind: 'date', iso: '2028-02-29' });
    expect(readBrazilianDate('  ')).toEqual({ kind: 'empty' });
  });

  it('says why a text is not a date', () => {
    expect(readBrazilianDate('31/02/2026')).toEqual({ kind: 'invalid', message: '31/02/2026 não existe: fevereiro de 2026 tem 28 dias.' });
    expect(readBrazilianDate('29/02/2026')).toEqual({ kind: 'invalid', message: '29/02/2026 não existe: fevereiro de 2026 tem 28 dias.' });
    expect(readBrazilianDate('31/04/2026')).toEqual({ kind: 'invalid', message: '31/04/2026 não existe: abril de 2026 tem 30 dias.' });
    expect(readBrazilianDate('00/01/2026')).toEqual({ kind: 'invalid', message: '00/01/2026 não existe: janeiro de 2026 tem 31 dias.' });
    expect(readBrazilianDate('10/13/2026')).toEqual({ kind: 'invalid', message: 'Mês 13 não existe: use de 01 a 12.' });
    expect(readBrazilianDate('10/03/26')).toEqual({ kind: 'invalid', message: 'Data incompleta: digite dia, mês e ano (dd/mm/aaaa).' });
  });

  it('hands the form ISO, a blank, or the text as typed so the form refuses it', () => {
    expect(dateFieldValue('09/03/2026')).toBe('2026-03-09');
    expect(dateFieldValue('')).toBe('');
    expect(dateFieldValue('31/02/2026')).toBe('31/02/2026');
  });
});

function Harness({ initial = '', error }: { initial?: string; error?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateField label="Data do ocorrido" value={value} onChange={setValue} error={error} />
      <output aria-label="Valor">{value}</output>
      <button type="button" onClick={() => setValue('2026-01-05')}>
        Voltar ao padrão
      </button>
    </>
  );
}

describe('DateField', () => {
  it('is a labelled text box in pt-BR whatever the browser language, giving ISO to the code', async () => {
    const user = userEvent.setup();
    render(<Harness initial="2026-03-09" />);
    const input = screen.getByRole('textbox', { name: 'Data do ocorrido' });
    expect(input).toHaveValue('09/03/2026');
    expect(input).toHaveAttribute('placeholder', 'dd/mm/aaaa');
    expect(input).toHaveAttribute('inputmode', 'numeric');

    await user.clear(input);
    await user.type(input, '01042026');
    expect(input).toHaveValue('01/04/2026');
    expect(screen.getByRole('status', { name: 'Valor' })).toHaveTextContent('2026-04-01');
  });

  it('tells what is wrong once the user leaves the field, keeping the text typed', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = screen.getByRole('textbox', { name: 'Data do ocorrido' });

    await user.type(input, '3102');
    expect(input).not.toHaveAccessibleDescription();
    await user.type(input, '2026');
    await user.tab();
    expect(input).toHaveValue('31/02/2026');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('31/02/2026 não existe: fevereiro de 2026 tem 28 dias.');
    expect(screen.getByRole('status', { name: 'Valor' })).toHaveTextContent('31/02/2026');
  });

  it('follows a value the form sets itself', async () => {
    const user = userEvent.setup();
    render(<Harness initial="2026-03-09" />);
    await user.click(screen.getByRole('button', { name: 'Voltar ao padrão' }));
    expect(screen.getByRole('textbox', { name: 'Data do ocorrido' })).toHaveValue('05/01/2026');
  });

  it("shows the form's error when the date itself is fine", () => {
    render(<Harness initial="2026-03-09" error="A data final é anterior à inicial." />);
    expect(screen.getByRole('textbox', { name: 'Data do ocorrido' })).toHaveAccessibleDescription('A data final é anterior à inicial.');
  });
});
