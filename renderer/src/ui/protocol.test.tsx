import { render, screen } from '@testing-library/react';
import { Protocol, TextWithProtocols } from './Protocol';

test('a protocol is shown formatted, in an element kept on one line', () => {
  render(<Protocol value="20260012347" />);
  expect(screen.getByText('2026.001234-7')).toHaveClass('protocol');
});

test('protocols inside a sentence are kept whole, the rest of the text stays as written', () => {
  const { container } = render(
    <p>
      <TextWithProtocols text="Agrupada com a solicitação 2026.001234-7; atendimento 2027.12345678-3." />
    </p>,
  );
  expect(container).toHaveTextContent('Agrupada com a solicitação 2026.001234-7; atendimento 2027.12345678-3.');
  expect(Array.from(container.querySelectorAll('.protocol'), (element) => element.textContent)).toEqual(['2026.001234-7', '2027.12345678-3']);
});
