import { Global, Module } from '@nestjs/common';
import { ClusterBroadcast } from './cluster-broadcast';
import { ClusterNode } from './cluster-node';

/** Global: health reports the node's role, the CTI runs the PBX link only where it leads, caches hear other nodes' changes. */
@Global()
@Module({ providers: [ClusterNode, ClusterBroadcast], exports: [ClusterNode, ClusterBroadcast] })
export class ClusterModule {}
