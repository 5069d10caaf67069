import { z } from 'zod';
import { checkPeriod, periodQueryFields } from '../reports/schemas';

/** Busca geral (`q`) or Palavra-chave (`keyword`), as the knowledge searches log them. */
export const knowledgeSearchKinds = ['general', 'keyword'] as const;
export type KnowledgeSearchKind = (typeof knowledgeSearchKinds)[number];
export const knowledgeSearchKindLabels: Record<KnowledgeSearchKind, string> = { general: 'Busca geral', keyword: 'Palavra-chave' };

/** Where a search was made: the desk (Receptivo) or the citizens' portal (Autoatendimento, Informações). */
export const knowledgeSearchSources = ['desk', 'portal'] as const;
export type KnowledgeSearchSource = (typeof knowledgeSearchSources)[number];
export const knowledgeSearchSourceLabels: Record<KnowledgeSearchSource, string> = { desk: 'Receptivo', portal: 'Autoatendimento' };

/** The most terms one list of gaps holds. */
export const maxKnowledgeGaps = 200;

/**
 * GET /api/knowledge/gaps?from&to&source&limit: the terms of a period of Brasília days whose
 * searches found nothing or led to nothing registered; both sources when `source` is absent.
 */
export const knowledgeGapsQuerySchema = z
  .object({
    ...periodQueryFields,
    source: z.enum(knowledgeSearchSources, { error: 'Origem inválida: Receptivo ou Autoatendimento.' }).optional(),
    limit: z.coerce
      .number({ error: 'Informe quantos termos listar.' })
      .int('Informe quantos termos listar.')
      .min(1, 'Liste ao menos 1 termo.')
      .max(maxKnowledgeGaps, `No máximo ${maxKnowledgeGaps} termos.`)
      .default(50),
  })
  .superRefine(checkPeriod);
export type KnowledgeGapsQuery = z.infer<typeof knowledgeGapsQuerySchema>;

const count = z.number().int().min(0);

/**
 * One searched term (lower case, without accents or punctuation) with its searches in the period.
 * `noResults` and `noInformationRegistered` do not overlap: a search is one or the other or
 * answered; their sum is the term's gaps, by which the list is ordered.
 */
export const knowledgeGapSchema = z.object({
  term: z.string(),
  searches: count,
  /** Searches that found nothing. */
  noResults: count,
  /**
   * Searches that found something, made during an attendance that was finished without an
   * information (or a request) registered after the search.
   */
  noInformationRegistered: count,
  lastSearchedAt: z.string().datetime(),
  /** How the term was searched most often. */
  sampleKind: z.enum(knowledgeSearchKinds),
});
export type KnowledgeGap = z.infer<typeof knowledgeGapSchema>;

export const knowledgeGapsSchema = z.object({
  items: z.array(knowledgeGapSchema),
  from: z.iso.date(),
  to: z.iso.date(),
});
export type KnowledgeGaps = z.infer<typeof knowledgeGapsSchema>;
