import type { Attendance, Request } from '@receptivo/shared';
import { buracoId } from '../knowledge/test-fixtures';
import { customer, phone, summaryOf } from '../testing/customers';

export const attendanceId = '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c01';
export const requestId = '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c21';
export const groupFirstId = '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c20';

/** 2026.001234-7 */
export const attendanceProtocol = '20260012347';
/** 2026.005678-1 */
export const requestProtocol = '20260056781';
/** 2026.005601-3: the first request of the group the new one joins. */
export const groupFirstProtocol = '20260056013';

export const maria = customer({
  id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c01',
  name: 'Maria da Silva',
  document: '52998224725',
  email: 'maria@example.com',
  phones: [phone('p1', '+5511987654321', '(11) 98765-4321', true)],
  addresses: [
    {
      id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c11',
      cep: '01001000',
      street: 'Praça da Sé',
      number: '100',
      complement: null,
      neighborhood: 'Sé',
      city: 'São Paulo',
      state: 'SP',
    },
  ],
});

export const joao = customer({ id: '3f2b8c1e-5d4a-4e6b-9c7d-8e9f0a1b2c02', name: 'João Souza', document: '11144477735' });

export function attendance(overrides: Partial<Attendance> = {}): Attendance {
  return {
    id: attendanceId,
    protocol: attendanceProtocol,
    channel: 'phone',
    status: 'open',
    startedAt: new Date().toISOString(),
    finishedAt: null,
    attendant: { id: '6f1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f01', name: 'Ana Atendente' },
    holder: { id: '6f1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f01', name: 'Ana Atendente' },
    webOrigin: null,
    customer: null,
    informations: [],
    requests: [],
    scriptSentTo: null,
    call: null,
    history: [],
    ...overrides,
  };
}

export const withMaria = (overrides: Partial<Attendance> = {}) => attendance({ customer: summaryOf(maria), ...overrides });

/** A Tapa-buraco request registered in the attendance, joined to an open one at the same address. */
export function request(overrides: Partial<Request> = {}): Request {
  return {
    id: requestId,
    protocol: requestProtocol,
    status: 'open',
    requestTypeId: buracoId,
    typeName: 'Tapa-buraco',
    organName: 'Secretaria de Obras',
    deadline: '2026-03-12T15:30:00.000Z',
    createdAt: '2026-03-10T15:30:00.000Z',
    groupOf: { id: groupFirstId, protocol: groupFirstProtocol },
    attendanceId,
    attendanceProtocol,
    customer: { id: maria.id, name: maria.name, document: maria.document, email: maria.email },
    form: { referencia: 'Em frente à catedral' },
    formSchema: {
      type: 'object',
      required: ['referencia'],
      properties: { referencia: { type: 'string', title: 'Ponto de referência' }, fotos: { type: 'string' } },
    },
    address: {
      cep: '01001000',
      street: 'Praça da Sé',
      number: '100',
      complement: null,
      neighborhood: 'Sé',
      city: 'São Paulo',
      state: 'SP',
    },
    group: [
      { id: groupFirstId, protocol: groupFirstProtocol, status: 'in_progress' },
      { id: requestId, protocol: requestProtocol, status: 'open' },
    ],
    registeredBy: 'Ana Atendente',
    response: null,
    finishedAt: null,
    timeline: [
      {
        id: '5b0e7c2a-1d3f-4a5b-8c6d-7e8f9a0b1c31',
        kind: 'registered',
        description: 'Solicitação registrada no atendimento.',
        actor: { id: '6f1c2a9e-8b7d-4c6e-9f1a-2b3c4d5e6f01', name: 'Ana Atendente' },
        viaPortal: false,
        at: '2026-03-10T15:30:00.000Z',
        attachments: [],
      },
    ],
    allowedActions: ['reiterate', 'cancel'],
    ...overrides,
  };
}
