import { z } from 'zod';

/**
 * Open311 GeoReport v2 (docs/http-api.md, Open311): the client applications that may post requests,
 * administered at /api/open311-clients, and the standard's own payloads at /open311/v2, whose field
 * names are the standard's (snake_case), not ours.
 */

const clientName = z
  .string({ error: 'Informe o nome do aplicativo.' })
  .trim()
  .min(1, 'Informe o nome do aplicativo.')
  .max(100, 'O nome do aplicativo pode ter no máximo 100 caracteres.');

/** A registered client application. Its api_key is never kept, only its SHA-256. */
export const open311ClientSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  active: z.boolean(),
  createdAt: z.string().datetime(),
  /** The administrator who registered it. */
  createdBy: z.string().nullable(),
  /** The last request it posted with its key. */
  lastUsedAt: z.string().datetime().nullable(),
});
export type Open311Client = z.infer<typeof open311ClientSchema>;

export const open311ClientListSchema = z.object({ items: z.array(open311ClientSchema) });
export type Open311ClientList = z.infer<typeof open311ClientListSchema>;

export const createOpen311ClientSchema = z.object({ name: clientName });
export type CreateOpen311Client = z.infer<typeof createOpen311ClientSchema>;

/** The answer to a registration: the key, shown this once. */
export const issuedOpen311KeySchema = z.object({ client: open311ClientSchema, apiKey: z.string() });
export type IssuedOpen311Key = z.infer<typeof issuedOpen311KeySchema>;

/** Renaming, deactivating (its key stops working at once) or reactivating an application. */
export const updateOpen311ClientSchema = z
  .object({ name: clientName, active: z.boolean() })
  .partial()
  .refine((patch) => patch.name !== undefined || patch.active !== undefined, 'Nada a alterar.');
export type UpdateOpen311Client = z.infer<typeof updateOpen311ClientSchema>;

// ── GeoReport v2 payloads ────────────────────────────────────────────────────────────────────────

export const open311Formats = ['json', 'xml'] as const;
export type Open311Format = (typeof open311Formats)[number];

/** GET services: one request type. */
export const open311ServiceSchema = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string().nullable(),
  /** Whether the service definition has attributes to fill. */
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  /** Comma-separated, as the standard has it. */
  keywords: z.string(),
  group: z.string(),
});
export type Open311Service = z.infer<typeof open311ServiceSchema>;

export const open311Datatypes = ['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist'] as const;

export const open311AttributeSchema = z.object({
  variable: z.boolean(),
  code: z.string(),
  datatype: z.enum(open311Datatypes),
  required: z.boolean(),
  datatype_description: z.string().nullable(),
  /** From 1. */
  order: z.number().int().positive(),
  description: z.string(),
  /** The options of a list. */
  values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
});
export type Open311Attribute = z.infer<typeof open311AttributeSchema>;

/** GET services/{service_code}: the attributes a request of the type takes. */
export const open311ServiceDefinitionSchema = z.object({
  service_code: z.string(),
  attributes: z.array(open311AttributeSchema),
});
export type Open311ServiceDefinition = z.infer<typeof open311ServiceDefinitionSchema>;

/** GET requests: a request as anyone may read it, without personal data. */
export const open311ServiceRequestSchema = z.object({
  /** The protocol, as the citizen knows it (2026.001234-5). */
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string(),
  /** Only for requests received through Open311. */
  description: z.string().nullable(),
  agency_responsible: z.string(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string().datetime({ offset: true }),
  updated_datetime: z.string().datetime({ offset: true }),
  expected_datetime: z.string().datetime({ offset: true }),
  /** Street, neighborhood and city: never the number or the complement. */
  address: z.string().nullable(),
});
export type Open311ServiceRequest = z.infer<typeof open311ServiceRequestSchema>;

/** POST requests: the answer for the request just registered. */
export const open311CreatedRequestSchema = z.object({
  service_request_id: z.string(),
  service_notice: z.string(),
  /** No accounts are kept for third-party applications' users. */
  account_id: z.null(),
});
export type Open311CreatedRequest = z.infer<typeof open311CreatedRequestSchema>;

export const open311ErrorSchema = z.object({ code: z.number().int(), description: z.string() });
export type Open311Error = z.infer<typeof open311ErrorSchema>;
export const open311ErrorsSchema = z.array(open311ErrorSchema).min(1);

/** An empty field sent by a form counts as not sent. */
const blankAsMissing = (value: unknown) => (value === '' || value === null ? undefined : value);

function coordinate(name: string, limit: number) {
  const message = `${name} deve ser um número entre -${limit} e ${limit} (graus decimais, WGS84).`;
  return z.preprocess(
    (value) => {
      const given = blankAsMissing(value);
      return typeof given === 'string' ? Number(given) : given;
    },
    z.number({ error: message }).min(-limit, message).max(limit, message).optional(),
  );
}

const attributeValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())], {
  error: 'Valor de atributo inválido: envie um texto ou, para listas de vários valores, attribute[código][]=valor.',
});

