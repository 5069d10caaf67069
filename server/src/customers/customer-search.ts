import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DataSource } from 'typeorm';
import {
  type CustomerList,
  type CustomerSearch,
  type CustomerSummary,
  phoneE164,
  redactDocument,
  stripDocument,
} from '@receptivo/shared';
import type { Settings } from '../config/settings';
import { PreparedStatements } from '../database/prepared-statements';
import { requesterOfOrgan } from '../requests/request-access';
import { toCustomerPhone } from './customer-view';

/** Beyond this many matches the list says "more than" and asks for a narrower search. */
export const TOTAL_CAP = 1000;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/**
 * The statements kept prepared: the callers' matches, and the search's shapes with equalities only
 * (phone, whole document, Busca with digits, alone or together, with or without the organ).
 */
const PREPARED_SHAPES = 16;

/** Collects SQL conditions with numbered parameters. */
class Conditions {
  readonly params: unknown[] = [];
  /** False once a pattern (LIKE) is among them: a prepared statement's generic plan would scan for it. */
  equalitiesOnly = true;

  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

interface SummaryRow {
  id: string;
  type: CustomerSummary['type'];
  name: string;
  trade_name: string | null;
  document: string;
  email: string | null;
  phone_id: string | null;
  e164: string | null;
}

/** Lists and search results (screen-pop matches too) carry the document masked; the record has it whole. */
const toSummary = (row: SummaryRow): CustomerSummary => ({
  id: row.id,
  type: row.type,
  name: row.name,
  tradeName: row.trade_name,
  document: redactDocument(row.document),
  email: row.email,
  primaryPhone: row.phone_id ? toCustomerPhone({ id: row.phone_id, e164: row.e164!, primary: true }) : null,
});

/**
 * Customer lookup: the phone in any Brazilian form (one exact index match on the normalized
 * number), the CPF/CNPJ with or without mask (prefix), the e-mail (prefix) and the name ignoring
 * accents and case, by parts of words (trigram index). `q` tries each that the text can be.
 */
@Injectable()
export class CustomerSearchService {
  private readonly defaultAreaCode: string;
  private readonly statements: PreparedStatements;

  constructor(
    private readonly dataSource: DataSource,
    config: ConfigService<Settings, true>,
  ) {
    this.defaultAreaCode = config.get('CTI_DEFAULT_AREA_CODE', { infer: true });
    this.statements = new PreparedStatements(dataSource, 'customer_search', PREPARED_SHAPES);
  }

  /**
   * The customers a call may be from: the caller's phone (E.164) or the document the URA collected,
   * the document's first, each once: the phone does not find again the one the document found, which
   * took a second place within the limit. One caller per statement, its values as scalars: PostgreSQL
   * then keeps one generic plan per connection. A batch (`unnest` of arrays) it planned again at every
   * call, since it cannot size an array it does not see: 0.9–1.6 ms of its CPU per call against
   * 0.3–0.7 ms, 40 times in a burst, while the calls' AgentCalled arrive.
   */
  async callerMatches(caller: { e164: string | null; document: string | null }, limit: number): Promise<CustomerSummary[]> {
    const document = caller.document ? stripDocument(caller.document) || null : null;
    if (!caller.e164 && !document) return [];
    const rows = await this.statements.query<SummaryRow>(
      `SELECT c.id, c.type, c.name, c.trade_name, c.document, c.email, p.id AS phone_id, p.e164
         FROM (
           SELECT found.* FROM (
             SELECT c.*, false AS by_document FROM customers c
              WHERE c.id IN (SELECT customer_id FROM customer_phones WHERE e164 = $1)
                AND (c.document = $2) IS NOT TRUE
             UNION ALL
             SELECT c.*, true AS by_document FROM customers c WHERE c.document = $2
           ) found
           ORDER BY found.by_document DESC, found.name, found.id
           LIMIT $3
         ) c
         LEFT JOIN customer_phones p ON p.customer_id = c.id AND p.is_primary
        ORDER BY c.by_document DESC, c.name, c.id`,
      [caller.e164, document, limit],
    );
    return rows.map(toSummary);
  }

