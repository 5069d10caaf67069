import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

const port = () =>
  z.coerce
    .number({ error: 'deve ser um número de porta' })
    .int('deve ser um número inteiro')
    .min(1, 'deve estar entre 1 e 65535')
    .max(65535, 'deve estar entre 1 e 65535');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const agentPattern = z.string().superRefine((source, ctx) => {
  try {
    const groups = new RegExp(`${source}|`).exec('')!.length - 1;
    if (groups < 1) ctx.addIssue({ code: 'custom', message: 'precisa de um grupo de captura com o ramal' });
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `expressão regular inválida (${(error as Error).message})` });
  }
});

const uraFields = z.string().transform((spec, ctx) => {
  const mapping: Record<string, string> = {};
  for (const pair of spec.split(',').map((item) => item.trim()).filter(Boolean)) {
    const [variable, field, ...rest] = pair.split(':').map((part) => part.trim());
    if (!variable || !field || rest.length > 0 || !/^\w+$/.test(variable) || !/^\w+$/.test(field)) {
      ctx.addIssue({ code: 'custom', message: `par inválido "${pair}": use VARIAVEL:campo separados por vírgula` });
      return z.NEVER;
    }
    mapping[variable] = field;
  }
  return mapping;
});

/** Matches agentPauseSchema's limit: a reason longer than that could never be sent. */
const PAUSE_REASON_MAX = 80;

const pauseReasons = z.string().transform((spec, ctx) => {
  const reasons = spec.split(',').map((reason) => reason.trim()).filter(Boolean);
  if (reasons.length === 0) ctx.addIssue({ code: 'custom', message: 'informe ao menos um motivo, separados por vírgula' });
  const seen = new Set<string>();
  for (const reason of reasons) {
    if (reason.length > PAUSE_REASON_MAX) ctx.addIssue({ code: 'custom', message: `o motivo "${reason}" passa de ${PAUSE_REASON_MAX} caracteres` });
    const key = reason.toLocaleLowerCase('pt-BR');
    if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `o motivo "${reason}" aparece mais de uma vez` });
    seen.add(key);
  }
  return reasons;
});

const wholeNumber = (min: number, max: number, unit: string) =>
  z.coerce
    .number({ error: `deve ser um número de ${unit}` })
    .int(`deve ser um número inteiro de ${unit}`)
    .min(min, `deve estar entre ${min} e ${max} ${unit}`)
    .max(max, `deve estar entre ${min} e ${max} ${unit}`);

