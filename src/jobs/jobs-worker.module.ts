import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EmailProcessor } from './email.processor.js';
import { JobHandlerRegistry } from './job-handlers.js';
import { QUEUES } from './jobs.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { MatchingProcessor } from './matching.processor.js';
import { Schedules } from './schedules.js';

/**
 * One consumer per queue, dispatching to the features' handlers (job-handlers.ts), and the
 * repeating jobs; only worker processes import it, next to the features' worker modules.
 */
@Module({
  imports: [DiscoveryModule, BullModule.registerQueue({ name: QUEUES.maintenance })],
  providers: [JobHandlerRegistry, Schedules, EmailProcessor, MaintenanceProcessor, MatchingProcessor],
})
export class JobsWorkerModule {}
