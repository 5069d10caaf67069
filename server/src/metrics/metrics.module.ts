import { Global, Module } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';
import { MetricsEndpoint } from './metrics-endpoint';
import { MetricsRegistry } from './metrics-registry';
import { MetricsServer } from './metrics-server';
import { NodeRuntimeMetrics } from './node-runtime-metrics';

/**
 * Global: each feature registers its own metrics in the one registry (cti, supervision, database,
 * mail); this module exposes them (`GET /metrics`) and adds HTTP and the Node process.
 */
@Global()
@Module({
  providers: [MetricsRegistry, NodeRuntimeMetrics, HttpMetrics, MetricsEndpoint, MetricsServer],
  exports: [MetricsRegistry, HttpMetrics, MetricsEndpoint],
})
export class MetricsModule {}
