import { type CtiDiagnostics, ctiDiagnosticsSchema } from '@receptivo/shared';
import { deployedManagerUser } from './replay/asterisk-config';
import { type CtiTestApp, idleQueue, startCtiTestApp, transcript } from '../testing/cti-test-app';
import { startTestApp } from '../testing/test-app';
import { until } from '../testing/until';
import type { AmiReplayServerOptions } from './replay/ami-replay-server';

/** The PBX wiring check against the replay server, set up right and then deliberately wrong. */
describe('PBX wiring check (GET /api/cti/diagnostics)', () => {
  let cti: CtiTestApp | undefined;
  afterEach(async () => {
    await cti?.close();
    cti = undefined;
  });

  async function start(environment: Record<string, string> = {}, pbx: Pick<AmiReplayServerOptions, 'snapshot' | 'managerUser'> = {}) {
    cti = await startCtiTestApp(environment, pbx);
    const admin = { Authorization: `Bearer ${await cti.server.login('admin')}` };
    const diagnostics = async (): Promise<CtiDiagnostics> =>
      ctiDiagnosticsSchema.parse((await cti!.server.http.get('/api/cti/diagnostics').set(admin).expect(200)).body);
    return { cti, admin, diagnostics };
  }

  /** Joana answers at extension 1002, the idle queue's second member. */
  async function addUser1002(app: CtiTestApp, admin: Record<string, string>) {
    await app.server.http.post('/api/users').set(admin).send({ username: 'joana', name: 'Joana Ramal 1002', role: 'attendant', extension: '1002' }).expect(201);
  }

  /** A recorded call with URA data goes through the queue and rings 1001. */
  async function callWithUra(app: CtiTestApp, diagnostics: () => Promise<CtiDiagnostics>) {
    await app.ami.replay(transcript('ura-data'), Infinity);
    await until(async () => (await diagnostics()).callsSeen > 0 && !(await diagnostics()).pending.some((check) => check.startsWith('Variáveis')), 'the call seen');
  }

  it('finds nothing wrong with a PBX set up as docs/asterisk.md says, and says which checks wait for a call', async () => {
    // The AMI user of deploy/asterisk/manager.conf: its read classes, and its eventfilter lines, which hide every event the desk does not read.
    const { cti: app, admin, diagnostics } = await start({}, { managerUser: deployedManagerUser() });
    await addUser1002(app, admin);

    const idle = await diagnostics();
    expect(idle).toMatchObject({ state: 'connected', host: '127.0.0.1', callsSeen: 0, findings: [] });
    expect(idle.queues).toEqual([
      {
        name: expect.any(String),
        members: [
          { interface: 'Local/1001@agents', extension: '1001', userName: 'Ana Atendente' },
          { interface: 'Local/1002@agents', extension: '1002', userName: 'Joana Ramal 1002' },
        ],
      },
    ]);
    expect(Math.abs(idle.clockOffsetMs!)).toBeLessThan(1000);
    expect(idle.pending).toEqual([expect.stringContaining('Eventos de chamada'), expect.stringContaining('Variáveis da URA')]);

    await callWithUra(app, diagnostics);
    const afterCall = await diagnostics();
    expect(afterCall.findings).toEqual([]);
    expect(afterCall.pending).toEqual([]);
    expect(afterCall.passed).toEqual(
      expect.arrayContaining([
        'Eventos de chamada, de fila e de ramal chegam ao servidor',
        'Variáveis da URA (URA_CPF, URA_PROTOCOLO, URA_OPCAO) chegam com as chamadas',
        'Relógio da central sincronizado com o do servidor',
      ]),
    );
  });

  it('lists exactly what is wrong: a member outside the pattern, a URA variable never sent, QueueMemberStatus filtered out', async () => {
    const snapshot = idleQueue();
    snapshot.queueStatus = snapshot.queueStatus.map((item) => item.map((line) => line.replace('Local/1002@agents', 'IAX2/1002')));
    const { cti: app, diagnostics } = await start(
      { CTI_URA_FIELDS: 'URA_CPF:document,URA_PROTOCOLO:protocol,URA_OPCAO:option,URA_NASCIMENTO:birthDate' },
      { snapshot, managerUser: { eventFilters: ['!Event: QueueMemberStatus'] } },
    );
    await callWithUra(app, diagnostics);

    const { findings } = await diagnostics();
    expect(findings.map((finding) => [finding.code, finding.fix?.place, finding.fix?.lines])).toEqual([
      ['member_outside_pattern', 'queues.conf', [expect.stringMatching(/^\[.+\]$/), 'member => PJSIP/1002']],
      ['member_status_missing', 'manager.conf', ['[receptivo]', expect.stringContaining('QueueMemberStatus'), 'eventfilter = Event: QueueMemberStatus']],
      ['ura_variable_missing', 'extensions.conf', ['same => n,Set(__URA_NASCIMENTO=${valor digitado})', 'same => n,UserEvent(URA,NASCIMENTO: ${URA_NASCIMENTO})']],
    ]);
    expect(findings[0].title).toContain('IAX2/1002');
    expect(findings[2].title).toContain('URA_NASCIMENTO');
  });

  it('tells a missing read class from a filtered event, and a refused action from an allowed one', async () => {
    const { cti: app, admin, diagnostics } = await start({}, { managerUser: { read: ['system', 'call', 'agent', 'user'], write: ['call', 'reporting'] } });
    await addUser1002(app, admin);
    await callWithUra(app, diagnostics);

    const { findings } = await diagnostics();
    expect(findings.map((finding) => [finding.code, finding.title, finding.fix?.lines.at(-1)])).toEqual([
      ['write_class_missing', 'O usuário do AMI não tem permissão para a ação QueuePause.', 'write = agent,reporting,originate'],
      ['read_class_missing', 'Nenhum evento da classe dialplan chega ao servidor.', 'read = call,agent,user,dialplan'],
    ]);
    // The probes change nothing on the PBX: their QueuePause names no member. The only other one is
    // 1001's wrap-up hold after the answered call (refused too, for want of the agent class).
    const pauses = app.ami.actions().filter((action) => String(action.action).toLowerCase() === 'queuepause');
    expect(new Set(pauses.map((action) => action.interface))).toEqual(new Set(['PJSIP/receptivo-verificacao', 'Local/1001@agents']));
  });

  it('says telephony is off without AMI_HOST, and is for admins only', async () => {
    const server = await startTestApp();
    try {
      const admin = { Authorization: `Bearer ${await server.login('admin')}` };
      const off = ctiDiagnosticsSchema.parse((await server.http.get('/api/cti/diagnostics').set(admin).expect(200)).body);
      expect(off.findings).toEqual([expect.objectContaining({ code: 'cti_off', fix: expect.objectContaining({ place: 'receptivo.env' }) })]);
      await server.http.get('/api/cti/diagnostics').set({ Authorization: `Bearer ${await server.login('supervisor')}` }).expect(403);
    } finally {
      await server.close();
    }
  });
});
