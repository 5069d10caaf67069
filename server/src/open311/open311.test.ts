import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import {
  type Open311Attribute,
  type Open311Format,
  type Open311Service,
  type Open311ServiceDefinition,
  type Open311ServiceRequest,
  brazilianStates,
  categoryTreeSchema,
  formatProtocol,
  issuedOpen311KeySchema,
  open311ClientListSchema,
  open311ServiceDefinitionSchema,
  open311ServiceRequestSchema,
  open311ServiceSchema,
  requestSchema,
} from '@receptivo/shared';
import { type Open311Kind, open311Content, specProblems } from '../testing/open311-spec';
import { type Auth, type RequestDesk, address, controlClock, requestDesk } from '../testing/request-fixtures';
import { type TestApp, startTestApp } from '../testing/test-app';

const LAMP = 'Lâmpada apagada';
const POTHOLE = 'Buraco na via';
const LIGHTING = 'Departamento de Iluminação Pública';

describe('Open311 GeoReport v2', () => {
  let server: TestApp;
  let desk: RequestDesk;
  let supervisor: Auth;
  let sidewalk: string;

  beforeAll(async () => {
    server = await startTestApp();
    desk = await requestDesk(server);
    supervisor = { Authorization: `Bearer ${await server.login('supervisor')}` };
    // A type with every kind of field the desk draws, and a required address.
    const tree = categoryTreeSchema.parse((await server.http.get('/api/categories').set(desk.attendant).expect(200)).body);
    const category = tree.items.find((item) => item.name === 'Zeladoria urbana')!;
    const created = await server.http
      .post('/api/knowledge/request-types')
      .set(supervisor)
      .send({
        categoryId: category.id,
        organId: desk.organId('Secretaria Municipal das Subprefeituras'),
        name: 'Calçada danificada',
        description: 'Calçada quebrada, com buraco ou desnível.',
        formSchema: {
          type: 'object',
          properties: {
            tipoPiso: { type: 'string', title: 'Tipo de piso', enum: ['Concreto', 'Ladrilho', 'Pedra portuguesa'], 'x-widget': 'select' },
            urgencia: { type: 'string', title: 'Urgência', enum: ['Baixa', 'Alta'], 'x-widget': 'radio' },
            problemas: { type: 'array', title: 'Problemas', items: { type: 'string', enum: ['Buraco', 'Desnível', 'Raiz de árvore'] }, uniqueItems: true },
            desde: { type: 'string', format: 'date', title: 'Desde quando' },
            largura: { type: 'integer', title: 'Largura da calçada (m)', minimum: 1, maximum: 10, 'x-help': 'Medida aproximada.' },
            rampa: { type: 'boolean', title: 'Há rampa de acessibilidade?' },
            detalhes: { type: 'string', title: 'Detalhes', 'x-widget': 'textarea', maxLength: 500 },
          },
          required: ['tipoPiso', 'problemas', 'largura'],
        },
        operatorGuidance: '<p>Pergunte o tipo de piso.</p>',
        slaHours: 240,
        groupByAddress: true,
        addressRequired: true,
      })
      .expect(201);
    sidewalk = created.body.id;
  });
  afterAll(() => server.close());

  /**
   * The same resource as JSON and as XML: both within the standard's field list for their kind, with
   * the same content, in the standard's content types. Answers the JSON.
   */
  async function read<T>(kind: Open311Kind, resource: string, query = ''): Promise<{ status: number; body: T }> {
    const answers = {} as Record<Open311Format, { status: number; text: string }>;
    for (const format of ['json', 'xml'] as const) {
      const response = await server.http.get(`/open311/v2/${resource}.${format}${query}`);
      expect(response.headers['content-type']).toBe(format === 'json' ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8');
      expect(specProblems(kind, format, response.text)).toEqual([]);
      answers[format] = { status: response.status, text: response.text };
    }
    expect(answers.xml.status).toBe(answers.json.status);
    expect(open311Content(kind, 'xml', answers.xml.text)).toEqual(open311Content(kind, 'json', answers.json.text));
    return { status: answers.json.status, body: JSON.parse(answers.json.text) as T };
  }

  const services = async () => (await read<Open311Service[]>('services', 'services')).body.map((service) => open311ServiceSchema.strict().parse(service));
  const definition = async (code: string) => open311ServiceDefinitionSchema.strict().parse((await read<Open311ServiceDefinition>('serviceDefinition', `services/${code}`)).body);
  const requests = async (query = '') => {
    const { status, body } = await read<Open311ServiceRequest[]>('serviceRequests', 'requests', query);
    expect(status).toBe(200);
    return body.map((request) => open311ServiceRequestSchema.strict().parse(request));
  };
  /** An error answer in both formats: its status, and the descriptions of its errors. */
  async function refusal(resource: string, query = ''): Promise<{ status: number; descriptions: string[] }> {
    const { status, body } = await read<{ code: number; description: string }[]>('errors', resource, query);
    for (const error of body) expect(error.code).toBe(status);
    return { status, descriptions: body.map((error) => error.description) };
  }

  describe('services', () => {
    it('lists the request types the desk offers, grouped by their category, with their keywords', async () => {
      const tree = categoryTreeSchema.parse((await server.http.get('/api/categories').set(desk.attendant).expect(200)).body);
      const offered = tree.items.flatMap((category) => category.requestTypes.map((type) => ({ code: type.id, group: category.name })));
      const listed = await services();
      expect(listed.map((service) => ({ code: service.service_code, group: service.group }))).toEqual(offered);

      const lamp = listed.find((service) => service.service_name === LAMP)!;
      expect(lamp).toEqual({
        service_code: desk.type(LAMP).id,
        service_name: LAMP,
        description: 'Lâmpada de iluminação pública apagada, piscando ou acesa durante o dia.',
        metadata: true,
        type: 'realtime',
        keywords: expect.stringContaining('lâmpada'),
        group: 'Iluminação pública',
      });
      // The words of the informations that lead to the type, each once.
      const words = lamp.keywords.split(',');
      expect(words).toContain('poste');
      expect(new Set(words).size).toBe(words.length);
    });

    it('leaves out a deactivated type, whose definition is then not found', async () => {
      const { id } = desk.type('Poda de árvore');
      await server.http.patch(`/api/knowledge/request-types/${id}`).set(supervisor).send({ active: false }).expect(200);
      try {
        expect((await services()).map((service) => service.service_code)).not.toContain(id);
        const gone = await refusal(`services/${id}`);
        expect(gone).toEqual({ status: 404, descriptions: ['Serviço não encontrado: confira o service_code na lista de serviços.'] });
      } finally {
        await server.http.patch(`/api/knowledge/request-types/${id}`).set(supervisor).send({ active: true }).expect(200);
      }
      expect((await services()).map((service) => service.service_code)).toContain(id);
    });
  });

  describe('service definitions', () => {

    it("describes each field of the type's form as an attribute of its datatype, with its options and help", async () => {
      const { attributes } = await definition(sidewalk);
      const byCode = new Map(attributes.map((attribute) => [attribute.code, attribute]));
      const field = (name: string): Omit<Open311Attribute, 'order'> => {
        const { order: _order, ...rest } = byCode.get(name)!;
        return rest;
      };
      const common = { variable: true, required: false, datatype_description: null };
      expect(field('tipoPiso')).toEqual({
        ...common,
        code: 'tipoPiso',
        datatype: 'singlevaluelist',
        required: true,
        description: 'Tipo de piso',
        values: ['Concreto', 'Ladrilho', 'Pedra portuguesa'].map((option) => ({ key: option, name: option })),
      });
      expect(field('urgencia')).toMatchObject({ datatype: 'singlevaluelist', values: [{ key: 'Baixa', name: 'Baixa' }, { key: 'Alta', name: 'Alta' }] });
      expect(field('problemas')).toEqual({
        ...common,
        code: 'problemas',
        datatype: 'multivaluelist',
        required: true,
        description: 'Problemas',
        values: ['Buraco', 'Desnível', 'Raiz de árvore'].map((option) => ({ key: option, name: option })),
      });
      expect(field('desde')).toEqual({ ...common, code: 'desde', datatype: 'datetime', description: 'Desde quando', datatype_description: 'Data no formato AAAA-MM-DD.' });
      expect(field('largura')).toEqual({
        ...common,
        code: 'largura',
        datatype: 'number',
        required: true,
        description: 'Largura da calçada (m)',
        datatype_description: 'Medida aproximada. Número inteiro de 1 a 10.',
      });
      expect(field('rampa')).toEqual({
        ...common,
        code: 'rampa',
        datatype: 'singlevaluelist',
        description: 'Há rampa de acessibilidade?',
        values: [{ key: 'true', name: 'Sim' }, { key: 'false', name: 'Não' }],
      });
      expect(field('detalhes')).toEqual({ ...common, code: 'detalhes', datatype: 'text', description: 'Detalhes' });
    });

    it('asks a type that requires an address for the structured address that groups requests, after the form', async () => {
      const { attributes } = await definition(sidewalk);
      expect(attributes.map((attribute) => attribute.order)).toEqual(attributes.map((_attribute, index) => index + 1));
      const address = attributes.slice(-7);
      expect(address.map(({ code: name, required, datatype }) => ({ name, required, datatype }))).toEqual([
        { name: 'endereco_cep', required: true, datatype: 'string' },
        { name: 'endereco_logradouro', required: true, datatype: 'string' },
        { name: 'endereco_numero', required: true, datatype: 'string' },
        { name: 'endereco_complemento', required: false, datatype: 'string' },
        { name: 'endereco_bairro', required: true, datatype: 'string' },
        { name: 'endereco_cidade', required: true, datatype: 'string' },
        { name: 'endereco_uf', required: true, datatype: 'singlevaluelist' },
      ]);
      expect(address[6].values?.map((value) => value.key)).toEqual([...brazilianStates]);

      // A type without a required address asks only for its form's fields.
      const clinic = await definition(desk.type('Reclamação de atendimento em UBS').id);
      expect(clinic.attributes.some((attribute) => attribute.code.startsWith('endereco_'))).toBe(false);
    });

    it('answers an unknown or malformed service_code, or an unknown format, in the standard\'s error format', async () => {
      for (const unknown of ['00000000-0000-4000-8000-000000000000', 'não-é-um-código']) {
        expect(await refusal(`services/${encodeURIComponent(unknown)}`)).toEqual({
          status: 404,
          descriptions: ['Serviço não encontrado: confira o service_code na lista de serviços.'],
        });
      }
      for (const path of [`/open311/v2/services/${sidewalk}.html`, '/open311/v2/services.csv', '/open311/v2/tokens/1.xml']) {
        const response = await server.http.get(path).expect(404);
        expect(specProblems('errors', 'xml', response.text)).toEqual([]);
      }
    });
  });

  describe('requests', () => {
    it('lists the desk\'s requests by their public fields only, newest first, and one by its protocol in any punctuation', async () => {
      const first = await desk.register(LAMP, { street: 'Rua Aurora', number: '120' });
      const second = await desk.register(POTHOLE, { street: 'Avenida Ipiranga', number: '344' });
      const listed = await requests();
      const mine = listed.filter((request) => [first.protocol, second.protocol].map(formatProtocol).includes(request.service_request_id));
      expect(mine.map((request) => request.service_request_id)).toEqual([formatProtocol(second.protocol), formatProtocol(first.protocol)]);
      expect(mine[1]).toEqual({
        service_request_id: formatProtocol(first.protocol),
        status: 'open',
        status_notes: 'Aberta.',
        service_name: LAMP,
        service_code: desk.type(LAMP).id,
        // The desk's requests show no free text: what the citizen said may name people.
        description: null,
        agency_responsible: LIGHTING,
        service_notice: null,
        requested_datetime: first.createdAt,
        updated_datetime: expect.any(String),
        expected_datetime: first.deadline,
        // Street, neighborhood and city: no number, no complement, no CEP.
        address: 'Rua Aurora, Bela Vista, São Paulo',
      });

      for (const id of [formatProtocol(first.protocol), first.protocol]) {
        const one = await read<Open311ServiceRequest[]>('serviceRequests', `requests/${id}`);
        expect(one).toEqual({ status: 200, body: [mine[1]] });
      }
    });

    it('answers an unknown or malformed protocol with 404 in the standard\'s error format', async () => {
      const wrongDigit = (await desk.register(LAMP)).protocol.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
      for (const id of [wrongDigit, '2026.999999-9', 'abc']) {
        expect(await refusal(`requests/${id}`)).toEqual({ status: 404, descriptions: ['Solicitação não encontrada: confira o número do protocolo.'] });
      }
    });

    it('filters by service_request_id, service_code, status and dates, within 90 days by default', async () => {
      const clock = controlClock(server);
      try {
        clock.setTo(new Date(Date.now() - 120 * 86_400_000));
        const old = await desk.register(LAMP, { street: 'Rua Antiga', number: '1' });
        clock.reset();
        const open = await desk.register(LAMP, { street: 'Rua Nova', number: '2' });
        const closing = await desk.register(LAMP, { street: 'Rua Nova', number: '3' });
        const lighting = await desk.backoffice(LIGHTING);
        await server.http.post(`/api/requests/${closing.id}/status`).set(lighting).send({ status: 'finished', response: 'Lâmpada trocada pela equipe.' }).expect(200);
        const pothole = await desk.register(POTHOLE, { street: 'Rua Nova', number: '4' });
        const ids = (list: Open311ServiceRequest[]) => list.map((request) => request.service_request_id);
        const id = (request: { protocol: string }) => formatProtocol(request.protocol);

        const recent = ids(await requests());
        expect(recent).toEqual(expect.arrayContaining([id(open), id(closing), id(pothole)]));
        expect(recent).not.toContain(id(old));

        const lamps = await requests(`?service_code=${desk.type(LAMP).id}`);
        expect(lamps.every((request) => request.service_code === desk.type(LAMP).id)).toBe(true);
        expect(ids(lamps)).toEqual(expect.arrayContaining([id(open), id(closing)]));

        const closed = await requests('?status=closed');
        expect(ids(closed)).toContain(id(closing));
        expect(closed.every((request) => request.status === 'closed')).toBe(true);
        // A desk request's response is written to its requester: only the situation is said.
        expect(closed.find((request) => request.service_request_id === id(closing))?.status_notes).toBe('Finalizada.');
        expect(ids(await requests('?status=open'))).not.toContain(id(closing));
        expect(ids(await requests('?status=open,closed'))).toEqual(expect.arrayContaining([id(open), id(closing)]));

        const then = new Date(Date.now() - 125 * 86_400_000);
        const window = `?start_date=${then.toISOString().slice(0, 10)}&end_date=${encodeURIComponent(new Date(then.getTime() + 30 * 86_400_000).toISOString())}`;
        expect(ids(await requests(window))).toEqual([id(old)]);

        // The ids override every other filter; unknown and malformed ones find nothing.
        const chosen = await requests(`?service_request_id=${old.protocol},${id(pothole)},abc&status=closed&service_code=${desk.type(LAMP).id}`);
        expect(ids(chosen)).toEqual([id(pothole), id(old)]);
      } finally {
        clock.reset();
      }
    });

    it('refuses a window over 90 days, dates it cannot read and an unknown status, each error naming its parameter', async () => {
      expect(await refusal('requests', '?start_date=2026-01-01&end_date=2026-06-01')).toEqual({
        status: 400,
        descriptions: ['end_date: O intervalo entre start_date e end_date pode ter no máximo 90 dias.'],
      });
      expect(await refusal('requests', '?start_date=2026-03-01&end_date=2026-02-01')).toEqual({
        status: 400,
        descriptions: ['end_date: end_date deve ser depois de start_date.'],
      });
      const many = await refusal('requests', '?start_date=ontem&status=pending');
      expect(many.status).toBe(400);
      expect(many.descriptions.sort()).toEqual([
        'start_date: start_date deve ser uma data e hora ISO 8601 com fuso (2026-12-05T00:00:00-03:00) ou uma data (2026-12-05).',
        'status[0]: status deve ser open ou closed (ou os dois, separados por vírgula).',
      ]);
    });
  });

  describe('posting requests', () => {
    let apiKey: string;
    let clientId: string;

    beforeAll(async () => {
      const issued = issuedOpen311KeySchema.parse((await server.http.post('/api/open311-clients').set(desk.admin).send({ name: 'Cidade Atenta' }).expect(201)).body);
      apiKey = issued.apiKey;
      clientId = issued.client.id;
    });

    /** A form-urlencoded post, as the standard sends it: `attribute[code]=value`, `attribute[code][]=a` for a list. */
    const post = (format: Open311Format, fields: [string, string][]) =>
      server.http
        .post(`/open311/v2/requests.${format}`)
        .type('form')
        .send(fields.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&'));
    const at = (street: string, number: string): [string, string][] => [
      ['attribute[endereco_cep]', '01310-100'],
      ['attribute[endereco_logradouro]', street],
      ['attribute[endereco_numero]', number],
      ['attribute[endereco_bairro]', 'Bela Vista'],
      ['attribute[endereco_cidade]', 'São Paulo'],
      ['attribute[endereco_uf]', 'SP'],
    ];
    const countRequests = async () => (await server.app.get(DataSource).query('SELECT count(*)::int AS n FROM requests'))[0].n as number;
    const idOf = async (serviceRequestId: string) =>
      (await server.app.get(DataSource).query('SELECT id FROM requests WHERE protocol = $1', [serviceRequestId.replace(/\D/g, '')]))[0].id as string;
    const viewAtDesk = async (serviceRequestId: string) =>
      requestSchema.parse((await server.http.get(`/api/requests/${await idOf(serviceRequestId)}`).set(desk.attendant).expect(200)).body);
    /** The posted request's answer, checked against the standard's field list. */
    function created(format: Open311Format, text: string) {
      expect(specProblems('createdRequests', format, text)).toEqual([]);
      const [answer] = open311Content('createdRequests', format, text) as Record<string, string>[];
      expect(answer.service_request_id).toMatch(/^\d{4}\.\d{6}-\d$/);
      return answer;
    }

    it('registers a form-urlencoded report by the desk\'s rules and answers its protocol; the person who sent it is not kept', async () => {
      const before = await countRequests();
      const response = await post('xml', [
        ['api_key', apiKey],
        ['jurisdiction_id', 'sao-paulo'],
        ['service_code', desk.type(LAMP).id],
        ['attribute[periodo]', 'Piscando'],
        ['attribute[quantidadePostes]', '2'],
        ['attribute[naoExiste]', 'ignorado'],
        ...at('Rua Frei Caneca', '500'),
        ['attribute[endereco_complemento]', 'Esquina'],
        ['description', 'Três postes piscando a noite toda.'],
        ['lat', '-23.5558'],
        ['long', '-46.6545'],
        ['media_url', 'https://fotos.example.com/poste.jpg'],
        ['email', 'reporter.anonimo@example.com'],
        ['first_name', 'Reinaldo'],
        ['last_name', 'Quintanilha'],
        ['phone', '(11) 94321-8765'],
        ['device_id', 'device-abc-123'],
        ['account_id', 'conta-987'],
      ]).expect(201);
      expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
      const answer = created('xml', response.text);
      expect(answer.service_notice).toMatch(/^Encaminhada a Departamento de Iluminação Pública, com prazo de atendimento até \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2} \(horário de Brasília\)\.$/);
      expect(answer.account_id).toBe('');
      expect(await countRequests()).toBe(before + 1);

      const [listed] = (await read<Open311ServiceRequest[]>('serviceRequests', `requests/${answer.service_request_id}`)).body;
      expect(listed).toMatchObject({
        service_request_id: answer.service_request_id,
        status: 'open',
        service_code: desk.type(LAMP).id,
        // An application's report shows its own text, with where it said it was.
        description: 'Três postes piscando a noite toda.\nCoordenadas (WGS84): -23.5558, -46.6545\nMídia: https://fotos.example.com/poste.jpg',
        address: 'Rua Frei Caneca, Bela Vista, São Paulo',
      });
      expect((await requests()).map((request) => request.service_request_id)).toContain(answer.service_request_id);

      // At the desk: the form and the address as an attendant would have typed them, no requester, the app named.
      const request = await viewAtDesk(answer.service_request_id);
      expect(request).toMatchObject({
        form: { periodo: 'Piscando', quantidadePostes: 2 },
        address: { cep: '01310100', street: 'Rua Frei Caneca', number: '500', complement: 'Esquina', neighborhood: 'Bela Vista', city: 'São Paulo', state: 'SP' },
        customer: null,
        registeredBy: 'Aplicativo Open311',
      });
      expect(request.timeline[0].description).toMatch(/^Solicitação recebida do aplicativo Cidade Atenta pelo Open311/);
      // The back office reads what the application described where the request's history begins.
      expect(request.timeline[0].description).toContain('Descrição enviada: Três postes piscando a noite toda.\nCoordenadas (WGS84): -23.5558, -46.6545');
      const stored = await server.app
        .get(DataSource)
        .query(
          `SELECT row_to_json(r)::text || row_to_json(a)::text || row_to_json(o)::text AS text
             FROM requests r JOIN attendances a ON a.id = r.attendance_id JOIN open311_requests o ON o.request_id = r.id WHERE r.id = $1`,
          [request.id],
        );
      // The phone is searched whole, with and without its layout: a shorter run of its digits can turn up
      // in a timestamp's microseconds.
      for (const personal of ['reporter.anonimo', 'Reinaldo', 'Quintanilha', '94321-8765', '943218765', 'device-abc', 'conta-987']) {
        expect(stored[0].text).not.toContain(personal);
      }

      const clients = open311ClientListSchema.parse((await server.http.get('/api/open311-clients').set(desk.admin).expect(200)).body);
      expect(clients.items.find((client) => client.id === clientId)?.lastUsedAt).toEqual(expect.any(String));
    });

    it('groups two reports at the same address, as the desk shows, and says so to the second', async () => {
      const first = created('json', (await post('json', [['api_key', apiKey], ['service_code', desk.type(LAMP).id], ['attribute[periodo]', 'Apagada o dia todo'], ...at('Rua Vergueiro', '1000')]).expect(201)).text);
      // The same place written otherwise, posted as JSON as some clients do.
      const second = await server.http
        .post('/open311/v2/requests.json')
        .send({
          api_key: apiKey,
          service_code: desk.type(LAMP).id,
          attribute: { periodo: 'Apagada só à noite', endereco_cep: '01310100', endereco_logradouro: 'R. Vergueiro', endereco_numero: '1000', endereco_bairro: 'Bela Vista', endereco_cidade: 'São Paulo', endereco_uf: 'SP' },
        })
        .expect(201);
      const answer = created('json', second.text);
      expect(answer.service_notice).toContain(`Agrupada com a solicitação ${first.service_request_id}, aberta no mesmo endereço`);

      const view = await viewAtDesk(answer.service_request_id);
      expect(view.groupOf?.protocol).toBe(first.service_request_id.replace(/\D/g, ''));
      expect(view.group.map((member) => formatProtocol(member.protocol))).toEqual([first.service_request_id, answer.service_request_id]);
    });

    it('takes every kind of attribute: lists of several values, dates, numbers and yes/no', async () => {
      const response = await post('json', [
        ['api_key', apiKey],
        ['service_code', sidewalk],
        ['attribute[tipoPiso]', 'Ladrilho'],
        ['attribute[problemas][]', 'Buraco'],
        ['attribute[problemas][]', 'Raiz de árvore'],
        ['attribute[desde]', '2026-11-30T10:00:00-03:00'],
        ['attribute[largura]', '3'],
        ['attribute[rampa]', 'false'],
        ['attribute[detalhes]', 'Pedestres desviando pela rua.'],
        ...at('Rua Augusta', '90'),
      ]).expect(201);
      const request = await viewAtDesk(created('json', response.text).service_request_id);
      expect(request.form).toEqual({ tipoPiso: 'Ladrilho', problemas: ['Buraco', 'Raiz de árvore'], desde: '2026-11-30', largura: 3, rampa: false, detalhes: 'Pedestres desviando pela rua.' });
    });

    it('refuses a post without a valid api_key with 403 in the standard\'s format, JSON and XML, and registers nothing', async () => {
      const before = await countRequests();
      const report: [string, string][] = [['service_code', desk.type(LAMP).id], ['attribute[periodo]', 'Piscando'], ...at('Rua Bela Cintra', '10')];
      const { client: paused, apiKey: pausedKey } = issuedOpen311KeySchema.parse(
        (await server.http.post('/api/open311-clients').set(desk.admin).send({ name: 'Aplicativo pausado' }).expect(201)).body,
      );
      await server.http.patch(`/api/open311-clients/${paused.id}`).set(desk.admin).send({ active: false }).expect(200);
      const description = 'api_key ausente, inválida ou de um aplicativo desativado: peça uma chave à administração do serviço.';
      for (const format of ['json', 'xml'] as const) {
        for (const key of [[], [['api_key', 'chave-inventada']], [['api_key', pausedKey]], [['api_key', '']]] as [string, string][][]) {
          const response = await post(format, [...key, ...report]).expect(403);
          expect(specProblems('errors', format, response.text)).toEqual([]);
          expect(open311Content('errors', format, response.text)).toEqual([{ code: '403', description }]);
        }
      }
      // A staff session is no key.
      await server.http.post('/open311/v2/requests.json').set(desk.admin).type('form').send(`service_code=${desk.type(LAMP).id}`).expect(403);
      expect(await countRequests()).toBe(before);

      await server.http.patch(`/api/open311-clients/${paused.id}`).set(desk.admin).send({ active: true }).expect(200);
      await post('json', [['api_key', pausedKey], ...report]).expect(201);
    });

    it('refuses invalid attributes with one pt-BR error per field, named as sent, and registers nothing', async () => {
      const before = await countRequests();
      const invalidAttributes: [string, string][] = [
        ['api_key', apiKey],
        ['service_code', sidewalk],
        ['attribute[problemas][]', 'Buraco'],
        ['attribute[largura]', 'três'],
        ['attribute[urgencia]', 'Urgentíssima'],
        ['attribute[rampa]', 'talvez'],
        ['attribute[endereco_cep]', '0131'],
        ['attribute[endereco_logradouro]', 'Rua Augusta'],
        ['attribute[endereco_numero]', '12'],
        ['attribute[endereco_bairro]', 'Consolação'],
        ['attribute[endereco_cidade]', 'São Paulo'],
        ['attribute[endereco_uf]', 'XX'],
      ];
      const invalid = await post('json', [...invalidAttributes, ['lat', '123']]).expect(400);
      expect(specProblems('errors', 'json', invalid.text)).toEqual([]);
      expect((JSON.parse(invalid.text) as { code: number; description: string }[]).map((error) => `${error.code} ${error.description}`).sort()).toEqual([
        '400 lat: lat deve ser um número entre -90 e 90 (graus decimais, WGS84).',
      ]);

      const attributes = await post('xml', invalidAttributes).expect(400);
      expect(specProblems('errors', 'xml', attributes.text)).toEqual([]);
      expect((open311Content('errors', 'xml', attributes.text) as Record<string, string>[]).map((error) => error.description).sort()).toEqual([
        'attribute[endereco_cep]: CEP deve ter 8 dígitos.',
        'attribute[endereco_uf]: Informe a UF (sigla do estado).',
        'attribute[largura]: Informe um número.',
        'attribute[rampa]: Use true ou false.',
        'attribute[tipoPiso]: Campo obrigatório.',
        expect.stringMatching(/^attribute\[urgencia\]: Valor inválido: /),
      ]);

      const missing = await post('json', [['api_key', apiKey]]).expect(400);
      expect(JSON.parse(missing.text)).toEqual([{ code: 400, description: 'service_code: Informe o service_code (o tipo de solicitação).' }]);
      const unknown = await post('json', [['api_key', apiKey], ['service_code', '00000000-0000-4000-8000-000000000000']]).expect(404);
      expect(JSON.parse(unknown.text)).toEqual([{ code: 404, description: 'Serviço não encontrado: confira o service_code na lista de serviços.' }]);
      const unreadable = await server.http.post('/open311/v2/requests.xml').set('Content-Type', 'application/json').send('{"api_key": ').expect(400);
      expect(open311Content('errors', 'xml', unreadable.text)).toEqual([{ code: '400', description: 'O corpo da requisição não é um JSON válido.' }]);
      expect(await countRequests()).toBe(before);
    });
  });

  describe('hostile input', () => {
    /** Text no client should be trusted with: NUL, lone surrogates, markup, odd unicode, long strings. */
    const hostile = fc.oneof(
      fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '<x>&amp;', ']]>', '\u0007', '\u202Eevil', '%00', "'; DROP TABLE requests; --", ''),
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.nat({ max: 6000 }).map((length) => 'ç'.repeat(length)),
    );
    const encoded = (value: string) => encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));

    /** Never a 5xx; every refusal in the standard's error format, in the path's format. */
    async function answersWithinTheStandard(method: 'get' | 'post', path: string, body?: string): Promise<void> {
      let call = server.http[method](path);
      if (body !== undefined) call = call.type('form').send(body);
      const response = await call;
      const shown = `${method} ${path.slice(0, 200)}`;
      if (response.status >= 500) throw new Error(`${shown} answered ${response.status} ${response.text.slice(0, 300)}`);
      if (response.status >= 400) {
        const format = path.split('?')[0].endsWith('.json') ? 'json' : 'xml';
        const problems = specProblems('errors', format, response.text);
        if (problems.length) throw new Error(`${shown} answered ${response.status}: ${problems.join('; ')} in ${response.text.slice(0, 300)}`);
      }
    }

    it('answers generated queries, paths and posts without a 5xx, every error in the standard\'s format', async () => {
      const { apiKey } = issuedOpen311KeySchema.parse((await server.http.post('/api/open311-clients').set(desk.admin).send({ name: 'Aplicativo de teste hostil' }).expect(201)).body);
      const format = fc.constantFrom('json', 'xml');
      const parameter = fc.constantFrom('service_request_id', 'service_code', 'start_date', 'end_date', 'status', 'jurisdiction_id');
      await fc.assert(
        fc.asyncProperty(format, fc.array(fc.tuple(parameter, hostile), { maxLength: 4 }), async (extension, query) => {
          // Short enough for Node's 16 KB header limit, which answers before the app does.
          await answersWithinTheStandard('get', `/open311/v2/requests.${extension}?${query.map(([name, value]) => `${name}=${encoded(value.slice(0, 500))}`).join('&')}`);
        }),
        { seed: 311, numRuns: 60 },
      );
      await fc.assert(
        fc.asyncProperty(format, fc.constantFrom('services', 'requests'), hostile, async (extension, collection, name) => {
          await answersWithinTheStandard('get', `/open311/v2/${collection}/${encoded(name.slice(0, 500))}.${extension}`);
        }),
        { seed: 311, numRuns: 60 },
      );
      const field = fc.constantFrom('service_code', 'description', 'lat', 'long', 'address_string', 'media_url', 'attribute[periodo]', 'attribute[quantidadePostes]', 'attribute[endereco_uf]', 'attribute[x][y]', 'attribute', 'attribute[]');
      await fc.assert(
        fc.asyncProperty(format, fc.array(fc.tuple(field, hostile), { maxLength: 5 }), fc.boolean(), async (extension, fields, typed) => {
          const chosen = typed ? [['service_code', desk.type(LAMP).id], ...fields] : fields;
          const body = [['api_key', apiKey], ...chosen].map(([name, value]) => `${encoded(name)}=${encoded(value)}`).join('&');
          await answersWithinTheStandard('post', `/open311/v2/requests.${extension}`, body);
        }),
        { seed: 311, numRuns: 80 },
      );
      // Text PostgreSQL stores but XML cannot carry, and markup, are listed as well-formed XML.
      const marked = 'Sino\u0007 tocando <b>&amp;</b> ]]> fim';
      const posted = await server.http
        .post('/open311/v2/requests.json')
        .type('form')
        .send({ api_key: apiKey, service_code: desk.type('Reclamação de atendimento em UBS').id, description: marked, 'attribute[nomeUnidade]': 'UBS Centro', 'attribute[dataAtendimento]': '2026-12-01', 'attribute[motivo]': 'Outro', 'attribute[relato]': 'Teste.' })
        .expect(201);
      const [{ service_request_id: id }] = JSON.parse(posted.text) as { service_request_id: string }[];
      const one = await server.http.get(`/open311/v2/requests/${id}.xml`).expect(200);
      expect((open311Content('serviceRequests', 'xml', one.text) as Record<string, string>[])[0].description).toBe('Sino tocando <b>&amp;</b> ]]> fim');
      const listed = await server.http.get('/open311/v2/requests.xml').expect(200);
      expect(specProblems('serviceRequests', 'xml', listed.text)).toEqual([]);
      expect(listed.text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    }, 60_000);
  });

  describe('personal data', () => {
    it('never answers a CPF, e-mail, phone or name of a customer, whatever the desk registered for them', async () => {
      const person = { name: 'Gertrudes Vasconcelos Pimentel', document: '418.273.650-80', email: 'gertrudes.pimentel@example.com', phone: '(21) 99876-5432' };
      const customer = await server.http
        .post('/api/customers')
        .set(desk.attendant)
        .send({ type: 'person', name: person.name, document: person.document, email: person.email, phones: [{ number: person.phone }], addresses: [address('Rua das Palmeiras', '77')] })
        .expect(201);
      const attendance = await desk.startAttendance({ customerId: customer.body.id });
      // The form's free text holds the person's data too, as attendants sometimes type it.
      const registered = requestSchema.parse(
        (
          await server.http
            .post(`/api/attendances/${attendance.id}/requests`)
            .set(desk.attendant)
            .send({
              requestTypeId: desk.type('Poste de iluminação danificado').id,
              form: {
                tipoDano: 'Poste abalroado por veículo',
                descricao: `Falar com ${person.name}, CPF ${person.document}, ${person.email}, tel. ${person.phone}.`,
                pontoReferencia: 'Casa da Gertrudes',
              },
              address: { ...address('Rua das Palmeiras', '77'), complement: 'Apto 12' },
            })
            .expect(201)
        ).body,
      );
      const lighting = await desk.backoffice(LIGHTING);
      await server.http
        .post(`/api/requests/${registered.id}/status`)
        .set(lighting)
        .send({ status: 'finished', response: `Sra. ${person.name}, o poste foi trocado; dúvidas: ${person.email}.` })
        .expect(200);

      const bodies: string[] = [];
      // An application sends who reported as well, as the standard allows: it is neither kept nor answered.
      const { apiKey } = issuedOpen311KeySchema.parse((await server.http.post('/api/open311-clients').set(desk.admin).send({ name: 'Relata Aí' }).expect(201)).body);
      for (const format of ['json', 'xml']) {
        const posted = await server.http
          .post(`/open311/v2/requests.${format}`)
          .type('form')
          .send({
            api_key: apiKey,
            service_code: desk.type('Reclamação de atendimento em UBS').id,
            'attribute[nomeUnidade]': 'UBS Jardim das Flores',
            'attribute[dataAtendimento]': '2026-12-01',
            'attribute[motivo]': 'Demora no atendimento',
            'attribute[relato]': 'Esperamos quatro horas.',
            email: person.email,
            first_name: 'Gertrudes',
            last_name: 'Vasconcelos Pimentel',
            phone: person.phone,
            account_id: person.document,
          })
          .expect(201);
        bodies.push(posted.text);
      }
      const collect = async (path: string) => {
        for (const format of ['json', 'xml']) bodies.push((await server.http.get(`/open311/v2/${path}.${format}`)).text);
      };
      await collect('requests');
      await collect(`requests/${formatProtocol(registered.protocol)}`);
      await collect(`requests/${registered.protocol}`);
      for (const service of await services()) await collect(`services/${service.service_code}`);
      await collect('services');
      expect(bodies.join('\n')).toContain(formatProtocol(registered.protocol));
      expect(bodies.join('\n')).toContain('Reclamação de atendimento em UBS');

      // Digits in any punctuation: 390.533.447-05, 39053344705, 390 533 447 05…
      const digitsAnyhow = (value: string) => new RegExp(value.replace(/\D/g, '').split('').join('[^0-9A-Za-z]{0,3}'));
      const leaks = [digitsAnyhow(person.document), digitsAnyhow(person.phone), /gertrudes\.pimentel/i, /Gertrudes|Vasconcelos|Pimentel/i, /Apto 12/];
      for (const body of bodies) for (const leak of leaks) expect(body).not.toMatch(leak);
    });
  });

  describe('client applications (admin)', () => {
    it('registers an application with a key shown once and kept only as its SHA-256, and lists it', async () => {
      const issued = issuedOpen311KeySchema.parse(
        (await server.http.post('/api/open311-clients').set(desk.admin).send({ name: '  Colab Cidade  ' }).expect(201)).body,
      );
      expect(issued.client).toMatchObject({ name: 'Colab Cidade', active: true, createdBy: 'Administrador do Sistema', lastUsedAt: null });
      expect(issued.apiKey.length).toBeGreaterThanOrEqual(40);

      const listed = await server.http.get('/api/open311-clients').set(desk.admin).expect(200);
      expect(open311ClientListSchema.parse(listed.body).items).toContainEqual(issued.client);
      // Looked for in what was sent: the schema would drop a key that leaked.
      expect(listed.text).not.toContain(issued.apiKey);
      const stored = await server.app.get(DataSource).query('SELECT * FROM open311_clients WHERE id = $1', [issued.client.id]);
      expect(JSON.stringify(stored)).not.toContain(issued.apiKey);
      const { createHash } = await import('node:crypto');
      expect(stored[0].key_sha256).toBe(createHash('sha256').update(issued.apiKey).digest('hex'));

      const taken = await server.http.post('/api/open311-clients').set(desk.admin).send({ name: 'colab cidade' }).expect(409);
      expect(taken.body.fields).toEqual({ name: 'Já existe um aplicativo com este nome.' });
      const empty = await server.http.post('/api/open311-clients').set(desk.admin).send({ name: ' ' }).expect(400);
      expect(empty.body.fields).toEqual({ name: 'Informe o nome do aplicativo.' });
    });

    it('deactivates and reactivates an application, and renames it', async () => {
      const { client } = issuedOpen311KeySchema.parse((await server.http.post('/api/open311-clients').set(desk.admin).send({ name: 'Zeladoria Já' }).expect(201)).body);
      const off = await server.http.patch(`/api/open311-clients/${client.id}`).set(desk.admin).send({ active: false }).expect(200);
      expect(off.body).toMatchObject({ id: client.id, active: false });
      const on = await server.http.patch(`/api/open311-clients/${client.id}`).set(desk.admin).send({ active: true, name: 'Zeladoria Já 2' }).expect(200);
      expect(on.body).toMatchObject({ id: client.id, active: true, name: 'Zeladoria Já 2' });
      await server.http.patch('/api/open311-clients/00000000-0000-4000-8000-000000000000').set(desk.admin).send({ active: false }).expect(404);
      const nothing = await server.http.patch(`/api/open311-clients/${client.id}`).set(desk.admin).send({}).expect(400);
      expect(nothing.body.message).toBe('Nada a alterar.');
    });
  });
});

describe('Open311 beside the built desk', () => {
  it('is answered by the API, not by the page the browser gets for any other path', async () => {
    const rendererDir = await mkdtemp(join(tmpdir(), 'receptivo-renderer-'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Receptivo</title>');
    const server = await startTestApp({}, rendererDir);
    try {
      const services = await server.http.get('/open311/v2/services.xml').expect(200);
      expect(specProblems('services', 'xml', services.text)).toEqual([]);
      const unknown = await server.http.get('/open311/v2/anything').expect(404);
      expect(specProblems('errors', 'xml', unknown.text)).toEqual([]);
      expect((await server.http.get('/clientes').expect(200)).text).toContain('<title>Receptivo</title>');
    } finally {
      await server.close();
      await rm(rendererDir, { recursive: true, force: true });
    }
  });
});
