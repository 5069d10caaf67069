import type { FormSchema } from './schemas';

/**
 * The visual form builder's model of a request type's form, and its conversion to and from the
 * JSON Schema subset the server accepts (server/src/knowledge/form-schema.ts stays the authority:
 * it checks whatever this produces). A schema that uses anything the builder cannot show is not
 * converted, so the administrator edits it as JSON instead of losing part of it.
 */

export const formFieldTypes = ['text', 'longText', 'email', 'number', 'date', 'choice', 'multiChoice', 'boolean'] as const;
export type FormFieldType = (typeof formFieldTypes)[number];

export const formFieldTypeLabels: Record<FormFieldType, string> = {
  text: 'Texto',
  longText: 'Texto longo',
  email: 'E-mail',
  number: 'Número',
  date: 'Data',
  choice: 'Seleção única',
  multiChoice: 'Múltipla escolha',
  boolean: 'Sim/não',
};

export type ChoiceWidget = 'select' | 'radio';

export interface FormBuilderField {
  /** The property name: the key of the saved data, so it must not change once requests exist. */
  key: string;
  label: string;
  type: FormFieldType;
  required: boolean;
  /** Shown under the input. */
  help: string;
  /**
   * The keyword the help is written in (the desk reads `x-help`, then `description`); kept so
   * that a loaded schema is saved back exactly as it was.
   */
  helpKeyword: 'x-help' | 'description';
  placeholder: string;
  /** Text types only. */
  maxLength: number | null;
  /** Number only. */
  minimum: number | null;
  maximum: number | null;
  integer: boolean;
  /** Choice types only: one option a line, as typed (blank lines are dropped when written). */
  options: string[];
  choiceWidget: ChoiceWidget;
}

export type FieldsFromSchema = { ok: true; fields: FormBuilderField[] } | { ok: false; reason: string };

