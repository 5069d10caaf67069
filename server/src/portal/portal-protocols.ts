import { Injectable } from '@nestjs/common';
import { type PortalProtocols, type PortalRequest, type PortalRequestSummary, type Request, type RequestSummary, requestOverdue } from '@receptivo/shared';
import { AttendanceSearch } from '../attendances/attendance-search';
import { notFound } from '../common/api-exception';
import { Clock } from '../common/clock';
import { RequestViews } from '../requests/request-views';

const summaryOf = (request: RequestSummary & { overdue: boolean }): PortalRequestSummary => ({
  id: request.id,
  protocol: request.protocol,
  typeName: request.typeName,
  organName: request.organName,
  status: request.status,
  createdAt: request.createdAt,
  deadline: request.deadline,
  overdue: request.overdue,
  groupFirstProtocol: request.groupOf?.protocol ?? null,
});

/**
 * Meus protocolos: a citizen's attendances and requests, read from the desk's own views and cut to
 * what the citizen may see. A request of anyone else is answered as one that does not exist.
 */
@Injectable()
export class PortalProtocolsService {
  constructor(
    private readonly attendances: AttendanceSearch,
    private readonly requests: RequestViews,
    private readonly clock: Clock,
  ) {}

  async of(customerId: string): Promise<PortalProtocols> {
    const history = await this.attendances.history(customerId);
    return {
      attendances: history.attendances.map(({ protocol, channel, status, startedAt, finishedAt, informationTitles, requestTypeNames }) => ({
        protocol,
        channel,
        status,
        startedAt,
        finishedAt,
        informationTitles,
        requestTypeNames,
      })),
      requests: history.requests.map(summaryOf),
    };
  }

  async request(customerId: string, requestId: string): Promise<PortalRequest> {
    const request = await this.requests.get(requestId);
    if (request.customer?.id !== customerId) throw notFound('Solicitação');
    return this.asSeenByCitizen(request);
  }

  /** A request as its requester sees it on the portal. */
  asSeenByCitizen(request: Request): PortalRequest {
    const { address } = request;
    return {
      ...summaryOf({ ...request, overdue: requestOverdue({ status: request.status, deadline: new Date(request.deadline) }, this.clock.now()) }),
      response: request.response,
      finishedAt: request.finishedAt,
      address: address && {
        street: address.street,
        number: address.number,
        complement: address.complement,
        neighborhood: address.neighborhood,
        city: address.city,
        state: address.state,
      },
      timeline: request.timeline.map(({ kind, description, at, viaPortal }) => ({ kind, description, at, viaPortal })),
      allowedActions: request.allowedActions,
    };
  }
}
