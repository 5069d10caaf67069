import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { type Health, healthSchema } from '@receptivo/shared';
import { Public } from '../auth/access.decorators';
import { Returns } from '../common/zod-validation';
import { ClusterNode } from '../cluster/cluster-node';
import { LeaderLink } from '../cti/leader-link';
import { DatabaseStatus } from '../database/database-status';

const DATABASE_PROBE_TIMEOUT_MS = 2000;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly database: DatabaseStatus,
    private readonly node: ClusterNode,
    private readonly leader: LeaderLink,
  ) {}

  /**
   * 503 when the database is unreachable, so a load balancer stops sending attendants here; 200 again
   * as soon as it answers. Asks the database itself rather than DatabaseStatus, which may still be
   * waiting for its next probe.
   */
  @Get()
  @Public()
  @Returns(healthSchema)
  async health(@Res({ passthrough: true }) response: Response): Promise<Health> {
    const database = (await this.databaseAnswers()) ? 'up' : 'down';
    if (database === 'down') response.status(503);
    // A follower runs no PBX link: the leader's is the cluster's (asked of itself when it leads or is alone).
    const cti = await this.leader.ask('cti-state', {}).catch(() => 'reconnecting' as const);
    return { status: database === 'up' ? 'ok' : 'degraded', database, cti, node: this.node.name, role: this.node.role };
  }

  private async databaseAnswers(): Promise<boolean> {
    const timeout = new Promise<false>((resolve) => setTimeout(resolve, DATABASE_PROBE_TIMEOUT_MS, false).unref());
    const probe = this.dataSource.query('SELECT 1').then(
      () => true,
      (error: unknown) => {
        this.database.reportFailure(error);
        return false;
      },
    );
    return Promise.race([probe, timeout]);
  }
}
