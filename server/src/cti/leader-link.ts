import { Injectable, Logger } from '@nestjs/common';
import type { CtiAck, CtiDiagnostics, CtiOverview, CtiState, CtiTapEntry, CtiTestCall } from '@receptivo/shared';
import { ClusterNode } from '../cluster/cluster-node';
import { ApiException } from '../common/api-exception';
import { CtiSockets } from './cti-sockets';

/** What any node asks of the one that runs the PBX link, and what it answers. */
export interface LeaderRequests {
  /** A /cti connection opened on some node: count the desk, and send that socket what is true now. */
  'desk-connected': {
    payload: { socketId: string; userId: string; extension: string | null; supervisor: boolean; recovered: boolean; shownPops: string[] };
    answer: true;
  };
  'desk-disconnected': { payload: { socketId: string; extension: string | null; supervisor: boolean }; answer: true };
  /** agent:pause / agent:unpause from a desk on any node. */
  'set-paused': { payload: { extension: string; paused: boolean; reason?: string }; answer: CtiAck };
  /** An attendance finished on any node ends its attendant's wrap-up. */
  'attendance-finished': { payload: { attendantId: string }; answer: true };
  'cti-state': { payload: Record<string, never>; answer: CtiState };
  /** The telephony admin page: the link, its tap and test calls are the leader's. */
  overview: { payload: Record<string, never>; answer: Omit<CtiOverview, 'node' | 'role'> & { leader: string } };
  events: { payload: { q?: string; limit: number }; answer: CtiTapEntry[] };
  'test-call': { payload: Required<Pick<CtiTestCall, 'extension' | 'callerNumber'>> & Pick<CtiTestCall, 'document'>; answer: string };
  /** [Ligar de volta] on an abandoned call: Originate through the leader's link. */
  callback: { payload: { abandonedId: string; extension: string; userId: string }; answer: true };
  /** The PBX wiring check, run where the link is. */
  diagnostics: { payload: Record<string, never>; answer: CtiDiagnostics };
}
export type LeaderRequest = keyof LeaderRequests;

type Handler<Request extends LeaderRequest> = (payload: LeaderRequests[Request]['payload']) => Promise<LeaderRequests[Request]['answer']>;

/** No node holds the PBX link now: a 503 wherever it is asked from (HTTP through the API filter, sockets as CTI_UNAVAILABLE). */
export class LeaderUnavailable extends ApiException {
  constructor(message: string) {
    super(503, 'CTI_UNAVAILABLE', message);
  }
}

const EVENT_PREFIX = 'leader:';
const STEPPED_DOWN = 'cluster:leader-stepped-down';

/**
 * In cluster mode only the leader runs the PBX link and the desk logic; a desk or a request on
 * another node reaches it through these requests between the nodes' /cti namespaces (Socket.IO
 * server-side emits with acknowledgements, over the Redis Streams adapter). Every node answers each
 * request (Socket.IO waits for all of them): the leader with its answer, the others with null. A
 * node alone (no REDIS_URL) or leading calls the handler directly.
 */
@Injectable()
export class LeaderLink {
  private readonly logger = new Logger(LeaderLink.name);
  private readonly handlers = new Map<LeaderRequest, Handler<LeaderRequest>>();
  private listening = false;

  constructor(
    private readonly sockets: CtiSockets,
    private readonly node: ClusterNode,
  ) {}

  /** What the leader does on `request`; registered once by the feature that owns it. */
  handle<Request extends LeaderRequest>(request: Request, handler: Handler<Request>): void {
    this.handlers.set(request, handler as unknown as Handler<LeaderRequest>);
    if (this.listening) this.listenTo(request);
  }

  /** Listens to the other nodes' requests, those handled already and those handled later. */
  listen(): void {
    this.listening = true;
    for (const request of this.handlers.keys()) this.listenTo(request);
    this.sockets.namespace!.on(STEPPED_DOWN, () => this.node.tryToLead());
  }

  /**
   * A leader that stops (a rolling upgrade) closes its PBX link, frees the leadership and says so:
   * the others try for it at once instead of at their next poll, so the link is back within
   * milliseconds. Its sockets and HTTP are still up meanwhile; they close after this.
   */
  async handOver(stopLink: () => Promise<void>): Promise<void> {
    if (this.node.role !== 'leader') return;
    await stopLink();
    await this.node.stepDown();
    this.sockets.namespace?.serverSideEmit(STEPPED_DOWN as never);
    this.logger.log(`${this.node.name}: stopping; the PBX link is handed over`);
  }

  private listenTo(request: LeaderRequest): void {
    const handler = this.handlers.get(request)!;
    this.sockets.namespace!.on(`${EVENT_PREFIX}${request}`, (payload: unknown, ack: (answer: { answer: unknown } | null) => void) => {
      if (this.node.role !== 'leader') return ack(null);
      handler(payload as never).then(
        (answer) => ack({ answer }),
        (error: unknown) => {
          this.logger.error(`${request}: ${String(error)}`);
          ack(null);
        },
      );
    });
  }

  /** Has the leader (this node when it leads or is alone) carry out `request`, and answers its answer. */
  async ask<Request extends LeaderRequest>(request: Request, payload: LeaderRequests[Request]['payload']): Promise<LeaderRequests[Request]['answer']> {
    const handler = this.handlers.get(request) as Handler<Request> | undefined;
    if (!handler) throw new Error(`no handler for ${request}`);
    if (this.node.role !== 'follower') return handler(payload);
    const namespace = this.sockets.namespace;
    if (!namespace) throw new LeaderUnavailable('A telefonia ainda não está pronta neste servidor.');
    // A node that stops without answering (a rolling restart) fails the whole emit after the adapter's
    // timeout: what the others answered, the leader among them, comes with the error.
    const answers = (await namespace
      .serverSideEmitWithAck(`${EVENT_PREFIX}${request}` as never, payload as never)
      .catch((error: { responses?: unknown[] }) => error.responses ?? [])) as ({
      answer: LeaderRequests[Request]['answer'];
    } | null)[];
    const fromLeader = answers.find((answer) => answer !== null);
    if (!fromLeader) throw new LeaderUnavailable('Nenhum servidor está conectado à central telefônica agora. Tente novamente em instantes.');
    return fromLeader.answer;
  }
}
