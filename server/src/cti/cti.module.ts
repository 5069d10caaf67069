import { Global, Module } from '@nestjs/common';
import { CtiStatus } from './cti-status';

@Global()
@Module({ providers: [CtiStatus], exports: [CtiStatus] })
export class CtiModule {}
