import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Settings } from '../config/settings';
import { AmiLink, defaultAmiTimings } from './ami-link';
import { type CallTrackerState, createCallTracker, emptyCallTrackerState } from './call-tracker';
import { CtiStatus } from './cti-status';

/**
 * CTI is on when AMI_HOST is set: one AMI link whose state health reports, feeding the call
 * tracker. The screen-pop gateway and the automatic attendance start consume its effects (issue 6).
 */
@Injectable()
export class CtiService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(CtiService.name);
  private link: AmiLink | undefined;
  private calls: CallTrackerState = emptyCallTrackerState;

  constructor(
    private readonly config: ConfigService<Settings, true>,
    private readonly status: CtiStatus,
  ) {}

  onModuleInit(): void {
    const host = this.config.get('AMI_HOST', { infer: true });
    if (!host) return;
    const track = createCallTracker({
      agentPattern: new RegExp(this.config.get('CTI_AGENT_PATTERN', { infer: true })),
      uraFields: this.config.get('CTI_URA_FIELDS', { infer: true }),
    });
    this.status.state = 'reconnecting';
    this.link = new AmiLink(
      {
        host,
        port: this.config.get('AMI_PORT', { infer: true }),
        username: this.config.get('AMI_USER', { infer: true })!,
        secret: this.config.get('AMI_SECRET', { infer: true })!,
        ...defaultAmiTimings,
      },
      {
        onState: (state) => {
          this.status.state = state;
          const log = state === 'connected' ? 'log' : 'warn';
          this.logger[log](`AMI ${host}: ${state}`);
        },
        onEvent: (event) => {
          const result = track(this.calls, event, Date.now());
          this.calls = result.state;
          for (const effect of result.effects) this.logger.debug(`call effect ${effect.type}`);
        },
      },
    );
    this.link.start();
  }

  onApplicationShutdown(): void {
    this.link?.stop();
  }
}
