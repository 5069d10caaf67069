import './rich-text-editor-shims';
import { screen, within } from '@testing-library/react';
import type { Category, Information, Notice, Organ, RequestType, Role, ScriptTopic } from '@receptivo/shared';
import { fakeServer, loginResponse, sessionUser, storeSession, type FakeResponse, type FakeRequest } from '../../testing/fake-server';
import { renderApp } from '../../testing/render-app';

type Routes = Record<string, FakeResponse | ((request: FakeRequest) => FakeResponse | Promise<FakeResponse>)>;

/** A valid v4 UUID ending in `n`, so fixtures read as "item 1, item 2". */
export const uuid = (n: number) => `0c9e6a52-1f3b-4d7a-8e2c-${String(n).padStart(12, '0')}`;

const updatedAt = '2025-03-01T12:00:00.000Z';

export const organ = (n: number, overrides: Partial<Organ> = {}): Organ => ({
  id: uuid(100 + n),
  name: `Órgão ${n}`,
  acronym: null,
  email: null,
  active: true,
  updatedAt,
  ...overrides,
});

export const category = (n: number, overrides: Partial<Category> = {}): Category => ({
  id: uuid(200 + n),
  name: `Sessão ${n}`,
  description: null,
  position: n,
  active: true,
  updatedAt,
  ...overrides,
});

export const information = (n: number, overrides: Partial<Information> = {}): Information => ({
  id: uuid(300 + n),
  categoryId: uuid(201),
  title: `Informação ${n}`,
  body: '<p>Texto</p>',
  proposedSolution: '<p>Solução</p>',
  keywords: [],
  requestTypeIds: [],
  position: n,
  published: false,
  active: true,
  updatedAt,
  ...overrides,
});

export const requestType = (n: number, overrides: Partial<RequestType> = {}): RequestType => ({
  id: uuid(400 + n),
  categoryId: uuid(201),
  organId: uuid(101),
  organName: 'Órgão 1',
  name: `Tipo ${n}`,
  description: null,
  formSchema: { type: 'object', properties: {} },
  operatorGuidance: '<p>Orientação</p>',
  slaHours: 72,
  restartWindowHours: null,
  groupByAddress: false,
  addressRequired: false,
  position: n,
  active: true,
  updatedAt,
  ...overrides,
});

export const scriptTopic = (n: number, overrides: Partial<ScriptTopic> = {}): ScriptTopic => ({
  id: uuid(500 + n),
  title: `Tópico ${n}`,
  content: '<p>Leia ao cidadão.</p>',
  position: n,
  active: true,
  updatedAt,
  ...overrides,
});

export const notice = (n: number, overrides: Partial<Notice> = {}): Notice => ({
  id: uuid(600 + n),
  kind: 'notice',
  title: `Aviso ${n}`,
  body: '<p>Texto do aviso</p>',
  validFrom: '2025-03-01T11:00:00.000Z',
  validUntil: null,
  active: true,
  updatedAt,
  ...overrides,
});

/** Opens Administração as `role` on the tab named `tab`, with the knowledge API answered by `routes`. */
export async function openTab(tab: string, routes: Routes, role: Role = 'supervisor') {
  storeSession(loginResponse(role));
  const server = fakeServer({ 'GET /api/auth/me': { status: 200, body: sessionUser(role) }, ...routes });
  const user = renderApp('/administracao');
  await user.click(await screen.findByRole('tab', { name: tab }));
  return { server, user };
}

export const list = <T>(items: T[]): FakeResponse => ({ status: 200, body: { items } });

/** The table row holding a cell with `text`. */
export async function rowOf(text: string): Promise<HTMLElement> {
  return (await screen.findByRole('cell', { name: text })).closest('tr') as HTMLElement;
}

export const dialog = (name: string) => screen.getByRole('dialog', { name });

export const cellTexts = (row: HTMLElement) => within(row).getAllByRole('cell').map((cell) => cell.textContent);
