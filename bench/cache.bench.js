// docs/architecture.md, Targets / issue 8: the desktop's local cache at 10,000 informations. The server's database is
// seeded, then one full sync runs through the real change feed into a SQLite file, then searches
// run offline against it. Target: search ≤ 5 ms.
const { mkdtempSync, rmSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { openCacheStore } = require('../electron/dist/cache/cache-store');
const { syncCache } = require('../electron/dist/cache/cache-service');
const { startCacheWorker } = require('../electron/dist/cache/start-cache-worker');
const { startPostgres, startServer, timeEach } = require('./harness');
const { printTable, summarize } = require('./table');

const INFORMATIONS = Number(process.env.BENCH_INFORMATIONS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const PAGE_SIZE = 500;

// What a city's knowledge base talks about: each theme with the words an attendant types.
const themes = [
  ['Lâmpada apagada em via pública', ['lâmpada', 'iluminação', 'poste']],
  ['Iluminação acesa durante o dia', ['iluminação', 'desperdício', 'lâmpada']],
  ['Buraco no asfalto', ['buraco', 'asfalto', 'pavimentação']],
  ['Tapa-buraco e recapeamento', ['recapeamento', 'asfalto', 'buraco']],
  ['Poda de árvore', ['poda', 'árvore', 'galhos']],
  ['Remoção de árvore caída', ['árvore', 'queda', 'defesa civil']],
  ['Coleta domiciliar de lixo', ['coleta', 'lixo', 'horário']],
  ['Coleta seletiva e reciclagem', ['reciclagem', 'coleta seletiva', 'ecoponto']],
  ['Descarte de entulho', ['entulho', 'ecoponto', 'caçamba']],
  ['Semáforo apagado ou piscando', ['semáforo', 'farol', 'trânsito']],
  ['Ônibus atrasado ou lotado', ['ônibus', 'linha', 'transporte coletivo']],
  ['Multa de trânsito e recurso', ['multa', 'recurso', 'jari']],
  ['Segunda via do IPTU', ['iptu', 'boleto', 'segunda via']],
  ['Parcelamento de dívida ativa', ['dívida ativa', 'parcelamento', 'iptu']],
  ['Certidão negativa de débitos', ['certidão', 'débitos', 'tributos']],
  ['Alvará de funcionamento', ['alvará', 'licença', 'comércio']],
  ['Vacinação em unidade de saúde', ['vacina', 'vacinação', 'ubs']],
  ['Agendamento de consulta', ['consulta', 'agendamento', 'ubs']],
  ['Foco de dengue', ['dengue', 'mosquito', 'água parada']],
  ['Castração gratuita de animais', ['castração', 'animais', 'zoonoses']],
  ['Matrícula em creche', ['matrícula', 'creche', 'educação infantil']],
  ['Transporte escolar gratuito', ['transporte escolar', 'escola', 'aluno']],
  ['Alagamento e enchente', ['alagamento', 'enchente', 'defesa civil']],
  ['Vazamento de água na rua', ['vazamento', 'água', 'saneamento']],
  ['Esgoto a céu aberto', ['esgoto', 'saneamento', 'mau cheiro']],
  ['Barulho e perturbação do sossego', ['barulho', 'som alto', 'fiscalização']],
  ['Terreno baldio com mato alto', ['terreno baldio', 'mato', 'roçagem']],
  ['Calçada quebrada ou obstruída', ['calçada', 'acessibilidade', 'obstrução']],
  ['Cesta básica e benefício social', ['cesta básica', 'benefício', 'cras']],
  ['Cadastro Único', ['cadastro único', 'cadúnico', 'benefício']],
  ['Feira livre: horários e limpeza', ['feira livre', 'varrição', 'limpeza']],
  ['Sepultamento e cemitérios municipais', ['sepultamento', 'cemitério', 'funerária']],
];
const places = [
  'em rua residencial', 'em avenida de grande circulação', 'perto de escola', 'em praça pública', 'no centro',
  'em área rural', 'em conjunto habitacional', 'em frente a unidade de saúde', 'em viela', 'em ponto de ônibus',
];
const aspects = ['orientações gerais', 'prazos e documentos', 'como solicitar', 'dúvidas frequentes', 'casos urgentes'];
const neighbourhoods = [
  'Vila Mariana', 'Santana', 'Penha', 'Butantã', 'Lapa', 'Mooca', 'Ipiranga', 'Itaquera', 'Pirituba', 'Campo Limpo',
  'Jabaquara', 'Tatuapé', 'Freguesia do Ó', 'Cidade Ademar', 'Guaianases', 'Perus', 'Parelheiros', 'Sé', 'Brasilândia', 'Sapopemba',
];
const sentences = [
  'Peça ao cidadão o endereço completo, com número e um ponto de referência.',
  'Confirme se o problema já foi registrado por outro morador nos últimos dias.',
  'Informe o prazo de atendimento e o número do protocolo ao final da ligação.',
  'Em caso de risco à vida, oriente a ligar imediatamente para a Defesa Civil ou para o Corpo de Bombeiros.',
  'O atendimento é gratuito e não depende de cadastro prévio no portal.',
  'Documentos com foto podem ser enviados pelo aplicativo depois do registro.',
  'Quando o serviço for de outro órgão, transfira a ligação e registre a orientação dada.',
  'A vistoria acontece em dias úteis, das 8h às 17h, e o cidadão não precisa estar presente.',
  'Reclamações sobre atraso podem ser feitas depois de vencido o prazo informado.',
  'Pergunte se há crianças, idosos ou pessoas com deficiência afetadas pelo problema.',
];
const solutions = [
  'Registre a solicitação com o endereço e informe o prazo.',
  'Oriente o cidadão a acompanhar o protocolo pelo portal de autoatendimento.',
  'Encaminhe ao órgão responsável e anote a orientação no atendimento.',
  'Agende a vistoria técnica e confirme o telefone de contato.',
];

/** The n-th information: a theme at a place, with a few sentences; deterministic, so runs compare. */
function information(n) {
  const [theme, keywords] = themes[n % themes.length];
  const place = places[Math.floor(n / themes.length) % places.length];
  const aspect = aspects[Math.floor(n / (themes.length * places.length)) % aspects.length];
  const neighbourhood = neighbourhoods[n % neighbourhoods.length];
  const body = [0, 3, 7]
    .map((offset) => sentences[(n + offset) % sentences.length])
    .concat(`${theme} ${place}, no bairro ${neighbourhood}: ${keywords.join(', ')}.`);
  const solution = `${solutions[n % solutions.length]} ${theme}: ${aspect}.`;
  return {
    title: `${theme} ${place} — ${aspect}`,
    body: `<p>${body.join('</p><p>')}</p>`,
    bodyText: body.join('\n'),
    solution: `<p>${solution}</p>`,
    solutionText: solution,
    keywords: [...keywords, neighbourhood.toLowerCase()],
  };
}

async function seed(client) {
  const { rows: categories } = await client.query('SELECT id FROM categories ORDER BY position');
  for (let start = 0; start < INFORMATIONS; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, INFORMATIONS - start) }, (_, index) => start + index).map((n) => ({ n, ...information(n) }));
    await client.query(
      `INSERT INTO informations (category_id, title, body, proposed_solution, body_text, solution_text, keywords, position)
       SELECT category_id, title, body, proposed_solution, body_text, solution_text,
              ARRAY(SELECT json_array_elements_text(keywords::json)), position
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])
           AS t(category_id, title, body, proposed_solution, body_text, solution_text, keywords, position)`,
      [
        batch.map(({ n }) => categories[n % categories.length].id),
        batch.map((row) => row.title),
        batch.map((row) => row.body),
        batch.map((row) => row.solution),
        batch.map((row) => row.bodyText),
        batch.map((row) => row.solutionText),
        batch.map((row) => JSON.stringify(row.keywords)),
        batch.map(({ n }) => 1000 + n),
      ],
    );
  }
}

