import * as RadixDialog from '@radix-ui/react-dialog';
import { useEffect, useRef, useState, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  /** Omitted when the dialog must be closed by an explicit choice (e.g. a password shown once). */
  onClose?: () => void;
  children: ReactNode;
}

/**
 * Modal dialog (Radix): the page behind is inert, focus stays inside and goes back to the opener
 * when it closes. Esc closes at once, unless something was typed: then it asks before discarding.
 * A click outside never closes it, so a stray click loses nothing.
 */
export function Dialog({ title, onClose, children }: DialogProps) {
  /** Any input, choice or typing inside since it opened: what Esc would lose. */
  const [edited, setEdited] = useState(false);
  const [askingDiscard, setAskingDiscard] = useState(false);

  function onEscape(event: KeyboardEvent) {
    if (!onClose) event.preventDefault();
    else if (edited) {
      event.preventDefault();
      setAskingDiscard(true);
    }
  }

  return (
    <DialogFrame title={title} onClose={onClose} onEscape={onEscape} onEdit={() => setEdited(true)}>
      {children}
      {askingDiscard && onClose && <DiscardQuestion onDiscard={onClose} onKeepEditing={() => setAskingDiscard(false)} />}
    </DialogFrame>
  );
}

interface DialogFrameProps {
  title: string;
  onClose?: () => void;
  onEscape: (event: KeyboardEvent) => void;
  onEdit?: () => void;
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
}

function DialogFrame({ title, onClose, onEscape, onEdit, role, children }: DialogFrameProps) {
  const opener = useRef<HTMLElement | null>(null);

  // Radix gives the focus back a tick after unmounting, to what was focused when it mounted: a dialog
  // replacing another would get the page body. Given back here, at once, to the element recorded as
  // Radix moves the focus in, a dialog that replaces another returns to the first one's opener.
  useEffect(
    () => () => {
      if (opener.current?.isConnected) opener.current.focus();
    },
    [],
  );

  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && onClose?.()}>
      <RadixDialog.Portal>
        {/* A plain backdrop, not Radix's Overlay: the Overlay's scroll lock injects a <style> element,
            which the desk's CSP (style-src 'self') refuses; the page stops scrolling by CSS instead
            (body:has(.dialog-backdrop)). The content inside lets a tall dialog scroll with the backdrop. */}
        <div className="dialog-backdrop">
          <RadixDialog.Content
            className="dialog"
            // Radix sets role="dialog"; an undefined here would erase it.
            {...(role && { role })}
            // The title names the dialog; its text is read in order, so no separate description.
            aria-describedby={undefined}
            onOpenAutoFocus={() => {
              opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
            }}
            onCloseAutoFocus={(event) => event.preventDefault()}
            onEscapeKeyDown={onEscape}
            onInteractOutside={(event) => event.preventDefault()}
            onChange={onEdit}
            onInput={onEdit}
          >
            <RadixDialog.Title className="dialog__title">{title}</RadixDialog.Title>
            {children}
          </RadixDialog.Content>
        </div>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/** Asked on Esc over a filled dialog; going on editing comes first and gets the focus. */
function DiscardQuestion({ onDiscard, onKeepEditing }: { onDiscard: () => void; onKeepEditing: () => void }) {
  return (
    <DialogFrame title="Descartar as alterações?" role="alertdialog" onClose={onKeepEditing} onEscape={() => undefined}>
      <p>Os dados digitados neste formulário serão perdidos.</p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onKeepEditing}>
          Continuar editando
        </button>
        <button type="button" className="button button--danger" onClick={onDiscard}>
          Descartar
        </button>
      </div>
    </DialogFrame>
  );
}
