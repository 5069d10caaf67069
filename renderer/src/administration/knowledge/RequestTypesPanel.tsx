import { useState } from 'react';
import { requestTypeInputSchema, restartWindows, type Category, type Organ, type RequestType } from '@receptivo/shared';
import { CheckboxField, Field, TextField } from '../../ui/Field';
import { numberFromInput } from '../../ui/schema-form/schema-form';
import { useFormSubmit } from '../../ui/use-form-submit';
import { CategoryScope, CategorySelect } from './CategoryScope';
import { EditorDialog, useFormValues, useSaveItem } from './EditorDialog';
import type { Noun } from './editing';
import { parseSchemaText, schemaToText, starterSchemaText } from './form-schema-text';
import { FormSchemaEditor } from './FormSchemaEditor';
import { KnowledgeList, LoadFailure, useKnowledgeItems, type EditorProps } from './KnowledgeList';
import { RichTextField } from './RichTextField';

const noun: Noun = { singular: 'tipo de solicitação', plural: 'tipos de solicitação', feminine: false };
const fields = [
  'categoryId',
  'organId',
  'name',
  'description',
  'formSchema',
  'operatorGuidance',
  'slaHours',
  'restartWindowHours',
  'groupByAddress',
  'addressRequired',
  'active',
];

const restartWindowLabel = (hours: number | null) => (hours === null ? 'Desativada' : `${hours} horas`);

export function RequestTypesPanel() {
  const organs = useKnowledgeItems('organs');
  if (organs.load.state === 'loading') return <p className="muted">Carregando órgãos…</p>;
  if (organs.load.state === 'failed') return <LoadFailure message={organs.load.message} onRetry={organs.reload} />;
  const organList = organs.load.items;

  return (
    <CategoryScope>
      {({ categoryId, categories, filter }) => (
        <KnowledgeList
          // A new list per category: its own load, order and messages.
          key={categoryId}
          resource="request-types"
          categoryId={categoryId}
          belongs={(requestType) => requestType.categoryId === categoryId}
          filters={filter}
          noun={noun}
          newLabel="Novo tipo de solicitação"
          caption="Tipos de solicitação da sessão, na ordem em que o Receptivo os mostra"
          describe={(requestType) => requestType.name}
          columns={[
            { header: 'Nome', cell: (requestType) => requestType.name },
            { header: 'Órgão', cell: (requestType) => requestType.organName },
            { header: 'Prazo', cell: (requestType) => `${requestType.slaHours} h` },
            { header: 'Reinício', cell: (requestType) => restartWindowLabel(requestType.restartWindowHours) },
          ]}
          renderEditor={(props) => (
            <RequestTypeEditor {...props} categories={categories} categoryId={categoryId} organs={organList} />
          )}
        />
      )}
    </CategoryScope>
  );
}

interface RequestTypeEditorProps extends EditorProps<RequestType> {
  categories: Category[];
  categoryId: string;
  organs: Organ[];
}

