import { categoryInputSchema, type Category } from '@receptivo/shared';
import { CheckboxField, Field, TextField } from '../../ui/Field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { EditorDialog, useFormValues, useSaveItem } from './EditorDialog';
import type { Noun } from './editing';
import { KnowledgeList, type EditorProps } from './KnowledgeList';

const noun: Noun = { singular: 'sessão', plural: 'sessões', feminine: true };
const fields = ['name', 'description', 'active'];

export function CategoriesPanel() {
  return (
    <KnowledgeList
      resource="categories"
      noun={noun}
      newLabel="Nova sessão"
      caption="Sessões, na ordem em que o Receptivo as mostra"
      describe={(category) => category.name}
      columns={[
        { header: 'Nome', cell: (category) => category.name },
        { header: 'Descrição', cell: (category) => category.description ?? '—' },
      ]}
      renderEditor={(props) => <CategoryEditor {...props} />}
    />
  );
}

function CategoryEditor({ item, onSaved, onClose }: EditorProps<Category>) {
  const [values, set] = useFormValues({
    name: item?.name ?? '',
    description: item?.description ?? '',
    active: item?.active ?? true,
  });
  const { submitting, errors, submit } = useFormSubmit();
  const save = useSaveItem('categories', item, onSaved);

  return (
    <EditorDialog
      title={item ? `Editar sessão ${item.name}` : 'Nova sessão'}
      submitting={submitting}
      errors={errors}
      onClose={onClose}
      onSubmit={() => submit({ parsed: categoryInputSchema.safeParse(values), fields, send: save })}
    >
      <TextField label="Nome" error={errors.fields.name} value={values.name} onChange={(value) => set('name', value)} />
      <Field label="Descrição" hint="Opcional." error={errors.fields.description}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={values.description}
            onChange={(event) => set('description', event.target.value)}
          />
        )}
      </Field>
      <CheckboxField
        label="Ativa"
        hint="Sessões inativas não aparecem no Receptivo."
        checked={values.active}
        error={errors.fields.active}
        onChange={(active) => set('active', active)}
      />
    </EditorDialog>
  );
}
