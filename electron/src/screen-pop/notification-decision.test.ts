import type { CallRinging, CustomerSummary } from '@receptivo/shared';
import { decideScreenPop, describeCall, rememberCall } from './notification-decision';

const call = (fields: Partial<CallRinging> = {}): CallRinging => ({
  callId: '1764321000.42',
  callerNumber: '011987654321',
  callerE164: '+5511987654321',
  callerName: 'Maria da Silva',
  queue: 'atendimento',
  waitSeconds: 12,
  ura: { document: '52998224725', protocol: '20260012347' },
  matches: [],
  callerHistory: null,
  uraRoute: null,
  ...fields,
});

const customer = (name: string): CustomerSummary => ({
  id: '6f1c1d0e-6a57-4c43-9a57-2f1e0a4b9c11',
  type: 'person',
  name,
  tradeName: null,
  document: '52998224725',
  email: null,
  primaryPhone: null,
});

describe('describeCall', () => {
  it('names the caller and lists the phone, queue and what was typed in the URA, formatted', () => {
    expect(describeCall(call())).toEqual({
      title: 'Maria da Silva',
      body: [
        'Chamada na fila atendimento',
        'Telefone: (11) 98765-4321',
        'CPF informado na URA: 529.982.247-25',
        'Protocolo informado na URA: 2026.001234-7',
      ].join('\n'),
    });
  });

  it('names the one customer with the caller phone when the caller ID has no name', () => {
    expect(describeCall(call({ callerName: null, matches: [customer('João Souza')] })).title).toBe('João Souza');
    // Two customers share the phone: the number says more than a guess.
    expect(describeCall(call({ callerName: null, matches: [customer('João'), customer('Ana')] })).title).toBe('(11) 98765-4321');
  });

  it('falls back to the number as dialled, then to an unidentified caller', () => {
    expect(describeCall(call({ callerName: null, callerE164: null, callerNumber: '4002', queue: null, ura: {} }))).toEqual({
      title: '4002',
      body: 'Chamada recebida',
    });
    expect(describeCall(call({ callerName: null, callerE164: null, callerNumber: null })).title).toBe('Número não identificado');
  });

  it('labels a CNPJ and shows URA values that do not parse as typed', () => {
    const { body } = describeCall(call({ queue: null, ura: { document: '11222333000181', protocol: '12345' } }));
    expect(body).toBe('Chamada recebida\nTelefone: (11) 98765-4321\nCNPJ informado na URA: 11.222.333/0001-81\nProtocolo informado na URA: 12345');
    expect(describeCall(call({ queue: null, ura: { document: '123' } })).body).toContain('Documento informado na URA: 123');
  });
});

describe('decideScreenPop', () => {
  it('pops a new call with its text', () => {
    expect(decideScreenPop(call(), new Set())).toEqual({ action: 'pop', pop: { callId: '1764321000.42', ...describeCall(call()) } });
  });

  it('pops each call once: the desk sends the ringing calls again when it reconnects', () => {
    expect(decideScreenPop(call(), new Set(['1764321000.42']))).toEqual({ action: 'skip' });
    expect(decideScreenPop(call({ callId: '1764321000.43' }), new Set(['1764321000.42']))).toMatchObject({ action: 'pop' });
  });

  it('pops a test call, so an admin can check the desk', () => {
    const test = call({ callId: 'teste-1764321000000-1', callerName: 'Chamada de teste', queue: 'teste', ura: {} });
    expect(decideScreenPop(test, new Set())).toMatchObject({
      action: 'pop',
      pop: { title: 'Chamada de teste', body: 'Chamada na fila teste\nTelefone: (11) 98765-4321' },
    });
  });

  it.each([
    ['null', null],
    ['a string', 'call'],
    ['an empty object', {}],
    ['a numeric call id', { ...call(), callId: 42 }],
    ['a negative wait', { ...call(), waitSeconds: -1 }],
    ['no matches', { ...call(), matches: undefined }],
  ])('shows nothing for an invalid payload: %s', (_case, payload) => {
    expect(decideScreenPop(payload, new Set())).toEqual({ action: 'invalid', message: 'Dados da chamada inválidos.' });
  });
});

describe('rememberCall', () => {
  it('keeps the latest few hundred calls', () => {
    const notified = new Set<string>();
    for (let index = 0; index < 250; index++) rememberCall(notified, `call-${index}`);
    expect(notified.size).toBe(200);
    expect(notified.has('call-49')).toBe(false);
    expect(notified.has('call-50')).toBe(true);
    expect(notified.has('call-249')).toBe(true);
  });
});
