import { useEffect, useId, useMemo, useState } from 'react';
import { ApiError, describeError } from '../../api/client';
import { useApi } from '../../auth/SessionProvider';
import { Field } from '../../ui/Field';
import { SchemaForm } from '../../ui/schema-form/SchemaForm';
import type { FormValue } from '../../ui/schema-form/schema-form';
import { parseSchemaText } from './form-schema-text';
import { validateFormSchema } from './knowledge-admin-api';

const schemaHint =
  'Objeto com "properties". Por campo: title, description, enum, format (date, email), minimum, maximum ' +
  'e as dicas x-widget (textarea, radio), x-placeholder e x-help.';

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'valid' } | { state: 'invalid'; message: string };

interface FormSchemaEditorProps {
  text: string;
  onChange: (text: string) => void;
  /** The complaint of the last save, shown until the author checks the schema again. */
  error?: string;
}

/** The request type's form as JSON Schema text, checked on demand by the server, with a live preview. */
export function FormSchemaEditor({ text, onChange, error }: FormSchemaEditorProps) {
  const api = useApi();
  const previewTitleId = useId();
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [sample, setSample] = useState<FormValue>({});
  const parsed = useMemo(() => parseSchemaText(text), [text]);

  // A new verdict from saving replaces the last [Validar] result.
  useEffect(() => setCheck({ state: 'idle' }), [error]);

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
        <Field
          label="Esquema do formulário (JSON Schema)"
          hint={schemaHint}
          error={shownError}
        >
          {(control) => (
            <textarea
              {...control}
              rows={18}
              spellCheck={false}
              className="mono"
              value={text}
              onChange={(event) => {
                setCheck({ state: 'idle' });
                onChange(event.target.value);
              }}
            />
          )}
        </Field>
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
