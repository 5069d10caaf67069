import { Global, Module } from '@nestjs/common';
import { CtiStatus } from './cti-status';
import { CtiService } from './cti.service';

@Global()
@Module({ providers: [CtiStatus, CtiService], exports: [CtiStatus] })
export class CtiModule {}
