import { useState, type FormEvent, type ReactNode } from 'react';
import { useApi } from '../../auth/SessionProvider';
import { Dialog } from '../../ui/Dialog';
import { FormAlert } from '../../ui/Field';
import type { FormErrors } from '../../ui/form-errors';
import { changedFields } from './editing';
import { createItem, updateItem, type KnowledgeItems, type KnowledgeResource } from './knowledge-admin-api';

interface EditorDialogProps {
  title: string;
  /** For editors with side-by-side previews. */
  wide?: boolean;
  submitting: boolean;
  errors: FormErrors;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** The dialog around every knowledge form: alert on top, [Cancelar] [Salvar] below. */
export function EditorDialog({ title, wide, submitting, errors, onSubmit, onClose, children }: EditorDialogProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <Dialog title={title} onClose={submitting ? undefined : onClose}>
      <form
        className={wide ? 'knowledge-editor knowledge-editor--wide' : 'knowledge-editor'}
        onSubmit={submit}
        noValidate
      >
        <FormAlert message={errors.alert} />
        {children}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} disabled={submitting}>
            Cancelar
          </button>
          <button type="submit" className="button button--primary" disabled={submitting}>
            Salvar
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** An editor's inputs as one object, changed one field at a time. */
export function useFormValues<T extends object>(initial: T) {
  const [values, setValues] = useState(initial);
  const set = <K extends keyof T>(key: K, value: T[K]) => setValues((previous) => ({ ...previous, [key]: value }));
  return [values, set] as const;
}

/** Creates the item, or sends only the fields that changed; an edit that changed nothing just closes. */
export function useSaveItem<R extends KnowledgeResource>(
  resource: R,
  item: KnowledgeItems[R] | null,
  onSaved: (item: KnowledgeItems[R]) => void,
) {
  const api = useApi();
  return async (data: object) => {
    if (!item) {
      onSaved(await createItem(api, resource, data));
      return;
    }
    const patch = changedFields(data, item);
    onSaved(Object.keys(patch).length > 0 ? await updateItem(api, resource, item.id, patch) : item);
  };
}

