import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import localizePtBr from 'ajv-i18n/localize/pt-BR';
import addFormats from 'ajv-formats';
import { type FormSchema, formUiKeywords } from '@receptivo/shared';
import { ApiException } from '../common/api-exception';

const supportedTypes = new Set(['string', 'integer', 'number', 'boolean', 'array']);

/** The one list the desk draws: several of fixed text options, as checkboxes. */
function isMultipleChoice(property: Record<string, unknown>): boolean {
  const items = property.items as Record<string, unknown> | undefined;
  return (
    typeof items === 'object' &&
    items !== null &&
    items.type === 'string' &&
    Array.isArray(items.enum) &&
    items.enum.length > 0 &&
    items.enum.every((option) => typeof option === 'string')
  );
}

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes: false });
  addFormats(ajv, ['date', 'email', 'date-time', 'time']);
  ajv.addVocabulary([...formUiKeywords]);
  return ajv;
}

const ajv = createAjv();

function refuse(reason: string): never {
  const message = `Esquema inválido: ${reason}`;
  throw new ApiException(400, 'VALIDATION_FAILED', message, { formSchema: message });
}

/**
 * A request type's form must be a valid JSON Schema (ajv, strict) and stay inside what the desk
 * renders: one object of flat fields of the supported types, each with a title.
 */
export function assertRenderableFormSchema(schema: FormSchema): void {
  if (schema.type !== 'object' || typeof schema.properties !== 'object' || schema.properties === null) {
    refuse('a raiz deve ser {"type": "object", "properties": {…}}.');
  }
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  if (Object.keys(properties).length === 0) refuse('o formulário precisa de ao menos um campo.');
  for (const [name, property] of Object.entries(properties)) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,49}$/.test(name)) refuse(`nome de campo "${name}" inválido (letras, números e _).`);
    if (typeof property !== 'object' || property === null) refuse(`o campo "${name}" deve ser um objeto.`);
    if (!supportedTypes.has(String(property.type))) {
      refuse(`o campo "${name}" tem tipo "${String(property.type)}"; use string, integer, number, boolean ou array.`);
    }
    if (property.type === 'array' && !isMultipleChoice(property)) {
      refuse(`o campo "${name}" é uma lista: informe "items": {"type": "string", "enum": [as opções]}.`);
    }
    if (typeof property.title !== 'string' || !property.title.trim()) refuse(`o campo "${name}" precisa de "title" (o rótulo).`);
  }
  const required = schema.required ?? [];
  if (!Array.isArray(required) || required.some((key) => typeof key !== 'string' || !(key in properties))) {
    refuse('"required" deve listar nomes de campos existentes.');
  }
  try {
    ajv.compile(schema);
  } catch (error) {
    refuse((error as Error).message);
  } finally {
    ajv.removeSchema(schema);
  }
}

/** One compiled validator per distinct schema text (ajv keeps every schema object it compiles). */
const compiled = new Map<string, ValidateFunction>();

/**
 * Checks form data against its request type's schema; null when valid, else pt-BR messages keyed
 * by field ("form.numeroPoste"), as the renderer places them beside the inputs.
 */
export function formDataErrors(schema: FormSchema, data: unknown): Record<string, string> | null {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  if (validate(data)) return null;
  const errors = [...(validate.errors ?? [])] as ErrorObject[];
  localizePtBr(errors);
  const fields: Record<string, string> = {};
  for (const error of errors) {
    const missing = error.keyword === 'required' ? String((error.params as { missingProperty: string }).missingProperty) : undefined;
    const field = missing ?? (error.instancePath.replace(/^\//, '').split('/')[0] || '_');
    fields[`form.${field}`] ??= missing ? 'Campo obrigatório.' : `Valor inválido: ${error.message}.`;
  }
  return fields;
}
