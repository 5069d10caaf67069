import { useState, type ReactNode } from 'react';
import { describeError } from '../api/client';
import { Dialog } from './Dialog';
import { FormAlert } from './Field';

interface ConfirmDialogProps {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  /** Closes the dialog itself when done; a failure keeps it open with the reason. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}

/** Asks before an action the user cannot take back; Cancelar comes first and gets the focus. */
export function ConfirmDialog({ title, confirmLabel, danger, onConfirm, onClose, children }: ConfirmDialogProps) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setSubmitting(true);
    setError(null);
    try {
      await onConfirm();
    } catch (failure) {
      setError(describeError(failure));
      setSubmitting(false);
    }
  }

  return (
    <Dialog title={title} onClose={submitting ? undefined : onClose}>
      <FormAlert message={error} />
      {children}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} disabled={submitting}>
          Cancelar
        </button>
        <button
          type="button"
          className={danger ? 'button button--danger' : 'button button--primary'}
          onClick={confirm}
          disabled={submitting}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
