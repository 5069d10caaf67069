import { ConfigurationError, readEnvironment } from './environment';

function problemsOf(environment: Record<string, string>): Record<string, string> {
  try {
    readEnvironment(environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return Object.fromEntries((error as ConfigurationError).problems.map((problem) => [problem.variable, problem.message]));
  }
  throw new Error('expected a configuration error');
}

describe('environment (docs/configuration.md)', () => {
  it('has a working default for every variable', () => {
    const environment = readEnvironment({});
    expect(environment).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      AMI_PORT: 5038,
      CTI_DEFAULT_AREA_CODE: '11',
      CTI_URA_FIELDS: { URA_CPF: 'document', URA_PROTOCOLO: 'protocol', URA_OPCAO: 'option' },
      CTI_PAUSE_REASONS: ['Intervalo', 'Almoço', 'Treinamento', 'Banheiro', 'Feedback'],
      CTI_WRAP_UP_MAX_SECONDS: 120,
      CTI_WRAP_UP_REASON: 'Pós-atendimento',
      SUPERVISION_SERVICE_LEVEL_SECONDS: 20,
      SUPERVISION_WINDOW_MINUTES: 60,
    });
    expect(environment.DATABASE_URL).toBeUndefined();
    expect(environment.AMI_HOST).toBeUndefined();
    expect(new RegExp(environment.CTI_AGENT_PATTERN).exec('PJSIP/1001-0000002a')?.[1]).toBe('1001');
  });

  it('treats empty values as unset', () => {
    const environment = readEnvironment({ PORT: '', AMI_HOST: '' });
    expect(environment.PORT).toBe(3000);
    expect(environment.AMI_HOST).toBeUndefined();
  });

  it('names every bad variable with what is wrong', () => {
    const problems = problemsOf({
      PORT: 'abc',
      AMI_PORT: '70000',
      DATABASE_URL: 'mysql://localhost/receptivo',
      CTI_AGENT_PATTERN: '^Local/\\d+',
      CTI_URA_FIELDS: 'URA_CPF=document',
      CTI_DEFAULT_AREA_CODE: '011',
      SMTP_URL: 'http://mail',
      JWT_SECRET: 'short',
    });
    expect(Object.keys(problems).sort()).toEqual(
      ['AMI_PORT', 'CTI_AGENT_PATTERN', 'CTI_DEFAULT_AREA_CODE', 'CTI_URA_FIELDS', 'DATABASE_URL', 'JWT_SECRET', 'PORT', 'SMTP_URL'].sort(),
    );
    expect(problems.CTI_AGENT_PATTERN).toBe('precisa de um grupo de captura com o ramal');
    expect(problems.CTI_URA_FIELDS).toMatch(/VARIAVEL:campo/);
  });

  it('accepts a test clock file whose folder exists, and names the missing folder otherwise', () => {
    expect(readEnvironment({ TEST_CLOCK_FILE: `${__dirname}/clock-offset` }).TEST_CLOCK_FILE).toBe(`${__dirname}/clock-offset`);
    expect(problemsOf({ TEST_CLOCK_FILE: '/nao/existe/clock' }).TEST_CLOCK_FILE).toBe('a pasta /nao/existe não existe');
    expect(problemsOf({ TEST_CLOCK_FILE: __dirname }).TEST_CLOCK_FILE).toBe('deve ser um arquivo, não uma pasta');
  });

  it('refuses a regex that does not compile', () => {
    expect(problemsOf({ CTI_AGENT_PATTERN: '^(PJSIP' }).CTI_AGENT_PATTERN).toMatch(/expressão regular inválida/);
  });

  it('requires AMI credentials once AMI_HOST turns CTI on', () => {
    expect(problemsOf({ AMI_HOST: '127.0.0.1' })).toEqual({ AMI_USER: 'é obrigatório quando AMI_HOST está definido' });
    expect(problemsOf({ AMI_HOST: '127.0.0.1', AMI_USER: 'receptivo' })).toEqual({
      AMI_SECRET: 'é obrigatório quando AMI_HOST está definido',
    });
    expect(readEnvironment({ AMI_HOST: '127.0.0.1', AMI_USER: 'receptivo', AMI_SECRET: 's3cret' }).AMI_HOST).toBe('127.0.0.1');
  });

  it('reads the pause reasons, the wrap-up maximum and the supervision figures, refusing bad ones in pt-BR', () => {
    expect(
      readEnvironment({ CTI_PAUSE_REASONS: ' Café , Reunião de equipe,', CTI_WRAP_UP_MAX_SECONDS: '0', SUPERVISION_SERVICE_LEVEL_SECONDS: '30', SUPERVISION_WINDOW_MINUTES: '15' }),
    ).toMatchObject({ CTI_PAUSE_REASONS: ['Café', 'Reunião de equipe'], CTI_WRAP_UP_MAX_SECONDS: 0, SUPERVISION_SERVICE_LEVEL_SECONDS: 30, SUPERVISION_WINDOW_MINUTES: 15 });
    expect(
      problemsOf({ CTI_PAUSE_REASONS: ' , ', CTI_WRAP_UP_MAX_SECONDS: '-1', SUPERVISION_SERVICE_LEVEL_SECONDS: 'vinte', SUPERVISION_WINDOW_MINUTES: '1,5' }),
    ).toEqual({
      CTI_PAUSE_REASONS: 'informe ao menos um motivo, separados por vírgula',
      CTI_WRAP_UP_MAX_SECONDS: 'deve estar entre 0 e 86400 segundos',
      SUPERVISION_SERVICE_LEVEL_SECONDS: 'deve ser um número de segundos',
      SUPERVISION_WINDOW_MINUTES: 'deve ser um número de minutos',
    });
    expect(problemsOf({ CTI_PAUSE_REASONS: 'Almoço,almoço' }).CTI_PAUSE_REASONS).toBe('o motivo "almoço" aparece mais de uma vez');
    expect(problemsOf({ CTI_PAUSE_REASONS: 'Intervalo,Pós-atendimento' }).CTI_WRAP_UP_REASON).toBe('não pode ser também um dos motivos de CTI_PAUSE_REASONS');
    expect(problemsOf({ CTI_PAUSE_REASONS: 'x'.repeat(81) }).CTI_PAUSE_REASONS).toMatch(/passa de 80 caracteres/);
  });

  it('reads a custom URA mapping', () => {
    expect(readEnvironment({ CTI_URA_FIELDS: 'URA_CPF:document, URA_SEGMENTO:segment' }).CTI_URA_FIELDS).toEqual({
      URA_CPF: 'document',
      URA_SEGMENTO: 'segment',
    });
  });
  it('reads cluster mode: a redis:// or rediss:// REDIS_URL, which then requires a shared JWT_SECRET', () => {
    const secret = 'x'.repeat(32);
    expect(readEnvironment({ REDIS_URL: 'redis://127.0.0.1:6379', JWT_SECRET: secret }).REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(readEnvironment({ REDIS_URL: 'rediss://user:pw@cache.example:6380/2', JWT_SECRET: secret }).REDIS_URL).toBe('rediss://user:pw@cache.example:6380/2');
    expect(problemsOf({ REDIS_URL: 'redis://127.0.0.1:6379' })).toEqual({
      JWT_SECRET: 'é obrigatório com REDIS_URL (todos os nós assinam e conferem as mesmas sessões)',
    });
    expect(problemsOf({ REDIS_URL: 'http://127.0.0.1:6379', JWT_SECRET: secret }).REDIS_URL).toBe('deve começar com redis:// ou rediss://');
    expect(problemsOf({ REDIS_URL: 'cache de sessões', JWT_SECRET: secret }).REDIS_URL).toMatch(/^deve ser uma URL redis:\/\//);
    expect(readEnvironment({}).REDIS_URL).toBeUndefined();
  });

  it('accepts a NODE_NAME of 1 to 64 letters, digits, dots, hyphens and underscores', () => {
    expect(readEnvironment({ NODE_NAME: 'node-2.dc_1' }).NODE_NAME).toBe('node-2.dc_1');
    expect(readEnvironment({ NODE_NAME: 'n'.repeat(64) }).NODE_NAME).toHaveLength(64);
    const message = 'deve ter de 1 a 64 caracteres entre letras, números, ponto, hífen e sublinhado';
    expect(problemsOf({ NODE_NAME: 'n'.repeat(65) }).NODE_NAME).toBe(message);
    expect(problemsOf({ NODE_NAME: 'nó 1' }).NODE_NAME).toBe(message);
    expect(problemsOf({ NODE_NAME: 'a/b' }).NODE_NAME).toBe(message);
  });

  it('reads TRUSTED_PROXIES as addresses, CIDRs or proxy-addr names, none by default', () => {
    expect(readEnvironment({}).TRUSTED_PROXIES).toEqual([]);
    expect(readEnvironment({ TRUSTED_PROXIES: ' 10.0.0.7, 192.168.0.0/16 ,::1,fd00::/8, loopback' }).TRUSTED_PROXIES).toEqual([
      '10.0.0.7',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(problemsOf({ TRUSTED_PROXIES: '10.0.0.0/33' }).TRUSTED_PROXIES).toBe(
      '"10.0.0.0/33" não é um endereço IP, um CIDR (10.0.0.0/8) nem loopback, linklocal ou uniquelocal',
    );
    expect(problemsOf({ TRUSTED_PROXIES: '10.0.0.1,proxy.local' }).TRUSTED_PROXIES).toMatch(/^"proxy.local" não é um endereço IP/);
  });

  it('reads PUBLIC_URL, the address links in e-mail point at: http://127.0.0.1:PORT unless set', () => {
    expect(readEnvironment({}).PUBLIC_URL).toBe('http://127.0.0.1:3000');
    expect(readEnvironment({ PORT: '8080' }).PUBLIC_URL).toBe('http://127.0.0.1:8080');
    expect(readEnvironment({ PUBLIC_URL: ' https://Atendimento.Prefeitura.gov.br/ ' }).PUBLIC_URL).toBe('https://atendimento.prefeitura.gov.br');
    expect(readEnvironment({ PUBLIC_URL: 'https://prefeitura.gov.br/receptivo/' }).PUBLIC_URL).toBe('https://prefeitura.gov.br/receptivo');
    expect(problemsOf({ PUBLIC_URL: 'atendimento.prefeitura.gov.br' }).PUBLIC_URL).toBe(
      'deve ser uma URL: use http:// ou https://, por exemplo https://atendimento.prefeitura.sp.gov.br',
    );
    expect(problemsOf({ PUBLIC_URL: 'ftp://prefeitura.gov.br' }).PUBLIC_URL).toMatch(/^deve ser uma URL/);
    expect(problemsOf({ PUBLIC_URL: 'https://prefeitura.gov.br/?x=1' }).PUBLIC_URL).toBe('não pode ter usuário, senha, consulta (?) nem fragmento (#)');
    expect(problemsOf({ PUBLIC_URL: 'https://user:pw@prefeitura.gov.br' }).PUBLIC_URL).toBe('não pode ter usuário, senha, consulta (?) nem fragmento (#)');
  });

  it('reads METRICS_TOKEN and METRICS_PORT, neither by default, refusing a short token and the main port', () => {
    const unset = readEnvironment({});
    expect([unset.METRICS_TOKEN, unset.METRICS_PORT]).toEqual([undefined, undefined]);
    const token = 'f'.repeat(64);
    expect(readEnvironment({ METRICS_TOKEN: token, METRICS_PORT: '9464' })).toMatchObject({ METRICS_TOKEN: token, METRICS_PORT: 9464 });
    expect(problemsOf({ METRICS_TOKEN: 'curto' }).METRICS_TOKEN).toBe('deve ter pelo menos 32 caracteres (por exemplo, a saída de openssl rand -hex 32)');
    expect(problemsOf({ METRICS_TOKEN: `${'a'.repeat(20)} ${'b'.repeat(20)}` }).METRICS_TOKEN).toBe('use apenas letras, números e símbolos, sem espaços nem acentos');
    expect(problemsOf({ METRICS_TOKEN: 'ç'.repeat(40) }).METRICS_TOKEN).toBe('use apenas letras, números e símbolos, sem espaços nem acentos');
    expect(problemsOf({ METRICS_PORT: '3000' }).METRICS_PORT).toBe('não pode ser a mesma porta de PORT (3000)');
    expect(problemsOf({ PORT: '8080', METRICS_PORT: '8080' }).METRICS_PORT).toBe('não pode ser a mesma porta de PORT (8080)');
    expect(problemsOf({ METRICS_PORT: '0' }).METRICS_PORT).toBe('deve estar entre 1 e 65535');
  });
});
