import { useState, type FormEvent } from 'react';
import { createOpen311ClientSchema, type IssuedOpen311Key } from '@receptivo/shared';
import { useApi } from '../auth/SessionProvider';
import { Dialog } from '../ui/Dialog';
import { FormAlert, TextField } from '../ui/Field';
import { useFormSubmit } from '../ui/use-form-submit';
import { createOpen311Client } from './open311-api';

const fields = ['name'];

/** Registers an application by its name; the server answers its key, which the next dialog shows. */
export function CreateOpen311ClientDialog({ onCreated, onClose }: { onCreated: (issued: IssuedOpen311Key) => void; onClose: () => void }) {
  const api = useApi();
  const [name, setName] = useState('');
  const { submitting, errors, submit } = useFormSubmit();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit({
      parsed: createOpen311ClientSchema.safeParse({ name }),
      fields,
      send: async (body) => onCreated(await createOpen311Client(api, body)),
    });
  }

  return (
    <Dialog title="Novo aplicativo Open311" onClose={submitting ? undefined : onClose}>
      <form onSubmit={onSubmit} noValidate>
        <FormAlert message={errors.alert} />
        <TextField
          label="Nome do aplicativo"
          hint="Como a equipe o reconhece (ex.: FixMyStreet da Prefeitura). Aparece no histórico das solicitações que ele enviar."
          value={name}
          error={errors.fields.name}
          onChange={setName}
        />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose} disabled={submitting}>
            Cancelar
          </button>
          <button type="submit" className="button button--primary" disabled={submitting}>
            Cadastrar
          </button>
        </div>
      </form>
    </Dialog>
  );
}
