import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { InitiativesModule } from '../initiatives/initiatives.module.js';
import { QUEUES } from '../jobs/jobs.js';
import { ProfessionalsModule } from '../professionals/professionals.module.js';
import { MatchInputLoader } from './match-input.loader.js';
import { MatchPreviewService } from './preview/match-preview.service.js';
import { MatchRulesResolver } from './rules/match-rules.resolver.js';
import { MatchRulesService } from './rules/match-rules.service.js';
import { MatchRunExecutor } from './runs/match-run.executor.js';
import { MATCHING_FLOWS, MatchRunFanOut } from './runs/match-run-fan-out.js';
import { MatchRunJobs } from './runs/match-run.jobs.js';
import { MatchRunQueue } from './runs/match-run.queue.js';
import { MatchRunsResolver } from './runs/match-runs.resolver.js';
import { MatchRunsService } from './runs/match-runs.service.js';
import { MatchSchedule } from './runs/match-schedule.js';

/** Rules, runs and the schedule: what API and worker processes share. */
@Module({
  imports: [BullModule.registerQueue({ name: QUEUES.matching }), BullModule.registerFlowProducer({ name: MATCHING_FLOWS })],
  providers: [MatchRulesService, MatchInputLoader, MatchRunQueue, MatchRunFanOut, MatchRunsService, MatchSchedule],
  exports: [MatchRulesService, MatchInputLoader, MatchRunQueue, MatchRunFanOut, MatchRunsService, MatchSchedule],
})
export class MatchingCoreModule {}

/** The admin API: rules, preview, runs. */
@Module({
  imports: [MatchingCoreModule, AuthModule, ProfessionalsModule, InitiativesModule],
  providers: [MatchPreviewService, MatchRulesResolver, MatchRunsResolver],
})
export class MatchingModule {}

/** Executes runs (the matching queue's jobs) and keeps their schedule; worker processes only. */
@Module({
  imports: [MatchingCoreModule, AuthModule],
  providers: [MatchRunExecutor, MatchRunJobs],
})
export class MatchingWorkerModule {}