// What attendants type: one or two words, accents or not, prefixes, and one word in every text.
const general = [
  'iluminacao', 'lâmpada apagada', 'buraco asfalto', 'segunda via iptu', 'poda arvore praça', 'vacina', 'matricula creche',
  'coleta de lixo', 'SEMÁFORO', 'ilumin', 'onibus atrasado', 'entulho calcada', 'dengue', 'alagamentos', 'castração animais',
  'vila mariana buraco', 'alvara funcionamento', 'cadastro unico', 'esgoto', 'barulho som alto',
];
const keywords = ['lampada', 'iptu', 'dengue', 'ecoponto', 'semaforo', 'poda', 'vacinação', 'onibus', 'tatuapé', 'cesta basica'];
const everywhere = ['endereço', 'protocolo prazo'];

async function run() {
  const postgres = await startPostgres();
  const server = await startServer({ DATABASE_URL: postgres.url });
  const client = new Client({ connectionString: postgres.url });
  const dir = mkdtempSync(join(tmpdir(), 'receptivo-bench-cache-'));
  const file = join(dir, 'cache.sqlite');
  await client.connect();
  try {
    const loadStarted = Date.now();
    await seed(client);
    await client.query('VACUUM ANALYZE informations');
    const { rows: [{ total }] } = await client.query('SELECT count(*)::int AS total FROM informations');
    console.log(`loaded ${total} informations in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);

    const store = openCacheStore(file);
    let pages = 0;
    const countingFetch = (input, init) => {
      pages++;
      return fetch(input, init);
    };
    const syncStarted = process.hrtime.bigint();
    await syncCache(store, { serverUrl: server.url, token: server.token }, { fetch: countingFetch, pageSize: PAGE_SIZE, signal: new AbortController().signal });
    const syncSeconds = Number(process.hrtime.bigint() - syncStarted) / 1e9;
    const cached = store.informationCount();
    if (cached !== total) throw new Error(`synced ${cached} informations, the server has ${total}`);
    console.log(`full sync: ${cached} informations in ${pages} pages of ${PAGE_SIZE}, ${syncSeconds.toFixed(1)} s; file ${(statSync(file).size / 1e6).toFixed(1)} MB (+ WAL)`);

    const rows = [{ measure: 'full sync (change feed → SQLite)', n: 1, 'p50 ms': (syncSeconds * 1000).toFixed(0), 'p99 ms': '', 'max ms': '', target: '—' }];
    const repeat = (list) => Array.from({ length: ROUNDS }, () => list).flat();
    const measure = async (name, inputs, search) => {
      const { n, p50, p99, max } = summarize(await timeEach(inputs, search));
      rows.push({ measure: name, n, 'p50 ms': p50.toFixed(2), 'p99 ms': p99.toFixed(2), 'max ms': max.toFixed(2), target: '≤ 5 ms' });
    };
    const searches = [...general.map((q) => ({ q, limit: 20 })), ...keywords.map((keyword) => ({ keyword, limit: 20 }))];
    for (const query of searches) store.search(query);

    await measure('busca geral (q), SQLite in-process', repeat(general), (q) => store.search({ q, limit: 20 }));
    await measure('palavra-chave (keyword), SQLite in-process', repeat(keywords), (keyword) => store.search({ keyword, limit: 20 }));
    await measure('a word in every text (10,000 matches)', repeat(everywhere), (q) => store.search({ q, limit: 20 }));
    store.close();

    // As the renderer gets it: main → worker thread → main (no Electron IPC hop here).
    const worker = startCacheWorker(file, join(__dirname, '..', 'electron', 'dist', 'cache', 'cache-worker.js'));
    try {
      for (const query of searches) await worker.search(query);
      await measure('mix, through the worker message channel', repeat(searches), (query) => worker.search(query));
    } finally {
      await worker.close();
    }
    printTable(rows);
  } finally {
    await client.end();
    await server.stop();
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { run };
