import { type PbxFacts, diagnosePbx } from './pbx-diagnosis';

const healthy: PbxFacts = {
  configured: true,
  state: 'connected',
  agentPattern: /^(?:PJSIP|SIP|Local)\/(\d+)/,
  uraFields: { URA_CPF: 'document' },
  queues: [{ name: 'atendimento', members: [{ interface: 'PJSIP/1001' }, { interface: 'PJSIP/1002' }] }],
  users: [
    { name: 'Ana', extension: '1001' },
    { name: 'Bia', extension: '1002' },
  ],
  events: new Map(['QueueCallerJoin', 'AgentCalled', 'AgentConnect', 'AgentComplete', 'Hangup', 'VarSet', 'QueueMemberStatus', 'Newexten'].map((event) => [event, 1])),
  classes: new Set(['call', 'agent', 'dialplan', 'user']),
  recentCalls: [{ uraFields: ['document'] }],
  clockOffsetMs: 150,
  deniedActions: [],
};
const codes = (facts: Partial<PbxFacts>) => diagnosePbx({ ...healthy, ...facts }).findings.map((finding) => finding.code);

describe('diagnosePbx', () => {
  it('finds nothing in a healthy PBX and names every check that passed', () => {
    const diagnosis = diagnosePbx(healthy);
    expect(diagnosis.findings).toEqual([]);
    expect(diagnosis.pending).toEqual([]);
    expect(diagnosis.passed).toHaveLength(8);
  });

  it('stops at the link: off, refused login or unreachable PBX each say what to configure', () => {
    expect(codes({ configured: false })).toEqual(['cti_off']);
    expect(codes({ state: 'login_refused' })).toEqual(['login_refused']);
    expect(codes({ state: 'reconnecting' })).toEqual(['link_down']);
  });

  it('matches the queues and the users both ways', () => {
    const diagnosis = diagnosePbx({ ...healthy, users: [{ name: 'Ana', extension: '1001' }, { name: 'Caio', extension: '1003' }] });
    expect(diagnosis.findings.map((finding) => [finding.code, finding.title])).toEqual([
      ['extension_without_user', 'O ramal 1002 está numa fila, mas nenhum usuário ativo tem esse ramal.'],
      ['user_outside_queues', 'O ramal 1003 de Caio não está em nenhuma fila.'],
    ]);
    expect(diagnosis.findings[1].fix).toEqual({ place: 'queues.conf', lines: ['[atendimento]', 'member => PJSIP/1003'] });
    expect(codes({ queues: [] })).toEqual(['no_queues']);
    expect(codes({ queues: null })).toEqual(['queue_status_failed']);
  });

  it('tells an event hidden by an eventfilter from a class missing in read', () => {
    const withoutVarSet = new Map(healthy.events);
    withoutVarSet.delete('VarSet');
    expect(codes({ events: withoutVarSet })).toEqual(['event_filtered']);
    expect(codes({ events: withoutVarSet, classes: new Set(['call', 'agent', 'user']) })).toEqual(['read_class_missing']);
    const withoutComplete = new Map(healthy.events);
    withoutComplete.delete('AgentComplete');
    expect(diagnosePbx({ ...healthy, events: withoutComplete }).findings).toEqual([expect.objectContaining({ code: 'event_filtered', severity: 'warning', title: expect.stringContaining('AgentComplete') })]);
  });

  it('waits for a call before judging the call events and the URA', () => {
    const diagnosis = diagnosePbx({ ...healthy, events: new Map(), classes: new Set(), recentCalls: [] });
    expect(diagnosis.findings).toEqual([]);
    expect(diagnosis.pending).toHaveLength(2);
  });

  it('flags a PBX clock more than 2 s off, either way', () => {
    expect(diagnosePbx({ ...healthy, clockOffsetMs: -7_400 }).findings).toEqual([
      expect.objectContaining({ code: 'clock_skew', title: 'O relógio da central está 7 s atrasado em relação ao servidor.' }),
    ]);
    expect(codes({ clockOffsetMs: 1_900 })).toEqual([]);
    expect(diagnosePbx({ ...healthy, clockOffsetMs: null }).pending).toEqual([expect.stringContaining('Relógio')]);
  });
});
