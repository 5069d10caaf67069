import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Open311CreatedRequest, type Open311NewRequest, formatProtocol } from '@receptivo/shared';
import { WebAttendances } from '../attendances/web-attendances';
import { ApiException } from '../common/api-exception';
import { dateTime } from '../common/pt-br';
import { formDataErrors } from '../knowledge/form-schema';
import { postedInputOf, registrationFrom } from './open311-attributes';
import { Open311Catalog } from './open311-catalog';
import type { Open311ClientApp } from './open311-clients.service';

const refused = (fields: Record<string, string>) =>
  new ApiException(400, 'VALIDATION_FAILED', 'Corrija os campos indicados.', fields);

/**
 * What is kept of the location and media an application sends: words in the description, read by
 * people. The request's structured address (what groups requests) comes only from the endereco_*
 * attributes of the types that require one.
 */
function storedDescription(input: Open311NewRequest): string | null {
  const lines = [input.description];
  if (input.address_string) lines.push(`Local informado pelo aplicativo: ${input.address_string}`);
  if (input.lat !== undefined && input.long !== undefined) lines.push(`Coordenadas (WGS84): ${input.lat}, ${input.long}`);
  if (input.media_url) lines.push(`Mídia: ${input.media_url}`);
  const text = lines.filter(Boolean).join('\n');
  return text || null;
}

/**
 * POST requests: a client application's report, registered by the desk's rules (form, address,
 * grouping, deadline) in a `web` attendance of its own. Nothing that identifies a person is read
 * from the post: the request has no requester.
 */
@Injectable()
export class Open311Submission {
  constructor(
    private readonly dataSource: DataSource,
    private readonly catalog: Open311Catalog,
    private readonly web: WebAttendances,
  ) {}

  async submit(input: Open311NewRequest, client: Open311ClientApp): Promise<Open311CreatedRequest> {
    const type = await this.catalog.type(input.service_code);
    const { form, address, problems } = registrationFrom(type, input.attribute);
    // Every refused attribute in one answer: the form's own rules too, not only what could not be read.
    for (const [field, message] of Object.entries(formDataErrors(type.formSchema, form) ?? {})) problems[postedInputOf(field)] ??= message;
    if (Object.keys(problems).length) throw refused(problems);

    let registered: { requestId: string; protocol: string };
    try {
      const description = storedDescription(input);
      registered = await this.web.registerRequest(
        { requestTypeId: type.id, form, address },
        { via: 'open311', clientName: client.name, description },
        (manager, requestId) =>
          manager.query('INSERT INTO open311_requests (request_id, client_id, description) VALUES ($1, $2, $3)', [requestId, client.id, description]),
      );
    } catch (error) {
      // The type changed in between: the refusal named as the application's inputs.
      if (error instanceof ApiException && error.fields) {
        throw new ApiException(error.statusCode, error.code, error.message, Object.fromEntries(Object.entries(error.fields).map(([field, message]) => [postedInputOf(field), message])));
      }
      throw error;
    }
    return { service_request_id: formatProtocol(registered.protocol), service_notice: await this.notice(registered.requestId), account_id: null };
  }

  /** Who handles it and by when; the group it joined at the same address. */
  private async notice(requestId: string): Promise<string> {
    const [row] = await this.dataSource.query<{ organ_name: string; deadline: Date; group_protocol: string | null }[]>(
      `SELECT o.name AS organ_name, r.deadline, leader.protocol AS group_protocol
         FROM requests r
         JOIN request_types t ON t.id = r.request_type_id
         JOIN organs o ON o.id = t.organ_id
         LEFT JOIN requests leader ON leader.id = r.group_first_id
        WHERE r.id = $1`,
      [requestId],
    );
    const notice = `Encaminhada a ${row.organ_name}, com prazo de atendimento até ${dateTime(row.deadline)} (horário de Brasília).`;
    return row.group_protocol
      ? `${notice} Agrupada com a solicitação ${formatProtocol(row.group_protocol)}, aberta no mesmo endereço: o andamento é o dela.`
      : notice;
  }
}
