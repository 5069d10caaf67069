import { type Address, type FormSchema, type Open311Attribute, type Open311NewRequest, addressSchema, brazilianStates } from '@receptivo/shared';
import { fieldErrors } from '../common/zod-validation';

/**
 * A request type's form (its JSON Schema, server/src/knowledge/form-schema.ts) as Open311 attributes,
 * and the attributes an application posts back as the form and the address the desk registers.
 */

/** What the form schemas use of a property (the kinds the desk draws: shared/src/knowledge/form-builder.ts). */
interface FormProperty {
  type?: string;
  title?: string;
  description?: string;
  'x-help'?: string;
  'x-widget'?: string;
  format?: string;
  enum?: unknown[];
  items?: { enum?: unknown[] };
  minimum?: number;
  maximum?: number;
}

/** The request type's facts the attributes come from. */
export interface AttributeSource {
  formSchema: FormSchema;
  addressRequired: boolean;
}

const BOOLEAN_VALUES = [
  { key: 'true', name: 'Sim' },
  { key: 'false', name: 'Não' },
];

/**
 * The structured address of a type that requires one: what groups requests at the same place, so an
 * application fills it like the desk does (a free address_string could not be grouped).
 */
const ADDRESS_ATTRIBUTES: { code: string; field: keyof Address; description: string; help: string; required: boolean }[] = [
  { code: 'endereco_cep', field: 'cep', description: 'CEP', help: 'CEP do local, 8 dígitos, com ou sem hífen.', required: true },
  { code: 'endereco_logradouro', field: 'street', description: 'Logradouro', help: 'Rua, avenida, praça… do local.', required: true },
  { code: 'endereco_numero', field: 'number', description: 'Número', help: 'Número do imóvel em frente ao local (ou s/n).', required: true },
  { code: 'endereco_complemento', field: 'complement', description: 'Complemento', help: 'Bloco, loja, referência.', required: false },
  { code: 'endereco_bairro', field: 'neighborhood', description: 'Bairro', help: 'Bairro do local.', required: true },
  { code: 'endereco_cidade', field: 'city', description: 'Cidade', help: 'Cidade do local.', required: true },
  { code: 'endereco_uf', field: 'state', description: 'UF', help: 'Sigla do estado.', required: true },
];

const propertiesOf = (schema: FormSchema) => (schema.properties ?? {}) as Record<string, FormProperty>;
const requiredOf = (schema: FormSchema) => (Array.isArray(schema.required) ? (schema.required as string[]) : []);
const options = (values: unknown[] | undefined) => (values ?? []).map(String).map((option) => ({ key: option, name: option }));

function datatypeOf(property: FormProperty): Open311Attribute['datatype'] {
  switch (property.type) {
    case 'boolean':
      return 'singlevaluelist';
    case 'integer':
    case 'number':
      return 'number';
    case 'array':
      return 'multivaluelist';
  }
  if (property.enum) return 'singlevaluelist';
  if (property.format === 'date' || property.format === 'date-time') return 'datetime';
  return property['x-widget'] === 'textarea' ? 'text' : 'string';
}

/** How to write a value the datatype alone does not say: a date's form, a number's range. */
function formatHint(property: FormProperty): string | undefined {
  if (property.format === 'date') return 'Data no formato AAAA-MM-DD.';
  if (property.format === 'date-time') return 'Data e hora ISO 8601 com fuso (2026-12-05T14:30:00-03:00).';
  if (property.format === 'email') return 'Endereço de e-mail.';
  if (property.type !== 'integer' && property.type !== 'number') return undefined;
  const kind = property.type === 'integer' ? 'Número inteiro' : 'Número';
  if (property.minimum !== undefined && property.maximum !== undefined) return `${kind} de ${property.minimum} a ${property.maximum}.`;
  if (property.minimum !== undefined) return `${kind} a partir de ${property.minimum}.`;
  if (property.maximum !== undefined) return `${kind} até ${property.maximum}.`;
  return `${kind}.`;
}

function formAttribute(code: string, property: FormProperty, required: boolean, order: number): Open311Attribute {
  const datatype = datatypeOf(property);
  const help = [property['x-help'] ?? property.description, formatHint(property)].filter(Boolean).join(' ');
  const values = property.type === 'boolean' ? BOOLEAN_VALUES : options(property.type === 'array' ? property.items?.enum : property.enum);
  return {
    variable: true,
    code,
    datatype,
    required,
    datatype_description: help || null,
    order,
    description: property.title ?? code,
    ...(datatype.endsWith('valuelist') && { values }),
  };
}

