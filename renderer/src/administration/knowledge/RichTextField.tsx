import { useLayoutEffect, useMemo, useRef } from 'react';
import { Field } from '../../ui/Field';
import { applyFormat, sanitizeRichText, type RichTextFormat, type TextEdit } from './rich-text';

const formats: readonly { format: RichTextFormat; label: string }[] = [
  { format: 'p', label: 'Parágrafo' },
  { format: 'strong', label: 'Negrito' },
  { format: 'em', label: 'Itálico' },
  { format: 'u', label: 'Sublinhado' },
  { format: 'ul', label: 'Lista' },
];

interface RichTextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
}

/**
 * Rich text edited as HTML, with buttons that wrap the selection and a live preview of what the
 * attendant will see (already reduced to the tags the server keeps).
 */
export function RichTextField({ label, value, onChange, error, hint }: RichTextFieldProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<TextEdit | null>(null);
  const preview = useMemo(() => sanitizeRichText(value), [value]);

  // The selection can only be restored once React has put the new text in the textarea.
  useLayoutEffect(() => {
    const edit = pendingSelection.current;
    if (!edit || !textarea.current) return;
    pendingSelection.current = null;
    textarea.current.focus();
    textarea.current.setSelectionRange(edit.selectionStart, edit.selectionEnd);
  }, [value]);

  function format(kind: RichTextFormat) {
    const element = textarea.current;
    if (!element) return;
    const edit = applyFormat(value, element.selectionStart, element.selectionEnd, kind);
    pendingSelection.current = edit;
    onChange(edit.text);
  }

  return (
    <Field label={label} error={error} hint={hint ?? 'Em HTML: use os botões para formatar o trecho selecionado.'}>
      {(control) => (
        <div className="rich-text-field">
          <div className="rich-text-field__editor">
            <div className="rich-text-field__toolbar" role="group" aria-label={`Formatação: ${label}`}>
              {formats.map(({ format: kind, label: buttonLabel }) => (
                <button key={kind} type="button" className="button button--small" onClick={() => format(kind)}>
                  {buttonLabel}
                </button>
              ))}
            </div>
            <textarea
              {...control}
              ref={textarea}
              rows={8}
              spellCheck
              className="mono"
              value={value}
              onChange={(event) => onChange(event.target.value)}
            />
          </div>
          <div className="rich-text-field__preview" role="region" aria-label={`Visualização: ${label}`}>
            {preview ? (
              <div className="knowledge-admin__rich-text" dangerouslySetInnerHTML={{ __html: preview }} />
            ) : (
              <p className="muted">O texto formatado aparece aqui.</p>
            )}
          </div>
        </div>
      )}
    </Field>
  );
}