export function newFormField(key: string, label = ''): FormBuilderField {
  return {
    key,
    label,
    type: 'text',
    required: false,
    help: '',
    helpKeyword: 'x-help',
    placeholder: '',
    maxLength: null,
    minimum: null,
    maximum: null,
    integer: false,
    options: [],
    choiceWidget: 'select',
  };
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

const rootKeywords = new Set(['type', 'properties', 'required']);
const commonKeywords = ['type', 'title', 'description', 'x-help'];
/** What each field type may carry; any other keyword keeps the schema out of the builder. */
const keywordsOf: Record<FormFieldType, readonly string[]> = {
  text: [...commonKeywords, 'maxLength', 'x-placeholder'],
  longText: [...commonKeywords, 'maxLength', 'x-placeholder', 'x-widget'],
  email: [...commonKeywords, 'maxLength', 'x-placeholder', 'format'],
  date: [...commonKeywords, 'format'],
  number: [...commonKeywords, 'minimum', 'maximum', 'x-placeholder'],
  choice: [...commonKeywords, 'enum', 'x-widget', 'x-placeholder'],
  multiChoice: [...commonKeywords, 'items', 'uniqueItems'],
  boolean: commonKeywords,
};

/** Whether a field of this type offers a maximum length or an example text (x-placeholder). */
export const formFieldTypeTakes = (type: FormFieldType, keyword: 'maxLength' | 'x-placeholder'): boolean =>
  keywordsOf[type].includes(keyword);

/** The builder's fields for a stored schema, or why the schema must be edited as JSON. */
export function fieldsFromSchema(schema: unknown): FieldsFromSchema {
  if (!isObject(schema) || schema.type !== 'object' || !isObject(schema.properties)) {
    return { ok: false, reason: 'a raiz do esquema não é {"type": "object", "properties": {…}}.' };
  }
  const extraRoot = Object.keys(schema).find((keyword) => !rootKeywords.has(keyword));
  if (extraRoot) return { ok: false, reason: `o esquema usa "${extraRoot}" na raiz.` };
  const required = schema.required ?? [];
  if (!Array.isArray(required) || required.some((key) => typeof key !== 'string' || !(key in (schema.properties as JsonObject)))) {
    return { ok: false, reason: '"required" não lista só nomes de campos existentes.' };
  }
  const fields: FormBuilderField[] = [];
  for (const [key, property] of Object.entries(schema.properties)) {
    const field = fieldFromProperty(key, property, required.includes(key));
    if (typeof field === 'string') return { ok: false, reason: `o campo "${key}" ${field}` };
    fields.push(field);
  }
  return { ok: true, fields };
}

/** The field, or what keeps it out of the builder (a sentence ending the reason). */
function fieldFromProperty(key: string, property: unknown, required: boolean): FormBuilderField | string {
  if (!isObject(property)) return 'não é um objeto.';
  const type = typeOfProperty(property);
  if (!type) return `tem um tipo que o editor visual não oferece (${JSON.stringify(property.type)}).`;
  const unknownKeyword = Object.keys(property).find((keyword) => !keywordsOf[type].includes(keyword));
  if (unknownKeyword) return `usa "${unknownKeyword}", que o editor visual não oferece.`;
  if (property.description !== undefined && property['x-help'] !== undefined) {
    return 'tem ao mesmo tempo "description" e "x-help".';
  }
  const textKeywords = ['title', 'description', 'x-help', 'x-placeholder'] as const;
  const notText = textKeywords.find((keyword) => property[keyword] !== undefined && typeof property[keyword] !== 'string');
  if (notText) return `tem "${notText}" que não é texto.`;
  const numberKeywords = ['maxLength', 'minimum', 'maximum'] as const;
  const notNumber = numberKeywords.find((keyword) => property[keyword] !== undefined && !isFiniteNumber(property[keyword]));
  if (notNumber) return `tem "${notNumber}" que não é número.`;

  const field = newFormField(key, typeof property.title === 'string' ? property.title : '');
  field.type = type;
  field.required = required;
  if (typeof property.description === 'string') {
    field.help = property.description;
    field.helpKeyword = 'description';
  } else if (typeof property['x-help'] === 'string') {
    field.help = property['x-help'];
  }
  field.placeholder = typeof property['x-placeholder'] === 'string' ? property['x-placeholder'] : '';
  field.maxLength = (property.maxLength as number | undefined) ?? null;
  field.minimum = (property.minimum as number | undefined) ?? null;
  field.maximum = (property.maximum as number | undefined) ?? null;
  field.integer = property.type === 'integer';
  if (type === 'choice') {
    field.options = property.enum as string[];
    field.choiceWidget = property['x-widget'] === 'radio' ? 'radio' : 'select';
  }
  if (type === 'multiChoice') field.options = (property.items as { enum: string[] }).enum;
  return field;
}

function typeOfProperty(property: JsonObject): FormFieldType | null {
  const widget = property['x-widget'];
  switch (property.type) {
    case 'boolean':
      return 'boolean';
    case 'integer':
    case 'number':
      return 'number';
    case 'array':
      return isTextOptions(property.items) && property.uniqueItems === true ? 'multiChoice' : null;
    case 'string':
      break;
    default:
      return null;
  }
  if (property.enum !== undefined) {
    return isOptionList(property.enum) && (widget === 'select' || widget === 'radio') ? 'choice' : null;
  }
  if (widget === 'textarea') return 'longText';
  if (widget !== undefined) return null;
  if (property.format === 'date') return 'date';
  if (property.format === 'email') return 'email';
  return property.format === undefined ? 'text' : null;
}

const isOptionList = (options: unknown): options is string[] =>
  Array.isArray(options) && options.length > 0 && options.every((option) => typeof option === 'string');

/** `items` of a multiple choice: exactly a list of text options. */
const isTextOptions = (items: unknown): boolean =>
  isObject(items) && Object.keys(items).length === 2 && items.type === 'string' && isOptionList(items.enum);

/** The JSON Schema of the builder's fields, in their order. */
export function schemaFromFields(fields: readonly FormBuilderField[]): FormSchema {
  const properties: Record<string, JsonObject> = {};
  for (const field of fields) properties[field.key] = propertyOf(field);
  return {
    type: 'object',
    properties,
    required: fields.filter((field) => field.required).map((field) => field.key),
  };
}

function propertyOf(field: FormBuilderField): JsonObject {
  const property: JsonObject = { type: jsonTypeOf(field), title: field.label.trim() };
  if (field.help.trim()) property[field.helpKeyword] = field.help.trim();
  switch (field.type) {
    case 'longText':
      property['x-widget'] = 'textarea';
      break;
    case 'email':
      property.format = 'email';
      break;
    case 'date':
      property.format = 'date';
      break;
    case 'choice':
      property.enum = optionsOf(field);
      property['x-widget'] = field.choiceWidget;
      break;
    case 'multiChoice':
      property.items = { type: 'string', enum: optionsOf(field) };
      property.uniqueItems = true;
      break;
    case 'number':
      if (field.minimum !== null) property.minimum = field.minimum;
      if (field.maximum !== null) property.maximum = field.maximum;
      break;
  }
  if (formFieldTypeTakes(field.type, 'maxLength') && field.maxLength !== null) property.maxLength = field.maxLength;
  if (formFieldTypeTakes(field.type, 'x-placeholder') && field.placeholder.trim()) {
    property['x-placeholder'] = field.placeholder.trim();
  }
  return property;
}

function jsonTypeOf(field: FormBuilderField): string {
  if (field.type === 'boolean') return 'boolean';
  if (field.type === 'multiChoice') return 'array';
  if (field.type === 'number') return field.integer ? 'integer' : 'number';
  return 'string';
}

const optionsOf = (field: FormBuilderField) => field.options.map((option) => option.trim()).filter(Boolean);

const keyPattern = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;
const keyLength = 50;

/**
 * A property name made from the label ("Número do poste" → "numeroDoPoste"), in the letters,
 * digits and _ the server accepts, different from the keys already taken.
 */
export function keyFromLabel(label: string, taken: readonly string[]): string {
  const words = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const joined = words
    .map((word, index) => (index === 0 ? word.toLowerCase() : word[0].toUpperCase() + word.slice(1).toLowerCase()))
    .join('')
    .replace(/^[0-9]+/, '');
  const base = (joined ? joined[0].toLowerCase() + joined.slice(1) : 'campo').slice(0, keyLength);
  let key = base;
  for (let suffix = 2; taken.includes(key); suffix += 1) key = `${base.slice(0, keyLength - String(suffix).length)}${suffix}`;
  return key;
}

export interface FormFieldProblems {
  label?: string;
  key?: string;
  options?: string;
  range?: string;
}

/**
 * What the server would refuse in a field, said where the administrator types it. The server
 * checks again on save; this only spares the round trip.
 */
export function formFieldProblems(fields: readonly FormBuilderField[]): FormFieldProblems[] {
  return fields.map((field, index) => {
    const problems: FormFieldProblems = {};
    if (!field.label.trim()) problems.label = 'Informe o rótulo do campo.';
    if (!keyPattern.test(field.key)) {
      problems.key = 'Use de 1 a 50 letras sem acento, números ou _, começando por letra.';
    } else if (fields.some((other, otherIndex) => otherIndex < index && other.key === field.key)) {
      problems.key = 'Outro campo já usa esta chave.';
    }
    if (field.type === 'choice' || field.type === 'multiChoice') {
      const options = optionsOf(field);
      if (options.length === 0) problems.options = 'Informe ao menos uma opção.';
      else if (new Set(options).size < options.length) problems.options = 'Há opções repetidas.';
    }
    if (field.type === 'number' && field.minimum !== null && field.maximum !== null && field.minimum > field.maximum) {
      problems.range = 'O mínimo é maior que o máximo.';
    }
    return problems;
  });
}