/** The attributes of a type: its form's fields in order, then the address when the type requires one. */
export function attributesOf(type: AttributeSource): Open311Attribute[] {
  const required = requiredOf(type.formSchema);
  const attributes = Object.entries(propertiesOf(type.formSchema)).map(([code, property], index) =>
    formAttribute(code, property, required.includes(code), index + 1),
  );
  if (!type.addressRequired) return attributes;
  return [
    ...attributes,
    ...ADDRESS_ATTRIBUTES.map(({ code, field, description, help, required: needed }, index) => ({
      variable: true,
      code,
      datatype: field === 'state' ? ('singlevaluelist' as const) : ('string' as const),
      required: needed,
      datatype_description: help,
      order: attributes.length + index + 1,
      description,
      ...(field === 'state' && { values: options([...brazilianStates]) }),
    })),
  ];
}

type PostedValue = Open311NewRequest['attribute'][string];

/** One posted value as the form's JSON type, or the problem with it. */
function formValue(property: FormProperty, posted: PostedValue): { value: unknown } | { problem: string } {
  if (property.type === 'array') return { value: Array.isArray(posted) ? posted : [String(posted)] };
  if (Array.isArray(posted)) return { problem: 'Envie um só valor.' };
  const text = String(posted).trim();
  switch (property.type) {
    case 'boolean':
      if (typeof posted === 'boolean') return { value: posted };
      return text === 'true' || text === 'false' ? { value: text === 'true' } : { problem: 'Use true ou false.' };
    case 'integer':
    case 'number': {
      const number = typeof posted === 'number' ? posted : text === '' ? NaN : Number(text.replace(',', '.'));
      return Number.isFinite(number) ? { value: number } : { problem: 'Informe um número.' };
    }
  }
  // A datetime attribute for a date field: the date as the client wrote it, whatever the time.
  if (property.format === 'date' && /^\d{4}-\d{2}-\d{2}T/.test(text)) return { value: text.slice(0, 10) };
  return { value: text };
}

export interface PostedRegistration {
  form: Record<string, unknown>;
  address: Address | null;
  /** By input path (`attribute.numeroPoste`), pt-BR. */
  problems: Record<string, string>;
}

/**
 * The form and the address of the attributes posted for a type. Attributes the type does not have
 * are left out, as the desk keeps only the fields a form declares; the form's own rules (required,
 * ranges, options) are checked when the request is registered.
 */
export function registrationFrom(type: AttributeSource, posted: Open311NewRequest['attribute']): PostedRegistration {
  const form: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const [code, property] of Object.entries(propertiesOf(type.formSchema))) {
    const value = posted[code];
    if (value === undefined || value === '') continue;
    const converted = formValue(property, value);
    if ('problem' in converted) problems[`attribute.${code}`] = converted.problem;
    else form[code] = converted.value;
  }
  if (!type.addressRequired) return { form, address: null, problems };

  const given = Object.fromEntries(
    ADDRESS_ATTRIBUTES.map(({ code, field }) => {
      const value = posted[code];
      return [field, typeof value === 'string' || typeof value === 'number' ? String(value) : undefined];
    }),
  );
  const address = addressSchema.safeParse(given);
  if (address.success) return { form, address: address.data, problems };
  const attributeOf = (field: string) => ADDRESS_ATTRIBUTES.find((attribute) => attribute.field === field)?.code ?? field;
  for (const [field, message] of Object.entries(fieldErrors(address.error))) problems[`attribute.${attributeOf(field)}`] ??= message;
  return { form, address: null, problems };
}

/** A registration refusal's fields (`form.x`, `address.cep`, `requestTypeId`) as the inputs the application sent. */
export function postedInputOf(field: string): string {
  if (field.startsWith('form.')) return `attribute.${field.slice('form.'.length)}`;
  if (field === 'requestTypeId') return 'service_code';
  if (field === 'address') return 'attribute.endereco_cep';
  const address = ADDRESS_ATTRIBUTES.find((attribute) => field === `address.${attribute.field}`);
  return address ? `attribute.${address.code}` : field;
}
