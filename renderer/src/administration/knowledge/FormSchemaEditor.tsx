import { useEffect, useId, useMemo, useState } from 'react';
import { fieldsFromSchema, formFieldProblems, type FieldsFromSchema } from '@receptivo/shared';
import { ApiError, describeError } from '../../api/client';
import { useApi } from '../../auth/SessionProvider';
import { Field } from '../../ui/Field';
import { SchemaForm } from '../../ui/schema-form/SchemaForm';
import type { FormValue } from '../../ui/schema-form/schema-form';
import { FormBuilder, rowsOf, schemaOfRows, type BuilderRow } from './FormBuilder';
import { parseSchemaText, schemaToText } from './form-schema-text';
import { validateFormSchema } from './knowledge-admin-api';

const schemaHint =
  'Objeto com "properties". Por campo: title, description, enum, format (date, email), minimum, maximum, ' +
  'type "array" com items.enum (múltipla escolha) e as dicas x-widget (textarea, radio), x-placeholder e x-help.';

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'valid' } | { state: 'invalid'; message: string };

interface FormSchemaEditorProps {
  /** The schema as JSON text: what the request type editor saves, whichever view changed it. */
  text: string;
  /**
   * With the builder's refusal when a field is incomplete: two fields with one key, for one, would
   * make a valid schema that silently lost a field, so the editor must not save it.
   */
  onChange: (text: string, builderProblem: string | null) => void;
  /** The complaint of the last save, shown until the author checks the schema again. */
  error?: string;
}

function builderFieldsOf(text: string): FieldsFromSchema {
  const parsed = parseSchemaText(text);
  return parsed.ok ? fieldsFromSchema(parsed.schema) : { ok: false, reason: parsed.message };
}

const builderProblem = 'Corrija os campos do formulário destacados.';

const fallbackNotice = (reason: string) =>
  `O editor visual não consegue mostrar este formulário (${reason.replace(/\.$/, '')}). Edite o JSON Schema abaixo.`;

/**
 * The request type's form, built field by field (or, for what the builder cannot express, as JSON
 * Schema), checked on demand by the server and previewed with the desk's own form.
 */
export function FormSchemaEditor({ text, onChange, error }: FormSchemaEditorProps) {
  const api = useApi();
  const previewTitleId = useId();
  const [initial] = useState(() => builderFieldsOf(text));
  const [rows, setRows] = useState<BuilderRow[]>(() => (initial.ok ? rowsOf(initial.fields) : []));
  const [view, setView] = useState<'builder' | 'json'>(initial.ok ? 'builder' : 'json');
  const [notice, setNotice] = useState(initial.ok ? null : fallbackNotice(initial.reason));
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [sample, setSample] = useState<FormValue>({});
  const parsed = useMemo(() => parseSchemaText(text), [text]);

  // A new verdict from saving replaces the last [Validar] result.
  useEffect(() => setCheck({ state: 'idle' }), [error]);

  function changeRows(next: BuilderRow[]) {
    setRows(next);
    setCheck({ state: 'idle' });
    const incomplete = formFieldProblems(next).some((problems) => Object.keys(problems).length > 0);
    onChange(schemaToText(schemaOfRows(next)), incomplete ? builderProblem : null);
  }

  function switchView() {
    if (view === 'builder') {
      setView('json');
      // From here the server judges the text as typed.
      onChange(text, null);
      return;
    }
    const fields = builderFieldsOf(text);
    if (!fields.ok) {
      setNotice(fallbackNotice(fields.reason));
      return;
    }
    setRows(rowsOf(fields.fields));
    setNotice(null);
    setView('builder');
  }

  async function validate() {
    if (!parsed.ok) {
      setCheck({ state: 'invalid', message: parsed.message });
      return;
    }
    setCheck({ state: 'checking' });
    try {
      await validateFormSchema(api, parsed.schema);
      setCheck({ state: 'valid' });
    } catch (failure) {
      const message =
        failure instanceof ApiError ? (failure.fields?.formSchema ?? failure.message) : describeError(failure);
      setCheck({ state: 'invalid', message });
    }
  }

  const shownError = check.state === 'invalid' ? check.message : check.state === 'idle' ? error : undefined;

  return (
    <div className="form-schema-editor">
      <div className="form-schema-editor__source">
        <div className="form-schema-editor__views">
          <button type="button" className="button button--small" aria-pressed={view === 'json'} onClick={switchView}>
            JSON Schema (avançado)
          </button>
        </div>
        {notice && (
          <p className="alert alert--notice form-schema-editor__notice" role="status">
            {notice}
          </p>
        )}
        {view === 'builder' ? (
          <FormBuilder rows={rows} onChange={changeRows} error={shownError} />
        ) : (
          <Field label="Esquema do formulário (JSON Schema)" hint={schemaHint} error={shownError}>
            {(control) => (
              <textarea
                {...control}
                rows={18}
                spellCheck={false}
                className="mono"
                value={text}
                onChange={(event) => {
                  setCheck({ state: 'idle' });
                  onChange(event.target.value, null);
                }}
              />
            )}
          </Field>
        )}
        <div className="form-schema-editor__check">
          <button type="button" className="button" onClick={validate} disabled={check.state === 'checking'}>
            Validar
          </button>
          <p role="status" className="form-schema-editor__result">
            {check.state === 'checking' && 'Validando…'}
            {check.state === 'valid' && 'Esquema válido.'}
          </p>
        </div>
      </div>
      <section
        className="form-schema-editor__preview"
        aria-labelledby={previewTitleId}
        // Trying the preview must not submit the request type: Enter in an input would.
        onKeyDown={(event) => {
          if (event.key === 'Enter' && event.target instanceof HTMLInputElement) event.preventDefault();
        }}
      >
        <h3 id={previewTitleId} className="form-schema-editor__preview-title">
          Pré-visualização
        </h3>
        {parsed.ok ? (
          <SchemaForm schema={parsed.schema} value={sample} onChange={setSample} idPrefix={`${previewTitleId}-form`} />
        ) : (
          <p className="muted">A pré-visualização aparece quando o JSON estiver correto. {parsed.message}</p>
        )}
      </section>
    </div>
  );
}
