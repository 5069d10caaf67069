import { useEffect, useId, useRef, useState } from 'react';
import {
  formFieldProblems,
  formFieldTypeTakes,
  formFieldTypeLabels,
  formFieldTypes,
  keyFromLabel,
  newFormField,
  schemaFromFields,
  type FormBuilderField,
  type FormFieldProblems,
  type FormFieldType,
} from '@receptivo/shared';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CheckboxField, Field, TextField } from '../../ui/Field';
import { numberFromInput } from '../../ui/schema-form/schema-form';

/** A field as the builder edits it: a stable identity for React and the focus, and whether its key follows its label. */
export interface BuilderRow extends FormBuilderField {
  rowId: string;
  /** A stored field keeps its key (saved requests use it); a new one follows its label until the key is typed. */
  keyFollowsLabel: boolean;
}

let nextRowId = 0;
const rowIdOf = () => `form-field-${(nextRowId += 1)}`;

export const rowsOf = (fields: readonly FormBuilderField[]): BuilderRow[] =>
  fields.map((field) => ({ ...field, rowId: rowIdOf(), keyFollowsLabel: false }));

export const schemaOfRows = (rows: readonly BuilderRow[]) =>
  schemaFromFields(rows.map(({ rowId: _rowId, keyFollowsLabel: _follows, ...field }) => field));

const nameOf = (row: BuilderRow, index: number) => (row.label.trim() ? `o campo ${row.label.trim()}` : `o campo ${index + 1}`);

interface FormBuilderProps {
  rows: BuilderRow[];
  onChange: (rows: BuilderRow[]) => void;
  /** The server's (or [Validar]'s) complaint about the schema the fields make. */
  error?: string;
}

/** The request type's form as a list of fields: add, edit, reorder, remove (after asking). */
export function FormBuilder({ rows, onChange, error }: FormBuilderProps) {
  const titleId = useId();
  const errorId = useId();
  const list = useRef<HTMLDivElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const [removing, setRemoving] = useState<BuilderRow | null>(null);
  // The control to focus once the list has re-rendered after a move or a removal.
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const problems = formFieldProblems(rows);

  useEffect(() => {
    if (!pendingFocus) return;
    setPendingFocus(null);
    const target = pendingFocus === 'add' ? addButton.current : list.current?.querySelector<HTMLElement>(pendingFocus);
    target?.focus();
  }, [pendingFocus]);

  // After a refused save every problem shows, not only those of the fields already left.
  const showAll = Boolean(error);
  const shownProblems = (row: BuilderRow, index: number): FormFieldProblems =>
    showAll || touched.has(row.rowId) ? problems[index] : {};

  function update(rowId: string, change: Partial<BuilderRow>) {
    onChange(
      rows.map((row) => {
        if (row.rowId !== rowId) return row;
        const next = { ...row, ...change };
        if (change.label !== undefined && row.keyFollowsLabel) {
          next.key = keyFromLabel(change.label, rows.filter((other) => other.rowId !== rowId).map((other) => other.key));
        }
        return next;
      }),
    );
  }

  function add() {
    const key = keyFromLabel('', rows.map((row) => row.key));
    const row: BuilderRow = { ...newFormField(key), rowId: rowIdOf(), keyFollowsLabel: true };
    onChange([...rows, row]);
    setPendingFocus(`[data-row-label="${row.rowId}"]`);
  }

  function move(index: number, offset: -1 | 1) {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + offset, 0, row);
    onChange(next);
    const target = index + offset;
    // At either end the button just pressed is disabled: the other one keeps the focus in the field.
    const direction = (offset === -1 && target === 0) || (offset === 1 && target === rows.length - 1) ? -offset : offset;
    setPendingFocus(`[data-move="${direction === -1 ? 'up' : 'down'}"][data-row="${row.rowId}"]`);
  }

  function remove(row: BuilderRow) {
    const index = rows.indexOf(row);
    const next = rows.filter((other) => other !== row);
    onChange(next);
    const neighbour = next[index] ?? next[index - 1];
    setPendingFocus(neighbour ? `[data-row-label="${neighbour.rowId}"]` : 'add');
  }

  return (
    <section className="form-builder" aria-labelledby={titleId}>
      <h3 id={titleId} className="form-schema-editor__preview-title">
        Campos do formulário
      </h3>
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      <div
        ref={list}
        role="group"
        aria-labelledby={titleId}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error && !problems.some((problem) => Object.keys(problem).length > 0) ? true : undefined}
        tabIndex={-1}
        className="form-builder__list"
      >
        {rows.length === 0 && <p className="muted">Nenhum campo ainda. Use [Adicionar campo].</p>}
        {rows.map((row, index) => (
          <BuilderField
            key={row.rowId}
            row={row}
            index={index}
            last={index === rows.length - 1}
            problems={shownProblems(row, index)}
            onChange={(change) => update(row.rowId, change)}
            onLeave={() => setTouched((previous) => new Set(previous).add(row.rowId))}
            onMove={(offset) => move(index, offset)}
            onRemove={() => setRemoving(row)}
          />
        ))}
      </div>
      <button ref={addButton} type="button" className="button" onClick={add}>
        Adicionar campo
      </button>
      {removing && (
        <ConfirmDialog
          title="Remover campo"
          confirmLabel="Remover"
          danger
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            setRemoving(null);
            remove(removing);
          }}
        >
          <p>
            Remover {nameOf(removing, rows.indexOf(removing))} do formulário? Solicitações já registradas guardam o que foi
            preenchido nele.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

