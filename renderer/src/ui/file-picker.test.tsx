import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FilePicker } from './FilePicker';

function Harness({ error }: { error?: string }) {
  const [files, setFiles] = useState<File[]>([]);
  return <FilePicker label="Anexo" hint="Até 5 arquivos." error={error} accept="application/pdf,image/png" multiple files={files} onChange={setFiles} />;
}

test('speaks pt-BR whatever the browser language: its button, "nenhum arquivo" and the names chosen', async () => {
  const user = userEvent.setup();
  render(<Harness />);

  const input = screen.getByLabelText('Anexo');
  expect(input).toHaveAttribute('type', 'file');
  // The browser's own button and "No file chosen" are hidden from sight; the input keeps its name and focus.
  expect(input).toHaveClass('visually-hidden');
  expect(input).toHaveAccessibleName('Anexo');
  expect(input).toHaveAccessibleDescription('Até 5 arquivos.');
  expect(screen.getByText('Escolher arquivos')).toBeVisible();
  expect(screen.getByText('Nenhum arquivo escolhido.')).toBeVisible();

  await user.upload(input, [new File(['%PDF-1.4'], 'laudo.pdf', { type: 'application/pdf' }), new File(['png'], 'foto.png', { type: 'image/png' })]);
  expect(screen.queryByText('Nenhum arquivo escolhido.')).not.toBeInTheDocument();
  expect(screen.getByRole('list', { name: 'Arquivos escolhidos' })).toHaveTextContent('laudo.pdf (1 KB)foto.png (1 KB)');
});

test('the keyboard reaches the hidden input, and the button opens the picker', async () => {
  const user = userEvent.setup();
  render(<Harness />);
  const input = screen.getByLabelText('Anexo');
  await user.tab();
  expect(input).toHaveFocus();
  const opened = jest.fn();
  input.addEventListener('click', opened);
  await user.click(screen.getByText('Escolher arquivos'));
  expect(opened).toHaveBeenCalledTimes(1);
});

test('an error is tied to the input', () => {
  render(<Harness error="Anexe no máximo 5 arquivos; foram escolhidos 6." />);
  expect(screen.getByLabelText('Anexo')).toHaveAccessibleDescription('Até 5 arquivos. Anexe no máximo 5 arquivos; foram escolhidos 6.');
  expect(screen.getByLabelText('Anexo')).toHaveAttribute('aria-invalid', 'true');
});
