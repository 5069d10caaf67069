import type { Request, Response } from 'express';
import { XMLBuilder } from 'fast-xml-parser';
import {
  type ApiErrorBody,
  type Open311CreatedRequest,
  type Open311Error,
  type Open311Format,
  type Open311Service,
  type Open311ServiceDefinition,
  type Open311ServiceRequest,
  open311Formats,
} from '@receptivo/shared';

/** An Open311 answer: the JSON the standard gives, and the root element of its XML form. */
export type Open311Document =
  | { root: 'services'; body: Open311Service[] }
  | { root: 'service_definition'; body: Open311ServiceDefinition }
  | { root: 'service_requests'; body: Open311ServiceRequest[] | Open311CreatedRequest[] }
  | { root: 'errors'; body: Open311Error[] };

/** The element each list's entries take in XML: `<services><service>…`, `<attributes><attribute>…`. */
const ENTRY_ELEMENTS: Record<string, string> = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
};

// Characters XML 1.0 cannot carry even escaped; PostgreSQL stores them, so they are dropped on the way out.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, ignoreAttributes: false });

/** The XML tree of a JSON answer: a list becomes its entries' elements, a missing value an empty element. */
function xmlTree(value: unknown, name: string): unknown {
  if (Array.isArray(value)) return { [ENTRY_ELEMENTS[name]]: value.map((entry) => xmlTree(entry, ENTRY_ELEMENTS[name])) };
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, xmlTree(child, key)]));
  }
  if (typeof value === 'string') return value.replace(NOT_XML, '');
  return value ?? '';
}

export function toXml(document: Open311Document): string {
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    [document.root]: xmlTree(document.body, document.root),
  }) as string;
}

/** The format a path asks for by its extension; XML, the standard's required one, for anything else. */
export function formatOfPath(path: string): Open311Format {
  return path.endsWith('.json') ? 'json' : 'xml';
}

/** `2026.000123-4.json` → the name and the format, or no format when the extension is not one. */
export function splitFormat(file: string): { name: string; format: Open311Format | undefined } {
  const dot = file.lastIndexOf('.');
  const extension = dot < 0 ? '' : file.slice(dot + 1);
  const format = asOpen311Format(extension);
  return { name: format ? file.slice(0, dot) : file, format };
}

/** One of the standard's formats, or undefined. */
export const asOpen311Format = (extension: string): Open311Format | undefined =>
  (open311Formats as readonly string[]).includes(extension) ? (extension as Open311Format) : undefined;

/** An error in the standard's format, in the format the request's path asked for. */
export function sendOpen311Errors(request: Request, response: Response, error: ApiErrorBody): void {
  sendOpen311(response, formatOfPath(request.path), { root: 'errors', body: open311Errors(error) }, error.statusCode);
}

export function sendOpen311(response: Response, format: Open311Format, document: Open311Document, status = 200): void {
  response.status(status);
  if (format === 'json') response.type('application/json; charset=utf-8').send(JSON.stringify(document.body));
  else response.type('text/xml; charset=utf-8').send(toXml(document));
}

/** `attribute.endereco_cep` → `attribute[endereco_cep]`: inputs named as the client sent them (form-urlencoded). */
const bracketed = (path: string) => path.replace(/\.([^.]+)/g, '[$1]');

/** The API's error as the standard's list of errors: one per refused field, else one with the message. */
export function open311Errors(error: Pick<ApiErrorBody, 'statusCode' | 'message' | 'fields'>): Open311Error[] {
  const fields = Object.entries(error.fields ?? {});
  if (fields.length === 0) return [{ code: error.statusCode, description: error.message }];
  return fields.map(([field, message]) => ({ code: error.statusCode, description: `${bracketed(field)}: ${message}` }));
}
