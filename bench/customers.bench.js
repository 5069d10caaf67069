// docs/architecture.md, Targets / issue 3: customer lookup at 1,000,000 customers, through the HTTP API.
// Targets (issue 17): p99 ≤ 5 ms by phone or document over HTTP, ≤ 30 ms by partial name.
const { Client } = require('pg');
const { getJson, startPostgres, startServer, timeEach } = require('./harness');
const { printTable, summarize } = require('./table');

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 400);

// One INSERT … SELECT generate_series per table: bulk, inside PostgreSQL, no row-by-row round trips.
const load = `
  CREATE FUNCTION pg_temp.cpf(base bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    WITH digits AS (SELECT lpad(base::text, 9, '0') AS d),
    first AS (SELECT d, (11 - (SELECT sum(substr(d, i, 1)::int * (11 - i)) FROM generate_series(1, 9) i) % 11) % 10 AS c1 FROM digits),
    second AS (SELECT d, c1, (11 - (SELECT sum(substr(d || c1, i, 1)::int * (12 - i)) FROM generate_series(1, 10) i) % 11) % 10 AS c2 FROM first)
    SELECT d || c1 || c2 FROM second
  $$;
  INSERT INTO customers (id, type, name, document, email, created_at, updated_at)
  SELECT md5('c' || n)::uuid, 'person',
         (ARRAY['Maria','José','Ana','João','Antônio','Francisca','Carlos','Paulo','Lúcia','Pedro','Luiz','Márcia','Marcos','Gabriel','Rafael','Sebastião','Conceição','Aparecida','Fernanda','Juliana','Patrícia','Letícia','Bruno','Rodrigo','Thiago','Vinícius','Cláudia','Débora','Raimundo','Benedita','Joaquim','Helena'])[1 + n % 32]
         || ' ' || (ARRAY['Silva','Santos','Oliveira','Souza','Rodrigues','Ferreira','Alves','Pereira','Lima','Gomes','Ribeiro','Carvalho','Araújo','Conceição','Assunção','Guimarães','Magalhães','Nogueira','Fagundes','Brandão','Teixeira','Moreira','Barbosa','Cardoso','Rocha','Dias','Nascimento','Andrade','Moura','Cavalcanti','Pinto','Freitas','Vieira','Mendes','Castro','Campos','Monteiro','Correia','Batista','Machado'])[1 + (n / 32) % 40]
         || ' ' || (ARRAY['Silva','Santos','Oliveira','Souza','Rodrigues','Ferreira','Alves','Pereira','Lima','Gomes','Ribeiro','Carvalho','Araújo','Conceição','Assunção','Guimarães','Magalhães','Nogueira','Fagundes','Brandão','Teixeira','Moreira','Barbosa','Cardoso','Rocha','Dias','Nascimento','Andrade','Moura','Cavalcanti','Pinto','Freitas','Vieira','Mendes','Castro','Campos','Monteiro','Correia','Batista','Machado'])[1 + (n / 1280) % 40],
         pg_temp.cpf(200000000 + n),
         CASE WHEN n % 4 = 0 THEN NULL ELSE 'cliente' || n || '@example.com' END,
         now(), now()
    FROM generate_series(1, $1::int) n
  ON CONFLICT (document) DO NOTHING;
  INSERT INTO customer_phones (customer_id, e164, is_primary)
  SELECT md5('c' || n)::uuid,
         '+55' || (ARRAY['11','21','31','41','51','61','71','81','85','92'])[1 + n % 10] || '9' || (60000000 + n % 40000000)::text,
         true
    FROM generate_series(1, $1::int) n
   WHERE EXISTS (SELECT 1 FROM customers WHERE id = md5('c' || n)::uuid);
`;

