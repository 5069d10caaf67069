import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readTranscript, toAmiEvent } from '../testing/ami-transcript';
import { Supervision, WINDOW_MS } from '../testing/recorded-supervision';
import { QueueStats } from './queue-stats';
import { AMI_FIXTURES_DIR } from '../cti/replay/fixtures';

const lastTime = (name: string) => readTranscript(join(AMI_FIXTURES_DIR, `${name}.ami`)).at(-1)!.at;

describe('queue figures from the recorded Asterisk transcripts', () => {
  it('abandon-early: 1 abandoned, 0 answered, service level 0 %', () => {
    // QueueCallerJoin at +1.505; QueueCallerAbandon at +3.510 (HoldTime 2); no AgentConnect.
    const live = new Supervision().replay('abandon-early', { untilSeconds: 3 });
    expect(live.queueAt(3)).toMatchObject({ waiting: 1, longestWaitMs: 3000 - 1505, answered: 0, abandoned: 0, serviceLevelPercent: null });
    expect(live.agentAt(3, '1002')).toMatchObject({ state: 'ringing', call: { callerNumber: '21998765432', callerName: 'Joao Pereira', queue: 'atendimento' } });
    live.replay('abandon-early', { untilSeconds: Infinity });
    const end = lastTime('abandon-early');
    expect(live.queueAt(end)).toMatchObject({
      waiting: 0,
      longestWaitMs: null,
      answered: 0,
      abandoned: 1,
      answeredWithinServiceLevel: 0,
      // 0 answered within 20 s ÷ (0 answered + 1 abandoned).
      serviceLevelPercent: 0,
      averageWaitSeconds: null,
      averageTalkSeconds: null,
    });
    expect(live.peakWaiting()).toBe(1);
    expect(live.agentAt(end, '1002')).toMatchObject({ state: 'available', call: null, queues: ['atendimento'] });
  });

  it('abandon-after-ring-noanswer: 1001 rings and is skipped, 1002 rings, 1 abandoned after 12 s', () => {
    // AgentCalled 1001 +1.505, AgentRingNoAnswer +9.505, AgentCalled 1002 +11.508, QueueCallerAbandon +13.010 (HoldTime 12).
    const live = new Supervision().replay('abandon-after-ring-noanswer');
    expect(live.seen.map((snapshot) => snapshot.agents.find((agent) => agent.extension === '1001')?.state)).toContain('ringing');
    const end = lastTime('abandon-after-ring-noanswer');
    expect(live.queueAt(end)).toMatchObject({ waiting: 0, answered: 0, abandoned: 1, serviceLevelPercent: 0 });
    expect(live.peakWaiting()).toBe(1);
  });

  it('inbound-answered: 1 answered within the service level, TME 2 s, TMA 5 s, 1001 on the call then in wrap-up', () => {
    // QueueCallerJoin +1.506; QueueCallerLeave +3.508; AgentConnect +3.509 HoldTime 2; AgentComplete +9.015 TalkTime 5.
    const live = new Supervision().replay('inbound-answered', { untilSeconds: 3 });
    expect(live.queueAt(3)).toMatchObject({ waiting: 1, longestWaitMs: 3000 - 1506 });
    expect(live.agentAt(3, '1001')).toMatchObject({ name: 'Maria Atendente', state: 'ringing', call: { callerNumber: '11987654321', callerName: 'Maria Silva' } });
    live.replay('inbound-answered', { untilSeconds: 5 });
    expect(live.queueAt(5)).toMatchObject({ waiting: 0, answered: 1, answeredWithinServiceLevel: 1, serviceLevelPercent: 100, averageWaitSeconds: 2 });
    expect(live.agentAt(5, '1001')).toMatchObject({ state: 'on_call', inStateMs: 5000 - 3509, call: { callerNumber: '11987654321', queue: 'atendimento' } });
    live.replay('inbound-answered');
    const end = lastTime('inbound-answered');
    expect(live.queueAt(end)).toMatchObject({ waiting: 0, answered: 1, abandoned: 0, serviceLevelPercent: 100, averageWaitSeconds: 2, averageTalkSeconds: 5 });
    // AgentComplete ended the call at +9.015; the attendance is not finished in this replay.
    expect(live.agentAt(end, '1001')).toMatchObject({ state: 'wrap_up', inStateMs: Math.round(end * 1000) - 9015, call: null });
    expect(live.peakWaiting()).toBe(1);
    expect(live.snapshot(end * 1000).queues[0].agents).toEqual({ available: 0, ringing: 0, on_call: 0, paused: 0, wrap_up: 1, offline: 0 });
  });

  it('two-simultaneous-calls: waiting peaks at 2, 2 answered, TME (2+3)/2 s, TMA (7+6)/2 s', () => {
    // Joins +1.505 and +1.807; AgentConnect 1001 +3.509 HoldTime 2, 1002 +4.810 HoldTime 3;
    // AgentComplete 1001 +10.009 TalkTime 7, 1002 +11.317 TalkTime 6.
    const live = new Supervision().replay('two-simultaneous-calls', { untilSeconds: 2 });
    expect(live.queueAt(2)).toMatchObject({ waiting: 2, longestWaitMs: 2000 - 1505 });
    live.replay('two-simultaneous-calls', { untilSeconds: 4 });
    expect(live.queueAt(4)).toMatchObject({ waiting: 1, longestWaitMs: 4000 - 1807, answered: 1 });
    expect(live.agentAt(4, '1001')).toMatchObject({ state: 'on_call', call: { callerName: 'Carlos Souza' } });
    expect(live.agentAt(4, '1002')).toMatchObject({ state: 'ringing', call: { callerName: 'Beatriz Lima' } });
    live.replay('two-simultaneous-calls');
    expect(live.peakWaiting()).toBe(2);
    expect(live.queueAt(lastTime('two-simultaneous-calls'))).toMatchObject({
      waiting: 0,
      answered: 2,
      answeredWithinServiceLevel: 2,
      serviceLevelPercent: 100,
      averageWaitSeconds: 2.5,
      averageTalkSeconds: 6.5,
    });
  });

  it('agent-pause-status: 1001 paused (Intervalo) while 1002 takes the call, then available', () => {
    // QueueMemberPause 1001 Paused 1 Intervalo at +0.001; the call joins +1.506, AgentConnect 1002 +3.511 (HoldTime 2),
    // AgentComplete +12.016 (TalkTime 8); QueueMemberPause 1001 Paused 0 at +13.523.
    const live = new Supervision().replay('agent-pause-status', { untilSeconds: 5 });
    expect(live.agentAt(5, '1001')).toMatchObject({ state: 'paused', reason: 'Intervalo', inStateMs: 5000 - 1, queues: ['atendimento'] });
    expect(live.agentAt(5, '1002')).toMatchObject({ name: 'Atendente 1002', state: 'on_call', call: { callerName: 'Roberto Alves' } });
    expect(live.queueAt(5).agents).toMatchObject({ paused: 1, on_call: 1 });
    live.replay('agent-pause-status');
    const end = lastTime('agent-pause-status');
    expect(live.agentAt(end, '1001')).toMatchObject({ state: 'available', reason: null, inStateMs: Math.round(end * 1000) - 13_523 });
    expect(live.agentAt(end, '1002')).toMatchObject({ state: 'wrap_up' });
    expect(live.queueAt(end)).toMatchObject({ answered: 1, abandoned: 0, serviceLevelPercent: 100, averageWaitSeconds: 2, averageTalkSeconds: 8 });
  });

  it('every recording one after another: the window adds them up, then lets them go', () => {
    // answered: inbound 1 + two-simultaneous 2 + ura-data 1 + agent-pause-status 1 = 5, all within 20 s;
    // abandoned: abandon-early 1 + abandon-after-ring-noanswer 1 = 2 → service level 5 / 7 = 71.4 %;
    // TME (2 + 2 + 3 + 3 + 2) / 5 = 2.4 s; TMA (5 + 7 + 6 + 6 + 8) / 5 = 6.4 s.
    const live = new Supervision();
    const files = readdirSync(AMI_FIXTURES_DIR).filter((file) => file.endsWith('.ami')).sort();
    files.forEach((file, index) => live.replay(file, { offsetMs: index * 60_000 }));
    const end = (files.length - 1) * 60_000 + 20_000;
    expect(live.snapshot(end).queues).toEqual([
      {
        queue: 'atendimento',
        waiting: 0,
        longestWaitMs: null,
        answered: 5,
        abandoned: 2,
        answeredWithinServiceLevel: 5,
        serviceLevelPercent: 71.4,
        averageWaitSeconds: 2.4,
        averageTalkSeconds: 6.4,
        // 1002 since two-simultaneous-calls and 1001 since ura-data: no attendance was finished, and
        // the maximum is the shell's timer, which this replay does not run.
        agents: { available: 0, ringing: 0, on_call: 0, paused: 0, wrap_up: 2, offline: 0 },
      },
    ]);
    // abandon-after-ring-noanswer (index 0) and abandon-early (1) leave the window first: 5 answered, 0 abandoned.
    expect(live.stats.nextExpiry()).toBe(13_010 + WINDOW_MS);
    expect(live.queueAt((60_000 + 3_511 + WINDOW_MS) / 1000)).toMatchObject({ answered: 5, abandoned: 0, serviceLevelPercent: 100 });
    // An hour after the last call nothing is left: not reset at midnight, not kept forever.
    expect(live.queueAt((end + WINDOW_MS) / 1000)).toMatchObject({ answered: 0, abandoned: 0, serviceLevelPercent: null, averageWaitSeconds: null, averageTalkSeconds: null });
    expect(live.stats.nextExpiry()).toBeNull();
    // The totals (/metrics counters) keep every answer and abandon: Prometheus takes rates over its own ranges.
    expect(live.stats.totals('atendimento')).toEqual({ answered: 5, answeredWithinServiceLevel: 5, abandoned: 2 });
    expect(live.stats.totals('nenhuma')).toEqual({ answered: 0, answeredWithinServiceLevel: 0, abandoned: 0 });
  });

  it('after a reconnect who waits comes from QueueStatus, longest first', () => {
    const stats = new QueueStats({ serviceLevelSeconds: 20, windowMs: WINDOW_MS });
    stats.apply(toAmiEvent(['Event: QueueCallerJoin', 'Queue: atendimento', 'Uniqueid: gone.1']), 0);
    stats.reconcile(
      [
        toAmiEvent(['Event: QueueParams', 'Queue: vazia']),
        toAmiEvent(['Event: QueueEntry', 'Queue: atendimento', 'Uniqueid: a.1', 'Wait: 4']),
        toAmiEvent(['Event: QueueEntry', 'Queue: atendimento', 'Uniqueid: a.2', 'Wait: 9']),
      ],
      100_000,
    );
    expect(stats.figures('atendimento', 100_000)).toMatchObject({ waiting: 2, longestWaitMs: 9_000 });
    expect([...stats.queueNames()].sort()).toEqual(['atendimento', 'vazia']);
    // The longest waiter leaves: the next one is the longest now.
    stats.apply(toAmiEvent(['Event: QueueCallerLeave', 'Queue: atendimento', 'Uniqueid: a.2']), 101_000);
    expect(stats.figures('atendimento', 101_000)).toMatchObject({ waiting: 1, longestWaitMs: 5_000 });
  });
});

describe('agents nobody connected a desk for', () => {
  it('are offline to supervisors until a call rings at them', () => {
    const live = new Supervision([]).replay('inbound-answered', { untilSeconds: 1 });
    expect(live.agentAt(1, '1001')).toMatchObject({ state: 'offline', inStateMs: null });
    live.replay('inbound-answered', { untilSeconds: 5 });
    expect(live.agentAt(5, '1001')).toMatchObject({ state: 'on_call' });
    live.replay('inbound-answered');
    expect(live.agentAt(lastTime('inbound-answered'), '1001')).toMatchObject({ state: 'offline' });
  });
});
