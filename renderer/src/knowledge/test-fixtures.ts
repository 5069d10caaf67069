import type { CategoryTree, CurrentNotices, Information, Notice, ScriptList, ScriptTopic, SearchResult } from '@receptivo/shared';

const updatedAt = '2025-03-14T13:05:00.000Z';

export function notice(overrides: Partial<Notice> & Pick<Notice, 'id' | 'kind' | 'title'>): Notice {
  return {
    body: '<p>Texto do aviso.</p>',
    validFrom: '2025-03-01T12:00:00.000Z',
    validUntil: null,
    active: true,
    updatedAt,
    ...overrides,
  };
}

export const noNotices: CurrentNotices = { notice: [], incident: [], event: [] };

export function topic(id: string, title: string, content: string, position = 0): ScriptTopic {
  return { id, title, content, position, active: true, updatedAt };
}

export const scripts = (...topics: ScriptTopic[]): ScriptList => ({ topics });

export const iptuId = '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c01';
export const buracoId = '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c02';
const tributosId = '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c10';
const viasId = '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c11';

export const iptu: Information = {
  id: iptuId,
  categoryId: tributosId,
  title: 'IPTU — segunda via do carnê',
  body: '<p>A segunda via do <strong>IPTU</strong> é emitida no portal.</p>',
  proposedSolution: '<p>Oriente o cidadão a acessar <a href="https://portal.example.gov.br/iptu">o portal</a>.</p>',
  keywords: ['iptu', 'carnê'],
  requestTypeIds: [],
  position: 0,
  published: true,
  active: true,
  updatedAt,
};

export const categoryTree: CategoryTree = {
  items: [
    {
      id: tributosId,
      name: 'Tributos',
      description: 'Impostos e taxas municipais.',
      position: 0,
      active: true,
      updatedAt,
      informations: [{ id: iptuId, title: iptu.title, keywords: iptu.keywords }],
      requestTypes: [],
    },
    {
      id: viasId,
      name: 'Vias públicas',
      description: null,
      position: 1,
      active: true,
      updatedAt,
      informations: [],
      requestTypes: [
        {
          id: buracoId,
          name: 'Tapa-buraco',
          organName: 'Secretaria de Obras',
          formSchema: {
            type: 'object',
            required: ['referencia'],
            properties: { referencia: { type: 'string', title: 'Ponto de referência' }, fotos: { type: 'string' } },
          },
          operatorGuidance: '<p>Pergunte o <em>tamanho</em> do buraco.</p>',
          slaHours: 48,
          restartWindowHours: 72,
          groupByAddress: true,
          addressRequired: true,
        },
      ],
    },
  ],
};

export function result(overrides: Partial<SearchResult> & Pick<SearchResult, 'id' | 'title' | 'snippet'>): SearchResult {
  return { kind: 'information', context: 'Tributos', score: 1, ...overrides };
}
