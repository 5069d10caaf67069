// Issue 4 / docs/architecture.md, Targets: busca geral and keyword search over 50,000 informations, through the API.
// Target: p99 ≤ 50 ms.
const { Client } = require('pg');
const { getJson, startPostgres, startServer, timeEach } = require('./harness');
const { printTable, summarize } = require('./table');

const INFORMATIONS = Number(process.env.BENCH_INFORMATIONS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);

// Service vocabulary: each text carries a few of these words, as a real knowledge base does.
const words = `iluminação lâmpada poste praça rua avenida calçada buraco asfalto entulho coleta lixo reciclagem
  poda árvore semáforo trânsito ônibus linha horário escola creche matrícula vacina unidade saúde consulta
  agendamento iptu boleto segunda via parcelamento dívida certidão alvará licença obra fiscalização barulho
  animal castração dengue foco água esgoto enchente alagamento defesa civil cesta básica benefício cadastro
  documento protocolo prazo atendimento reclamação denúncia ouvidoria portal aplicativo telefone endereço
  bairro centro zona norte sul leste oeste morador comerciante feira mercado cemitério sepultamento`.split(/\s+/).filter(Boolean);

// The rest of each text: words built from Portuguese syllables (about 64,000 distinct ones), so
// that a service word appears in a few percent of the texts, not in all of them.
const syllables = 'ba be bi bo bu ca co cu da de di do fa fe fi fo ga go la le li lo lu ma me mi mo na ne no pa pe po ra re ri ro sa se so ta te to va ve vi'.split(' ');

const load = `
  CREATE FUNCTION pg_temp.filler(k bigint, s text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT s[1 + k % 40] || s[1 + (k / 40) % 40] || s[1 + (k / 1600) % 40] || 'r'
  $$;
  WITH rows AS (
    SELECT n,
      $2::text[] AS w,
      (SELECT string_agg(pg_temp.filler(n * 7919 + k * 104729, $3), ' ') FROM generate_series(1, 57) k) AS filler,
      (SELECT string_agg(pg_temp.filler(n * 6007 + k * 7877, $3), ' ') FROM generate_series(1, 22) k) AS solution_filler
    FROM generate_series(1, $1::int) n
  )
  INSERT INTO informations (category_id, title, body, proposed_solution, body_text, solution_text, keywords, position)
  SELECT (SELECT id FROM categories ORDER BY position LIMIT 1 OFFSET n % 9),
         title, '<p>' || body || '</p>', '<p>' || solution || '</p>', body, solution, keywords, n
    FROM (
      SELECT n,
        'Bench ' || w[1 + (n * 7) % array_length(w, 1)] || ' ' || pg_temp.filler(n, $3) || ' ' || w[1 + (n * 13) % array_length(w, 1)] AS title,
        w[1 + (n * 17) % array_length(w, 1)] || ' ' || filler || ' ' || w[1 + (n * 19) % array_length(w, 1)] || ' ' || w[1 + (n * 23) % array_length(w, 1)] AS body,
        solution_filler || ' ' || w[1 + (n * 29) % array_length(w, 1)] AS solution,
        ARRAY[w[1 + (n * 7) % array_length(w, 1)], w[1 + (n * 31) % array_length(w, 1)], w[1 + (n * 37) % array_length(w, 1)]] AS keywords
      FROM rows
    ) generated`;

async function run() {
  const postgres = await startPostgres();
  const server = await startServer({ DATABASE_URL: postgres.url });
  const client = new Client({ connectionString: postgres.url });
  await client.connect();
  try {
    const loadStarted = Date.now();
    const [createFiller, insert] = load.split(/;\n(?=\s*WITH)/);
    await client.query(createFiller);
    await client.query(insert, [INFORMATIONS, words, syllables]);
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
