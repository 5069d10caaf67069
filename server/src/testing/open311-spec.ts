import { XMLParser } from 'fast-xml-parser';
import type { Open311Format } from '@receptivo/shared';

/**
 * The GeoReport v2 field lists (wiki.open311.org/GeoReport_v2), written here from the standard and
 * not from our schemas, so an answer is checked against what clients expect: its elements (XML) or
 * keys (JSON) are among the standard's for that kind of answer, and the required ones are there.
 */
interface EntrySpec {
  fields: readonly string[];
  required: readonly string[];
  /** Allowed values of a field. */
  values?: Record<string, readonly string[]>;
  /** Fields holding W3C datetimes with their offset. */
  datetimes?: readonly string[];
}

const SERVICE: EntrySpec = {
  fields: ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'],
  required: ['service_code', 'service_name', 'metadata', 'type'],
  values: { metadata: ['true', 'false'], type: ['realtime', 'batch', 'blackbox'] },
};
const ATTRIBUTE: EntrySpec = {
  fields: ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values'],
  required: ['variable', 'code', 'datatype', 'required', 'order', 'description'],
  values: {
    variable: ['true', 'false'],
    required: ['true', 'false'],
    datatype: ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'],
  },
};
const VALUE: EntrySpec = { fields: ['key', 'name'], required: ['key', 'name'] };
const SERVICE_REQUEST: EntrySpec = {
  fields: [
    'service_request_id',
    'status',
    'status_notes',
    'service_name',
    'service_code',
    'description',
    'agency_responsible',
    'service_notice',
    'requested_datetime',
    'updated_datetime',
    'expected_datetime',
    'address',
    'address_id',
    'zipcode',
    'lat',
    'long',
    'media_url',
  ],
  required: ['service_request_id', 'status', 'service_code', 'requested_datetime'],
  values: { status: ['open', 'closed'] },
  datetimes: ['requested_datetime', 'updated_datetime', 'expected_datetime'],
};
/** A realtime service answers the request's id (a batch one a token instead). */
const CREATED_REQUEST: EntrySpec = { fields: ['service_request_id', 'token', 'service_notice', 'account_id'], required: ['service_request_id'] };
const ERROR: EntrySpec = { fields: ['code', 'description'], required: ['code', 'description'] };

export const GEOREPORT_V2 = {
  services: { root: 'services', entry: 'service', spec: SERVICE },
  serviceDefinition: { root: 'service_definition', entry: undefined, spec: { fields: ['service_code', 'attributes'], required: ['service_code', 'attributes'] } },
  serviceRequests: { root: 'service_requests', entry: 'request', spec: SERVICE_REQUEST },
  createdRequests: { root: 'service_requests', entry: 'request', spec: CREATED_REQUEST },
  errors: { root: 'errors', entry: 'error', spec: ERROR },
} as const;
export type Open311Kind = keyof typeof GEOREPORT_V2;

/** XML lists, so one entry parses as a list of one. */
const LISTS = new Set(['services.service', 'service_definition.attributes.attribute', 'service_definition.attributes.attribute.values.value', 'service_requests.request', 'errors.error']);
const parser = new XMLParser({ parseTagValue: false, jPath: true, isArray: (_name, path) => LISTS.has(String(path)) });

type Entry = Record<string, unknown>;
/** Every value as the text XML carries ('' for null), so JSON and XML answers compare equal. */
export type TextEntry = Record<string, unknown>;

function asText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asText);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, asText(child)]));
  return value === null || value === undefined ? '' : String(value);
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * The answer's content in one shape for both formats: the entries (or, for a service definition,
 * the definition with its attributes as a list), every value as text. Throws when the root or the
 * entries are not where the standard puts them.
 */
export function open311Content(kind: Open311Kind, format: Open311Format, text: string): TextEntry[] | TextEntry {
  const { root, entry } = GEOREPORT_V2[kind];
  if (format === 'json') {
    const body: unknown = JSON.parse(text);
    if (entry && !Array.isArray(body)) throw new Error(`${kind}: JSON answer is not a list`);
    if (!entry && (Array.isArray(body) || typeof body !== 'object')) throw new Error(`${kind}: JSON answer is not an object`);
    return asText(body) as TextEntry[] | TextEntry;
  }
  if (!text.startsWith(XML_DECLARATION)) throw new Error(`${kind}: XML without the UTF-8 declaration`);
  const document = parser.parse(text) as Entry;
  const roots = Object.keys(document).filter((key) => key !== '?xml');
  if (roots.length !== 1 || roots[0] !== root) throw new Error(`${kind}: XML root is ${roots.join(', ')}, not ${root}`);
  const content = document[root];
  if (!entry) {
    const definition = { ...(content as Entry) };
    const attributes = ((definition.attributes as Entry | '') || {}) as Entry;
    definition.attributes = ((attributes.attribute as Entry[] | undefined) ?? []).map((attribute) =>
      attribute.values === undefined ? attribute : { ...attribute, values: ((attribute.values as Entry | '') || { value: [] }).value ?? [] },
    );
    return definition;
  }
  if (content === '') return [];
  const extra = Object.keys(content as Entry).filter((key) => key !== entry);
  if (extra.length) throw new Error(`${kind}: XML root holds ${extra.join(', ')} besides ${entry}`);
  return (content as Entry)[entry] as TextEntry[];
}

function entryProblems(where: string, entry: TextEntry, spec: EntrySpec): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(entry)) if (!spec.fields.includes(key)) problems.push(`${where}: "${key}" is not a field of the standard`);
  for (const key of spec.required) if (entry[key] === undefined || entry[key] === '') problems.push(`${where}: required "${key}" missing`);
  for (const [key, allowed] of Object.entries(spec.values ?? {})) {
    if (entry[key] !== undefined && entry[key] !== '' && !allowed.includes(entry[key] as string)) problems.push(`${where}: "${key}" is ${String(entry[key])}`);
  }
  for (const key of spec.datetimes ?? []) {
    const value = entry[key];
    if (typeof value === 'string' && value !== '' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
      problems.push(`${where}: "${key}" is not a W3C datetime with offset: ${value}`);
    }
  }
  return problems;
}

/** What in the answer strays from the standard's field list for its kind; empty when it conforms. */
export function specProblems(kind: Open311Kind, format: Open311Format, text: string): string[] {
  let content: TextEntry[] | TextEntry;
  try {
    content = open311Content(kind, format, text);
  } catch (error) {
    return [(error as Error).message];
  }
  const { spec } = GEOREPORT_V2[kind];
  if (Array.isArray(content)) return content.flatMap((entry, index) => entryProblems(`${kind}[${index}]`, entry, spec));
  const problems = entryProblems(kind, content, spec);
  const attributes = Array.isArray(content.attributes) ? (content.attributes as TextEntry[]) : [];
  attributes.forEach((attribute, index) => {
    problems.push(...entryProblems(`attribute[${index}]`, attribute, ATTRIBUTE));
    const values = attribute.values;
    if (values === undefined) return;
    if (!Array.isArray(values)) problems.push(`attribute[${index}]: values is not a list`);
    else values.forEach((value, valueIndex) => problems.push(...entryProblems(`attribute[${index}].values[${valueIndex}]`, value as TextEntry, VALUE)));
  });
  return problems;
}
