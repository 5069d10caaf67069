import { Module } from '@nestjs/common';
import { AttendancesModule } from '../attendances/attendances.module';
import { Open311ApiKeyGuard } from './open311-api-key.guard';
import { Open311Catalog } from './open311-catalog';
import { Open311ClientsController } from './open311-clients.controller';
import { Open311ClientsService } from './open311-clients.service';
import { Open311Controller } from './open311.controller';
import { Open311RequestListing } from './open311-request-listing';
import { Open311Submission } from './open311-submission';

/** Open311 GeoReport v2 for third-party applications, and the administration of those applications. */
@Module({
  imports: [AttendancesModule],
  controllers: [Open311Controller, Open311ClientsController],
  providers: [Open311ClientsService, Open311ApiKeyGuard, Open311Catalog, Open311RequestListing, Open311Submission],
})
export class Open311Module {}
