import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import { ClusterNode } from '../cluster/cluster-node';

/**
 * This server's Prometheus registry (one per app, not prom-client's global one: a test process runs
 * several). Every series carries the labels `node` (NODE_NAME) and `role` (single, leader,
 * follower), the role kept current through failovers: in a cluster each node exposes its own.
 */
@Injectable()
export class MetricsRegistry implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly roles: Subscription;

  constructor(node: ClusterNode) {
    this.roles = node.role$.subscribe((role) => this.registry.setDefaultLabels({ node: node.name, role }));
  }

  onModuleDestroy(): void {
    this.roles.unsubscribe();
  }

  /** The Prometheus text format of every metric, each collected now. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
