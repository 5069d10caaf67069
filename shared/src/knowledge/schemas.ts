import { z } from 'zod';

const id = z.string().uuid();
const timestamp = z.string().datetime();
const title = (label: string, max = 200) =>
  z.string({ error: `Informe ${label}.` }).trim().min(1, `Informe ${label}.`).max(max, `No máximo ${max} caracteres.`);
/** Rich text (HTML). The server keeps only the allowed tags; scripts and handlers never survive. */
const richText = (label: string) => z.string({ error: `Informe ${label}.` }).max(50_000, 'Texto longo demais.');
const optionalText = z
  .string()
  .trim()
  .max(2000)
  .nullish()
  .transform((value) => (value ? value : null));
const position = z.number().int().min(0).max(100_000);

/**
 * PATCH bodies: any subset of the fields, at least one. Built from fields without defaults, so an
 * absent field stays absent instead of being reset (zod applies defaults inside optional).
 */
function patchOf<Shape extends z.ZodRawShape>(fields: Shape) {
  return z
    .object(fields)
    .partial()
    .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'Nada a alterar.');
}

export const organSchema = z.object({
  id,
  name: z.string(),
  acronym: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  updatedAt: timestamp,
});
export type Organ = z.infer<typeof organSchema>;
/** GET /api/organs: every organ by name, for filters and the back office user's organ; any role. */
export const organOptionListSchema = z.object({ items: z.array(organSchema.pick({ id: true, name: true, acronym: true, active: true })) });
export type OrganOptionList = z.infer<typeof organOptionListSchema>;
const organFields = {
  name: title('o nome do órgão'),
  acronym: optionalText,
  email: z
    .union([z.literal(''), z.null(), z.string().trim().toLowerCase().pipe(z.email('E-mail inválido.'))])
    .optional()
    .transform((value) => (value ? value : null)),
  active: z.boolean(),
};
export const organInputSchema = z.object({ ...organFields, active: organFields.active.default(true) });
export const organPatchSchema = patchOf(organFields);
export type OrganInput = z.input<typeof organInputSchema>;

export const categorySchema = z.object({
  id,
  name: z.string(),
  description: z.string().nullable(),
  position,
  active: z.boolean(),
  updatedAt: timestamp,
});
export type Category = z.infer<typeof categorySchema>;
const categoryFields = { name: title('o nome da sessão'), description: optionalText, active: z.boolean() };
export const categoryInputSchema = z.object({ ...categoryFields, active: categoryFields.active.default(true) });
export const categoryPatchSchema = patchOf(categoryFields);
export type CategoryInput = z.input<typeof categoryInputSchema>;

export const keywordsSchema = z
  .array(z.string().trim().min(1).max(60, 'Palavra-chave longa demais.'))
  .max(30, 'No máximo 30 palavras-chave.')
  .transform((keywords) => [...new Set(keywords.map((keyword) => keyword.toLowerCase()))]);

export const informationSchema = z.object({
  id,
  categoryId: id,
  title: z.string(),
  body: z.string(),
  proposedSolution: z.string(),
  keywords: z.array(z.string()),
  /** Request types the information leads to, offered as [Registrar solicitação] beside it. */
  requestTypeIds: z.array(id),
  position,
  /**
   * Published on the citizens' portal (Informações); the desk sees every active information. False
   * when absent: a desktop's offline cache may hold informations saved before the portal existed.
   */
  published: z.boolean().default(false),
  active: z.boolean(),
  updatedAt: timestamp,
});
export type Information = z.output<typeof informationSchema>;
const categoryId = z.string({ error: 'Escolha a sessão.' }).uuid('Escolha a sessão.');
const informationFields = {
  categoryId,
  title: title('o título'),
  body: richText('o texto'),
  proposedSolution: richText('a solução proposta'),
  keywords: keywordsSchema,
  requestTypeIds: z
    .array(z.string().uuid('Tipo de solicitação inválido.'))
    .max(20, 'No máximo 20 tipos de solicitação.')
    .transform((ids) => [...new Set(ids)]),
  published: z.boolean(),
  active: z.boolean(),
};
export const informationInputSchema = z.object({
  ...informationFields,
  keywords: keywordsSchema.default([]),
  requestTypeIds: informationFields.requestTypeIds.default([]),
  published: informationFields.published.default(false),
  active: informationFields.active.default(true),
});
export const informationPatchSchema = patchOf(informationFields);
export type InformationInput = z.input<typeof informationInputSchema>;

