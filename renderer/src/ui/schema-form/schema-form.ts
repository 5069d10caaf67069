/**
 * Reads the JSON Schema subset a request type's form is written in (docs/domain.md): a root object whose
 * properties are strings (plain, textarea, e-mail, date, choices), numbers and booleans, with the UI
 * hints of `formUiKeywords`. The server validates the data with the full schema (ajv); this only
 * decides what to draw.
 */

export type FormValue = Record<string, unknown>;

export type ChoiceValue = string | number | boolean;

export interface ChoiceOption {
  value: ChoiceValue;
  label: string;
}

interface FieldBase {
  /** The property name: the key of the value and of the errors. */
  name: string;
  label: string;
  hint: string | null;
  required: boolean;
}

export type FormField =
  | (FieldBase & {
      kind: 'text';
      inputType: 'text' | 'email' | 'date';
      placeholder: string | null;
      maxLength: number | null;
    })
  | (FieldBase & { kind: 'textarea'; placeholder: string | null; maxLength: number | null })
  | (FieldBase & { kind: 'choice'; widget: 'select' | 'radio'; placeholder: string | null; options: ChoiceOption[] })
  /** Several of the options, drawn as checkboxes: `type: "array"` with `items: {type: "string", enum}`. */
  | (FieldBase & { kind: 'multiChoice'; options: ChoiceOption[] })
  | (FieldBase & {
      kind: 'number';
      integer: boolean;
      minimum: number | null;
      maximum: number | null;
      placeholder: string | null;
    })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'unsupported'; reason: string });

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);
const finite = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const isChoiceValue = (value: unknown): value is ChoiceValue =>
  typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/** Why the schema cannot be drawn as a form at all, or null when it can. */
export function schemaProblem(schema: unknown): string | null {
  if (!isObject(schema)) return 'O esquema deve ser um objeto JSON.';
  if (schema.type !== 'object') return 'O esquema deve ter "type": "object" na raiz.';
  if (schema.properties !== undefined && !isObject(schema.properties)) {
    return 'Em "properties", informe um objeto com os campos do formulário.';
  }
  return null;
}

/** The form's own title and description, when the schema gives them. */
export function headingOf(schema: unknown): { title: string | null; description: string | null } {
  if (!isObject(schema)) return { title: null, description: null };
  return { title: text(schema.title), description: text(schema.description) };
}

