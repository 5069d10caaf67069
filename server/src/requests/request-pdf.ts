import {
  type Request,
  formatDocument,
  formatProtocol,
  requestEventAuthor,
  requestEventKindLabels,
  requestStatusLabels,
} from '@receptivo/shared';
import { PdfReport } from '../common/pdf-report';
import { dateTime } from '../common/pt-br';

interface FormProperty {
  title?: string;
  type?: string;
}

/** One form answer as the citizen would read it. */
export function formValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Sim' : 'Não';
  if (typeof value === 'number') return value.toLocaleString('pt-BR');
  if (Array.isArray(value)) return value.map(formValue).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The form's answers under the titles of the type's form schema, in the schema's order. */
export function formLines(request: Pick<Request, 'form' | 'formSchema'>): [string, string][] {
  const properties = (request.formSchema.properties ?? {}) as Record<string, FormProperty>;
  const declared = Object.keys(properties);
  const extra = Object.keys(request.form).filter((name) => !declared.includes(name));
  return [...declared, ...extra].map((name) => [properties[name]?.title ?? name, formValue(request.form[name])]);
}

const fileSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** [Imprimir] of the Status Solicitação view. */
export function requestPdf(request: Request, printedAt: Date): Promise<Buffer> {
  const report = new PdfReport(
    `Solicitação ${formatProtocol(request.protocol)}`,
    `${request.typeName} — ${request.organName} · impresso em ${dateTime(printedAt)}`,
  );
  const address = request.address;
  report
    .field('Protocolo', formatProtocol(request.protocol))
    .field('Atendimento', formatProtocol(request.attendanceProtocol))
    .field('Situação', requestStatusLabels[request.status])
    .field('Tipo', request.typeName)
    .field('Órgão', request.organName)
    .field('Registrada em', `${dateTime(request.createdAt)} por ${request.registeredBy}`)
    .field('Prazo', dateTime(request.deadline))
    .field('Finalizada em', request.finishedAt ? dateTime(request.finishedAt) : null)
    .field('Cliente', request.customer ? `${request.customer.name} (${formatDocument(request.customer.document)})` : 'Não identificado')
    .field('E-mail', request.customer?.email)
    .field(
      'Endereço',
      address
        ? `${address.street}, ${address.number}${address.complement ? `, ${address.complement}` : ''} — ${address.neighborhood}, ${address.city}/${address.state} — CEP ${address.cep.replace(/^(\d{5})(\d{3})$/, '$1-$2')}`
        : null,
    );
  if (request.group.length) {
    report.field('Grupo', request.group.map((member) => `${formatProtocol(member.protocol)} (${requestStatusLabels[member.status]})`).join(', '));
  }

  report.section('Formulário');
  const lines = formLines(request);
  if (lines.length === 0) report.paragraph('Sem campos.');
  for (const [title, value] of lines) report.field(title, value);

  report.section('Resposta').paragraph(request.response ?? 'Ainda sem resposta do órgão.');

  report.section('Histórico');
  for (const event of request.timeline) {
    const attachments = event.attachments.length
      ? `\nAnexos: ${event.attachments.map((file) => `${file.fileName} (${fileSize(file.size)})`).join(', ')}`
      : '';
    report.entry(
      `${dateTime(event.at)} — ${requestEventKindLabels[event.kind]} — ${requestEventAuthor(event)}`,
      `${event.description}${attachments}`,
    );
  }
  return report.finish();
}
