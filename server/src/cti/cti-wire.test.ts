import { attendanceSchema, currentAttendanceSchema, healthSchema } from '@receptivo/shared';
import { AmiLink, defaultAmiTimings } from './ami-link';
import type { AmiReplayServer } from './replay/ami-replay-server';
import { snapshotFromTranscript } from './replay/ami-transcript';
import { CtiDesk as Desk } from '../testing/cti-desk';
import { queueMemberEvent } from '../testing/queue-member-event';
import { type CtiTestApp, idleQueue, startCtiTestApp, transcript } from '../testing/cti-test-app';
import type { TestApp } from '../testing/test-app';
import { until } from '../testing/until';

const idle = idleQueue();

describe('CTI over the wire: replayed Asterisk → real AMI client → Socket.IO desks', () => {
  let cti: CtiTestApp;
  let ami: AmiReplayServer;
  let server: TestApp;
  let url: string;
  let desks: Desk[] = [];
  let adminToken: string;
  let attendant1002: string;

  const desk = async (token: string) => {
    const connected = new Desk(url, token);
    desks.push(connected);
    await connected.connected();
    return connected;
  };
  const health = async () => healthSchema.parse((await server.http.get('/api/health')).body);
  const pausesSent = () => ami.actions().filter((action) => String(action.action).toLowerCase() === 'queuepause');
  /** The member as the PBX lists it now, asked with QueueStatus by a second AMI client. */
  const queueMember = async (extension: string) => {
    const items = await probe.list({ action: 'QueueStatus' });
    const member = items.find((item) => item.event === 'QueueMember' && item.location === `Local/${extension}@agents`);
    return member && { paused: member.paused, reason: member.pausedreason };
  };
  let probe: AmiLink;

  beforeAll(async () => {
    cti = await startCtiTestApp();
    ({ ami, server, url } = cti);
    adminToken = await server.login('admin');
    probe = new AmiLink(
      { host: '127.0.0.1', port: ami.port, username: 'receptivo', secret: 's3cret', ...defaultAmiTimings },
      { onEvent: () => undefined, onSkipped: () => undefined, onState: () => undefined },
    );
    probe.start();
    await until(() => probe.currentState === 'connected', 'the probe AMI client');
    const created = await server.http
      .post('/api/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({ username: 'joana', name: 'Joana Ramal 1002', role: 'attendant', extension: '1002' })
      .expect(201);
    const login = await server.http.post('/api/auth/login').send({ username: 'joana', password: created.body.password }).expect(200);
    attendant1002 = login.body.token;
  });
  afterEach(() => {
    for (const connected of desks) connected.close();
    desks = [];
  });
  afterAll(async () => {
    probe.stop();
    await cti.close();
  });

  it('refuses a desk without a valid token', async () => {
    const anonymous = new Desk(url, 'not-a-token');
    desks.push(anonymous);
    await expect(anonymous.connected()).rejects.toMatchObject({ message: expect.stringMatching(/sessão|entre/i) });
  });

  it('a connecting desk learns the link status and its agent state from the rebuilt QueueStatus', async () => {
    const attendant = await desk(await server.login('attendant'));
    expect(await attendant.next('cti:status')).toMatchObject({ connected: true, since: expect.any(String) });
    expect(await attendant.next('agent:state')).toEqual({ state: 'available' });
  });

  it('inbound-answered: pop with customer match, attendance started on answer, call end recorded, wrap-up until finished', async () => {
    const token = await server.login('attendant');
    const attendant = await desk(token);
    const other = await desk(attendant1002);
    await ami.replay(transcript('inbound-answered'), 20);

    const ringing = await attendant.next('call:ringing');
    expect(ringing).toMatchObject({
      callerNumber: '11987654321',
      callerE164: '+5511987654321',
      callerName: 'Maria Silva',
      queue: 'atendimento',
      ura: { document: '12345678909', option: '2' },
      matches: [expect.objectContaining({ name: 'Maria Silva' })],
    });
    const answered = await attendant.next('call:answered');
    expect(answered.callId).toBe(ringing.callId);
    expect(await attendant.next('call:ended')).toEqual({ callId: ringing.callId, reason: 'hangup' });

    const current = currentAttendanceSchema.parse(
      (await server.http.get('/api/attendances/current').set('Authorization', `Bearer ${token}`).expect(200)).body,
    ).attendance!;
    expect(current).toMatchObject({
      id: answered.attendanceId,
      protocol: answered.protocol,
      channel: 'phone',
      status: 'open',
      customer: null,
      call: { callId: ringing.callId, callerNumber: '11987654321', callerE164: '+5511987654321', queue: 'atendimento', ura: { document: '12345678909' } },
    });
    expect(current.call!.talkSeconds).toBeGreaterThanOrEqual(0);
    expect(current.call!.waitSeconds).toBeGreaterThanOrEqual(0);
    await until(() => attendant.states().at(-1) === 'wrap_up', 'wrap-up after the hangup');
    // The PBX holds the wrap-up: the queue will not ring 1001 while the attendance is open.
    await until(() => pausesSent().length > 0, 'the wrap-up pause sent to the PBX');
    expect(pausesSent()).toEqual([expect.objectContaining({ interface: 'Local/1001@agents', paused: 'true', reason: 'Pós-atendimento' })]);
    await until(async () => (await queueMember('1001'))?.reason === 'Pós-atendimento', 'the PBX showing the wrap-up pause');
    expect(attendant.states()).toEqual(['available', 'ringing', 'on_call', 'wrap_up']);
    // Nothing of this call reached the other desk.
    expect(other.received.filter((item) => item.event.startsWith('call:'))).toEqual([]);

    await server.http.post(`/api/attendances/${answered.attendanceId}/finish`).set('Authorization', `Bearer ${token}`).send({}).expect(200);
    await until(() => attendant.states().at(-1) === 'available', 'available once the attendance is finished');
    expect(pausesSent().at(-1)).toMatchObject({ interface: 'Local/1001@agents', paused: 'false' });
    expect(await queueMember('1001')).toEqual({ paused: '0', reason: '' });
    expect(attendant.states()).toEqual(['available', 'ringing', 'on_call', 'wrap_up', 'available']);
  });

  it('a pause the attendant chooses during wrap-up is theirs: finishing the attendance does not end it', async () => {
    const token = await server.login('attendant');
    const attendant = await desk(token);
    const before = pausesSent().length;
    await ami.replay(transcript('ura-data'), 20);
    const answered = await attendant.next('call:answered');
    await until(async () => (await queueMember('1001'))?.reason === 'Pós-atendimento', 'the wrap-up pause in the PBX');
    expect(await attendant.socket.emitWithAck('agent:pause', { reason: 'Almoço' })).toEqual({ ok: true });
    await attendant.next('agent:state', (state) => state.reason === 'Almoço');
    await server.http.post(`/api/attendances/${answered.attendanceId}/finish`).set('Authorization', `Bearer ${token}`).send({}).expect(200);
    // The finish is handled (the wrap-up's end is published as the pause it leaves) before we look.
    await until(async () => (await server.http.get('/api/attendances/current').set('Authorization', `Bearer ${token}`)).body.attendance === null, 'finished');
    const overview = await server.http.get('/api/cti/overview').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(overview.body.agents).toEqual(expect.arrayContaining([expect.objectContaining({ extension: '1001', state: 'paused', reason: 'Almoço' })]));
    expect(pausesSent().slice(before).map((action) => `${action.paused} ${action.reason ?? ''}`.trim())).toEqual(['true Pós-atendimento', 'true Almoço']);
    expect(await queueMember('1001')).toEqual({ paused: '1', reason: 'Almoço' });
    expect(await attendant.socket.emitWithAck('agent:unpause')).toEqual({ ok: true });
    await attendant.next('agent:state', (state) => state.state === 'available');
  });

  it('members added to and removed from a queue by the PBX (queue add member, reload) change their desks at once', async () => {
    const joana = await desk(attendant1002);
    await joana.next('agent:state', (state) => state.state === 'available');
    const member = (event: string, fields: Record<string, string> = {}) => queueMemberEvent(event, { memberInterface: 'Local/1002@agents', name: 'Atendente 1002', ...fields });
    ami.send(member('QueueMemberRemoved'));
    await joana.next('agent:state', (state) => state.state === 'offline');
    ami.send(member('QueueMemberAdded'));
    await until(() => joana.states().at(-1) === 'available', 'available again once added');
    ami.send(member('QueueMemberPenalty', { Penalty: '3' }));
    const overview = await server.http.get('/api/cti/overview').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(overview.body.agents).toEqual(expect.arrayContaining([expect.objectContaining({ extension: '1002', state: 'available', queues: ['atendimento'] })]));
    expect(joana.states()).toEqual(['available', 'offline', 'available']);
  });

  it('abandon-early: the pop at 1002 goes away as abandoned, and no attendance starts', async () => {
    const joana = await desk(attendant1002);
    await ami.replay(transcript('abandon-early'), 20);
    const ringing = await joana.next('call:ringing');
    expect(ringing).toMatchObject({ callerNumber: '21998765432', matches: [expect.objectContaining({ name: 'João Pereira' })] });
    expect(await joana.next('call:ended')).toEqual({ callId: ringing.callId, reason: 'abandoned' });
    const current = await server.http.get('/api/attendances/current').set('Authorization', `Bearer ${attendant1002}`).expect(200);
    expect(current.body.attendance).toBeNull();
  });

  it('two simultaneous calls pop at their own desks and start one attendance each', async () => {
    const token1001 = await server.login('attendant');
    const [maria, joana] = [await desk(token1001), await desk(attendant1002)];
    await ami.replay(transcript('two-simultaneous-calls'), 20);
    expect(await maria.next('call:ringing')).toMatchObject({ callerName: 'Carlos Souza', matches: [expect.objectContaining({ name: 'Carlos Souza' })] });
    expect(await joana.next('call:ringing')).toMatchObject({ callerName: 'Beatriz Lima' });
    const [answered1001, answered1002] = [await maria.next('call:answered'), await joana.next('call:answered')];
    expect(answered1001.attendanceId).not.toBe(answered1002.attendanceId);
    await maria.next('call:ended');
    await joana.next('call:ended');
    // Attendances started by CTI are owned like the others: Joana cannot change Maria's.
    const customerId = (await server.http.get('/api/customers?phone=41988887777').set('Authorization', `Bearer ${attendant1002}`).expect(200)).body.items[0].id;
    const others = [
      await server.http.put(`/api/attendances/${answered1001.attendanceId}/customer`).set('Authorization', `Bearer ${attendant1002}`).send({ customerId }),
      await server.http.post(`/api/attendances/${answered1001.attendanceId}/finish`).set('Authorization', `Bearer ${attendant1002}`).send({}),
    ];
    for (const refused of others) expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: expect.stringContaining('outro usuário') });
    const untouched = attendanceSchema.parse((await server.http.get(`/api/attendances/${answered1001.attendanceId}`).set('Authorization', `Bearer ${token1001}`).expect(200)).body);
    expect(untouched).toMatchObject({ status: 'open', customer: null });

    // A supervisor takes Maria's over in her wrap-up: she is free at once, and only the supervisor changes it.
    await until(() => maria.states().at(-1) === 'wrap_up', 'wrap-up after the hangup');
    const supervisor = `Bearer ${await server.login('supervisor')}`;
    const taken = attendanceSchema.parse((await server.http.post(`/api/attendances/${answered1001.attendanceId}/takeover`).set('Authorization', supervisor).expect(200)).body);
    expect(taken.history).toEqual([expect.objectContaining({ kind: 'taken_over', actor: taken.holder, previousHolder: taken.attendant })]);
    // Maria's desk is told at once, by whom; nobody else is.
    expect(await maria.next('attendance:taken_over')).toEqual({
      attendanceId: answered1001.attendanceId,
      protocol: taken.protocol,
      by: taken.holder,
    });
    await until(() => maria.states().at(-1) === 'available', 'available once the attendance is taken over');
    // Taking it over again changes nothing and tells nobody. An attendant's queues:resend is refused
    // at once on the same socket, so its answer comes after anything the takeover would have sent.
    await server.http.post(`/api/attendances/${answered1001.attendanceId}/takeover`).set('Authorization', supervisor).expect(200);
    expect(await maria.socket.emitWithAck('queues:resend')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await joana.socket.emitWithAck('queues:resend')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const takeoversTold = (desk: Desk) => desk.received.filter((item) => item.event === 'attendance:taken_over');
    expect(takeoversTold(maria)).toHaveLength(1);
    expect(takeoversTold(joana)).toEqual([]);
    expect((await server.http.get('/api/attendances/current').set('Authorization', `Bearer ${token1001}`).expect(200)).body.attendance).toBeNull();
    await server.http.post(`/api/attendances/${answered1001.attendanceId}/finish`).set('Authorization', `Bearer ${token1001}`).send({}).expect(403);
    for (const [token, answered] of [
      [supervisor, answered1001],
      [`Bearer ${attendant1002}`, answered1002],
    ] as const) {
      const attendance = attendanceSchema.parse(
        (await server.http.get(`/api/attendances/${answered.attendanceId}`).set('Authorization', token).expect(200)).body,
      );
      await server.http.post(`/api/attendances/${attendance.id}/finish`).set('Authorization', token).send({}).expect(200);
    }
  });

  it('the AMI connection killed mid-call: reconnects, rebuilds from QueueStatus, and no pop stays stuck', async () => {
    const attendant = await desk(await server.login('attendant'));
    await attendant.next('agent:state');
    // Up to the ringing at 1001 (AgentCalled at +1.506 s), then Asterisk goes away.
    await ami.replay(transcript('inbound-answered'), { speed: 20, until: 1.6 });
    const ringing = await attendant.next('call:ringing');
    const queriesBefore = ami.actions().filter((action) => action.action?.toString().toLowerCase() === 'queuestatus').length;
    // While we were away the caller hung up, and 1001 went on a break.
    ami.setSnapshot(snapshotFromTranscript(transcript('agent-pause-status'), 1.0));
    ami.dropConnections();
    // The first attempt after a drop is immediate: the desk hears of the drop and of the return.
    expect(await attendant.next('cti:status', (status) => !status.connected)).toMatchObject({ connected: false });

    expect(await attendant.next('call:ended', (ended) => ended.callId === ringing.callId)).toEqual({ callId: ringing.callId, reason: 'abandoned' });
    await until(async () => (await health()).cti === 'connected', 'connected again');
    expect(ami.actions().filter((action) => action.action?.toString().toLowerCase() === 'queuestatus').length).toBeGreaterThan(queriesBefore);
    expect(await attendant.next('agent:state', (state) => state.state === 'paused')).toEqual({ state: 'paused', reason: 'Intervalo' });
    expect(await attendant.next('cti:status', (status) => status.connected && attendant.received.length > 3)).toMatchObject({ connected: true });

    const overview = await server.http.get('/api/cti/overview').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(overview.body).toMatchObject({ state: 'connected', activeCalls: 0 });
    expect(overview.body.agents).toEqual(
      expect.arrayContaining([expect.objectContaining({ extension: '1001', state: 'paused', reason: 'Intervalo', queues: ['atendimento'], connected: true })]),
    );
    ami.setSnapshot(idle);
    ami.dropConnections();
    await until(async () => (await health()).cti === 'connected', 'connected after the second drop');
    await attendant.next('agent:state', (state) => state.state === 'available');
  });

  it('agent:pause goes to Asterisk as QueuePause, and a refusal comes back in the acknowledgement', async () => {
    const attendant = await desk(await server.login('attendant'));
    await attendant.next('agent:state');
    const ack = await attendant.socket.emitWithAck('agent:pause', { reason: 'Almoço' });
    expect(ack).toEqual({ ok: true });
    const sent = ami.actions().filter((action) => String(action.action).toLowerCase() === 'queuepause').at(-1)!;
    expect(sent).toMatchObject({ interface: 'Local/1001@agents', paused: 'true', reason: 'Almoço' });
    expect(await attendant.next('agent:state', (state) => state.state === 'paused')).toEqual({ state: 'paused', reason: 'Almoço' });
    expect(await attendant.socket.emitWithAck('agent:unpause')).toEqual({ ok: true });
    await attendant.next('agent:state', (state) => state.state === 'available');

    expect(await attendant.socket.emitWithAck('agent:pause', { reason: '  ' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'Informe o motivo da pausa.' },
    });
    // Only the reasons of CTI_PAUSE_REASONS reach the PBX.
    const pausesSent = ami.actions().filter((action) => String(action.action).toLowerCase() === 'queuepause').length;
    expect(await attendant.socket.emitWithAck('agent:pause', { reason: 'Café' })).toEqual({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: '"Café" não é um motivo de pausa aceito. Escolha um destes: Intervalo, Almoço, Treinamento, Banheiro, Feedback.' },
    });
    expect(ami.actions().filter((action) => String(action.action).toLowerCase() === 'queuepause')).toHaveLength(pausesSent);
    // Asterisk forgot the member (a queue reload): the refusal reaches the attendant in words.
    ami.setSnapshot({ queueStatus: [], channels: [] });
    const refused = await attendant.socket.emitWithAck('agent:pause', { reason: 'Intervalo' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CTI_REFUSED', message: expect.stringMatching(/^A central recusou a pausa: .+/) } });
    ami.setSnapshot(idle);
  });

  it('malformed AMI frames are skipped and the calls that follow still pop', async () => {
    const joana = await desk(attendant1002);
    await ami.sendRaw('garbage without a colon\r\n\u0000\u00ff\u0001binary\r\n\r\n');
    await ami.sendRaw(`Event: Half\r\nLinkedid: 1.1\r\n`);
    await ami.sendRaw(`\r\n${'x'.repeat(100_000)}\r\n\r\n`);
    await ami.replay(transcript('abandon-early'), 20);
    expect(await joana.next('call:ringing')).toMatchObject({ callerNumber: '21998765432' });
    expect((await health()).cti).toBe('connected');
  });

  it('a pop missed during a short disconnect is delivered when the desk comes back', async () => {
    const attendant = await desk(await server.login('attendant'));
    await attendant.next('agent:state');
    const reconnected = new Promise<void>((resolve) => attendant.socket.io.once('reconnect', () => resolve()));
    attendant.socket.io.engine.close();
    const test = await server.http.post('/api/cti/test-call').set('Authorization', `Bearer ${adminToken}`).send({ extension: '1001' }).expect(201);
    await reconnected;
    expect(await attendant.next('call:ringing', (pop) => pop.callId === test.body.callId)).toMatchObject({
      callerNumber: '11987654321',
      callerName: 'Chamada de teste',
      matches: [expect.objectContaining({ name: 'Maria Silva' })],
    });
    expect(attendant.socket.recovered).toBe(true);

    // A desk opened later (no session to recover) is shown the call still ringing.
    const second = await desk(await server.login('attendant'));
    expect(await second.next('call:ringing')).toMatchObject({ callId: test.body.callId });
  });

  it('the telephony admin: test call validation and the event tap filter', async () => {
    const unknown = await server.http.post('/api/cti/test-call').set('Authorization', `Bearer ${adminToken}`).send({ extension: '4040' }).expect(400);
    expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { extension: 'Nenhum usuário ativo tem o ramal 4040.' } });
    const attendantToken = await server.login('attendant');
    await server.http.post('/api/cti/test-call').set('Authorization', `Bearer ${attendantToken}`).send({ extension: '1001' }).expect(403);

    const tap = await server.http.get('/api/cti/events?q=agentconnect').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(tap.body.items.length).toBeGreaterThan(0);
    expect(tap.body.items.every((item: { event: string }) => item.event === 'AgentConnect')).toBe(true);
    const byNumber = await server.http.get('/api/cti/events?q=21998765432&limit=5').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(byNumber.body.items).toHaveLength(5);
    // Events the desk does not read are dropped unparsed at the door, and still shown in full.
    const dropped = await server.http.get('/api/cti/events?q=newexten&limit=3').set('Authorization', `Bearer ${adminToken}`).expect(200);
    expect(dropped.body.items).toHaveLength(3);
    for (const item of dropped.body.items) {
      expect(item).toMatchObject({ event: 'Newexten', linkedid: expect.stringMatching(/^\d+\.\d+$/), fields: { context: expect.any(String), application: expect.any(String) } });
    }
  });
});
