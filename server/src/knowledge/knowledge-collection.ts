import { DataSource, type DeepPartial, type EntityManager, type FindOptionsRelations, In } from 'typeorm';
import type { KnowledgeEntity } from '@receptivo/shared';
import { ApiException, conflict, notFound } from '../common/api-exception';
import { FOREIGN_KEY_VIOLATION, UNIQUE_VIOLATION, databaseRefusal } from '../common/database-errors';
import { richTextToPlain, sanitizeRichText } from './rich-text';

// Arbitrary constant shared by every knowledge write; see withWriteLock.
const KNOWLEDGE_WRITE_LOCK = 4_156_156;

export interface KnowledgeRow {
  id: string;
  active: boolean;
  position?: number;
}

export interface CollectionSpec<Row extends KnowledgeRow, View, Input> {
  entityName: KnowledgeEntity;
  entity: new () => Row;
  /** "Órgão" → "Órgão não encontrado." */
  noun: string;
  relations?: FindOptionsRelations<Row>;
  /** Lists are ordered by position (within `scope`, e.g. the category) or by name. */
  order: 'position' | 'name' | 'validFrom';
  scope?: keyof Row & string;
  toView(row: Row): View;
  /** Validated input → column values: rich text sanitized, forms checked. `existing` on updates. */
  toColumns(input: Partial<Input>, existing?: Row): DeepPartial<Row>;
  /** Writes what lives outside the row (an information's request types), in the same transaction. */
  saveLinks?(manager: EntityManager, id: string, input: Partial<Input>): Promise<void>;
  duplicateMessage?: string;
  /** Refusal when other rows refer to the one being deleted. */
  inUseMessage: string;
  /** Field errors when a referenced row (category, organ) does not exist. */
  missingReference: Record<string, string>;
}

/** Sanitizes a rich-text field; refuses one left empty once scripts and markup are removed. */
export function cleanRichText(html: string, field: string, label: string): { html: string; text: string } {
  const clean = sanitizeRichText(html);
  const text = richTextToPlain(clean);
  if (!text) throw new ApiException(400, 'VALIDATION_FAILED', `Informe ${label}.`, { [field]: `Informe ${label}.` });
  return { html: clean, text };
}

/**
 * Create, edit, (de)activate, order and delete for one kind of knowledge row. Every write takes
 * one transaction-level lock so that versions (the change feed's cursor) commit in the order
 * they were taken: the desktop never skips a change committed late. Knowledge edits are rare.
 */
export class KnowledgeCollection<Row extends KnowledgeRow, View, Input> {
  constructor(
    private readonly dataSource: DataSource,
    readonly spec: CollectionSpec<Row, View, Input>,
  ) {}

  async list(filter: Record<string, string> = {}): Promise<{ items: View[] }> {
    const order = this.spec.order === 'name' ? { name: 'ASC' } : this.spec.order === 'validFrom' ? { validFrom: 'DESC' } : { position: 'ASC' };
    const rows = await this.dataSource.manager.find(this.spec.entity, {
      where: filter as never,
      relations: this.spec.relations,
      order: order as never,
    });
    return { items: rows.map((row) => this.spec.toView(row)) };
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<View> {
    return this.spec.toView(await this.find(manager, id));
  }

  create(input: Input): Promise<View> {
    return this.withWriteLock(async (manager) => {
      const columns = this.spec.toColumns(input) as DeepPartial<Row> & Record<string, unknown>;
      if (this.spec.order === 'position') columns.position = await this.nextPosition(manager, columns);
      const saved = await manager.save(this.spec.entity, manager.create(this.spec.entity, columns));
      await this.spec.saveLinks?.(manager, saved.id, input);
      return this.get(saved.id, manager);
    });
  }

  update(id: string, patch: Partial<Input>): Promise<View> {
    return this.withWriteLock(async (manager) => {
      const existing = await this.find(manager, id);
      await manager.update(this.spec.entity, id, this.spec.toColumns(patch, existing) as never);
      await this.spec.saveLinks?.(manager, id, patch);
      return this.get(id, manager);
    });
  }

  async remove(id: string): Promise<void> {
    await this.withWriteLock(async (manager) => {
      await this.find(manager, id);
      await manager.delete(this.spec.entity, id);
    }).catch((error: unknown) => {
      if (databaseRefusal(error)?.code === FOREIGN_KEY_VIOLATION) throw conflict(this.spec.inUseMessage);
      throw error;
    });
  }

  /** `ids`: the whole list (or the whole scope, e.g. one category's informations) in the new order. */
  reorder(ids: string[]): Promise<void> {
    return this.withWriteLock(async (manager) => {
      const rows = await manager.findBy(this.spec.entity, { id: In(ids) } as never);
      const scope = this.spec.scope;
      const scopeValue = scope ? (rows[0] as Record<string, unknown> | undefined)?.[scope] : undefined;
      const siblings = await manager.findBy(this.spec.entity, (scope ? { [scope]: scopeValue } : {}) as never);
      const sameSet = rows.length === ids.length && new Set(ids).size === ids.length && siblings.length === ids.length;
      if (!sameSet || rows.some((row) => scope && (row as Record<string, unknown>)[scope] !== scopeValue)) {
        throw new ApiException(400, 'VALIDATION_FAILED', 'Envie todos os itens da lista, cada um uma vez, na nova ordem.');
      }
      for (const [position, id] of ids.entries()) {
        await manager.update(this.spec.entity, id, { position } as never);
      }
    });
  }

  private async find(manager: EntityManager, id: string): Promise<Row> {
    const row = await manager.findOne(this.spec.entity, { where: { id } as never, relations: this.spec.relations });
    if (!row) throw notFound(this.spec.noun);
    return row;
  }

  private async nextPosition(manager: EntityManager, columns: Record<string, unknown>): Promise<number> {
    const scope = this.spec.scope;
    const qb = manager.createQueryBuilder(this.spec.entity, 'row').select('coalesce(max(row.position) + 1, 0)', 'next');
    if (scope) qb.where(`row.${scope} = :scope`, { scope: columns[scope] });
    return Number((await qb.getRawOne<{ next: string }>())!.next);
  }

  private async withWriteLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [KNOWLEDGE_WRITE_LOCK]);
        return work(manager);
      });
    } catch (error) {
      const { code, detail } = databaseRefusal(error) ?? { code: '', detail: '' };
      if (code === UNIQUE_VIOLATION && this.spec.duplicateMessage) throw conflict(this.spec.duplicateMessage);
      if (code === FOREIGN_KEY_VIOLATION && detail.includes('is not present')) {
        const field = Object.keys(this.spec.missingReference).find((key) => detail.includes(`(${toColumnName(key)})`));
        const fields = field ? { [field]: this.spec.missingReference[field] } : this.spec.missingReference;
        throw new ApiException(400, 'VALIDATION_FAILED', Object.values(fields)[0], fields);
      }
      throw error;
    }
  }
}

const toColumnName = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
