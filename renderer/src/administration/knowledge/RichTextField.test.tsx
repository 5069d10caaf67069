import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import './rich-text-editor-shims';
import { RichTextField } from './RichTextField';

/**
 * jsdom runs the editor (with layout shims) but user-event's keystrokes reach ProseMirror out of
 * order, so text is put in with paste; keys go through ProseMirror's keymap (Ctrl+A) as in a browser.
 */
function Harness({ initial, error, onChange }: { initial: string; error?: string; onChange: (html: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <RichTextField
      label="Texto"
      hint="Visto pelo atendente."
      error={error}
      value={value}
      onChange={(html) => {
        setValue(html);
        onChange(html);
      }}
    />
  );
}

function setup(initial = '', error?: string) {
  const changes: string[] = [];
  const user = userEvent.setup();
  render(<Harness initial={initial} error={error} onChange={(html) => changes.push(html)} />);
  const editor = screen.getByRole('textbox', { name: 'Texto' });
  const toolbar = screen.getByRole('group', { name: 'Formatação: Texto' });
  const button = (name: string) => within(toolbar).getByRole('button', { name });
  return { user, editor, button, last: () => changes[changes.length - 1] };
}

test('the editor is a labelled multi-line text box with its hint and error', () => {
  const { editor } = setup('<p>Texto antigo</p>', 'Informe o texto.');

  expect(editor).toHaveAttribute('aria-multiline', 'true');
  expect(editor).toHaveAccessibleDescription('Visto pelo atendente. Informe o texto.');
  expect(editor).toHaveAttribute('aria-invalid', 'true');
  expect(editor).toHaveTextContent('Texto antigo');
});

test('bold and a list from the toolbar come out as the HTML the server keeps, with the buttons pressed', async () => {
  const { user, editor, button, last } = setup();
  await user.click(editor);
  await user.paste('Pague até o dia 10.');
  expect(last()).toBe('<p>Pague até o dia 10.</p>');
  expect(button('Negrito')).toHaveAttribute('aria-pressed', 'false');

  await user.keyboard('{Control>}a{/Control}');
  await user.click(button('Negrito'));
  expect(last()).toBe('<p><strong>Pague até o dia 10.</strong></p>');
  expect(button('Negrito')).toHaveAttribute('aria-pressed', 'true');

  await user.click(button('Lista'));
  expect(last()).toBe('<ul><li><p><strong>Pague até o dia 10.</strong></p></li></ul>');
  expect(button('Lista')).toHaveAttribute('aria-pressed', 'true');
  expect(editor.querySelector('ul > li strong')).toHaveTextContent('Pague até o dia 10.');

  await user.click(button('Título'));
  expect(last()).toBe('<h3><strong>Pague até o dia 10.</strong></h3>');
  expect(button('Lista')).toHaveAttribute('aria-pressed', 'false');
});

test('[Desfazer] and [Refazer] walk the history', async () => {
  const { user, editor, button, last } = setup('<p>Prazo de 72 horas.</p>');
  expect(button('Desfazer')).toBeDisabled();

  await user.click(editor);
  await user.keyboard('{Control>}a{/Control}');
  await user.click(button('Itálico'));
  expect(last()).toBe('<p><em>Prazo de 72 horas.</em></p>');

  await user.click(button('Desfazer'));
  expect(last()).toBe('<p>Prazo de 72 horas.</p>');
  await user.click(button('Refazer'));
  expect(last()).toBe('<p><em>Prazo de 72 horas.</em></p>');
});

test('a link needs an address the server keeps, and is applied to the selection', async () => {
  const { user, editor, button, last } = setup('<p>Portal</p>');
  await user.click(editor);
  await user.keyboard('{Control>}a{/Control}');
  await user.click(button('Link'));
  const address = screen.getByLabelText('Endereço do link');
  expect(address).toHaveFocus();

  await user.type(address, 'javascript:alert(1){Enter}');
  expect(address).toHaveAccessibleDescription('Informe um endereço que comece por https://, http://, mailto: ou tel:.');
  expect(last()).toBeUndefined();

  await user.clear(address);
  await user.type(address, 'https://prefeitura.example.gov.br{Enter}');
  expect(last()).toBe('<p><a href="https://prefeitura.example.gov.br">Portal</a></p>');
  expect(screen.queryByLabelText('Endereço do link')).not.toBeInTheDocument();
  expect(button('Link')).toHaveAttribute('aria-pressed', 'true');
});

test('the HTML view edits the source; back in the editor, tags the server drops are gone', async () => {
  const { user, button, last } = setup('<p>Antes</p>');
  await user.click(button('Ver HTML'));
  expect(button('Ver HTML')).toHaveAttribute('aria-pressed', 'true');
  expect(button('Negrito')).toBeDisabled();
  const source = screen.getByLabelText('Texto');
  expect(source).toHaveValue('<p>Antes</p>');

  await user.clear(source);
  await user.click(source);
  await user.paste('<p>Depois <u>já</u></p><script>alert(1)</script><pre>x</pre>');
  await user.click(button('Ver HTML'));

  expect(last()).toBe('<p>Depois <u>já</u></p><p>x</p>');
  expect(screen.getByRole('textbox', { name: 'Texto' })).toHaveTextContent('Depois já');
});

test('an empty editor is an empty text, so the server asks for it', async () => {
  const { user, editor, last } = setup('<p>Apagar</p>');
  await user.click(editor);
  await user.keyboard('{Control>}a{/Control}{Backspace}');
  expect(last()).toBe('');
});
