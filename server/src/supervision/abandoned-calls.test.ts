import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AbandonedCall, abandonedCallSchema, abandonedListSchema, apiErrorSchema, attendanceSchema } from '@receptivo/shared';
import { CtiDesk } from '../testing/cti-desk';
import { type CtiTestApp, startCtiTestApp, transcript } from '../testing/cti-test-app';
import { bearer } from '../testing/request-fixtures';
import { until } from '../testing/until';

/** abandon-early: a caller from 21 99876-5432 hangs up after 2 s in the atendimento queue. */
const ABANDONED_NUMBER = '21998765432';

describe('abandoned calls to call back', () => {
  let cti: CtiTestApp;
  let supervisor: { Authorization: string };
  let files: string;
  beforeAll(async () => {
    cti = await startCtiTestApp({ CTI_CALLBACK_CONTEXT: 'receptivo-retorno', CTI_CALLBACK_CALLERID: '"Central 156" <156>' });
    supervisor = bearer(await cti.server.login('supervisor'));
    files = await mkdtemp(join(tmpdir(), 'receptivo-abandoned-'));
  });
  afterAll(async () => {
    await cti.close();
    await rm(files, { recursive: true, force: true });
  });

  const list = async (query = '') => abandonedListSchema.parse((await cti.server.http.get(`/api/supervision/abandoned${query}`).set(supervisor).expect(200)).body);
  const pendingOf = async (number: string) => (await list()).items.filter((item) => item.callerNumber === number);
  const originates = () => cti.ami.actions().filter((action) => String(action.action).toLowerCase() === 'originate');
  let repetition = 0;
  async function abandon(): Promise<AbandonedCall> {
    const before = (await pendingOf(ABANDONED_NUMBER)).length;
    await cti.ami.replay(transcript('abandon-early'), { speed: Infinity, repetition: repetition++ });
    await until(async () => (await pendingOf(ABANDONED_NUMBER)).length > before, 'the abandoned call listed');
    return (await pendingOf(ABANDONED_NUMBER))[0];
  }

  it('lists the caller who hung up waiting, and closes it when the same number calls in again and is answered', async () => {
    const abandoned = await abandon();
    expect(abandoned).toMatchObject({ callerNumber: ABANDONED_NUMBER, queue: 'atendimento', status: 'pending', doneReason: null, attempts: [] });
    expect(abandoned.waitSeconds).toBeGreaterThanOrEqual(0);

    // The same citizen calls again: inbound-answered, recorded from another number, as if from theirs.
    const again = join(files, 'called-in-again.ami');
    writeFileSync(again, readFileSync(transcript('inbound-answered'), 'utf8').replaceAll('11987654321', ABANDONED_NUMBER));
    await cti.ami.replay(again, { speed: Infinity, repetition: repetition++ });
    await until(async () => (await pendingOf(ABANDONED_NUMBER)).length === 0, 'the abandon closed by the answered call');
    const [closed] = (await list('?status=done')).items.filter((item) => item.id === abandoned.id);
    expect(closed).toMatchObject({ status: 'done', doneReason: 'called_in', doneBy: null });
  });

  it('calls back: the attendant rings first, then the citizen; their answer opens an attendance on that desk, linked to the callback', async () => {
    const abandoned = await abandon();
    const attendantToken = await cti.server.login('attendant');
    const desk = new CtiDesk(cti.url, attendantToken);
    try {
      await desk.connected();
      const called = abandonedCallSchema.parse(
        (await cti.server.http.post(`/api/supervision/abandoned/${abandoned.id}/callback`).set(supervisor).send({ extension: '1001' }).expect(200)).body,
      );
      expect(called.attempts).toEqual([{ at: expect.any(String), userName: 'Sandra Supervisora', extension: '1001', result: 'calling', attendanceProtocol: null }]);
      const [originate] = originates();
      expect(originate).toMatchObject({
        channel: 'Local/1001@agents',
        context: 'receptivo-retorno',
        exten: ABANDONED_NUMBER,
        priority: '1',
        callerid: '"Central 156" <156>',
        async: 'true',
        variable: expect.stringMatching(/^__RECEPTIVO_CALLBACK=[0-9a-f-]{36}$/),
      });
      const attemptId = String(originate.variable).split('=')[1];

      // The callback context reports that the citizen answered.
      cti.ami.send(['Event: UserEvent', 'Privilege: user,all', 'UserEvent: ReceptivoCallback', `Id: ${attemptId}`, 'Result: ANSWER']);
      // (The desk was also told, on connecting, of the attendance 1001 still holds from the first test.)
      const answered = await desk.next('call:answered', (payload) => payload.callId === `retorno-${attemptId}`);
      const attendance = attendanceSchema.parse((await cti.server.http.get(`/api/attendances/${answered.attendanceId}`).set(bearer(attendantToken)).expect(200)).body);
      expect(attendance).toMatchObject({ channel: 'phone', status: 'open', call: expect.objectContaining({ callerNumber: ABANDONED_NUMBER }) });

      const [done] = (await list('?status=done')).items.filter((item) => item.id === abandoned.id);
      expect(done).toMatchObject({ status: 'done', doneReason: 'called_back', doneBy: 'Sandra Supervisora' });
      expect(done.attempts).toEqual([expect.objectContaining({ result: 'answered', attendanceProtocol: answered.protocol })]);
      // Called back, it is done: another try is refused.
      await cti.server.http.post(`/api/supervision/abandoned/${abandoned.id}/callback`).set(supervisor).send({ extension: '1001' }).expect(409);
    } finally {
      desk.close();
    }
  });

  it('records a citizen who did not answer and keeps the call pending; refuses a bad extension; a supervisor may close it by hand', async () => {
    const abandoned = await abandon();
    const refused = apiErrorSchema.parse((await cti.server.http.post(`/api/supervision/abandoned/${abandoned.id}/callback`).set(supervisor).send({ extension: '4321' }).expect(400)).body);
    expect(refused.fields).toEqual({ extension: 'Nenhum usuário ativo tem o ramal 4321.' });
    const before = originates().length;
    await cti.server.http.post(`/api/supervision/abandoned/${abandoned.id}/callback`).set(supervisor).send({ extension: '1001' }).expect(200);
    const attemptId = String(originates()[before].variable).split('=')[1];
    cti.ami.send(['Event: UserEvent', 'Privilege: user,all', 'UserEvent: ReceptivoCallback', `Id: ${attemptId}`, 'Result: NOANSWER']);
    await until(async () => (await pendingOf(ABANDONED_NUMBER)).some((item) => item.attempts[0]?.result === 'no_answer'), 'the unanswered try recorded');

    await cti.server.http.post(`/api/supervision/abandoned/${abandoned.id}/done`).set(bearer(await cti.server.login('attendant'))).expect(403);
    const closed = abandonedCallSchema.parse((await cti.server.http.post(`/api/supervision/abandoned/${abandoned.id}/done`).set(supervisor).expect(200)).body);
    expect(closed).toMatchObject({ status: 'done', doneReason: 'by_hand', doneBy: 'Sandra Supervisora' });
    await cti.server.http.post(`/api/supervision/abandoned/${abandoned.id}/done`).set(supervisor).expect(409);
    const period = apiErrorSchema.parse((await cti.server.http.get('/api/supervision/abandoned?from=2026-02-01&to=2026-01-01').set(supervisor).expect(400)).body);
    expect(period.fields).toEqual({ to: 'A data final é anterior à inicial.' });
  });
});

describe('abandoned calls without CTI_CALLBACK_CONTEXT', () => {
  it('are listed, and a callback is refused with the reason', async () => {
    const cti = await startCtiTestApp();
    try {
      const supervisor = bearer(await cti.server.login('supervisor'));
      await cti.ami.replay(transcript('abandon-early'), Infinity);
      let items: AbandonedCall[] = [];
      await until(async () => {
        items = abandonedListSchema.parse((await cti.server.http.get('/api/supervision/abandoned').set(supervisor).expect(200)).body).items;
        return items.length > 0;
      }, 'the abandoned call listed');
      const refused = apiErrorSchema.parse((await cti.server.http.post(`/api/supervision/abandoned/${items[0].id}/callback`).set(supervisor).send({ extension: '1001' }).expect(422)).body);
      expect(refused.message).toBe('Os retornos não estão configurados neste servidor (CTI_CALLBACK_CONTEXT).');
    } finally {
      await cti.close();
    }
  });
});