export const restartWindows = [24, 48, 72] as const;
export const restartWindowSchema = z
  .union([z.literal(24), z.literal(48), z.literal(72), z.null()], { error: 'Janela de reinício: 24, 48 ou 72 horas, ou desativada.' });

/**
 * A request type's form: a JSON Schema (type object) whose properties may carry UI hints
 * `x-widget` ('textarea' | 'select' | 'radio' | 'date'), `x-placeholder` and `x-help`.
 */
export const formSchemaSchema = z.record(z.string(), z.unknown());
export type FormSchema = z.infer<typeof formSchemaSchema>;
export const formUiKeywords = ['x-widget', 'x-placeholder', 'x-help'] as const;

export const requestTypeSchema = z.object({
  id,
  categoryId: id,
  organId: id,
  organName: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  formSchema: formSchemaSchema,
  operatorGuidance: z.string(),
  slaHours: z.number().int(),
  restartWindowHours: restartWindowSchema,
  groupByAddress: z.boolean(),
  addressRequired: z.boolean(),
  position,
  active: z.boolean(),
  updatedAt: timestamp,
});
export type RequestType = z.infer<typeof requestTypeSchema>;
const requestTypeFields = {
  categoryId,
  organId: z.string({ error: 'Escolha o órgão.' }).uuid('Escolha o órgão.'),
  name: title('o nome do tipo de solicitação'),
  description: optionalText,
  formSchema: formSchemaSchema,
  operatorGuidance: richText('a orientação ao operador'),
  slaHours: z.number({ error: 'Informe o prazo em horas.' }).int('Prazo em horas inteiras.').min(1, 'Prazo mínimo de 1 hora.').max(24 * 365),
  restartWindowHours: restartWindowSchema,
  groupByAddress: z.boolean(),
  addressRequired: z.boolean(),
  active: z.boolean(),
};
export const requestTypeInputSchema = z.object({
  ...requestTypeFields,
  restartWindowHours: restartWindowSchema.default(null),
  groupByAddress: z.boolean().default(false),
  addressRequired: z.boolean().default(false),
  active: z.boolean().default(true),
});
export const requestTypePatchSchema = patchOf(requestTypeFields);
export type RequestTypeInput = z.input<typeof requestTypeInputSchema>;

export const scriptTopicSchema = z.object({
  id,
  title: z.string(),
  content: z.string(),
  position,
  active: z.boolean(),
  updatedAt: timestamp,
});
export type ScriptTopic = z.infer<typeof scriptTopicSchema>;
const scriptTopicFields = { title: title('o título do tópico'), content: richText('o conteúdo'), active: z.boolean() };
export const scriptTopicInputSchema = z.object({ ...scriptTopicFields, active: scriptTopicFields.active.default(true) });
export const scriptTopicPatchSchema = patchOf(scriptTopicFields);
export type ScriptTopicInput = z.input<typeof scriptTopicInputSchema>;

/** GET /api/scripts: the active topics of the attendance script, in order. */
export const scriptListSchema = z.object({ topics: z.array(scriptTopicSchema) });
export type ScriptList = z.infer<typeof scriptListSchema>;

export const noticeKinds = ['notice', 'incident', 'event'] as const;
export const noticeKindSchema = z.enum(noticeKinds, { error: 'Escolha o quadro: avisos, ocorrências ou eventos.' });
export type NoticeKind = z.infer<typeof noticeKindSchema>;
export const noticeKindLabels: Record<NoticeKind, string> = { notice: 'Avisos', incident: 'Ocorrências', event: 'Eventos' };

