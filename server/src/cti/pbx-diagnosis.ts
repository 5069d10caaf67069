import type { CtiState, PbxFinding } from '@receptivo/shared';

/** Everything the PBX wiring check weighs, gathered by PbxDiagnostics from the link, its observations and the users. */
export interface PbxFacts {
  /** AMI_HOST is set. */
  configured: boolean;
  state: CtiState;
  agentPattern: RegExp;
  /** CTI_URA_FIELDS: AMI variable → the field of the call it fills. */
  uraFields: Record<string, string>;
  /** QueueStatus's queues and members; null when the PBX did not answer it. */
  queues: { name: string; members: { interface: string }[] }[] | null;
  /** Active users with an extension. */
  users: { name: string; extension: string }[];
  /** Events heard since the link connected, by name (read or dropped at the door). */
  events: ReadonlyMap<string, number>;
  /** The event classes (manager.conf `read`) the heard events belong to. */
  classes: ReadonlySet<string>;
  /** The URA fields each of the last calls that rang brought, oldest first. */
  recentCalls: { uraFields: string[] }[];
  clockOffsetMs: number | null;
  /** Actions the PBX refused with "Permission denied". */
  deniedActions: readonly DeniedAction[];
}

export type DeniedAction = 'QueuePause' | 'Getvar' | 'CoreShowChannels';

export interface PbxDiagnosis {
  findings: PbxFinding[];
  passed: string[];
  pending: string[];
}

/** manager.conf lines of a least-privilege user for the desk (docs/asterisk.md explains each class). */
const READ_LINE = 'read = call,agent,user,dialplan';
const WRITE_LINE = 'write = agent,reporting,originate';
/** More than this between the clocks and the waits and times on the desks are visibly wrong. */
const CLOCK_TOLERANCE_MS = 2_000;

/** The events the desk needs once calls go through the queues: their class, and what their absence breaks. */
const NEEDED_EVENTS: { event: string; eventClass: string; breaks: string }[] = [
  { event: 'QueueCallerJoin', eventClass: 'agent', breaks: 'sem ele as chamadas na fila não são conhecidas, nem o cliente procurado antes de tocar' },
  { event: 'AgentCalled', eventClass: 'agent', breaks: 'sem ele nenhuma tela de chamada aparece nas mesas' },
  { event: 'Hangup', eventClass: 'call', breaks: 'sem ele o fim das chamadas não chega às mesas' },
  { event: 'VarSet', eventClass: 'dialplan', breaks: 'sem ele os dados da URA (CPF, opção) não chegam à tela de chamada' },
  { event: 'QueueMemberStatus', eventClass: 'agent', breaks: 'sem ele o estado dos ramais (livre, em chamada, indisponível) fica parado nas mesas e na supervisão' },
];

const CLASS_BREAKS: Record<string, string> = {
  agent: 'as chamadas das filas e o estado dos ramais',
  call: 'o fim das chamadas e o estado dos canais',
  dialplan: 'os dados da URA gravados com Set()',
  user: 'os dados da URA enviados com UserEvent(URA)',
};

/** What each refused action breaks. */
const DENIED_BREAKS: Record<DeniedAction, string> = {
  QueuePause: 'Pausar e Retomar nas mesas são recusados pela central',
  Getvar: 'depois de um reinício do servidor, os dados da URA das chamadas em curso não são lidos',
  CoreShowChannels: 'depois de um reinício do servidor, as chamadas em curso não são refeitas',
};

/** The manager.conf fix for an event an eventfilter hides. */
const unfilterFix = (event: string): PbxFinding['fix'] => ({
  place: 'manager.conf',
  lines: ['[receptivo]', `; retire a linha eventfilter que exclui ${event}, ou libere-o:`, `eventfilter = Event: ${event}`],
});

/**
 * The PBX wiring check: from what the link heard and the PBX answered, what is wrong or missing in
 * its configuration, each finding with what it breaks and the line that fixes it. Pure: the same
 * facts always give the same findings.
 */
