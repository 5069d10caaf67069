import { Dialog } from './Dialog';
import { shortcuts } from './shortcuts';

/** "Atalhos de teclado": every shortcut of the desk, opened with F1 or from the header. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Atalhos de teclado" onClose={onClose}>
      <table className="table shortcuts-table">
        <caption className="visually-hidden">Atalhos de teclado</caption>
        <thead>
          <tr>
            <th scope="col">Teclas</th>
            <th scope="col">Ação</th>
          </tr>
        </thead>
        <tbody>
          {Object.values(shortcuts).map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.label}</kbd>
              </td>
              <td>{shortcut.action}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>↑</kbd> <kbd>↓</kbd>
            </td>
            <td>Percorrer resultados da busca, sessões e tópicos do script</td>
          </tr>
          <tr>
            <td>
              <kbd>Esc</kbd>
            </td>
            <td>Fechar a janela aberta (com dados digitados, pergunta antes de descartar)</td>
          </tr>
        </tbody>
      </table>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          Fechar
        </button>
      </div>
    </Dialog>
  );
}
