import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SchemaForm } from './SchemaForm';
import { emptyValue, type FormValue } from './schema-form';

const schema = {
  type: 'object',
  title: 'Poda de árvore',
  required: ['reference', 'size', 'height'],
  properties: {
    reference: { type: 'string', title: 'Ponto de referência', 'x-placeholder': 'Ex.: em frente ao nº 120' },
    details: { type: 'string', title: 'Detalhes', 'x-widget': 'textarea', description: 'O que o cidadão relatou.' },
    email: { type: 'string', format: 'email', title: 'E-mail para retorno' },
    seenOn: { type: 'string', format: 'date', title: 'Visto em' },
    size: { type: 'string', title: 'Porte', enum: ['pequeno', 'grande'], 'x-widget': 'radio', 'x-help': 'Pela altura da copa.' },
    kind: { type: 'string', title: 'Espécie', enum: ['ipê', 'sibipiruna'] },
    height: { type: 'integer', title: 'Altura (m)', minimum: 1, maximum: 40 },
    wires: { type: 'boolean', title: 'Encosta na fiação' },
    photos: { type: 'array', title: 'Fotos', items: { type: 'string' } },
  },
};

function Harness({
  onChange,
  errors,
  initial = emptyValue(schema),
  form = schema,
}: {
  onChange: (value: FormValue) => void;
  errors?: Record<string, string>;
  initial?: FormValue;
  form?: unknown;
}) {
  const [value, setValue] = useState<FormValue>(initial);
  return (
    <SchemaForm
      schema={form}
      value={value}
      errors={errors}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

test('draws each supported field with its label, hint and required mark', () => {
  render(<Harness onChange={jest.fn()} />);

  expect(screen.getByRole('heading', { name: 'Poda de árvore' })).toBeInTheDocument();
  expect(screen.getByText('Campos marcados com * são obrigatórios.')).toBeInTheDocument();

  const reference = screen.getByRole('textbox', { name: 'Ponto de referência' });
  expect(reference).toBeRequired();
  expect(reference).toHaveAttribute('placeholder', 'Ex.: em frente ao nº 120');
  expect(screen.getByRole('textbox', { name: 'Detalhes' }).tagName).toBe('TEXTAREA');
  expect(screen.getByRole('textbox', { name: 'Detalhes' })).toHaveAccessibleDescription('O que o cidadão relatou.');
  expect(screen.getByRole('textbox', { name: 'Detalhes' })).not.toBeRequired();
  expect(screen.getByRole('textbox', { name: 'E-mail para retorno' })).toHaveAttribute('type', 'email');
  expect(screen.getByRole('textbox', { name: 'Visto em' })).toHaveAttribute('placeholder', 'dd/mm/aaaa');

  const size = screen.getByRole('radiogroup', { name: 'Porte' });
  expect(size).toHaveAttribute('aria-required', 'true');
  expect(size).toHaveAccessibleDescription('Pela altura da copa.');
  expect(within(size).getAllByRole('radio').map((radio) => radio.closest('label')?.textContent)).toEqual(['pequeno', 'grande']);

  const kind = screen.getByRole('combobox', { name: 'Espécie' });
  expect(within(kind).getAllByRole('option').map((option) => option.textContent)).toEqual(['Selecione…', 'ipê', 'sibipiruna']);

  const height = screen.getByRole('spinbutton', { name: 'Altura (m)' });
  expect(height).toBeRequired();
  expect(height).toHaveAttribute('min', '1');
  expect(height).toHaveAttribute('max', '40');
  expect(screen.getByRole('checkbox', { name: 'Encosta na fiação' })).not.toBeChecked();

  expect(screen.getByText(/campo não exibido, listas \(array\) só com "items" de opções/)).toHaveTextContent('Fotos');
});

test('emits the value as the user fills the form, with typed values and blanks left out', async () => {
  const user = userEvent.setup();
  const onChange = jest.fn();
  render(<Harness onChange={onChange} />);

  await user.type(screen.getByRole('textbox', { name: 'Ponto de referência' }), 'Praça');
  await user.click(screen.getByRole('radio', { name: 'grande' }));
  await user.selectOptions(screen.getByRole('combobox', { name: 'Espécie' }), 'ipê');
  await user.type(screen.getByRole('spinbutton', { name: 'Altura (m)' }), '12');
  await user.click(screen.getByRole('checkbox', { name: 'Encosta na fiação' }));
  await user.type(screen.getByRole('textbox', { name: 'Detalhes' }), 'x');
  await user.clear(screen.getByRole('textbox', { name: 'Detalhes' }));

  expect(onChange).toHaveBeenLastCalledWith({
    reference: 'Praça',
    size: 'grande',
    kind: 'ipê',
    height: 12,
    wires: true,
  });

  await user.selectOptions(screen.getByRole('combobox', { name: 'Espécie' }), 'Selecione…');
  expect(onChange.mock.lastCall[0]).not.toHaveProperty('kind');
});

test('a multiple choice is a group of checkboxes whose answer lists the chosen options in their order', async () => {
  const user = userEvent.setup();
  const onChange = jest.fn();
  const bulky = {
    type: 'object',
    required: ['items'],
    properties: { items: { type: 'array', title: 'Itens', items: { type: 'string', enum: ['Sofá', 'Geladeira', 'Fogão'] }, uniqueItems: true } },
  };
  render(<Harness form={bulky} initial={{}} onChange={onChange} errors={{ items: 'Campo obrigatório.' }} />);
  const group = screen.getByRole('group', { name: 'Itens (obrigatório)' });
  expect(group).toHaveAccessibleDescription('Campo obrigatório.');

  await user.click(within(group).getByRole('checkbox', { name: 'Fogão' }));
  await user.click(within(group).getByRole('checkbox', { name: 'Sofá' }));
  expect(onChange).toHaveBeenLastCalledWith({ items: ['Sofá', 'Fogão'] });

  await user.click(within(group).getByRole('checkbox', { name: 'Sofá' }));
  await user.click(within(group).getByRole('checkbox', { name: 'Fogão' }));
  expect(onChange).toHaveBeenLastCalledWith({});
});

test('options keep the type of their values', async () => {
  const user = userEvent.setup();
  const onChange = jest.fn();
  const priority = {
    type: 'object',
    properties: {
      level: { type: 'integer', title: 'Prioridade', oneOf: [{ const: 1, title: 'Baixa' }, { const: 3, title: 'Alta' }] },
    },
  };
  render(<Harness form={priority} initial={{}} onChange={onChange} />);

  await user.selectOptions(screen.getByRole('combobox', { name: 'Prioridade' }), 'Alta');

  expect(onChange).toHaveBeenLastCalledWith({ level: 3 });
});

test('shows errors beside their fields', () => {
  render(
    <Harness
      onChange={jest.fn()}
      errors={{ reference: 'Informe o ponto de referência.', size: 'Escolha o porte.', wires: 'Responda.' }}
    />,
  );

  const reference = screen.getByRole('textbox', { name: 'Ponto de referência' });
  expect(reference).toHaveAttribute('aria-invalid', 'true');
  expect(reference).toHaveAccessibleDescription('Informe o ponto de referência.');
  const size = screen.getByRole('radiogroup', { name: 'Porte' });
  expect(size).toHaveAttribute('aria-invalid', 'true');
  expect(size).toHaveAccessibleDescription('Pela altura da copa. Escolha o porte.');
  expect(screen.getByRole('checkbox', { name: 'Encosta na fiação' })).toHaveAccessibleDescription('Responda.');
  expect(screen.getByRole('textbox', { name: 'Detalhes' })).not.toHaveAttribute('aria-invalid');
});

test('read-only mode shows the values as text, including data the schema no longer lists', () => {
  render(
    <SchemaForm
      schema={schema}
      readOnly
      onChange={jest.fn()}
      value={{ reference: 'Praça da Sé', seenOn: '2025-03-09', size: 'grande', height: 12, wires: false, oldField: 'antigo' }}
    />,
  );

  expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  const pairs = Array.from(document.querySelectorAll('dt')).map((term) => [
    term.textContent,
    term.nextElementSibling?.textContent,
  ]);
  expect(pairs).toEqual([
    ['Ponto de referência', 'Praça da Sé'],
    ['Detalhes', 'Não informado'],
    ['E-mail para retorno', 'Não informado'],
    ['Visto em', '09/03/2025'],
    ['Porte', 'grande'],
    ['Espécie', 'Não informado'],
    ['Altura (m)', '12'],
    ['Encosta na fiação', 'Não'],
    ['Fotos', 'Não informado'],
    ['oldField', 'antigo'],
  ]);
});

test('a schema that is not an object form shows why instead of crashing', () => {
  render(<SchemaForm schema={{ type: 'array' }} value={{}} onChange={jest.fn()} />);

  expect(screen.getByRole('alert')).toHaveTextContent(
    'O formulário não pode ser exibido. O esquema deve ter "type": "object" na raiz.',
  );
});

test('ids follow idPrefix so two forms on one page do not clash', () => {
  render(
    <>
      <SchemaForm schema={schema} value={{}} onChange={jest.fn()} idPrefix="novo" />
      <SchemaForm schema={schema} value={{}} onChange={jest.fn()} idPrefix="grupo" />
    </>,
  );

  const [first, second] = screen.getAllByRole('textbox', { name: 'Ponto de referência' });
  expect(first.id).toMatch(/^novo-/);
  expect(second.id).toMatch(/^grupo-/);
});

test('a date field takes dd/mm/aaaa in any browser language and hands the form an ISO date', async () => {
  const user = userEvent.setup();
  const onChange = jest.fn();
  render(<Harness onChange={onChange} />);

  const seenOn = screen.getByRole('textbox', { name: 'Visto em' });
  await user.type(seenOn, '30022026');
  await user.tab();
  expect(seenOn).toHaveValue('30/02/2026');
  expect(seenOn).toHaveAccessibleDescription('30/02/2026 não existe: fevereiro de 2026 tem 28 dias.');

  await user.clear(seenOn);
  await user.type(seenOn, '09032025');
  expect(onChange.mock.lastCall[0]).toMatchObject({ seenOn: '2025-03-09' });
  expect(seenOn).not.toHaveAccessibleDescription();
});