export function diagnosePbx(facts: PbxFacts): PbxDiagnosis {
  const findings: PbxFinding[] = [];
  const passed: string[] = [];
  const pending: string[] = [];

  if (!facts.configured) {
    findings.push({
      code: 'cti_off',
      severity: 'error',
      title: 'A telefonia não está configurada neste servidor.',
      detail: 'Sem AMI_HOST o servidor não se conecta à central: nenhuma chamada chega às mesas.',
      fix: { place: 'receptivo.env', lines: ['AMI_HOST=<endereço do Asterisk>', 'AMI_PORT=5038', 'AMI_USER=receptivo', 'AMI_SECRET=<senha do manager.conf>'] },
    });
    return { findings, passed, pending };
  }
  if (facts.state !== 'connected') {
    findings.push(
      facts.state === 'login_refused'
        ? {
            code: 'login_refused',
            severity: 'error',
            title: 'A central recusou o usuário e a senha do AMI.',
            detail: 'AMI_USER e AMI_SECRET devem ser os de um usuário do manager.conf, e o endereço do servidor deve estar nos seus permit.',
            fix: { place: 'manager.conf', lines: ['[receptivo]', 'secret = <a mesma senha de AMI_SECRET>', 'deny = 0.0.0.0/0.0.0.0', 'permit = <endereço do servidor>/255.255.255.255'] },
          }
        : {
            code: 'link_down',
            severity: 'error',
            title: 'A central não responde no endereço configurado.',
            detail: 'O AMI precisa estar ativo e aceitar conexões do servidor em AMI_HOST:AMI_PORT.',
            fix: { place: 'manager.conf', lines: ['[general]', 'enabled = yes', 'port = 5038', 'bindaddr = 0.0.0.0'] },
          },
    );
    return { findings, passed, pending };
  }
  passed.push('Conexão com o AMI');

  for (const action of facts.deniedActions) {
    findings.push({
      code: 'write_class_missing',
      severity: 'error',
      title: `O usuário do AMI não tem permissão para a ação ${action}.`,
      detail: `Falta uma classe em write: ${DENIED_BREAKS[action]}.`,
      fix: { place: 'manager.conf', lines: ['[receptivo]', WRITE_LINE] },
    });
  }
  if (facts.deniedActions.length === 0) passed.push('Permissões de escrita do usuário do AMI (pausa, variáveis, canais)');

  checkQueues(facts, findings, passed);
  checkEvents(facts, findings, passed, pending);

  if (facts.clockOffsetMs === null) {
    pending.push('Relógio da central (a central não informou a hora no Ping)');
  } else if (Math.abs(facts.clockOffsetMs) > CLOCK_TOLERANCE_MS) {
    const seconds = Math.round(facts.clockOffsetMs / 1000);
    findings.push({
      code: 'clock_skew',
      severity: 'warning',
      title: `O relógio da central está ${Math.abs(seconds)} s ${seconds > 0 ? 'adiantado' : 'atrasado'} em relação ao servidor.`,
      detail: 'Tempos de espera, pausas e horários das chamadas aparecem errados nas mesas e na supervisão.',
      fix: { place: 'sistema', lines: ['timedatectl set-ntp true   # no servidor do Asterisk e no do Receptivo'] },
    });
  } else {
    passed.push('Relógio da central sincronizado com o do servidor');
  }
  return { findings, passed, pending };
}

function checkQueues(facts: PbxFacts, findings: PbxFinding[], passed: string[]): void {
  if (facts.queues === null) {
    findings.push({
      code: 'queue_status_failed',
      severity: 'error',
      title: 'A central não respondeu ao QueueStatus.',
      detail: 'Sem ele o servidor não conhece as filas e seus membros, nem refaz o estado depois de um reinício.',
      fix: null,
    });
    return;
  }
  if (facts.queues.length === 0) {
    findings.push({
      code: 'no_queues',
      severity: 'error',
      title: 'A central não tem nenhuma fila.',
      detail: 'As telas de chamada vêm dos eventos das filas (app_queue): chamadas fora de fila não chegam às mesas.',
      fix: { place: 'queues.conf', lines: ['[atendimento]', 'strategy = rrmemory', 'setinterfacevar = yes', 'member => PJSIP/1001'] },
    });
    return;
  }
  passed.push(`Filas na central: ${facts.queues.map((queue) => queue.name).join(', ')}`);

  const memberExtensions = new Set<string>();
  let outside = 0;
  for (const queue of facts.queues) {
    for (const member of queue.members) {
      const extension = facts.agentPattern.exec(member.interface)?.[1];
      if (extension) {
        memberExtensions.add(extension);
        continue;
      }
      outside += 1;
      const digits = /\/(\d+)/.exec(member.interface)?.[1];
      findings.push({
        code: 'member_outside_pattern',
        severity: 'error',
        title: `O membro ${member.interface} da fila ${queue.name} não corresponde a CTI_AGENT_PATTERN.`,
        detail: `O ramal é lido da interface do membro com ${facts.agentPattern.source}: as chamadas desse membro não aparecem em nenhuma mesa.`,
        fix: digits
          ? { place: 'queues.conf', lines: [`[${queue.name}]`, `member => PJSIP/${digits}`] }
          : { place: 'receptivo.env', lines: ['CTI_AGENT_PATTERN=<expressão cujo primeiro grupo captura o ramal>'] },
      });
    }
  }
  if (outside === 0) passed.push('Interfaces dos membros das filas correspondem a CTI_AGENT_PATTERN');

  const usersByExtension = new Map(facts.users.map((user) => [user.extension, user]));
  const unknown = [...memberExtensions].filter((extension) => !usersByExtension.has(extension)).sort();
  for (const extension of unknown) {
    findings.push({
      code: 'extension_without_user',
      severity: 'warning',
      title: `O ramal ${extension} está numa fila, mas nenhum usuário ativo tem esse ramal.`,
      detail: 'As chamadas que tocarem nele não aparecem em nenhuma mesa.',
      fix: { place: 'usuarios', lines: [`Administração → Usuários: informe o ramal ${extension} no cadastro do atendente`] },
    });
  }
  const queueless = facts.users.filter((user) => !memberExtensions.has(user.extension)).sort((a, b) => a.extension.localeCompare(b.extension));
  const firstQueue = facts.queues[0].name;
  for (const user of queueless) {
    findings.push({
      code: 'user_outside_queues',
      severity: 'warning',
      title: `O ramal ${user.extension} de ${user.name} não está em nenhuma fila.`,
      detail: 'Nenhuma chamada de fila toca nesse ramal, e Pausar na mesa é recusado.',
      fix: { place: 'queues.conf', lines: [`[${firstQueue}]`, `member => PJSIP/${user.extension}`] },
    });
  }
  if (unknown.length === 0 && queueless.length === 0) passed.push('Ramais das filas e ramais dos usuários conferem');
}