const postgresUrl = z
  .string()
  .url('deve ser uma URL postgres://usuario:senha@host:porta/banco')
  .refine((url) => /^postgres(ql)?:\/\//.test(url), 'deve começar com postgres:// ou postgresql://');

const smtpUrl = z
  .string()
  .url('deve ser uma URL smtp://usuario:senha@host:porta')
  .refine((url) => /^smtps?:\/\//.test(url), 'deve começar com smtp:// ou smtps://');

const redisUrl = z
  .string()
  .url({ message: 'deve ser uma URL redis://usuario:senha@host:porta', abort: true })
  .refine((url) => /^rediss?:\/\//.test(url), 'deve começar com redis:// ou rediss://');

/** proxy-addr's names (what Express' `trust proxy` understands) besides addresses and CIDRs. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const trustedProxies = z.string().transform((spec, ctx) => {
  const entries = spec.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const entry of entries.filter((entry) => !isProxyAddress(entry))) {
    ctx.addIssue({ code: 'custom', message: `"${entry}" não é um endereço IP, um CIDR (10.0.0.0/8) nem loopback, linklocal ou uniquelocal` });
  }
  return entries;
});

const PUBLIC_URL_EXAMPLE = 'use http:// ou https://, por exemplo https://atendimento.prefeitura.sp.gov.br';

/** Where citizens reach the server, for links in e-mail: kept without a trailing slash, so paths are appended as they are. */
const publicUrl = z
  .string()
  .trim()
  .transform((value, ctx) => {
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (!url || !['http:', 'https:'].includes(url.protocol)) {
      ctx.addIssue({ code: 'custom', message: `deve ser uma URL: ${PUBLIC_URL_EXAMPLE}` });
      return z.NEVER;
    }
    if (url.username || url.password || url.search || url.hash) {
      ctx.addIssue({ code: 'custom', message: 'não pode ter usuário, senha, consulta (?) nem fragmento (#)' });
      return z.NEVER;
    }
    return url.href.replace(/\/+$/, '');
  });

/** Sent by Prometheus in an HTTP header: visible ASCII, no spaces, long enough not to be guessed. */
const metricsToken = z
  .string()
  .trim()
  .regex(/^[\x21-\x7e]+$/, 'use apenas letras, números e símbolos, sem espaços nem acentos')
  .min(32, 'deve ter pelo menos 32 caracteres (por exemplo, a saída de openssl rand -hex 32)')
  .max(256, 'use no máximo 256 caracteres');

/** A file the server reads later: its folder must exist now, and it must not be a folder itself. */
const laterFile = z.string().superRefine((path, ctx) => {
  const absolute = resolve(path);
  if (!existsSync(dirname(absolute))) ctx.addIssue({ code: 'custom', message: `a pasta ${dirname(absolute)} não existe` });
  else if (existsSync(absolute) && statSync(absolute).isDirectory()) ctx.addIssue({ code: 'custom', message: 'deve ser um arquivo, não uma pasta' });
});

/** docs/configuration.md: every variable optional, every value checked before anything starts. */
export const environmentSchema = z
  .object({
    PORT: port().default(3000),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    /** Unset: http://127.0.0.1:PORT (see the transform below), right only for a citizen on the server itself. */
    PUBLIC_URL: publicUrl.optional(),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    DATABASE_URL: postgresUrl.optional(),
    AMI_HOST: optionalText,
    AMI_PORT: port().default(5038),
    AMI_USER: optionalText,
    AMI_SECRET: optionalText,
    CTI_AGENT_PATTERN: agentPattern.default('^(?:PJSIP|SIP|Local)/(\\d+)'),
    CTI_URA_FIELDS: uraFields.prefault('URA_CPF:document,URA_PROTOCOLO:protocol,URA_OPCAO:option'),
    CTI_DEFAULT_AREA_CODE: z
      .string()
      .regex(/^[1-9][1-9]$/, 'deve ser um DDD de dois dígitos, por exemplo 11')
      .default('11'),
    CTI_PAUSE_REASONS: pauseReasons.prefault('Intervalo,Almoço,Treinamento,Banheiro,Feedback'),
    /** 0: wrap-up lasts until the attendance is finished. */
    CTI_WRAP_UP_MAX_SECONDS: wholeNumber(0, 86_400, 'segundos').default(120),
    /** The QueuePause reason that holds an attendant in wrap-up in the PBX. */
    CTI_WRAP_UP_REASON: z.string().trim().min(1).max(80, 'use no máximo 80 caracteres').default('Pós-atendimento'),
    /** Queue calls an attendant may let ring unanswered in a row before the PBX pauses them (0: never). */
    CTI_RONA_LIMIT: wholeNumber(0, 20, 'chamadas').default(2),
    /** The QueuePause reason of that automatic pause. */
    CTI_RONA_REASON: z.string().trim().min(1).max(80, 'use no máximo 80 caracteres').default('Não atendeu'),
    /** The dialplan context through which the PBX dials a citizen back (callbacks are off while unset). */
    CTI_CALLBACK_CONTEXT: optionalText,
    /** The caller ID a called-back citizen sees. */
    CTI_CALLBACK_CALLERID: optionalText,
    SUPERVISION_SERVICE_LEVEL_SECONDS: wholeNumber(1, 3600, 'segundos').default(20),
    SUPERVISION_WINDOW_MINUTES: wholeNumber(1, 1440, 'minutos').default(60),
    /** Hours before its deadline an open request enters the supervisors' deadline alerts (at most 20% of its SLA). */
    SUPERVISION_ALERT_HOURS: wholeNumber(1, 720, 'horas').default(24),
    SMTP_URL: smtpUrl.optional(),
    MAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    JWT_SECRET: z.string().min(32, 'deve ter pelo menos 32 caracteres').optional(),
    /** Set: cluster mode, every node with the same DATABASE_URL, REDIS_URL and JWT_SECRET forms one cluster. */
    REDIS_URL: redisUrl.optional(),
    /** This node's name in the cluster (logs, health); settings.ts defaults it to the hostname and process id. */
    NODE_NAME: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'deve ter de 1 a 64 caracteres entre letras, números, ponto, hífen e sublinhado')
      .optional(),
    /** The reverse proxies whose X-Forwarded-For is believed; none: the client is the socket's peer. */
    TRUSTED_PROXIES: trustedProxies.prefault(''),
    /** Set: GET /metrics requires `Authorization: Bearer <token>` wherever it is served. */
    METRICS_TOKEN: metricsToken.optional(),
    /** Set: GET /metrics is served on this port only (on HOST), not on PORT. */
    METRICS_PORT: port().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Tests only: the clock adds the offset in milliseconds held in this file (see Clock). */
    TEST_CLOCK_FILE: laterFile.optional(),
  })
  .superRefine((env, ctx) => {
    // The attendant's own pause must never be taken for the wrap-up the server releases by itself.
    if (env.CTI_PAUSE_REASONS.some((reason) => reason.toLowerCase() === env.CTI_WRAP_UP_REASON.toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: ['CTI_WRAP_UP_REASON'], message: 'não pode ser também um dos motivos de CTI_PAUSE_REASONS' });
    }
    if ([...env.CTI_PAUSE_REASONS, env.CTI_WRAP_UP_REASON].some((reason) => reason.toLowerCase() === env.CTI_RONA_REASON.toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: ['CTI_RONA_REASON'], message: 'não pode ser também CTI_WRAP_UP_REASON nem um dos motivos de CTI_PAUSE_REASONS' });
    }
    if (env.AMI_HOST && (!env.AMI_USER || !env.AMI_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.AMI_USER ? 'AMI_SECRET' : 'AMI_USER'],
        message: 'é obrigatório quando AMI_HOST está definido',
      });
    }
    if (env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: `não pode ser a mesma porta de PORT (${env.PORT})` });
    }
    // A secret generated into each node's DATA_DIR would differ between nodes: a session signed by one would fail on another.
    if (env.REDIS_URL && !env.JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'é obrigatório com REDIS_URL (todos os nós assinam e conferem as mesmas sessões)',
      });
    }
  })
  .transform((env) => ({ ...env, PUBLIC_URL: env.PUBLIC_URL ?? `http://127.0.0.1:${env.PORT}` }));

export type Environment = z.output<typeof environmentSchema>;

export class ConfigurationError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((problem) => `  ${problem.variable}: ${problem.message}`).join('\n')}`,
    );
    this.name = 'ConfigurationError';
  }
}

/** Empty strings count as unset, as a shell `VAR= npm start` means. */
export function readEnvironment(source: NodeJS.ProcessEnv): Environment {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const result = environmentSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigurationError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), message: issue.message })),
    );
  }
  return result.data;
}
