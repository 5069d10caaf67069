import { useId, useState, type ReactNode } from 'react';
import { dateFieldProblem } from '../brazilian-date';
import { DateInput } from '../DateInput';
import { describedByOf, FieldMessages, type ControlProps } from '../Field';
import {
  displayUnknown,
  displayValue,
  fieldsOf,
  headingOf,
  numberFromInput,
  schemaProblem,
  withFieldValue,
  type ChoiceOption,
  type FormField,
  type FormValue,
} from './schema-form';
import './schema-form.css';

export interface SchemaFormProps {
  /** A request type's form: JSON Schema with a root `type: "object"`. */
  schema: unknown;
  value: FormValue;
  onChange: (value: FormValue) => void;
  /** Messages keyed by property name, e.g. the server's `fields`. */
  errors?: Record<string, string>;
  /** Shows the filled-in values as text instead of inputs. */
  readOnly?: boolean;
  /** Prefix of the inputs' ids, for pages that show more than one form. */
  idPrefix?: string;
}

/**
 * Draws a request type's form. Controlled and without a <form> of its own, so the page around it
 * can add its own fields (address, requester) and submit them together.
 */
export function SchemaForm({ schema, value, onChange, errors = {}, readOnly = false, idPrefix }: SchemaFormProps) {
  const generatedId = useId();
  const prefix = idPrefix ?? generatedId;
  const problem = schemaProblem(schema);
  if (problem) {
    return (
      <p role="alert" className="alert alert--error schema-form__problem">
        O formulário não pode ser exibido. {problem}
      </p>
    );
  }

  const fields = fieldsOf(schema);
  const { title, description } = headingOf(schema);
  const heading = (title || description) && (
    <div className="schema-form__heading">
      {title && <h3 className="schema-form__title">{title}</h3>}
      {description && <p className="field__hint">{description}</p>}
    </div>
  );

  if (readOnly) {
    const known = new Set(fields.map((field) => field.name));
    // Data saved under an older version of the schema is still shown, by its property name.
    const extra = Object.keys(value).filter((name) => !known.has(name));
    return (
      <div className="schema-form schema-form--read-only">
        {heading}
        <dl className="details schema-form__values">
          {fields.map((field) => (
            <ReadOnlyValue key={field.name} label={field.label} text={displayValue(field, value[field.name])} />
          ))}
          {extra.map((name) => (
            <ReadOnlyValue key={name} label={name} text={displayUnknown(value[name])} />
          ))}
        </dl>
      </div>
    );
  }

  return (
    <div className="schema-form">
      {heading}
      {fields.length === 0 && <p className="muted">Este formulário não tem campos.</p>}
      {fields.some((field) => field.required && field.kind !== 'boolean') && (
        <p className="field__hint schema-form__legend">Campos marcados com * são obrigatórios.</p>
      )}
      {fields.map((field, index) => (
        <SchemaField
          key={field.name}
          id={`${prefix}-field-${index}`}
          field={field}
          value={value[field.name]}
          error={errors[field.name]}
          onChange={(next) => onChange(withFieldValue(value, field.name, next))}
        />
      ))}
    </div>
  );
}

function ReadOnlyValue({ label, text }: { label: string; text: string | null }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={text === null ? 'muted' : 'schema-form__value'}>{text ?? 'Não informado'}</dd>
    </>
  );
}

interface SchemaFieldProps {
  id: string;
  field: FormField;
  value: unknown;
  error: string | undefined;
  onChange: (value: unknown) => void;
}