function checkEvents(facts: PbxFacts, findings: PbxFinding[], passed: string[], pending: string[]): void {
  const heard = (event: string) => (facts.events.get(event) ?? 0) > 0;
  const trafficSeen = ['QueueCallerJoin', 'AgentCalled', 'Hangup', 'Newchannel'].some(heard);
  if (!trafficSeen) {
    pending.push('Eventos de chamada (classes call, agent e dialplan) — faça uma chamada de teste para uma fila');
    pending.push('Variáveis da URA nas chamadas');
    return;
  }

  const missingClasses = new Set<string>();
  for (const { event, eventClass, breaks } of NEEDED_EVENTS) {
    if (heard(event)) continue;
    if (!facts.classes.has(eventClass)) {
      missingClasses.add(eventClass);
      continue;
    }
    findings.push(
      event === 'QueueMemberStatus'
        ? {
            code: 'member_status_missing',
            severity: 'error',
            title: 'O evento QueueMemberStatus não chega ao servidor.',
            detail: `Chamadas passaram pelas filas sem nenhum QueueMemberStatus: ${breaks}. Desde o Asterisk 12 ele é sempre enviado (a opção eventmemberstatus não existe mais): um eventfilter do usuário do AMI o esconde.`,
            fix: unfilterFix(event),
          }
        : {
            code: 'event_filtered',
            severity: 'error',
            title: `O evento ${event} não chega ao servidor, embora a classe ${eventClass} esteja liberada.`,
            detail: `Um eventfilter do usuário do AMI o esconde: ${breaks}.`,
            fix: unfilterFix(event),
          },
    );
  }
  for (const eventClass of [...missingClasses].sort()) {
    findings.push({
      code: 'read_class_missing',
      severity: 'error',
      title: `Nenhum evento da classe ${eventClass} chega ao servidor.`,
      detail: `Falta a classe ${eventClass} em read no manager.conf (ou um eventfilter esconde todos os seus eventos): ${CLASS_BREAKS[eventClass]} não chegam às mesas.`,
      fix: { place: 'manager.conf', lines: ['[receptivo]', READ_LINE] },
    });
  }
  if (missingClasses.size === 0 && NEEDED_EVENTS.every(({ event }) => heard(event))) passed.push('Eventos de chamada, de fila e de ramal chegam ao servidor');
  if (heard('AgentConnect') && heard('Hangup') && !heard('AgentComplete')) {
    findings.push({
      code: 'event_filtered',
      severity: 'warning',
      title: 'O evento AgentComplete não chega ao servidor.',
      detail: 'Chamadas atendidas terminaram sem AgentComplete: o tempo de conversa dos atendimentos fica em branco.',
      fix: unfilterFix('AgentComplete'),
    });
  }

  if (facts.recentCalls.length === 0) {
    pending.push('Variáveis da URA nas chamadas — nenhuma chamada tocou numa mesa desde a conexão');
    return;
  }
  const brought = new Set(facts.recentCalls.flatMap((call) => call.uraFields));
  const missing = Object.entries(facts.uraFields).filter(([, field]) => !brought.has(field));
  for (const [variable] of missing) {
    findings.push({
      code: 'ura_variable_missing',
      severity: 'warning',
      title: `A variável ${variable} (CTI_URA_FIELDS) não veio em nenhuma das últimas ${facts.recentCalls.length} chamadas.`,
      detail: 'A URA deve gravá-la no canal do chamador antes da fila (Set com __ para herdar) ou publicá-la com UserEvent(URA); sem ela a tela de chamada não traz esse dado.',
      fix: {
        place: 'extensions.conf',
        lines: [`same => n,Set(__${variable}=\${valor digitado})`, `same => n,UserEvent(URA,${variable.replace(/^URA_/i, '')}: \${${variable}})`],
      },
    });
  }
  if (missing.length === 0) passed.push(`Variáveis da URA (${Object.keys(facts.uraFields).join(', ')}) chegam com as chamadas`);
}
