import { informationInputSchema, type Category, type Information } from '@receptivo/shared';
import { CheckboxField, Field, TextField } from '../../ui/Field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { CategoryScope, CategorySelect } from './CategoryScope';
import { EditorDialog, useFormValues, useSaveItem } from './EditorDialog';
import { keywordsFromInput, keywordsToInput, type Noun } from './editing';
import { KnowledgeList, type EditorProps } from './KnowledgeList';
import { RelatedRequestTypesField } from './RelatedRequestTypesField';
import { RichTextField } from './RichTextField';

const noun: Noun = { singular: 'informação', plural: 'informações', feminine: true };
const fields = ['categoryId', 'title', 'body', 'proposedSolution', 'keywords', 'requestTypeIds', 'published', 'active'];

export function InformationsPanel() {
  return (
    <CategoryScope>
      {({ categoryId, categories, filter }) => (
        <KnowledgeList
          // A new list per category: its own load, order and messages.
          key={categoryId}
          resource="informations"
          categoryId={categoryId}
          belongs={(information) => information.categoryId === categoryId}
          filters={filter}
          noun={noun}
          newLabel="Nova informação"
          caption="Informações da sessão, na ordem em que o Receptivo as mostra"
          describe={(information) => information.title}
          columns={[
            { header: 'Título', cell: (information) => information.title },
            {
              header: 'Palavras-chave',
              cell: (information) => keywordsToInput(information.keywords) || <span className="muted">—</span>,
            },
            { header: 'No portal', cell: (information) => (information.published ? 'Publicada' : <span className="muted">—</span>) },
          ]}
          renderEditor={(props) => <InformationEditor {...props} categories={categories} categoryId={categoryId} />}
        />
      )}
    </CategoryScope>
  );
}

interface InformationEditorProps extends EditorProps<Information> {
  categories: Category[];
  /** The sessão of a new information; '' to have it chosen. */
  categoryId: string;
  /** The title a new information starts with, e.g. the term searched for in Lacunas da base. */
  suggestedTitle?: string;
}

/** The editor of one information, new or saved (also opened from Lacunas da base). */
export function InformationEditor({ item, onSaved, onClose, categories, categoryId, suggestedTitle = '' }: InformationEditorProps) {
  const [values, set] = useFormValues({
    categoryId: item?.categoryId ?? categoryId,
    title: item?.title ?? suggestedTitle,
    body: item?.body ?? '',
    proposedSolution: item?.proposedSolution ?? '',
    keywords: keywordsToInput(item?.keywords ?? []),
    requestTypeIds: item?.requestTypeIds ?? [],
    published: item?.published ?? false,
    active: item?.active ?? true,
  });
  const { submitting, errors, submit } = useFormSubmit();
  const save = useSaveItem('informations', item, onSaved);
  // Each keyword is checked on its own ("keywords.2"); the message goes beside the one input.
  const keywordsError =
    errors.fields.keywords ?? Object.entries(errors.fields).find(([path]) => path.startsWith('keywords.'))?.[1];

  return (
    <EditorDialog
      title={item ? `Editar informação ${item.title}` : 'Nova informação'}
      wide
      submitting={submitting}
      errors={errors}
      onClose={onClose}
      onSubmit={() => {
        const keywords = keywordsFromInput(values.keywords);
        return submit({
          parsed: informationInputSchema.safeParse({ ...values, keywords }),
          fields: [...fields, ...keywords.map((_, index) => `keywords.${index}`)],
          send: save,
        });
      }}
    >
      <div className="form-grid">
        <CategorySelect
          categories={categories}
          value={values.categoryId}
          error={errors.fields.categoryId}
          onChange={(id) => set('categoryId', id)}
        />
        <TextField label="Título" error={errors.fields.title} value={values.title} onChange={(value) => set('title', value)} />
      </div>
      <RichTextField
        label="Texto"
        value={values.body}
        error={errors.fields.body}
        onChange={(body) => set('body', body)}
      />
      <RichTextField
        label="Solução Proposta"
        hint="Enviada ao cidadão por e-mail com o script de atendimento, quando ele pedir."
        value={values.proposedSolution}
        error={errors.fields.proposedSolution}
        onChange={(proposedSolution) => set('proposedSolution', proposedSolution)}
      />
      <Field
        label="Palavras-chave"
        hint="Separadas por vírgula. A busca por palavra-chave do Receptivo encontra a informação por elas."
        error={keywordsError}
      >
        {(control) => (
          <input
            {...control}
            autoComplete="off"
            value={values.keywords}
            onChange={(event) => set('keywords', event.target.value)}
          />
        )}
      </Field>
      <RelatedRequestTypesField
        categories={categories}
        value={values.requestTypeIds}
        error={errors.fields.requestTypeIds}
        onChange={(requestTypeIds) => set('requestTypeIds', requestTypeIds)}
      />
      <CheckboxField
        label="Publicada no Autoatendimento"
        hint="Os cidadãos a encontram em Informações, no portal. Publique só textos escritos para o cidadão."
        checked={values.published}
        error={errors.fields.published}
        onChange={(published) => set('published', published)}
      />
      <CheckboxField
        label="Ativa"
        hint="Informações inativas não aparecem no Receptivo nem na busca."
        checked={values.active}
        error={errors.fields.active}
        onChange={(active) => set('active', active)}
      />
    </EditorDialog>
  );
}
