import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { MatchingCoreModule } from '../matching/matching.module.js';
import { QUEUES } from './jobs.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { Schedules } from './schedules.js';

/** Repeating jobs and their consumers; only worker processes import it. */
@Module({
  imports: [AuthModule, MatchingCoreModule, BullModule.registerQueue({ name: QUEUES.maintenance })],
  providers: [Schedules, MaintenanceProcessor],
})
export class JobsWorkerModule {}
