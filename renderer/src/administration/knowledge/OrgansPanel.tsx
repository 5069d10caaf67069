import { organInputSchema, type Organ } from '@receptivo/shared';
import { CheckboxField, Field, TextField } from '../../ui/Field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { EditorDialog, useFormValues, useSaveItem } from './EditorDialog';
import type { Noun } from './editing';
import { KnowledgeList, type EditorProps } from './KnowledgeList';

const noun: Noun = { singular: 'órgão', plural: 'órgãos', feminine: false };
const fields = ['name', 'acronym', 'email', 'active'];

export function OrgansPanel() {
  return (
    <KnowledgeList
      resource="organs"
      noun={noun}
      newLabel="Novo órgão"
      caption="Órgãos cadastrados"
      describe={(organ) => organ.name}
      columns={[
        { header: 'Nome', cell: (organ) => organ.name },
        { header: 'Sigla', cell: (organ) => organ.acronym ?? '—' },
        { header: 'E-mail', cell: (organ) => organ.email ?? '—' },
      ]}
      renderEditor={(props) => <OrganEditor {...props} />}
    />
  );
}

function OrganEditor({ item, onSaved, onClose }: EditorProps<Organ>) {
  const [values, set] = useFormValues({
    name: item?.name ?? '',
    acronym: item?.acronym ?? '',
    email: item?.email ?? '',
    active: item?.active ?? true,
  });
  const { submitting, errors, submit } = useFormSubmit();
  const save = useSaveItem('organs', item, onSaved);

  return (
    <EditorDialog
      title={item ? `Editar órgão ${item.name}` : 'Novo órgão'}
      submitting={submitting}
      errors={errors}
      onClose={onClose}
      onSubmit={() => submit({ parsed: organInputSchema.safeParse(values), fields, send: save })}
    >
      <TextField label="Nome" error={errors.fields.name} value={values.name} onChange={(value) => set('name', value)} />
      <Field label="Sigla" hint="Opcional." error={errors.fields.acronym}>
        {(control) => (
          <input
            {...control}
            className="input--short"
            autoComplete="off"
            value={values.acronym}
            onChange={(event) => set('acronym', event.target.value)}
          />
        )}
      </Field>
      <Field label="E-mail" hint="Opcional. Para onde o órgão recebe as solicitações." error={errors.fields.email}>
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={values.email}
            onChange={(event) => set('email', event.target.value)}
          />
        )}
      </Field>
      <CheckboxField
        label="Ativo"
        hint="Órgãos inativos não podem receber novos tipos de solicitação."
        checked={values.active}
        error={errors.fields.active}
        onChange={(active) => set('active', active)}
      />
    </EditorDialog>
  );
}
