import { type Attendance, attendedBy, channelLabels, formatDocument, formatProtocol, requestStatusLabels } from '@receptivo/shared';
import { PdfReport } from '../common/pdf-report';
import { dateTime } from '../common/pt-br';

const seconds = (value: number | null) => (value === null ? null : `${value} s`);

/** [Imprimir] of an attendance: who, when, how, and what was registered in it. */
export function attendancePdf(attendance: Attendance, printedAt: Date): Promise<Buffer> {
  const report = new PdfReport(
    `Atendimento ${formatProtocol(attendance.protocol)}`,
    `${channelLabels[attendance.channel]} · impresso em ${dateTime(printedAt)}`,
  );
  const customer = attendance.customer;
  report
    .field('Protocolo', formatProtocol(attendance.protocol))
    .field('Meio de comunicação', channelLabels[attendance.channel])
    .field('Situação', attendance.status === 'open' ? 'Em aberto' : 'Finalizado')
    .field('Início', dateTime(attendance.startedAt))
    .field('Fim', attendance.finishedAt ? dateTime(attendance.finishedAt) : null)
    .field('Atendente', attendedBy(attendance))
    .field('Cliente', customer ? `${customer.name} (${formatDocument(customer.document)})` : 'Não identificado')
    .field('E-mail', customer?.email)
    .field('Telefone', customer?.primaryPhone?.display)
    .field('Script enviado para', attendance.scriptSentTo);

  const call = attendance.call;
  if (call) {
    report
      .section('Ligação')
      .field('Número', call.callerNumber)
      .field('Fila', call.queue)
      .field('Espera', seconds(call.waitSeconds))
      .field('Conversa', seconds(call.talkSeconds))
      .field('Dados da URA', Object.entries(call.ura).map(([key, value]) => `${key}: ${value}`).join('; ') || null);
  }

  report.section('Informações');
  if (attendance.informations.length === 0) report.paragraph('Nenhuma informação registrada.');
  for (const information of attendance.informations) report.field(dateTime(information.registeredAt), information.title);

  report.section('Solicitações');
  if (attendance.requests.length === 0) report.paragraph('Nenhuma solicitação registrada.');
  for (const request of attendance.requests) {
    const group = request.groupOf ? ` · agrupada com ${formatProtocol(request.groupOf.protocol)}` : '';
    report.entry(
      `${formatProtocol(request.protocol)} — ${request.typeName}`,
      `${request.organName} · ${requestStatusLabels[request.status]} · prazo ${dateTime(request.deadline)}${group}`,
    );
  }
  return report.finish();
}