const maskCpf = (cpf) => `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;

async function run() {
  const postgres = await startPostgres();
  const server = await startServer({ DATABASE_URL: postgres.url });
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  try {
    const loadStarted = Date.now();
    for (const statement of load.split(/;\n(?=\s*INSERT)/)) {
      await client.query(statement, statement.includes('$1') ? [CUSTOMERS] : []);
    }
    await client.query('VACUUM ANALYZE customers');
    await client.query('VACUUM ANALYZE customer_phones');
    // Measured on a settled database, as a running center's is, not during the flush after the load.
    await client.query('CHECKPOINT');
    const { rows: [{ total }] } = await client.query('SELECT count(*)::int AS total FROM customers');
    console.log(`loaded ${total} customers in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);

    const WARM_UP = 200;
    const { rows: drawn } = await client.query(
      `SELECT c.id, c.document, p.e164 FROM customers c JOIN customer_phones p ON p.customer_id = c.id
        WHERE c.email LIKE 'cliente%' ORDER BY random() LIMIT $1`,
      [SAMPLES + WARM_UP],
    );
    const warmUp = drawn.slice(0, WARM_UP);
    const sample = drawn.slice(WARM_UP);
    const get = async (query) => {
      const { status, body } = await getJson(`${server.url}/api/customers?${query}`, { Authorization: `Bearer ${server.token}` });
      if (status !== 200) throw new Error(`${query}: ${status} ${JSON.stringify(body)}`);
      return body;
    };
    // Lists carry the CPF masked (LGPD): the customer is told by its id.
    const expectFound = ({ id, document }) => (body) => {
      if (!body.items.some((item) => item.id === id)) throw new Error(`lookup missed ${document}`);
    };

    const phoneForms = {
      '+55 DD 9XXXX-XXXX': (e164) => `+55 ${e164.slice(3, 5)} ${e164.slice(5, 10)}-${e164.slice(10)}`,
      '(0DD) 9XXXX-XXXX': (e164) => `(0${e164.slice(3, 5)}) ${e164.slice(5, 10)}-${e164.slice(10)}`,
      '0 21 DD 9XXXXXXXX': (e164) => `0 21 ${e164.slice(3, 5)} ${e164.slice(5)}`,
      'DD XXXX-XXXX (no 9th digit)': (e164) => `${e164.slice(3, 5)} ${e164.slice(6, 10)}-${e164.slice(10)}`,
    };
    const names = ['maria silva', 'joao perei', 'conceicao guimaraes', 'helena brand', 'FAGUNDES', 'antonio moura castro', 'leticia', 'sebastiao rocha'];

    // Warm the connection pool and every kind of lookup, as on a server that has been answering desks
    // (a cold server spends the first few hundred requests compiling its code), on customers outside
    // the sample, so their pages are not read ahead for the measured lookups.
    const formats = Object.values(phoneForms);
    for (const [index, { document, e164 }] of warmUp.entries()) {
      await get(`document=${document}`);
      await get(`q=${encodeURIComponent(maskCpf(document))}`);
      await get(`phone=${encodeURIComponent(formats[index % formats.length](e164))}`);
    }
    for (const name of names) await get(`name=${encodeURIComponent(name)}`);

    const rows = [];
    const measure = async (name, inputs, call, target) => {
      const { n, p50, p99, max } = summarize(await timeEach(inputs, call));
      rows.push({ lookup: name, n, 'p50 ms': p50.toFixed(2), 'p99 ms': p99.toFixed(2), 'max ms': max.toFixed(2), target });
    };
    for (const [form, format] of Object.entries(phoneForms)) {
      await measure(`phone ${form}`, sample, (customer) => get(`phone=${encodeURIComponent(format(customer.e164))}`).then(expectFound(customer)), '≤ 5 ms');
    }
    await measure('CPF digits', sample, (customer) => get(`document=${customer.document}`).then(expectFound(customer)), '≤ 5 ms');
    await measure('CPF masked, Busca (q)', sample, (customer) => get(`q=${encodeURIComponent(maskCpf(customer.document))}`).then(expectFound(customer)), '≤ 5 ms');
    const nameInputs = Array.from({ length: 25 }, () => names).flat();
    await measure('partial name (Nome)', nameInputs, (name) => get(`name=${encodeURIComponent(name)}`), '≤ 30 ms');
    await measure('partial name (Busca, q)', nameInputs, (name) => get(`q=${encodeURIComponent(name)}`), '≤ 30 ms');
    // The same lookups through the server's search service alone (no HTTP, no token check):
    // what PostgreSQL and the query cost, apart from the web stack.
    require('reflect-metadata');
    const { DataSource } = require('typeorm');
    const { databaseOptions } = require('../server/dist/database/database-options');
    const { CustomerSearchService } = require('../server/dist/customers/customer-search');
    const dataSource = await new DataSource({ ...databaseOptions(postgres.url), migrationsRun: false }).initialize();
    try {
      const service = new CustomerSearchService(dataSource, { get: () => '11' });
      const direct = (query) => service.search({ page: 1, pageSize: 20, ...query });
      for (const { document, e164 } of warmUp) {
        await direct({ document });
        await direct({ phone: phoneForms['(0DD) 9XXXX-XXXX'](e164) });
      }
      const measureDirect = async (name, inputs, call, target) => {
        const { n, p50, p99, max } = summarize(await timeEach(inputs, call));
        rows.push({ lookup: `service: ${name}`, n, 'p50 ms': p50.toFixed(2), 'p99 ms': p99.toFixed(2), 'max ms': max.toFixed(2), target });
      };
      await measureDirect('phone (0DD) 9XXXX-XXXX', sample, (customer) => direct({ phone: phoneForms['(0DD) 9XXXX-XXXX'](customer.e164) }).then(expectFound(customer)), '≤ 5 ms');
      await measureDirect('CPF masked', sample, (customer) => direct({ document: maskCpf(customer.document) }).then(expectFound(customer)), '≤ 5 ms');
      await measureDirect('partial name', nameInputs, (name) => direct({ name }), '≤ 30 ms');
    } finally {
      await dataSource.destroy();
    }
    printTable(rows);
  } finally {
    await client.end();
    await server.stop();
    await postgres.stop();
  }
}

module.exports = { run };
