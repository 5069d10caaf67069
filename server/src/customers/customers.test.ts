import { DataSource } from 'typeorm';
import { apiErrorSchema, customerListSchema, customerSchema, isValidCpf } from '@receptivo/shared';
import { type TestApp, startTestApp } from '../testing/test-app';
import { CustomerSearchService } from './customer-search';

describe('customers API', () => {
  let server: TestApp;
  let auth: { Authorization: string };
  const count = async (table: string) => (await server.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  const person = {
    type: 'person',
    name: 'Joana D’Arc Conceição',
    document: '111.444.777-35',
    email: 'Joana.Conceicao@Example.com',
    phones: [{ number: '(11) 98888-7777' }, { number: '11 3222-1100' }],
    addresses: [
      { cep: '01310-100', street: 'Avenida Paulista', number: '1000', neighborhood: 'Bela Vista', city: 'São Paulo', state: 'SP' },
    ],
  };

  beforeAll(async () => {
    server = await startTestApp();
    auth = { Authorization: `Bearer ${await server.login('attendant')}` };
  });
  afterAll(() => server.close());

  it('registers a person with normalized document, e-mail and phones, the first phone primary', async () => {
    const response = await server.http.post('/api/customers').set(auth).send(person).expect(201);
    const customer = customerSchema.parse(response.body);
    expect(customer).toMatchObject({ type: 'person', document: '11144477735', email: 'joana.conceicao@example.com', portalAccount: null });
    expect(customer.phones.map(({ e164, display, primary }) => ({ e164, display, primary }))).toEqual([
      { e164: '+5511988887777', display: '(11) 98888-7777', primary: true },
      { e164: '+551132221100', display: '(11) 3222-1100', primary: false },
    ]);
    expect(customer.addresses[0]).toMatchObject({ cep: '01310100', complement: null, state: 'SP' });
  });

  it('registers a company with the new alphanumeric CNPJ', async () => {
    const response = await server.http
      .post('/api/customers')
      .set(auth)
      .send({ type: 'company', name: 'Padaria Nova Era Ltda', tradeName: 'Nova Era', document: '12.abc.345/01de-35' })
      .expect(201);
    expect(response.body).toMatchObject({ document: '12ABC34501DE35', tradeName: 'Nova Era', phones: [] });
  });

  describe('bad input gets a clear error and writes nothing', () => {
    let before: { customers: number; phones: number; addresses: number };
    beforeEach(async () => {
      before = { customers: await count('customers'), phones: await count('customer_phones'), addresses: await count('customer_addresses') };
    });
    afterEach(async () => {
      expect({ customers: await count('customers'), phones: await count('customer_phones'), addresses: await count('customer_addresses') }).toEqual(
        before,
      );
    });

    it('an invalid CPF', async () => {
      const response = await server.http.post('/api/customers').set(auth).send({ ...person, document: '111.444.777-36' }).expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'CPF inválido: confira os dígitos.' });
      expect(response.body.fields).toEqual({ document: 'CPF inválido: confira os dígitos.' });
    });

    it('an invalid CNPJ, and a CPF where a CNPJ is due', async () => {
      const company = { type: 'company', name: 'Empresa X', document: '11.222.333/0001-82' };
      const wrong = await server.http.post('/api/customers').set(auth).send(company).expect(400);
      expect(wrong.body.fields).toEqual({ document: 'CNPJ inválido: confira os dígitos.' });
      await server.http.post('/api/customers').set(auth).send({ ...company, document: '337.079.504-33' }).expect(400);
    });

    it('a document already registered', async () => {
      const response = await server.http
        .post('/api/customers')
        .set(auth)
        .send({ ...person, name: 'Outra Pessoa', phones: [{ number: '11 97777-0000' }] })
        .expect(409);
      expect(response.body).toMatchObject({ code: 'CONFLICT', message: 'Já existe um cliente com este CPF/CNPJ.' });
      expect(response.body.fields).toEqual({ document: 'CPF/CNPJ já cadastrado.' });
    });

    it('a document already registered names the customer who has it, whom the caller may open', async () => {
      const existing = (await server.http.get('/api/customers?document=11144477735').set(auth)).body.items[0];
      for (const role of ['attendant', 'supervisor', 'admin'] as const) {
        const token = { Authorization: `Bearer ${await server.login(role)}` };
        const response = await server.http.post('/api/customers').set(token).send({ ...person, document: '11144477735', phones: [] }).expect(409);
        expect(apiErrorSchema.parse(response.body)).toMatchObject({ code: 'CONFLICT', existingId: existing.id });
        await server.http.get(`/api/customers/${response.body.existingId}`).set(token).expect(200);
      }
      // The back office may not register customers, so it never learns whose the document is.
      const backoffice = { Authorization: `Bearer ${await server.login('backoffice')}` };
      const refused = await server.http.post('/api/customers').set(backoffice).send(person).expect(403);
      expect(refused.body.existingId).toBeUndefined();
    });

    it('an empty CPF or CNPJ is asked for, not called invalid', async () => {
      const missing = await server.http.post('/api/customers').set(auth).send({ ...person, document: '' }).expect(400);
      expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Informe o CPF.', fields: { document: 'Informe o CPF.' } });
      const company = await server.http.post('/api/customers').set(auth).send({ type: 'company', name: 'Empresa X', document: ' ' }).expect(400);
      expect(company.body.fields).toEqual({ document: 'Informe o CNPJ.' });
    });

    it('a phone with a DDD that does not exist, named', async () => {
      const response = await server.http
        .post('/api/customers')
        .set(auth)
        .send({ ...person, document: '337.079.504-33', phones: [{ number: '(00) 1234-5678' }] })
        .expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', message: 'DDD 00 não existe: confira o código de área.' });
      expect(response.body.fields).toEqual({ 'phones.0.number': 'DDD 00 não existe: confira o código de área.' });
    });

    it('a malformed e-mail', async () => {
      const response = await server.http
        .post('/api/customers')
        .set(auth)
        .send({ ...person, document: '337.079.504-33', email: 'joana@' })
        .expect(400);
      expect(response.body.fields).toEqual({ email: 'E-mail inválido.' });
    });

    it('a phone that is no phone, named by its position', async () => {
      const response = await server.http
        .post('/api/customers')
        .set(auth)
        .send({ ...person, document: '337.079.504-33', phones: [{ number: '11 98888-1111' }, { number: '11 0123-4567' }] })
        .expect(400);
      expect(Object.keys(response.body.fields)).toEqual(['phones.1.number']);
      expect(response.body.message).toMatch(/Telefone inválido/);
    });

    it('the same phone twice, in two forms', async () => {
      const response = await server.http
        .post('/api/customers')
        .set(auth)
        .send({ ...person, document: '337.079.504-33', phones: [{ number: '11 98888-1111' }, { number: '+55 11 8888-1111' }] })
        .expect(400);
      expect(response.body.fields).toEqual({ 'phones.1.number': 'Este telefone já está na lista.' });
    });

    it('the same phone twice, once without the DDD the server fills in', async () => {
      const response = await server.http
        .post('/api/customers')
        .set(auth)
        .send({ ...person, document: '337.079.504-33', phones: [{ number: '(11) 98765-4321' }, { number: '98765-4321' }] })
        .expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'phones.1.number': 'Este telefone já está na lista.' } });
    });

    it('a missing name and a bad address, each named', async () => {
      const response = await server.http
        .post('/api/customers')
        .set(auth)
        .send({ type: 'person', document: '337.079.504-33', addresses: [{ cep: '123', street: '', number: '1', neighborhood: 'X', city: 'Y', state: 'XX' }] })
        .expect(400);
      expect(Object.keys(response.body.fields).sort()).toEqual(['addresses.0.cep', 'addresses.0.state', 'addresses.0.street', 'name']);
      expect(response.body.fields['addresses.0.cep']).toBe('CEP deve ter 8 dígitos.');
    });

    it('removing the only phone', async () => {
      const created = (await server.http.post('/api/customers').set(auth).send({ ...person, document: '337.079.504-33', phones: [{ number: '21 99999-0000' }] })).body;
      before = { customers: await count('customers'), phones: await count('customer_phones'), addresses: await count('customer_addresses') };
      const response = await server.http.delete(`/api/customers/${created.id}/phones/${created.phones[0].id}`).set(auth).expect(422);
      expect(response.body).toMatchObject({
        code: 'BUSINESS_RULE',
        message: 'O cliente precisa de ao menos um telefone: cadastre outro antes de remover este.',
      });
    });
  });

  describe('phones', () => {
    let id: string;
    beforeAll(async () => {
      id = (await server.http.post('/api/customers').set(auth).send({ ...person, document: '469.589.332-06', phones: [{ number: '41 98888-7777' }] })).body.id;
    });

    it('adds a phone typed in another form; a known number is refused', async () => {
      const added = await server.http.post(`/api/customers/${id}/phones`).set(auth).send({ number: '0 41 3333-2222' }).expect(201);
      expect(added.body.phones.map((phone: { e164: string }) => phone.e164)).toEqual(['+5541988887777', '+554133332222']);
      const again = await server.http.post(`/api/customers/${id}/phones`).set(auth).send({ number: '+55 41 8888-7777' }).expect(409);
      expect(again.body.fields).toEqual({ number: 'Telefone já cadastrado.' });
      const invalid = await server.http.post(`/api/customers/${id}/phones`).set(auth).send({ number: '4133' }).expect(400);
      expect(invalid.body.code).toBe('VALIDATION_FAILED');
      const unknownAreaCode = await server.http.post(`/api/customers/${id}/phones`).set(auth).send({ number: '(20) 98765-4321' }).expect(400);
      expect(unknownAreaCode.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { number: 'DDD 20 não existe: confira o código de área.' } });
      const empty = await server.http.post(`/api/customers/${id}/phones`).set(auth).send({ number: '' }).expect(400);
      expect(empty.body.fields).toEqual({ number: 'Informe o telefone.' });
    });

    it('makes the second phone primary, keeping exactly one primary', async () => {
      const customer = (await server.http.get(`/api/customers/${id}`).set(auth)).body;
      const second = customer.phones[1];
      const response = await server.http.post(`/api/customers/${id}/phones/${second.id}/primary`).set(auth).expect(200);
      expect(response.body.phones.filter((phone: { primary: boolean }) => phone.primary).map((phone: { id: string }) => phone.id)).toEqual([second.id]);
      expect(response.body.phones[0].id).toBe(second.id);
    });

    it('removing the primary promotes the remaining phone', async () => {
      const customer = (await server.http.get(`/api/customers/${id}`).set(auth)).body;
      const primary = customer.phones.find((phone: { primary: boolean }) => phone.primary);
      const response = await server.http.delete(`/api/customers/${id}/phones/${primary.id}`).set(auth).expect(200);
      expect(response.body.phones).toHaveLength(1);
      expect(response.body.phones[0].primary).toBe(true);
    });

    it('answers 404 for a phone of another customer', async () => {
      const other = (await server.http.get('/api/customers?document=11144477735').set(auth)).body.items[0];
      const otherPhone = (await server.http.get(`/api/customers/${other.id}`).set(auth)).body.phones[0];
      const response = await server.http.post(`/api/customers/${id}/phones/${otherPhone.id}/primary`).set(auth).expect(404);
      expect(response.body.message).toBe('Telefone não encontrado.');
    });
  });

  describe('editing', () => {
    it('changes e-mail and replaces the addresses; a person keeps no trade name', async () => {
      const id = (await server.http.get('/api/customers?document=11144477735').set(auth)).body.items[0].id;
      const response = await server.http
        .patch(`/api/customers/${id}`)
        .set(auth)
        .send({
          email: 'nova@example.com',
          tradeName: 'ignored',
          addresses: [
            { cep: '04003000', street: 'Rua Coronel Oscar Porto', number: '70', complement: 'apto 12', neighborhood: 'Paraíso', city: 'São Paulo', state: 'SP' },
            { cep: '01305000', street: 'Rua Augusta', number: '5', neighborhood: 'Consolação', city: 'São Paulo', state: 'SP' },
          ],
        })
        .expect(200);
      expect(response.body).toMatchObject({ email: 'nova@example.com', tradeName: null });
      expect(response.body.addresses.map((address: { street: string }) => address.street)).toEqual(['Rua Coronel Oscar Porto', 'Rua Augusta']);
    });

    it('refuses a document that fails its check digits or belongs to another customer', async () => {
      const id = (await server.http.get('/api/customers?document=11144477735').set(auth)).body.items[0].id;
      const invalid = await server.http.patch(`/api/customers/${id}`).set(auth).send({ document: '111.444.777-00' }).expect(400);
      expect(invalid.body.fields).toEqual({ document: 'CPF inválido: confira os dígitos.' });
      const empty = await server.http.patch(`/api/customers/${id}`).set(auth).send({ document: '' }).expect(400);
      expect(empty.body.fields).toEqual({ document: 'Informe o CPF.' });
      const taken = await server.http.patch(`/api/customers/${id}`).set(auth).send({ document: '46958933206' }).expect(409);
      const owner = (await server.http.get('/api/customers?document=46958933206').set(auth)).body.items[0];
      expect(taken.body).toMatchObject({ code: 'CONFLICT', existingId: owner.id });
      expect((await server.http.get(`/api/customers/${id}`).set(auth)).body.document).toBe('11144477735');
    });

    it('answers 404 for an unknown customer', async () => {
      await server.http.get('/api/customers/00000000-0000-4000-8000-000000000000').set(auth).expect(404);
      await server.http.get('/api/customers/nope').set(auth).expect(404);
    });
  });

  describe('search', () => {
    const search = async (query: string) => customerListSchema.parse((await server.http.get(`/api/customers?${query}`).set(auth).expect(200)).body);

    it('finds by phone typed in any Brazilian form', async () => {
      for (const form of ['11988887777', '(11) 98888-7777', '+55 11 8888-7777', '0 21 11 98888-7777', '98888-7777']) {
        const list = await search(`phone=${encodeURIComponent(form)}`);
        expect(list.items.map((item) => item.document)).toEqual(['***.444.777-**']);
      }
      expect((await search(`q=${encodeURIComponent('011 98888 7777')}`)).items[0].document).toBe('***.444.777-**');
    });

    it('finds by CPF with and without punctuation, and by CNPJ prefix', async () => {
      expect((await search('document=111.444.777-35')).items[0].name).toBe('Joana D’Arc Conceição');
      expect((await search('q=11144477735')).items[0].name).toBe('Joana D’Arc Conceição');
      expect((await search('q=12ABC')).items.map((item) => item.document)).toContain('**.ABC.345/01DE-**');
    });

    it('finds names without accents or case, by parts of words, best match first', async () => {
      const list = await search('name=joana%20conceicao');
      expect(list.items[0].name).toBe('Joana D’Arc Conceição');
      expect((await search('q=JOANA')).items.map((item) => item.name)).toContain('Joana D’Arc Conceição');
      expect((await search('q=nova%20era')).items[0].tradeName).toBe('Nova Era');
      expect((await search('q=conceic')).items.some((item) => item.name === 'Joana D’Arc Conceição')).toBe(true);
    });

    it('finds by e-mail prefix and combines fields', async () => {
      expect((await search('email=NOVA@')).items[0].document).toBe('***.444.777-**');
      expect((await search('name=joana&phone=41988887777')).items.map((item) => item.document)).toEqual(['***.589.332-**']);
      expect((await search('name=ninguem%20mesmo')).total).toBe(0);
    });

    it('a caller’s matches: the URA’s document first, and one customer found by both phone and document takes one of the five places', async () => {
      const cpfFrom = (base: string) => Array.from({ length: 100 }, (_, check) => `${base}${String(check).padStart(2, '0')}`).find(isValidCpf)!;
      // A household's landline: six customers share it, one of them the caller whose CPF the URA read.
      const names = ['Abel', 'Bia', 'Caio', 'Dora', 'Eva', 'Fábio'].map((first) => `${first} Linha Compartilhada`);
      for (const [index, name] of names.entries()) {
        await server.http
          .post('/api/customers')
          .set(auth)
          .send({ type: 'person', name, document: cpfFrom(`90876543${index}`), phones: [{ number: '(31) 3777-0001' }] })
          .expect(201);
      }
      const found = await server.app.get(CustomerSearchService).callerMatches({ e164: '+553137770001', document: cpfFrom('908765432') }, 5);
      expect(found.map((customer) => customer.name)).toEqual(['Caio', 'Abel', 'Bia', 'Dora', 'Eva'].map((first) => `${first} Linha Compartilhada`));
    });

    it('pages and counts the seeded demo customers', async () => {
      const first = await search('q=silva&pageSize=5');
      const second = await search('q=silva&pageSize=5&page=2');
      expect(first.items).toHaveLength(5);
      expect(first.total).toBeGreaterThan(5);
      expect(second.items.map((item) => item.id)).not.toContain(first.items[0].id);
      expect(first.items[0].primaryPhone?.primary).toBe(true);
      // A page past the last one shows nothing but still says how many there are.
      const past = await search(`q=silva&pageSize=5&page=${Math.ceil(first.total / 5) + 1}`);
      expect(past).toMatchObject({ items: [], total: first.total });
    });

    it('masks the CPF/CNPJ of every result, to every role that finds every customer, found by the whole CPF as well', async () => {
      // The audit: any role searched and read every customer's whole CPF in the results. (The back
      // office finds only its organ's requesters: attendance-ownership.test.ts.)
      for (const role of ['attendant', 'supervisor', 'admin'] as const) {
        const token = { Authorization: `Bearer ${await server.login(role)}` };
        const response = await server.http.get('/api/customers?q=111.444.777-35').set(token).expect(200);
        expect(response.body.items.map((item: { document: string }) => item.document)).toEqual(['***.444.777-**']);
        expect(JSON.stringify(response.body)).not.toContain('11144477735');
      }
      const everyDocument = (await search('q=silva&pageSize=100')).items.map((item) => item.document);
      expect(everyDocument.every((document) => /^\*{3}\.\d{3}\.\d{3}-\*{2}$|^\*{2}\./.test(document))).toBe(true);
    });

    it('asks for at least one field', async () => {
      const response = await server.http.get('/api/customers?q=%20').set(auth).expect(400);
      expect(response.body.message).toBe('Preencha ao menos um campo de busca.');
    });

    it('treats LIKE wildcards as text', async () => {
      expect((await search('name=%25%25')).total).toBe(0);
    });
  });
});
