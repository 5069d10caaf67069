import { Global, Module } from '@nestjs/common';
import { ClusterNode } from './cluster-node';

/** Global: health reports the node's role, and the CTI runs the PBX link only where it leads. */
@Global()
@Module({ providers: [ClusterNode], exports: [ClusterNode] })
export class ClusterModule {}
