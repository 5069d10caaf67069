import { type CategoryTree, apiErrorSchema, attendanceSchema, uraRoutesSchema } from '@receptivo/shared';
import { CtiDesk } from '../testing/cti-desk';
import { type CtiTestApp, startCtiTestApp, transcript } from '../testing/cti-test-app';
import { bearer } from '../testing/request-fixtures';

/** URA-driven knowledge: the admin maps URA options and queues to sessões; the pop names the route and the attendance carries it. */
describe('URA routes', () => {
  let cti: CtiTestApp;
  let admin: { Authorization: string };
  let categoryIds: Map<string, string>;
  beforeAll(async () => {
    cti = await startCtiTestApp();
    admin = bearer(await cti.server.login('admin'));
    const tree = (await cti.server.http.get('/api/categories').set(admin).expect(200)).body as CategoryTree;
    categoryIds = new Map(tree.items.map((category) => [category.name, category.id]));
  });
  afterAll(() => cti.close());

  const put = (routes: unknown[]) => cti.server.http.put('/api/cti/ura-routes').set(admin).send({ routes });

  it('keeps the admin’s table, in order, and refuses a route without option or queue, a repeated one or an unknown sessão', async () => {
    const lighting = categoryIds.get('Iluminação pública')!;
    const cleaning = categoryIds.get('Limpeza urbana')!;
    const saved = uraRoutesSchema.parse((await put([{ option: '2', categoryId: lighting }, { queue: 'atendimento', categoryId: cleaning }]).expect(200)).body);
    expect(saved.routes).toEqual([
      { option: '2', queue: null, categoryId: lighting, categoryName: 'Iluminação pública' },
      { option: null, queue: 'atendimento', categoryId: cleaning, categoryName: 'Limpeza urbana' },
    ]);

    for (const [routes, field] of [
      [[{ option: ' ', queue: '', categoryId: lighting }], 'routes.0.option'],
      [[{ option: '2', categoryId: lighting }, { option: '2', categoryId: cleaning }], 'routes.1.option'],
      [[{ option: '3', categoryId: '00000000-0000-4000-8000-000000000000' }], 'routes.0.categoryId'],
    ] as const) {
      const refused = apiErrorSchema.parse((await put([...routes]).expect(400)).body);
      expect(Object.keys(refused.fields ?? {})).toEqual([field]);
    }
    // Refused tables changed nothing.
    expect(uraRoutesSchema.parse((await cti.server.http.get('/api/cti/ura-routes').set(admin).expect(200)).body)).toEqual(saved);
    await cti.server.http.get('/api/cti/ura-routes').set(bearer(await cti.server.login('supervisor'))).expect(403);
  });

  it('names the route on the pop and on the answered attendance: option and queue beat option, which beats queue', async () => {
    const lighting = categoryIds.get('Iluminação pública')!;
    const cleaning = categoryIds.get('Limpeza urbana')!;
    const health = categoryIds.get('Saúde')!;
    await put([
      { queue: 'atendimento', categoryId: cleaning },
      { option: '2', categoryId: lighting },
      { option: '2', queue: 'ouvidoria', categoryId: health },
    ]).expect(200);
    const token = await cti.server.login('attendant');
    const desk = new CtiDesk(cti.url, token);
    try {
      await desk.connected();
      // inbound-answered: URA option 2, queue atendimento.
      await cti.ami.replay(transcript('inbound-answered'), { speed: Infinity, repetition: 7 });
      const pop = await desk.next('call:ringing');
      expect(pop.uraRoute).toEqual({ categoryId: lighting, categoryName: 'Iluminação pública', label: 'Opção 2 — Iluminação pública' });
      const answered = await desk.next('call:answered');
      const attendance = attendanceSchema.parse((await cti.server.http.get(`/api/attendances/${answered.attendanceId}`).set(bearer(token)).expect(200)).body);
      expect(attendance.call?.uraRoute).toEqual(pop.uraRoute);

      // A route naming both the option and the queue wins over the option's.
      await put([{ option: '2', categoryId: lighting }, { option: '2', queue: 'atendimento', categoryId: health }]).expect(200);
      const both = attendanceSchema.parse((await cti.server.http.get(`/api/attendances/${answered.attendanceId}`).set(bearer(token)).expect(200)).body);
      expect(both.call?.uraRoute).toEqual({ categoryId: health, categoryName: 'Saúde', label: 'Opção 2 — Saúde' });

      // Without the option's route, the queue's applies.
      await put([{ queue: 'atendimento', categoryId: cleaning }]).expect(200);
      const byQueue = attendanceSchema.parse((await cti.server.http.get(`/api/attendances/${answered.attendanceId}`).set(bearer(token)).expect(200)).body);
      expect(byQueue.call?.uraRoute).toEqual({ categoryId: cleaning, categoryName: 'Limpeza urbana', label: 'Fila atendimento — Limpeza urbana' });
    } finally {
      desk.close();
    }
  });
});
