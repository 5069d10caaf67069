import { Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type CtiAgentRow,
  type CtiDiagnostics,
  type CtiOverview,
  type CtiPauseReasons,
  type CtiTapQuery,
  type CtiTestCall,
  type UraRoutes,
  ctiDiagnosticsSchema,
  ctiOverviewSchema,
  ctiPauseReasonsSchema,
  ctiTapQuerySchema,
  ctiTapSchema,
  ctiTestCallResultSchema,
  ctiTestCallSchema,
  uraRoutesInputSchema,
  uraRoutesSchema,
} from '@receptivo/shared';
import type { z } from 'zod';
import { AnyRole, Roles } from '../auth/access.decorators';
import { Returns, ValidBody, ZodValidationPipe } from '../common/zod-validation';
import { AgentDirectory } from './agent-directory';
import { CallDesk } from './call-desk';
import { ClusterNode } from '../cluster/cluster-node';
import { CtiStatus } from './cti-status';
import { CtiService } from './cti.service';
import { LeaderLink } from './leader-link';
import { PbxDiagnostics } from './pbx-diagnostics';
import { UraRouteTable } from './ura-routes';

/** The telephony admin page: link state, extension ↔ user table, live event tap, test calls. */
@ApiTags('cti')
@Controller('cti')
@Roles('admin')
export class CtiController {
  constructor(
    private readonly cti: CtiService,
    private readonly status: CtiStatus,
    private readonly desk: CallDesk,
    private readonly directory: AgentDirectory,
    private readonly leader: LeaderLink,
    private readonly node: ClusterNode,
    diagnostics: PbxDiagnostics,
    private readonly uraRoutes: UraRouteTable,
  ) {
    // In a cluster the link, its tap and the calls are the leader's: any node's page shows them.
    leader.handle('overview', () => this.overviewHere());
    leader.handle('events', async ({ q, limit }) => this.cti.events(q, limit));
    leader.handle('test-call', async (body) => this.cti.testCall(body));
    leader.handle('diagnostics', () => diagnostics.run());
  }

  @Get('overview')
  @Roles('admin', 'supervisor')
  @Returns(ctiOverviewSchema)
  async overview(): Promise<CtiOverview> {
    return { ...(await this.leader.ask('overview', {})), node: this.node.name, role: this.node.role };
  }

  private async overviewHere(): Promise<Omit<CtiOverview, 'node' | 'role'> & { leader: string }> {
    const users = await this.directory.all();
    const tracked = this.cti.tracked;
    const extensions = [...new Set([...users.map((user) => user.extension), ...tracked.agents.keys()])].sort();
    const agents = extensions.map((extension): CtiAgentRow => {
      const user = users.find((candidate) => candidate.extension === extension);
      const agentState = this.desk.agentStateOf(extension);
      return {
        extension,
        user: user ? { id: user.id, name: user.name, username: user.username } : null,
        state: agentState.state,
        reason: agentState.reason ?? null,
        queues: Object.keys(tracked.agents.get(extension)?.memberships ?? {}).sort(),
        connected: user ? this.desk.hasDesk(extension) : false,
      };
    });
    const { since, lastEventAt } = this.cti.currentStatus();
    return { state: this.status.state, host: this.cti.host, since, lastEventAt, activeCalls: tracked.calls.size, agents, leader: this.node.name };
  }

  /** The PBX wiring check: what is wrong or missing in the PBX's configuration, each with its fix. */
  @Get('diagnostics')
  @Returns(ctiDiagnosticsSchema)
  diagnostics(): Promise<CtiDiagnostics> {
    return this.leader.ask('diagnostics', {});
  }

  /** Which knowledge sessão a call's URA option or queue leads to: named on the pop, opened on the desk. */
  @Get('ura-routes')
  @Returns(uraRoutesSchema)
  uraRouteList(): Promise<UraRoutes> {
    return this.uraRoutes.list();
  }

  @Put('ura-routes')
  @Returns(uraRoutesSchema)
  replaceUraRoutes(@ValidBody(uraRoutesInputSchema) body: z.output<typeof uraRoutesInputSchema>): Promise<UraRoutes> {
    return this.uraRoutes.replace(body);
  }

  /** Every desk offers these in its Pausar dialog. */
  @Get('pause-reasons')
  @AnyRole()
  @Returns(ctiPauseReasonsSchema)
  pauseReasons(): CtiPauseReasons {
    return { reasons: [...this.cti.pauseReasons], ringNoAnswerReason: this.cti.ringNoAnswerReason };
  }

  @Get('events')
  @ApiQuery({ name: 'q', required: false, description: 'text in the event name, linkedid or any field' })
  @ApiQuery({ name: 'limit', required: false })
  @Returns(ctiTapSchema)
  async events(@Query(new ZodValidationPipe(ctiTapQuerySchema)) query: CtiTapQuery) {
    return { items: await this.leader.ask('events', { q: query.q, limit: query.limit }) };
  }

  @Post('test-call')
  @HttpCode(201)
  @Returns(ctiTestCallResultSchema, 201)
  async testCall(@ValidBody(ctiTestCallSchema) body: Required<Pick<CtiTestCall, 'extension' | 'callerNumber'>> & Pick<CtiTestCall, 'document'>) {
    await this.directory.requireByExtension(body.extension);
    return { callId: await this.leader.ask('test-call', body) };
  }
}
