import { z } from 'zod';
import { attendanceSchema } from '../attendances/schemas';
import { stripDocument } from '../customers/documents';
import { customerSchema } from '../customers/schemas';
import { requestSchema } from '../requests/schemas';
import { textTableCsv } from '../reports/tables';

/**
 * The header the renderer sends with customer reads, naming the screen the user looked from
 * (`cliente`, `atendimento`…); the access audit keeps it next to the route.
 */
export const SCREEN_HEADER = 'X-Receptivo-Screen';

/** One look at a customer's data (record, history, data report), as the access audit keeps it. */
export const customerAccessSchema = z.object({
  id: z.string().uuid(),
  accessedAt: z.string().datetime(),
  customer: z.object({ id: z.string().uuid(), name: z.string(), document: z.string() }),
  user: z.object({ id: z.string().uuid(), name: z.string() }),
  /** Method and route pattern, e.g. `GET /api/customers/:id`. */
  route: z.string(),
  screen: z.string().nullable(),
});
export type CustomerAccess = z.infer<typeof customerAccessSchema>;

/**
 * GET /api/customer-access: per customer (its id, or its CPF/CNPJ as the citizen gives it) and/or
 * per user, within Brasília days; the latest first.
 */
export const customerAccessQuerySchema = z
  .object({
    customerId: z.string().uuid('Cliente inválido.').optional(),
    document: z
      .string()
      .trim()
      .max(30)
      .transform(stripDocument)
      .refine((document) => document === '' || document.length === 11 || document.length === 14, 'Informe o CPF ou CNPJ completo.')
      .optional(),
    userId: z.string().uuid('Usuário inválido.').optional(),
    from: z.iso.date('Data inicial inválida.').optional(),
    to: z.iso.date('Data final inválida.').optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['to'], message: 'A data final é anterior à inicial.' });
export type CustomerAccessQuery = z.input<typeof customerAccessQuerySchema>;

export const customerAccessListSchema = z.object({ items: z.array(customerAccessSchema), total: z.number().int() });
export type CustomerAccessList = z.infer<typeof customerAccessListSchema>;

const brasiliaTime = new Intl.DateTimeFormat('pt-BR', { timeZone: 'America/Sao_Paulo', dateStyle: 'short', timeStyle: 'medium' });

/** "05/12/2026, 01:02:03" → "05/12/2026 01:02:03": the moment in Brasília, as a spreadsheet reads it. */
export const brasiliaDateTime = (iso: string) => brasiliaTime.format(new Date(iso)).replace(',', '');

/** The access list as CSV for Excel in pt-BR: the "who saw my data" answer a citizen may ask for. */
export function customerAccessCsv(items: readonly CustomerAccess[]): string {
  return textTableCsv(
    ['Data e hora (Brasília)', 'Cliente', 'CPF/CNPJ', 'Usuário', 'Rota', 'Tela'],
    items.map((item) => [brasiliaDateTime(item.accessedAt), item.customer.name, item.customer.document, item.user.name, item.route, item.screen]),
  );
}

/** GET /api/customers/{id}/data-report: everything held about one customer (LGPD access request). */
export const customerDataReportSchema = z.object({
  generatedAt: z.string().datetime(),
  customer: customerSchema,
  attendances: z.array(attendanceSchema),
  /** Each with its timeline (history of status changes, responses, reiterations). */
  requests: z.array(requestSchema),
  accesses: z.array(customerAccessSchema),
});
export type CustomerDataReport = z.infer<typeof customerDataReportSchema>;
