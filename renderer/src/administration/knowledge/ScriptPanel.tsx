import { scriptTopicInputSchema, type ScriptTopic } from '@receptivo/shared';
import { CheckboxField, TextField } from '../../ui/Field';
import { useFormSubmit } from '../../ui/use-form-submit';
import { EditorDialog, useFormValues, useSaveItem } from './EditorDialog';
import type { Noun } from './editing';
import { KnowledgeList, type EditorProps } from './KnowledgeList';
import { RichTextField } from './RichTextField';

const noun: Noun = { singular: 'tópico', plural: 'tópicos', feminine: false };
const fields = ['title', 'content', 'active'];

export function ScriptPanel() {
  return (
    <KnowledgeList
      resource="script-topics"
      noun={noun}
      newLabel="Novo tópico"
      caption="Tópicos do script de atendimento, na ordem de leitura"
      describe={(topic) => topic.title}
      columns={[{ header: 'Título', cell: (topic) => topic.title }]}
      renderEditor={(props) => <ScriptTopicEditor {...props} />}
    />
  );
}

function ScriptTopicEditor({ item, onSaved, onClose }: EditorProps<ScriptTopic>) {
  const [values, set] = useFormValues({
    title: item?.title ?? '',
    content: item?.content ?? '',
    active: item?.active ?? true,
  });
  const { submitting, errors, submit } = useFormSubmit();
  const save = useSaveItem('script-topics', item, onSaved);

  return (
    <EditorDialog
      title={item ? `Editar tópico ${item.title}` : 'Novo tópico do script'}
      wide
      submitting={submitting}
      errors={errors}
      onClose={onClose}
      onSubmit={() => submit({ parsed: scriptTopicInputSchema.safeParse(values), fields, send: save })}
    >
      <TextField label="Título" error={errors.fields.title} value={values.title} onChange={(value) => set('title', value)} />
      <RichTextField
        label="Conteúdo"
        hint="O texto que o atendente lê ao cidadão."
        value={values.content}
        error={errors.fields.content}
        onChange={(content) => set('content', content)}
      />
      <CheckboxField
        label="Ativo"
        hint="Tópicos inativos não aparecem no script."
        checked={values.active}
        error={errors.fields.active}
        onChange={(active) => set('active', active)}
      />
    </EditorDialog>
  );
}