/**
 * POST requests (form-urlencoded, or JSON). Only what describes the problem is read: the fields that
 * identify a person (email, first_name, last_name, phone, device_id, account_id) are dropped unread,
 * and jurisdiction_id is ignored (one jurisdiction). The api_key is checked before this.
 */
export const open311NewRequestSchema = z.object({
  service_code: z
    .string({ error: 'Informe o service_code (o tipo de solicitação).' })
    .trim()
    .min(1, 'Informe o service_code (o tipo de solicitação).')
    .max(100, 'service_code inválido.'),
  description: z.preprocess(
    blankAsMissing,
    z.string({ error: 'A descrição deve ser um texto.' }).trim().max(4000, 'A descrição pode ter no máximo 4000 caracteres.').optional(),
  ),
  lat: coordinate('lat', 90),
  long: coordinate('long', 180),
  address_string: z.preprocess(
    blankAsMissing,
    z.string({ error: 'address_string deve ser um texto.' }).trim().max(500, 'address_string pode ter no máximo 500 caracteres.').optional(),
  ),
  media_url: z.preprocess(
    blankAsMissing,
    z.url({ protocol: /^https?$/, error: 'media_url deve ser um endereço http ou https.' }).max(2000, 'media_url longo demais.').optional(),
  ),
  attribute: z
    .record(z.string().max(100, 'Código de atributo longo demais.'), attributeValue, { error: 'Envie os atributos como attribute[código]=valor.' })
    .default({}),
});
export type Open311NewRequest = z.output<typeof open311NewRequestSchema>;

/** A query parameter repeated (`status=open&status=closed`) or comma-separated (`status=open,closed`): its values. */
const listParameter = (name: string) =>
  z.preprocess(
    (value) => (Array.isArray(value) ? value.join(',') : blankAsMissing(value)),
    z
      .string({ error: `${name} inválido.` })
      .max(20_000, `${name} longo demais.`)
      .transform((list) => list.split(',').map((item) => item.trim()).filter(Boolean))
      .optional(),
  );

/** A W3C datetime with its offset, or a day (taken at midnight in Brasília). */
const dateParameter = (name: string) => {
  const message = `${name} deve ser uma data e hora ISO 8601 com fuso (2026-12-05T00:00:00-03:00) ou uma data (2026-12-05).`;
  return z.preprocess(
    blankAsMissing,
    z
      .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: message })
      .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00-03:00` : value))
      .optional(),
  );
};

/**
 * GET requests. service_request_id (protocols, with or without punctuation) overrides the rest, as
 * the standard says; jurisdiction_id is ignored.
 */
export const open311RequestsQuerySchema = z.object({
  service_request_id: listParameter('service_request_id'),
  service_code: z.preprocess(blankAsMissing, z.string({ error: 'service_code inválido.' }).max(100, 'service_code inválido.').optional()),
  start_date: dateParameter('start_date'),
  end_date: dateParameter('end_date'),
  status: listParameter('status').pipe(
    z.array(z.enum(['open', 'closed'], { error: 'status deve ser open ou closed (ou os dois, separados por vírgula).' })).optional(),
  ),
});
export type Open311RequestsQuery = z.output<typeof open311RequestsQuerySchema>;
