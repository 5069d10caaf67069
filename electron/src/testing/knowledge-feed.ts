import { randomUUID } from 'node:crypto';
import type { Category, ChangeFeed, Information, KnowledgeChange, KnowledgeEntity, Organ, RequestType, ScriptTopic } from '@receptivo/shared';

/**
 * A change feed kept in memory, answering GET /api/knowledge/changes as the server does
 * (rows as they are now, deletions, pages in version order), for the cache's unit tests.
 */
export class FakeKnowledgeServer {
  private version = 0;
  private readonly rows = new Map<string, KnowledgeChange>();
  readonly requests: string[] = [];

  private put(entity: KnowledgeEntity, data: { id: string } & Record<string, unknown>) {
    this.rows.set(`${entity}:${data.id}`, { entity, id: data.id, version: ++this.version, deleted: false, data });
    return data;
  }

  organ(fields: Partial<Organ> = {}): Organ {
    return this.put('organ', { id: randomUUID(), name: 'Secretaria de Obras', acronym: 'SMO', email: null, active: true, updatedAt: now(), ...fields }) as Organ;
  }

  category(fields: Partial<Category> = {}): Category {
    return this.put('category', { id: randomUUID(), name: 'Iluminação pública', description: null, position: 0, active: true, updatedAt: now(), ...fields }) as Category;
  }

  information(categoryId: string, fields: Partial<Information> = {}): Information {
    return this.put('information', {
      id: randomUUID(),
      categoryId,
      title: 'Lâmpada apagada em via pública',
      body: '<p>Peça o <strong>número do poste</strong> e um ponto de referência.</p>',
      proposedSolution: '<p>Registre a solicitação de troca de lâmpada.</p>',
      keywords: ['lâmpada', 'poste'],
      requestTypeIds: [],
      position: 0,
      published: false,
      active: true,
      updatedAt: now(),
      ...fields,
    }) as Information;
  }

  requestType(categoryId: string, organ: Organ, fields: Partial<RequestType> = {}): RequestType {
    return this.put('requestType', {
      id: randomUUID(),
      categoryId,
      organId: organ.id,
      organName: organ.name,
      name: 'Lâmpada apagada',
      description: null,
      formSchema: { type: 'object', properties: {} },
      operatorGuidance: '<p>Confirme o endereço.</p>',
      slaHours: 72,
      restartWindowHours: 48,
      groupByAddress: true,
      addressRequired: true,
      position: 0,
      active: true,
      updatedAt: now(),
      ...fields,
    }) as RequestType;
  }

  scriptTopic(fields: Partial<ScriptTopic> = {}): ScriptTopic {
    return this.put('scriptTopic', { id: randomUUID(), title: 'Abertura', content: '<p>Bom dia!</p>', position: 0, active: true, updatedAt: now(), ...fields }) as ScriptTopic;
  }

  update<T extends { id: string }>(entity: KnowledgeEntity, row: T, fields: Partial<T>): T {
    return this.put(entity, { ...row, ...fields, updatedAt: now() }) as T;
  }

  remove(entity: KnowledgeEntity, id: string): void {
    this.rows.set(`${entity}:${id}`, { entity, id, version: ++this.version, deleted: true, data: null });
  }

  changes(since: number, limit: number): ChangeFeed {
    const changes = [...this.rows.values()].filter((change) => change.version > since).sort((a, b) => a.version - b.version);
    const items = changes.slice(0, limit);
    return { items, version: items.at(-1)?.version ?? since, hasMore: changes.length > limit };
  }

  /** A `fetch` for the cache: answers the change feed of `token`'s session, 401 to any other. */
  fetch(token = 'token-1'): typeof fetch {
    return async (input, init) => {
      const url = new URL(String(input));
      this.requests.push(`${url.pathname}${url.search}`);
      if (new Headers(init?.headers).get('authorization') !== `Bearer ${token}`) return Response.json({ statusCode: 401 }, { status: 401 });
      return Response.json(this.changes(Number(url.searchParams.get('since')), Number(url.searchParams.get('limit'))));
    };
  }
}

const now = () => new Date().toISOString();
