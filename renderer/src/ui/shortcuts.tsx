import { useEffectEvent } from 'react';
import { useHotkeys } from 'react-hotkeys-hook';

export interface Shortcut {
  /** As react-hotkeys-hook reads it; matched by physical key, so the same on ABNT2 and US layouts. */
  keys: string;
  /** As shown and as aria-keyshortcuts spells it. */
  label: string;
  action: string;
}

/**
 * The desk's frequent actions. Alt + a letter: Alt+letter types nothing on pt-BR layouts (AltGr is
 * Ctrl+Alt there) and Chromium leaves these to the page, unlike Ctrl+N/Ctrl+F/Ctrl+B.
 */
export const shortcuts = {
  start: { keys: 'alt+n', label: 'Alt+N', action: 'Iniciar um novo atendimento' },
  customerSearch: { keys: 'alt+c', label: 'Alt+C', action: 'Ir para a pesquisa de clientes' },
  link: { keys: 'alt+v', label: 'Alt+V', action: 'Vincular o cliente encontrado (com vários, ir ao primeiro)' },
  knowledgeSearch: { keys: 'alt+b', label: 'Alt+B', action: 'Ir para a busca na base de conhecimento' },
  finish: { keys: 'alt+f', label: 'Alt+F', action: 'Finalizar o atendimento' },
  help: { keys: 'f1', label: 'F1', action: 'Mostrar os atalhos de teclado' },
} satisfies Record<string, Shortcut>;

/** A modal dialog owns the keyboard: the page's shortcuts wait until it closes. */
const dialogOpen = () => document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;

/** Runs `handler` on the shortcut, even with the cursor in a field (Alt+letter types nothing). */
export function useShortcut(shortcut: Shortcut, handler: () => void, enabled = true) {
  const run = useEffectEvent(handler);
  useHotkeys(shortcut.keys, () => run(), {
    enabled,
    enableOnFormTags: true,
    preventDefault: true,
    ignoreEventWhen: dialogOpen,
  });
}

/** The shortcut beside its control, for the eye; the control says it with aria-keyshortcuts. */
export function ShortcutHint({ shortcut }: { shortcut: Shortcut }) {
  return (
    <kbd className="shortcut-hint" aria-hidden="true">
      {shortcut.label}
    </kbd>
  );
}