function SchemaField({ id, field, value, error: formError, onChange }: SchemaFieldProps) {
  const [leftDate, setLeftDate] = useState(false);
  const isDate = field.kind === 'text' && field.inputType === 'date';
  // A date that does not exist is told precisely, once the user leaves the field or the form is checked.
  const error = (isDate && (leftDate || formError) && typeof value === 'string' ? dateFieldProblem(value) : undefined) ?? formError;
  const messages = { id, hint: field.hint ?? undefined, error };
  const describedBy = describedByOf(messages);
  const control: ControlProps = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
  const notes = <FieldMessages {...messages} />;
  const className = error ? 'field field--invalid schema-form__field' : 'field schema-form__field';
  const text = typeof value === 'string' ? value : '';

  switch (field.kind) {
    case 'boolean':
      return (
        <div className={className}>
          <label className="checkbox">
            <input
              {...control}
              type="checkbox"
              checked={value === true}
              onChange={(event) => onChange(event.target.checked)}
            />
            {field.label}
          </label>
          {notes}
        </div>
      );

    case 'multiChoice': {
      const chosen = Array.isArray(value) ? value : [];
      // Kept in the options' order; none chosen is no answer, so `required` applies.
      const toggle = (option: ChoiceOption, checked: boolean) => {
        const next = field.options
          .filter((item) => (item === option ? checked : chosen.includes(item.value)))
          .map((item) => item.value);
        onChange(next.length > 0 ? next : undefined);
      };
      return (
        <ChoiceFieldset
          type="checkbox"
          className={className}
          control={control}
          field={field}
          notes={notes}
          isChecked={(option) => chosen.includes(option.value)}
          onToggle={toggle}
        />
      );
    }

    case 'choice':
      if (field.widget === 'radio') {
        return (
          <ChoiceFieldset
            type="radio"
            className={className}
            control={control}
            field={field}
            notes={notes}
            isChecked={(option) => option.value === value}
            onToggle={(option) => onChange(option.value)}
          />
        );
      }
      return (
        <FieldShell className={className} id={id} field={field} notes={notes}>
          <select
            {...control}
            required={field.required}
            value={selectedOption(field.options, value)}
            // Options are matched by position: enum values may be numbers or booleans.
            onChange={(event) =>
              onChange(event.target.value ? field.options[Number(event.target.value)]?.value : undefined)
            }
          >
            <option value="">{field.placeholder ?? 'Selecione…'}</option>
            {field.options.map((option, index) => (
              <option key={index} value={String(index)}>
                {option.label}
              </option>
            ))}
          </select>
        </FieldShell>
      );

    case 'number':
      return (
        <FieldShell className={className} id={id} field={field} notes={notes}>
          <input
            {...control}
            type="number"
            className="input--medium"
            required={field.required}
            step={field.integer ? 1 : 'any'}
            min={field.minimum ?? undefined}
            max={field.maximum ?? undefined}
            placeholder={field.placeholder ?? undefined}
            value={typeof value === 'number' ? String(value) : ''}
            onChange={(event) => onChange(numberFromInput(event.target.value))}
          />
        </FieldShell>
      );

    case 'textarea':
      return (
        <FieldShell className={className} id={id} field={field} notes={notes}>
          <textarea
            {...control}
            rows={4}
            required={field.required}
            placeholder={field.placeholder ?? undefined}
            maxLength={field.maxLength ?? undefined}
            value={text}
            onChange={(event) => onChange(event.target.value)}
          />
        </FieldShell>
      );

    case 'text':
      if (field.inputType === 'date') {
        return (
          <FieldShell className={className} id={id} field={field} notes={notes}>
            <DateInput {...control} className="input--date" required={field.required} value={text} onChange={onChange} onBlur={() => setLeftDate(true)} />
          </FieldShell>
        );
      }
      return (
        <FieldShell className={className} id={id} field={field} notes={notes}>
          <input
            {...control}
            type={field.inputType}
            autoComplete="off"
            required={field.required}
            placeholder={field.placeholder ?? undefined}
            maxLength={field.maxLength ?? undefined}
            value={text}
            onChange={(event) => onChange(event.target.value)}
          />
        </FieldShell>
      );

    case 'unsupported':
      return (
        <div className={className}>
          <p className="schema-form__unsupported">
            <strong>{field.label}</strong>: campo não exibido, {field.reason}.
          </p>
          {notes}
        </div>
      );
  }
}

function selectedOption(options: readonly ChoiceOption[], value: unknown): string {
  const index = options.findIndex((option) => option.value === value);
  return index < 0 ? '' : String(index);
}

/** The asterisk is for the eye; assistive technology reads the input's `required` instead. */
function RequiredMark({ required }: { required: boolean }) {
  if (!required) return null;
  return (
    <span className="schema-form__required" aria-hidden="true">
      *
    </span>
  );
}

/** The options as radio buttons or checkboxes, under the field's label as the legend. */
function ChoiceFieldset({
  type,
  className,
  control,
  field,
  notes,
  isChecked,
  onToggle,
}: {
  type: 'radio' | 'checkbox';
  className: string;
  control: ControlProps;
  field: FormField & { options: ChoiceOption[] };
  notes: ReactNode;
  isChecked: (option: ChoiceOption) => boolean;
  onToggle: (option: ChoiceOption, checked: boolean) => void;
}) {
  const radio = type === 'radio';
  const labelId = `${control.id}-label`;
  return (
    <fieldset
      className={`${className} schema-form__choices`}
      role={radio ? 'radiogroup' : undefined}
      aria-labelledby={labelId}
      // A radio group can say it is required; a group of checkboxes cannot, so its label says it.
      aria-required={(radio && field.required) || undefined}
      aria-invalid={control['aria-invalid']}
      aria-describedby={control['aria-describedby']}
    >
      <legend>
        <span id={labelId}>
          {field.label}
          {!radio && field.required && <span className="visually-hidden"> (obrigatório)</span>}
        </span>
        <RequiredMark required={field.required} />
      </legend>
      <div className="radio-group">
        {field.options.map((option, index) => (
          <label key={index} className="checkbox">
            <input
              type={type}
              name={radio ? control.id : undefined}
              checked={isChecked(option)}
              onChange={(event) => onToggle(option, event.target.checked)}
            />
            {option.label}
          </label>
        ))}
      </div>
      {notes}
    </fieldset>
  );
}

function FieldShell({
  className,
  id,
  field,
  notes,
  children,
}: {
  className: string;
  id: string;
  field: FormField;
  notes: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <div className="schema-form__label">
        <label htmlFor={id}>{field.label}</label>
        <RequiredMark required={field.required} />
      </div>
      {children}
      {notes}
    </div>
  );
}