interface BuilderFieldProps {
  row: BuilderRow;
  index: number;
  last: boolean;
  problems: FormFieldProblems;
  onChange: (change: Partial<BuilderRow>) => void;
  onLeave: () => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}

function BuilderField({ row, index, last, problems, onChange, onLeave, onMove, onRemove }: BuilderFieldProps) {
  const name = nameOf(row, index);
  const legend = row.label.trim() ? `Campo ${index + 1}: ${row.label.trim()}` : `Campo ${index + 1}`;
  return (
    // Leaving the field (not each input) shows its problems: typing a new label is not an error yet.
    <fieldset
      className="form-builder__field"
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onLeave();
      }}
    >
      <legend>{legend}</legend>
      <div className="form-builder__grid">
        <Field label="Rótulo" error={problems.label}>
          {(control) => (
            <input
              {...control}
              data-row-label={row.rowId}
              autoComplete="off"
              value={row.label}
              onChange={(event) => onChange({ label: event.target.value })}
            />
          )}
        </Field>
        <Field label="Chave" hint="Nome do dado salvo; gerada a partir do rótulo." error={problems.key}>
          {(control) => (
            <input
              {...control}
              autoComplete="off"
              spellCheck={false}
              className="mono"
              value={row.key}
              onChange={(event) => onChange({ key: event.target.value, keyFollowsLabel: false })}
            />
          )}
        </Field>
        <Field label="Tipo">
          {(control) => (
            <select {...control} value={row.type} onChange={(event) => onChange({ type: event.target.value as FormFieldType })}>
              {formFieldTypes.map((type) => (
                <option key={type} value={type}>
                  {formFieldTypeLabels[type]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <CheckboxField label="Obrigatório" checked={row.required} onChange={(required) => onChange({ required })} />
      </div>
      {(row.type === 'choice' || row.type === 'multiChoice') && (
        <div className="form-builder__grid">
          <Field label="Opções" hint="Uma por linha." error={problems.options}>
            {(control) => (
              <textarea
                {...control}
                rows={4}
                value={row.options.join('\n')}
                onChange={(event) => onChange({ options: event.target.value.split('\n') })}
              />
            )}
          </Field>
          {row.type === 'choice' && (
            <Field label="Apresentação">
              {(control) => (
                <select
                  {...control}
                  value={row.choiceWidget}
                  onChange={(event) => onChange({ choiceWidget: event.target.value === 'radio' ? 'radio' : 'select' })}
                >
                  <option value="select">Lista de seleção</option>
                  <option value="radio">Botões de opção (rádio)</option>
                </select>
              )}
            </Field>
          )}
        </div>
      )}
      {row.type === 'number' && (
        <div className="form-builder__grid">
          <NumberInput label="Mínimo" value={row.minimum} error={problems.range} onChange={(minimum) => onChange({ minimum })} />
          <NumberInput label="Máximo" value={row.maximum} onChange={(maximum) => onChange({ maximum })} />
          <CheckboxField label="Só números inteiros" checked={row.integer} onChange={(integer) => onChange({ integer })} />
        </div>
      )}
      {formFieldTypeTakes(row.type, 'maxLength') && (
        <NumberInput label="Máximo de caracteres" value={row.maxLength} onChange={(maxLength) => onChange({ maxLength })} />
      )}
      <div className="form-builder__grid">
        <TextField label="Texto de ajuda" hint="Aparece abaixo do campo. Opcional." value={row.help} onChange={(help) => onChange({ help })} />
        {formFieldTypeTakes(row.type, 'x-placeholder') && (
          <TextField
            label="Exemplo"
            hint="Texto de exemplo dentro do campo vazio. Opcional."
            value={row.placeholder}
            onChange={(placeholder) => onChange({ placeholder })}
          />
        )}
      </div>
      <div className="form-builder__actions">
        <button
          type="button"
          className="button button--small"
          data-move="up"
          data-row={row.rowId}
          aria-label={`Subir ${name}`}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          Subir
        </button>
        <button
          type="button"
          className="button button--small"
          data-move="down"
          data-row={row.rowId}
          aria-label={`Descer ${name}`}
          disabled={last}
          onClick={() => onMove(1)}
        >
          Descer
        </button>
        <button type="button" className="button button--small button--danger" aria-label={`Remover ${name}`} onClick={onRemove}>
          Remover
        </button>
      </div>
    </fieldset>
  );
}

/** A number typed as text: empty is "no limit", and what is not a number is kept out of the schema. */
function NumberInput({
  label,
  value,
  error,
  onChange,
}: {
  label: string;
  value: number | null;
  error?: string;
  onChange: (value: number | null) => void;
}) {
  return (
    <Field label={label} error={error}>
      {(control) => (
        <input
          {...control}
          type="number"
          className="input--short"
          value={value === null ? '' : String(value)}
          onChange={(event) => onChange(numberFromInput(event.target.value) ?? null)}
        />
      )}
    </Field>
  );
}
