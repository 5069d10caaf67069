import { type RequestSummary, channelLabels, formatProtocol, requestStatusLabels } from '@receptivo/shared';
import { dateTime, escapeHtml } from '../common/pt-br';
import type { CustomerEntity } from '../customers/customer.entities';
import type { MailMessage } from '../mail/mail-message';
import type { AttendanceEntity } from './attendance.entities';

interface SummaryInput {
  attendance: AttendanceEntity;
  customer: CustomerEntity;
  to: string;
  informations: { title: string; proposed_solution: string; solution_text: string }[];
  requests: RequestSummary[];
}

/**
 * [Enviar script de atendimento]: the attendance summary with the proposed solution of each
 * registered information, as text and as HTML (the solutions are already sanitized HTML).
 */
export function attendanceSummaryMail({ attendance, customer, to, informations, requests }: SummaryInput): MailMessage {
  const protocol = formatProtocol(attendance.protocol);
  const text = [
    `Olá, ${customer.name}.`,
    '',
    `Resumo do seu atendimento ${protocol} (${channelLabels[attendance.channel]}, ${dateTime(attendance.startedAt)}).`,
    '',
    ...(informations.length ? ['Informações e soluções propostas:', ''] : []),
    ...informations.flatMap((information) => [`• ${information.title}`, information.solution_text, '']),
    ...(requests.length ? ['Solicitações registradas:', ''] : []),
    ...requests.map(
      (request) =>
        `• ${formatProtocol(request.protocol)} — ${request.typeName} — ${requestStatusLabels[request.status]}, prazo ${dateTime(request.deadline)}`,
    ),
    '',
    'Guarde os números de protocolo para acompanhar suas solicitações.',
  ].join('\n');
  const html = [
    `<p>Olá, ${escapeHtml(customer.name)}.</p>`,
    `<p>Resumo do seu atendimento <strong>${protocol}</strong> (${channelLabels[attendance.channel]}, ${dateTime(attendance.startedAt)}).</p>`,
    ...informations.map((information) => `<h3>${escapeHtml(information.title)}</h3>${information.proposed_solution}`),
    requests.length
      ? `<h3>Solicitações registradas</h3><ul>${requests
          .map(
            (request) =>
              `<li><strong>${formatProtocol(request.protocol)}</strong> — ${escapeHtml(request.typeName)} — ${requestStatusLabels[request.status]}, prazo ${dateTime(request.deadline)}</li>`,
          )
          .join('')}</ul>`
      : '',
    '<p>Guarde os números de protocolo para acompanhar suas solicitações.</p>',
  ].join('');
  return { to, subject: `Atendimento ${protocol} — resumo e orientações`, text, html };
}
