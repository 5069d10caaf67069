import { CtiDesk } from '../testing/cti-desk';
import { type CtiTestApp, startCtiTestApp, transcript } from '../testing/cti-test-app';
import { bearer, requestDesk } from '../testing/request-fixtures';
import { until } from '../testing/until';

/** The pop that knows why they call: the replayed caller's recent attendances and open requests ride on call:ringing. */
describe('repeat callers on the pop', () => {
  let cti: CtiTestApp;
  let desk: CtiDesk | undefined;
  beforeAll(async () => {
    cti = await startCtiTestApp();
  });
  afterEach(() => desk?.close());
  afterAll(() => cti.close());

  it('a caller who called before and has open requests pops with the count and the requests, the most urgent first', async () => {
    const { server, ami, url } = cti;
    const token = await server.login('attendant');
    const auth = bearer(token);
    const requests = await requestDesk(server);
    desk = new CtiDesk(url, token);
    await desk.connected();

    // First call: Maria Silva (matched by her number) has nothing open and never called.
    await ami.replay(transcript('inbound-answered'), Infinity);
    const first = await desk.next('call:ringing');
    expect(first.matches[0]).toMatchObject({ name: 'Maria Silva' });
    expect(first.callerHistory).toEqual({ attendancesLast24h: 0, attendancesLast7d: 0, openRequests: [] });
    const answered = await desk.next('call:answered');
    await desk.next('call:ended');
    await server.http.put(`/api/attendances/${answered.attendanceId}/customer`).set(auth).send({ customerId: first.matches[0].id }).expect(200);
    const pothole = await requests.register('Buraco na via', { attendanceId: answered.attendanceId });
    const lamp = await requests.register('Lâmpada apagada', { attendanceId: answered.attendanceId });
    await server.http.post(`/api/attendances/${answered.attendanceId}/finish`).set(auth).send({}).expect(200);
    await until(() => desk!.states().join() === 'available,ringing,on_call,wrap_up,available', 'available again once the attendance is finished');

    // She calls again: one attendance today, and both requests open, the nearest deadline first.
    await ami.replay(transcript('inbound-answered'), { speed: Infinity, repetition: 1 });
    const again = await desk.next('call:ringing', (pop) => pop.callId !== first.callId);
    const byDeadline = [pothole, lamp].sort((a, b) => a.deadline.localeCompare(b.deadline) || a.protocol.localeCompare(b.protocol));
    expect(again.callerHistory).toEqual({
      attendancesLast24h: 1,
      attendancesLast7d: 1,
      openRequests: byDeadline.map((request) => ({
        id: request.id,
        protocol: request.protocol,
        typeName: request.typeName,
        status: 'open',
        deadline: request.deadline,
        overdue: false,
      })),
    });
  });
});