/** The fields of the form, in the order of `properties`; empty when `schemaProblem` has a reason. */
export function fieldsOf(schema: unknown): FormField[] {
  if (schemaProblem(schema) !== null || !isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(schema.properties).map(([name, property]) => fieldOf(name, property, required.has(name)));
}

function fieldOf(name: string, property: unknown, required: boolean): FormField {
  if (!isObject(property)) {
    const reason = 'a definição do campo não é um objeto';
    return { name, label: name, hint: null, required, kind: 'unsupported', reason };
  }
  const base: FieldBase = {
    name,
    label: text(property.title) ?? name,
    hint: text(property['x-help']) ?? text(property.description),
    required,
  };
  const placeholder = text(property['x-placeholder']);
  const widget = property['x-widget'];

  const options = optionsOf(property);
  if (options) {
    if (options.length === 0) return { ...base, kind: 'unsupported', reason: 'a lista de opções está vazia' };
    return { ...base, kind: 'choice', widget: widget === 'radio' ? 'radio' : 'select', placeholder, options };
  }

  const type = typeOf(property.type);
  switch (type) {
    case 'string': {
      const maxLength = finite(property.maxLength);
      if (property.format === 'date' || widget === 'date') {
        return { ...base, kind: 'text', inputType: 'date', placeholder: null, maxLength: null };
      }
      if (widget === 'textarea') return { ...base, kind: 'textarea', placeholder, maxLength };
      const inputType = property.format === 'email' ? 'email' : 'text';
      return { ...base, kind: 'text', inputType, placeholder, maxLength };
    }
    case 'integer':
    case 'number':
      return {
        ...base,
        kind: 'number',
        integer: type === 'integer',
        minimum: finite(property.minimum),
        maximum: finite(property.maximum),
        placeholder,
      };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'object':
      return { ...base, kind: 'unsupported', reason: 'grupos de campos (objetos aninhados) não são suportados' };
    case 'array': {
      const items = isObject(property.items) ? optionsOf(property.items) : null;
      if (!items) return { ...base, kind: 'unsupported', reason: 'listas (array) só com "items" de opções (enum)' };
      if (items.length === 0) return { ...base, kind: 'unsupported', reason: 'a lista de opções está vazia' };
      return { ...base, kind: 'multiChoice', options: items };
    }
    case 'union':
      return { ...base, kind: 'unsupported', reason: 'campos com mais de um tipo não são suportados' };
    case null:
      return { ...base, kind: 'unsupported', reason: 'o tipo do campo não foi informado' };
    default:
      return { ...base, kind: 'unsupported', reason: `o tipo "${type}" não é suportado` };
  }
}

/** `"type": ["string", "null"]` is a nullable string; any other union is out of the subset. */
function typeOf(type: unknown): string | null {
  if (typeof type === 'string') return type;
  if (!Array.isArray(type)) return null;
  const concrete = type.filter((item) => item !== 'null');
  return concrete.length === 1 && typeof concrete[0] === 'string' ? concrete[0] : 'union';
}

/** `enum` (the value is its own label) or `oneOf`/`anyOf` of `{const, title}` (labelled values). */
function optionsOf(property: JsonObject): ChoiceOption[] | null {
  if (Array.isArray(property.enum)) {
    return property.enum.filter(isChoiceValue).map((value) => ({ value, label: String(value) }));
  }
  const alternatives = [property.oneOf, property.anyOf].find(Array.isArray) as unknown[] | undefined;
  if (!alternatives || !alternatives.every((item) => isObject(item) && 'const' in item)) return null;
  return (alternatives as JsonObject[])
    .filter((item) => isChoiceValue(item.const))
    .map((item) => ({ value: item.const as ChoiceValue, label: text(item.title) ?? String(item.const) }));
}

/** The value a new form starts with: each property's `default` when it fits, booleans unchecked. */
export function emptyValue(schema: unknown): FormValue {
  const value: FormValue = {};
  const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  for (const field of fieldsOf(schema)) {
    const property = properties[field.name];
    const fallback = isObject(property) ? property.default : undefined;
    if (fallback !== undefined && fits(field, fallback)) value[field.name] = fallback;
    else if (field.kind === 'boolean') value[field.name] = false;
  }
  return value;
}

function fits(field: FormField, value: unknown): boolean {
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && (!field.integer || Number.isInteger(value));
    case 'boolean':
      return typeof value === 'boolean';
    case 'choice':
      return field.options.some((option) => option.value === value);
    case 'multiChoice':
      return Array.isArray(value) && value.every((item) => field.options.some((option) => option.value === item));
    case 'unsupported':
      return false;
  }
}

/**
 * The form value with one field changed. A blank field is left out rather than sent as "", so
 * `required` in the schema means "filled in".
 */
export function withFieldValue(value: FormValue, name: string, next: unknown): FormValue {
  if (next !== undefined && next !== '') return { ...value, [name]: next };
  const rest = { ...value };
  delete rest[name];
  return rest;
}

/** The number typed in a number input, or undefined while it is blank or not a number yet. */
export function numberFromInput(input: string): number | undefined {
  if (!input.trim()) return undefined;
  const number = Number(input);
  return Number.isFinite(number) ? number : undefined;
}

const numberFormat = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 10 });

/** How a stored value reads in the read-only view; null when the field was left blank. */
export function displayValue(field: FormField, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  switch (field.kind) {
    case 'boolean':
      return value === true ? 'Sim' : value === false ? 'Não' : String(value);
    case 'choice':
      return field.options.find((option) => option.value === value)?.label ?? String(value);
    case 'multiChoice': {
      if (!Array.isArray(value)) return displayUnknown(value);
      const labels = value.map((item) => field.options.find((option) => option.value === item)?.label ?? String(item));
      return labels.length > 0 ? labels.join(', ') : null;
    }
    case 'number':
      return typeof value === 'number' ? numberFormat.format(value) : String(value);
    case 'text':
      if (field.inputType === 'date' && typeof value === 'string') {
        const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
        if (date) return `${date[3]}/${date[2]}/${date[1]}`;
      }
      return String(value);
    case 'textarea':
      return String(value);
    case 'unsupported':
      return displayUnknown(value);
  }
}

/** A value the schema does not describe (any more): as text, or as JSON when it is structured. */
export function displayUnknown(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
