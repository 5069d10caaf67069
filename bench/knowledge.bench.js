// Issue 4 / DESIGN §7: busca geral and keyword search over 50,000 informations, through the API.
// Target: p99 ≤ 50 ms.
const { Client } = require('pg');
const { getJson, startPostgres, startServer, timeEach } = require('./harness');
const { printTable, summarize } = require('./table');

const INFORMATIONS = Number(process.env.BENCH_INFORMATIONS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);

// Portuguese service vocabulary: every generated text is a different mix of these words.
const words = `iluminação lâmpada poste praça rua avenida calçada buraco asfalto entulho coleta lixo reciclagem
  poda árvore semáforo trânsito ônibus linha horário escola creche matrícula vacina unidade saúde consulta
  agendamento iptu boleto segunda via parcelamento dívida certidão alvará licença obra fiscalização barulho
  animal castração dengue foco água esgoto enchente alagamento defesa civil cesta básica benefício cadastro
  documento protocolo prazo atendimento reclamação denúncia ouvidoria portal aplicativo telefone endereço
  bairro centro zona norte sul leste oeste morador comerciante feira mercado cemitério sepultamento`.split(/\s+/).filter(Boolean);

const load = `
  WITH vocabulary AS (SELECT $2::text[] AS w),
  rows AS (
    SELECT n,
      (SELECT string_agg(w[1 + ((n * 7 + k * 13) % array_length(w, 1))], ' ') FROM generate_series(1, 5) k) AS title,
      (SELECT string_agg(w[1 + ((n * 31 + k * 17) % array_length(w, 1))], ' ') FROM generate_series(1, 60) k) AS body,
      (SELECT string_agg(w[1 + ((n * 11 + k * 29) % array_length(w, 1))], ' ') FROM generate_series(1, 25) k) AS solution,
      ARRAY(SELECT w[1 + ((n * 3 + k * 41) % array_length(w, 1))] FROM generate_series(1, 4) k) AS keywords
    FROM generate_series(1, $1::int) n, vocabulary
  )
  INSERT INTO informations (category_id, title, body, proposed_solution, body_text, solution_text, keywords, position)
  SELECT (SELECT id FROM categories ORDER BY position LIMIT 1 OFFSET n % 9), 'Bench ' || title, '<p>' || body || '</p>',
         '<p>' || solution || '</p>', body, solution, keywords, n
    FROM rows`;

async function run() {
  const postgres = await startPostgres();
  const server = await startServer({ DATABASE_URL: postgres.url });
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  try {
    const loadStarted = Date.now();
    await client.query(load, [INFORMATIONS, words]);
    await client.query('VACUUM ANALYZE informations');
    const { rows: [{ total }] } = await client.query('SELECT count(*)::int AS total FROM informations');
    console.log(`loaded ${total} informations in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);

    const search = async (query) => {
      const { status, body } = await getJson(`${server.url}/api/search?${query}`, { Authorization: `Bearer ${server.token}` });
      if (status !== 200) throw new Error(`${query}: ${status} ${JSON.stringify(body)}`);
      return body;
    };
    const general = ['iluminacao praca', 'segunda via iptu', 'lampadas', 'buraco asfalto rua', 'vacina', 'castração animal', 'alagamento defesa civil', 'poda arvore calcada'];
    const keywords = ['lampada', 'iptu', 'dengue', 'enchente', 'creche', 'semaforo', 'cemiterio', 'reciclagem'];
    for (const text of [...general, ...keywords]) await search(`q=${encodeURIComponent(text)}`);

    const rows = [];
    const measure = async (name, inputs, query) => {
      const { n, p50, p99, max } = summarize(await timeEach(inputs, (text) => search(query(text))));
      rows.push({ search: name, n, 'p50 ms': p50.toFixed(2), 'p99 ms': p99.toFixed(2), 'max ms': max.toFixed(2), target: '≤ 50 ms' });
    };
    const repeat = (list) => Array.from({ length: ROUNDS }, () => list).flat();
    await measure('busca geral (q)', repeat(general), (text) => `q=${encodeURIComponent(text)}`);
    await measure('palavra-chave (keyword)', repeat(keywords), (text) => `keyword=${encodeURIComponent(text)}`);
    printTable(rows);
  } finally {
    await client.end();
    await server.stop();
    await postgres.stop();
  }
}

module.exports = { run };
