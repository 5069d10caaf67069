import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../app/App';
import { CtiSocketFactoryProvider } from '../cti/CtiProvider';
import { fakeCti, type FakeCti } from './fake-cti';

/** Opens the whole app at `path`, as a browser tab would; the /cti link is always a fake. */
export function renderApp(path = '/', cti: FakeCti = fakeCti()) {
  window.history.replaceState(null, '', path);
  const user = userEvent.setup();
  render(
    <CtiSocketFactoryProvider value={cti.factory}>
      <App />
    </CtiSocketFactoryProvider>,
  );
  return user;
}
