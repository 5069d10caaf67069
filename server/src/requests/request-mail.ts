import { type RequestStatus, formatProtocol, requestStatusLabels } from '@receptivo/shared';
import { dateTime, escapeHtml } from '../common/pt-br';
import type { MailMessage } from '../mail/mail-message';

export interface RequestMailInput {
  to: string;
  customerName: string;
  protocol: string;
  typeName: string;
  organName: string;
  status: RequestStatus;
  deadline: Date;
  response: string | null;
}

/** The request as it stands, for its requester: sent on every back-office change and on [Reenviar Email]. */
export function requestStatusMail(input: RequestMailInput): MailMessage {
  const protocol = formatProtocol(input.protocol);
  const status = requestStatusLabels[input.status];
  const active = input.status === 'open' || input.status === 'in_progress';
  const text = [
    `Olá, ${input.customerName}.`,
    '',
    `Sua solicitação ${protocol} (${input.typeName}, ${input.organName}) está: ${status}.`,
    ...(active ? [`Prazo de atendimento: ${dateTime(input.deadline)}.`] : []),
    ...(input.response ? ['', 'Resposta do órgão:', input.response] : []),
    '',
    'Guarde o número de protocolo para acompanhar sua solicitação pela Central 156.',
  ].join('\n');
  const html = [
    `<p>Olá, ${escapeHtml(input.customerName)}.</p>`,
    `<p>Sua solicitação <strong>${protocol}</strong> (${escapeHtml(input.typeName)}, ${escapeHtml(input.organName)}) está: <strong>${status}</strong>.</p>`,
    active ? `<p>Prazo de atendimento: ${dateTime(input.deadline)}.</p>` : '',
    input.response ? `<h3>Resposta do órgão</h3><p>${escapeHtml(input.response).replace(/\n/g, '<br>')}</p>` : '',
    '<p>Guarde o número de protocolo para acompanhar sua solicitação pela Central 156.</p>',
  ].join('');
  return { to: input.to, subject: `Solicitação ${protocol} — ${status}`, text, html };
}
