import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Information } from '@receptivo/shared';
import { SessionProvider } from '../auth/SessionProvider';
import { apiError, fakeServer, loginResponse, storeSession } from '../testing/fake-server';
import { Highlighted } from './Highlighted';
import { InformationDetail } from './InformationDetail';
import { RichText } from './RichText';
import { iptu, iptuId } from './test-fixtures';

beforeEach(() => localStorage.clear());

describe('RichText', () => {
  test('links open in a new window without a handle on the desk, and scripts do not run', () => {
    const flags = window as unknown as { scriptRan?: boolean };
    const { container } = render(
      <RichText html='<p>Veja <a href="https://example.gov.br/iptu">o portal</a>.</p><script>window.scriptRan = true</script>' />,
    );

    const link = screen.getByRole('link', { name: 'o portal' });
    expect(link).toHaveAttribute('href', 'https://example.gov.br/iptu');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(container).toHaveTextContent('Veja o portal.');
    expect(flags.scriptRan).toBeUndefined();
  });

  test('links of new text get the same treatment', () => {
    const view = render(<RichText html="<p>sem links</p>" />);
    view.rerender(<RichText html='<p><a href="https://example.gov.br">novo</a></p>' />);

    expect(screen.getByRole('link', { name: 'novo' })).toHaveAttribute('target', '_blank');
  });
});

describe('Highlighted', () => {
  test('marks only what <mark> delimits, and keeps any other markup as text', () => {
    const { container } = render(
      <p>
        <Highlighted text="<b>negrito</b> <mark>água</mark> e <mark>luz</mark> <mark>sem fim" />
      </p>,
    );

    expect(Array.from(container.querySelectorAll('mark'), (mark) => mark.textContent)).toEqual(['água', 'luz', 'sem fim']);
    expect(container.querySelector('b')).toBeNull();
    expect(container).toHaveTextContent('<b>negrito</b> água e luz sem fim');
  });
});

describe('InformationDetail', () => {
  function renderDetail(props: Partial<Parameters<typeof InformationDetail>[0]>, information: Information | null = iptu) {
    storeSession(loginResponse('attendant'));
    const server = fakeServer({
      [`GET /api/informations/${iptuId}`]: information
        ? { status: 200, body: information }
        : apiError(404, 'NOT_FOUND', 'Informação não encontrada.'),
    });
    const user = userEvent.setup();
    render(
      <SessionProvider>
        <InformationDetail informationId={iptuId} {...props} />
      </SessionProvider>,
    );
    return { server, user };
  }

  test('offers the caller its own actions for the loaded information, and no [Voltar] unless asked', async () => {
    const registered: string[] = [];
    const { user } = renderDetail({
      actions: (information) => (
        <button type="button" onClick={() => registered.push(information.id)}>
          Registrar
        </button>
      ),
    });

    const detail = await screen.findByRole('article', { name: iptu.title });
    expect(within(detail).getByRole('heading', { name: iptu.title })).toHaveFocus();
    expect(within(detail).queryByRole('button', { name: 'Voltar' })).not.toBeInTheDocument();
    await user.click(within(detail).getByRole('button', { name: 'Registrar' }));
    expect(registered).toEqual([iptuId]);
  });

  test('an information no longer there says so without a retry', async () => {
    renderDetail({}, null);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Não foi possível carregar a informação. Informação não encontrada.',
    );
    expect(screen.queryByRole('button', { name: 'Tentar novamente' })).not.toBeInTheDocument();
  });
});
