import type { DesktopBridge, Information } from '@receptivo/shared';
import { buracoId, categoryTree, iptu, iptuId, scripts, topic } from '../knowledge/test-fixtures';
import { BrowserKnowledge, localKnowledge, missingText } from './knowledge-cache';
import { fold, highlight, searchLocally } from './local-search';

beforeEach(() => localStorage.clear());
afterEach(() => {
  delete window.receptivoDesktop;
});

const iss: Information = {
  ...iptu,
  id: '7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c05',
  title: 'Emissão de nota fiscal de serviço',
  body: '<p>A nota é emitida no <em>portal</em> com certificado.</p>',
  proposedSolution: '<p>Lembre a alíquota de 2%.</p>',
  keywords: ['iss', 'nota fiscal eletrônica'],
};
const tree = {
  items: [{ ...categoryTree.items[0], informations: [...categoryTree.items[0].informations, { id: iss.id, title: iss.title, keywords: iss.keywords }] }],
};

test('search ignores case and accents, takes any word (more of them first), and marks them in the original text', () => {
  expect(fold('Lâmpada Apagada NA praça')).toBe('lampada apagada na praca');
  expect(highlight('Emissão de nota', ['emissao'])).toBe('<mark>Emissão</mark> de nota');
  expect(highlight('carnê do IPTU e carne', ['carne'])).toBe('<mark>carnê</mark> do IPTU e <mark>carne</mark>');

  const byTitle = searchLocally(tree, [], { q: 'SEGUNDA via' });
  expect(byTitle.items.map((item) => item.id)).toEqual([iptuId]);
  expect(byTitle.items[0]).toMatchObject({ kind: 'information', title: iptu.title, context: 'Tributos', snippet: 'iptu, carnê' });

  // The text is searched only for informations opened before (kept with their text).
  expect(searchLocally(tree, [], { q: 'certificado' }).items).toEqual([]);
  const byText = searchLocally(tree, [iss], { q: 'certificado emissao' });
  expect(byText.items.map((item) => item.id)).toEqual([iss.id]);
  expect(byText.items[0].snippet).toBe('A nota é emitida no portal com <mark>certificado</mark>. Lembre a alíquota de 2%.');
  expect(searchLocally(tree, [iss], { q: 'certificado inexistente' }).items.map((item) => item.id)).toEqual([iss.id]);
  expect(searchLocally(tree, [iss], { q: 'inexistente de' }).items).toEqual([]);
  // The title (one word) outweighs the text; both words outweigh one.
  expect(searchLocally(tree, [iss], { q: 'via portal' }).items.map((item) => item.id)).toEqual([iptuId, iss.id]);
  expect(searchLocally(tree, [iss], { q: 'nota portal' }).items.map((item) => item.id)).toEqual([iss.id]);

  expect(searchLocally(tree, [], { keyword: 'Nota Fiscal Eletronica' }).items.map((item) => item.id)).toEqual([iss.id]);
  expect(searchLocally(tree, [], { keyword: 'carne' }).items.map((item) => item.id)).toEqual([iptuId]);
  expect(searchLocally(tree, [], { keyword: 'fiscal' }).items).toEqual([]);
});

test('Busca geral finds request types by name and guidance, ranked with the informations; Palavra-chave does not', () => {
  const [first, ...rest] = searchLocally(categoryTree, [], { q: 'buraco tamanho' }).items;
  expect(first).toMatchObject({ kind: 'requestType', id: buracoId, title: 'Tapa-buraco', context: 'Vias públicas' });
  expect(first.snippet).toBe('Pergunte o <mark>tamanho</mark> do <mark>buraco</mark>.');
  expect(rest).toEqual([]);
  expect(searchLocally(categoryTree, [], { q: 'tapa iptu' }).items.map((item) => item.kind).sort()).toEqual(['information', 'requestType']);
  expect(searchLocally(categoryTree, [], { keyword: 'tapa' }).items).toEqual([]);
});

test('the browser keeps the last sessões, script and opened informations, and offers a summary of one never opened', async () => {
  let now = new Date('2026-03-10T12:00:00.000Z');
  const cache = new BrowserKnowledge(localStorage, () => now);
  expect(await cache.categories()).toBeNull();
  expect(await cache.syncedAt()).toBeNull();
  expect(await cache.search({ q: 'iptu' })).toBeNull();

  cache.saveCategories(tree);
  cache.saveScripts(scripts(topic('7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3c31', 'Saudação', '<p>Bom dia!</p>')));
  now = new Date('2026-03-10T12:05:00.000Z');
  cache.saveInformation(iss);

  expect(await cache.categories()).toEqual(tree);
  expect((await cache.scripts())?.topics[0].title).toBe('Saudação');
  expect(await cache.syncedAt()).toBe('2026-03-10T12:00:00.000Z');
  expect(await cache.information(iss.id)).toEqual(iss);
  expect(await cache.information(iptuId)).toMatchObject({ id: iptuId, title: iptu.title, keywords: iptu.keywords, body: missingText });
  expect(await cache.information('7a1d2c3b-4e5f-4a6b-8c7d-9e0f1a2b3cff')).toBeNull();
  expect((await cache.search({ q: 'certificado' }))?.items.map((item) => item.id)).toEqual([iss.id]);

  // Kept most recent first, at most 200.
  for (let index = 0; index < 205; index++) cache.saveInformation({ ...iss, id: `7a1d2c3b-4e5f-4a6b-8c7d-${String(index).padStart(12, '0')}` });
  const kept = JSON.parse(localStorage.getItem('receptivo.knowledge.informations')!).data as Information[];
  expect(kept).toHaveLength(200);
  expect(kept[0].id).toBe('7a1d2c3b-4e5f-4a6b-8c7d-000000000204');
});

test('inside the desktop app the local knowledge is the shell’s cache, once it has synced', async () => {
  const status = { version: 0, lastSyncAt: null as string | null, informations: 0, syncing: false, error: null };
  const bridge = {
    cacheStatus: jest.fn(async () => status),
    cacheCategories: jest.fn(async () => tree),
    cacheScripts: jest.fn(async () => scripts()),
    cacheInformation: jest.fn(async () => iss),
    cacheSearch: jest.fn(async () => ({ items: [] })),
  };
  window.receptivoDesktop = bridge as unknown as DesktopBridge;

  expect(await localKnowledge().categories()).toBeNull();
  Object.assign(status, { version: 12, lastSyncAt: '2026-03-10T11:00:00.000Z', informations: 2 });
  const local = localKnowledge();
  expect(await local.categories()).toEqual(tree);
  expect(await local.information(iss.id)).toEqual(iss);
  // An older desktop app keeps informations from before they named request types.
  const { requestTypeIds: _none, ...older } = iss;
  bridge.cacheInformation.mockResolvedValueOnce(older as Information);
  expect(await local.information(iss.id)).toEqual({ ...iss, requestTypeIds: [] });
  expect(await local.search({ keyword: 'iss' })).toEqual({ items: [] });
  expect(bridge.cacheSearch).toHaveBeenCalledWith({ keyword: 'iss' });
  expect(await local.syncedAt()).toBe('2026-03-10T11:00:00.000Z');
});