function RequestTypeEditor({ item, onSaved, onClose, categories, categoryId, organs }: RequestTypeEditorProps) {
  const [values, set] = useFormValues({
    categoryId: item?.categoryId ?? categoryId,
    organId: item?.organId ?? '',
    name: item?.name ?? '',
    description: item?.description ?? '',
    slaHours: item ? String(item.slaHours) : '',
    restartWindowHours: item?.restartWindowHours == null ? '' : String(item.restartWindowHours),
    groupByAddress: item?.groupByAddress ?? false,
    addressRequired: item?.addressRequired ?? false,
    operatorGuidance: item?.operatorGuidance ?? '',
    active: item?.active ?? true,
  });
  const [schemaText, setSchemaText] = useState(item ? schemaToText(item.formSchema) : starterSchemaText);
  const [builderProblem, setBuilderProblem] = useState<string | null>(null);
  const { submitting, errors, submit } = useFormSubmit();
  const save = useSaveItem('request-types', item, onSaved);
  // New types go to active organs only; an edited one keeps its organ even if since deactivated.
  const organOptions = organs.filter((organ) => organ.active || organ.id === item?.organId);

  function onSubmit() {
    const text = parseSchemaText(schemaText);
    const parsed = requestTypeInputSchema.safeParse({
      ...values,
      slaHours: numberFromInput(values.slaHours),
      restartWindowHours: values.restartWindowHours ? Number(values.restartWindowHours) : null,
      formSchema: text.ok ? text.schema : {},
    });
    // Broken JSON never reaches the server; its message joins the other fields' complaints.
    const schemaProblem = text.ok ? builderProblem : text.message;
    const issues = [
      ...(schemaProblem ? [{ path: ['formSchema'], message: schemaProblem }] : []),
      ...(parsed.success ? [] : parsed.error.issues),
    ];
    return submit({
      parsed: issues.length === 0 ? parsed : { success: false, error: { issues } },
      fields,
      send: save,
    });
  }

  return (
    <EditorDialog
      title={item ? `Editar tipo de solicitação ${item.name}` : 'Novo tipo de solicitação'}
      wide
      submitting={submitting}
      errors={errors}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      <div className="form-grid">
        <CategorySelect
          categories={categories}
          value={values.categoryId}
          error={errors.fields.categoryId}
          onChange={(id) => set('categoryId', id)}
        />
        <Field label="Órgão" hint="O órgão que atende as solicitações deste tipo." error={errors.fields.organId}>
          {(control) => (
            <select {...control} value={values.organId} onChange={(event) => set('organId', event.target.value)}>
              <option value="">Selecione…</option>
              {organOptions.map((organ) => (
                <option key={organ.id} value={organ.id}>
                  {organ.active ? organ.name : `${organ.name} (inativo)`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField label="Nome" error={errors.fields.name} value={values.name} onChange={(value) => set('name', value)} />
        <TextField label="Descrição" hint="Opcional." error={errors.fields.description} value={values.description} onChange={(value) => set('description', value)} />
        <Field
          label="Prazo (horas)"
          hint="Contado a partir do registro; depois dele cabe Reclamação."
          error={errors.fields.slaHours}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              className="input--short"
              value={values.slaHours}
              onChange={(event) => set('slaHours', event.target.value)}
            />
          )}
        </Field>
        <Field
          label="Janela de reinício"
          hint="Por quanto tempo depois de finalizada a solicitação pode ser reiniciada."
          error={errors.fields.restartWindowHours}
        >
          {(control) => (
            <select
              {...control}
              className="input--medium"
              value={values.restartWindowHours}
              onChange={(event) => set('restartWindowHours', event.target.value)}
            >
              <option value="">{restartWindowLabel(null)}</option>
              {restartWindows.map((hours) => (
                <option key={hours} value={String(hours)}>
                  {restartWindowLabel(hours)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-grid">
        <CheckboxField
          label="Agrupar por endereço"
          hint="Novas solicitações no mesmo endereço de uma aberta entram no grupo dela."
          checked={values.groupByAddress}
          error={errors.fields.groupByAddress}
          onChange={(groupByAddress) => set('groupByAddress', groupByAddress)}
        />
        <CheckboxField
          label="Endereço obrigatório"
          checked={values.addressRequired}
          error={errors.fields.addressRequired}
          onChange={(addressRequired) => set('addressRequired', addressRequired)}
        />
      </div>
      <RichTextField
        label="Orientação ao Operador"
        hint="Mostrada ao lado do formulário no registro."
        value={values.operatorGuidance}
        error={errors.fields.operatorGuidance}
        onChange={(operatorGuidance) => set('operatorGuidance', operatorGuidance)}
      />
      <FormSchemaEditor
        text={schemaText}
        onChange={(text, problem) => {
          setSchemaText(text);
          setBuilderProblem(problem);
        }}
        error={errors.fields.formSchema}
      />
      <CheckboxField
        label="Ativo"
        hint="Tipos inativos não podem ser registrados no Receptivo."
        checked={values.active}
        error={errors.fields.active}
        onChange={(active) => set('active', active)}
      />
    </EditorDialog>
  );
}