export const noticeSchema = z.object({
  id,
  kind: noticeKindSchema,
  title: z.string(),
  body: z.string(),
  validFrom: timestamp,
  validUntil: timestamp.nullable(),
  active: z.boolean(),
  updatedAt: timestamp,
});
export type Notice = z.infer<typeof noticeSchema>;
export const noticeValidityMessage = 'O fim da validade deve ser depois do início.';
const noticeFields = {
  kind: noticeKindSchema,
  title: title('o título'),
  body: richText('o texto'),
  validFrom: z.iso.datetime({ offset: true, error: 'Informe o início da validade.' }),
  validUntil: z.iso.datetime({ offset: true, error: 'Data de fim inválida.' }).nullable(),
  active: z.boolean(),
};
export const noticeInputSchema = z
  .object({
    ...noticeFields,
    validUntil: noticeFields.validUntil.optional().transform((value) => value ?? null),
    active: noticeFields.active.default(true),
  })
  .refine((notice) => !notice.validUntil || Date.parse(notice.validUntil) > Date.parse(notice.validFrom), {
    message: noticeValidityMessage,
    path: ['validUntil'],
  });
/** The validity of a patched notice is checked against the stored dates by the server. */
export const noticePatchSchema = patchOf(noticeFields);
export type NoticeInput = z.input<typeof noticeInputSchema>;

/** Changing the order of a list: every id of it, in the new order. */
export const reorderSchema = z.object({ ids: z.array(id).min(1, 'Informe a nova ordem.') });
export type Reorder = z.infer<typeof reorderSchema>;

/** GET /api/categories (docs/http-api.md): what the attendant browses. */
export const categoryTreeSchema = z.object({
  items: z.array(
    categorySchema.extend({
      informations: z.array(informationSchema.pick({ id: true, title: true, keywords: true })),
      requestTypes: z.array(
        requestTypeSchema.pick({
          id: true,
          name: true,
          organName: true,
          formSchema: true,
          operatorGuidance: true,
          slaHours: true,
          restartWindowHours: true,
          groupByAddress: true,
          addressRequired: true,
        }),
      ),
    }),
  ),
});
export type CategoryTree = z.infer<typeof categoryTreeSchema>;

export const currentNoticesSchema = z.object({
  notice: z.array(noticeSchema),
  incident: z.array(noticeSchema),
  event: z.array(noticeSchema),
});
export type CurrentNotices = z.infer<typeof currentNoticesSchema>;

export const searchQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    keyword: z.string().trim().max(60).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .refine((query) => Boolean(query.q) !== Boolean(query.keyword), 'Informe o texto da busca ou a palavra-chave.');
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchResultKinds = ['information', 'requestType', 'request', 'attendance'] as const;
export const searchResultSchema = z.object({
  kind: z.enum(searchResultKinds),
  id,
  title: z.string(),
  /** Plain text with the matched words wrapped in <mark>…</mark>; nothing else is markup. */
  snippet: z.string(),
  context: z.string().nullable(),
  score: z.number(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
export const searchResponseSchema = z.object({ items: z.array(searchResultSchema) });
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const knowledgeEntities = ['organ', 'category', 'information', 'requestType', 'scriptTopic', 'notice'] as const;
export const knowledgeEntitySchema = z.enum(knowledgeEntities);
export type KnowledgeEntity = z.infer<typeof knowledgeEntitySchema>;

export const changeFeedQuerySchema = z.object({
  since: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export type ChangeFeedQuery = z.infer<typeof changeFeedQuerySchema>;

/** One change since the desktop's last sync: the row as it is now, or its deletion. */
export const knowledgeChangeSchema = z.object({
  entity: knowledgeEntitySchema,
  id,
  version: z.number().int(),
  deleted: z.boolean(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type KnowledgeChange = z.infer<typeof knowledgeChangeSchema>;
export const changeFeedSchema = z.object({
  items: z.array(knowledgeChangeSchema),
  /** Pass as `since` to get the next page; equals `since` when nothing changed. */
  version: z.number().int(),
  hasMore: z.boolean(),
});
export type ChangeFeed = z.infer<typeof changeFeedSchema>;