  /** With `requestersOf` (an organ id), only the customers who requested something of that organ. */
  async search(query: CustomerSearch, requestersOf?: string): Promise<CustomerList> {
    const sql = new Conditions();
    const required: string[] = [];
    if (requestersOf) required.push(requesterOfOrgan('c.id', sql.param(requestersOf)));
    const rankedNames: string[] = [];

    const byPhone = (text: string) => {
      const e164 = phoneE164(text, this.defaultAreaCode);
      return e164 ? `c.id IN (SELECT customer_id FROM customer_phones WHERE e164 = ${sql.param(e164)})` : undefined;
    };
    const byDocument = (text: string) => {
      const document = stripDocument(text);
      if (document.length === 11 || document.length === 14) return `c.document = ${sql.param(document)}`;
      if (document.length < 3) return undefined;
      sql.equalitiesOnly = false;
      return `c.document LIKE ${sql.param(`${escapeLike(document)}%`)}`;
    };
    const byEmail = (text: string) => {
      sql.equalitiesOnly = false;
      return `lower(c.email) LIKE ${sql.param(`${escapeLike(text.toLowerCase())}%`)}`;
    };
    const byName = (text: string) => {
      const words = text.split(/\s+/).filter((word) => word.length >= 2);
      if (words.length === 0) return undefined;
      sql.equalitiesOnly = false;
      rankedNames.push(text);
      return words
        .map((word) => `c.search_name LIKE '%' || lower(immutable_unaccent(${sql.param(escapeLike(word))})) || '%'`)
        .join(' AND ');
    };

    if (query.phone) required.push(byPhone(query.phone) ?? 'false');
    if (query.document) required.push(byDocument(query.document) ?? 'false');
    if (query.email) required.push(byEmail(query.email));
    if (query.name) required.push(byName(query.name) ?? 'false');
    if (query.q) {
      const text = query.q;
      const anyOf: (string | undefined)[] = [];
      if (text.includes('@')) anyOf.push(byEmail(text));
      else if (!/[a-z]/i.test(text)) anyOf.push(byDocument(text), byPhone(text));
      else {
        // The new CNPJ has letters: "12.ABC.345" may be its beginning.
        if (/\d/.test(text) && /^[0-9a-z./-]+$/i.test(text)) anyOf.push(byDocument(text));
        anyOf.push(byName(text));
      }
      const usable = anyOf.filter((condition): condition is string => condition !== undefined);
      required.push(usable.length ? `(${usable.join(' OR ')})` : 'false');
    }

    const where = required.join(' AND ');
    // The count reuses the conditions' parameters only; ranking and paging come after them.
    const whereParams = [...sql.params];
    const rank = rankedNames.map((text) => `similarity(candidate.search_name, lower(immutable_unaccent(${sql.param(text)}))) DESC`);
    const order = [...rank, 'candidate.name', 'candidate.id'].join(', ');
    const limit = sql.param(query.pageSize);
    const offset = sql.param((query.page - 1) * query.pageSize);
    // Matches are ranked among the first TOTAL_CAP + 1 found: "maria" alone matches tens of
    // thousands at a million customers, and ranking them all costs more than the attendant
    // gains; past the cap the screen asks to narrow the search.
    const listing = `WITH candidate AS (
         SELECT c.id, c.type, c.name, c.trade_name, c.document, c.email, c.search_name
           FROM customers c WHERE ${where} LIMIT ${TOTAL_CAP + 1}
       )
       SELECT candidate.id, candidate.type, candidate.name, candidate.trade_name, candidate.document, candidate.email,
              p.id AS phone_id, p.e164, (SELECT count(*)::int FROM candidate) AS total
         FROM candidate
         LEFT JOIN customer_phones p ON p.customer_id = candidate.id AND p.is_primary
        ORDER BY ${order}
        LIMIT ${limit} OFFSET ${offset}`;
    const rows = sql.equalitiesOnly
      ? await this.statements.query<SummaryRow & { total: number }>(listing, sql.params)
      : await this.dataSource.query<(SummaryRow & { total: number })[]>(listing, sql.params);
    // An empty first page is no match at all (someone not registered, a typo): only a page past
    // the last one needs the count asked apart.
    const total = rows[0]?.total ?? (query.page === 1 ? 0 : await this.countMatches(where, whereParams));
    return {
      items: rows.map(toSummary),
      total: Math.min(total, TOTAL_CAP),
      totalCapped: total > TOTAL_CAP,
    };
  }

  private async countMatches(where: string, params: unknown[]): Promise<number> {
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM (SELECT 1 FROM customers c WHERE ${where} LIMIT ${TOTAL_CAP + 1}) capped`,
      params,
    );
    return total;
  }
}
