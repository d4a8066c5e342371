// The match-run services and what they need (rules, input, outbox, accounts), over the file's
// database and Redis prefix: shared by the medium tests of whole and fanned-out runs.
import { BullModule } from '@nestjs/bullmq';
import { AccountsService } from '../../../src/auth/accounts.service.js';
import { DisciplinesService } from '../../../src/disciplines/disciplines.service.js';
import { QUEUES } from '../../../src/jobs/jobs.js';
import { OutboxQueue } from '../../../src/mail/outbox/outbox.queue.js';
import { MatchInputLoader } from '../../../src/matching/match-input.loader.js';
import { MatchRulesService } from '../../../src/matching/rules/match-rules.service.js';
import { MatchRunExecutor } from '../../../src/matching/runs/match-run.executor.js';
import { MATCHING_FLOWS, MatchRunFanOut } from '../../../src/matching/runs/match-run-fan-out.js';
import { MatchRunQueue } from '../../../src/matching/runs/match-run.queue.js';
import { MatchRunsService } from '../../../src/matching/runs/match-runs.service.js';
import { RegionsService } from '../../../src/regions/regions.service.js';
import { requireBuiltEngine } from './built-engine.js';
import { type Medium, startMedium } from './medium.js';

export async function startMatchRunsMedium(env: Record<string, string> = {}): Promise<Medium> {
  await requireBuiltEngine();
  return startMedium({
    redis: true,
    env,
    imports: [
      BullModule.registerQueue({ name: QUEUES.matching }, { name: QUEUES.email }),
      BullModule.registerFlowProducer({ name: MATCHING_FLOWS }),
    ],
    providers: [
      MatchRunsService,
      MatchRulesService,
      MatchRunQueue,
      MatchRunFanOut,
      MatchRunExecutor,
      MatchInputLoader,
      DisciplinesService,
      RegionsService,
      OutboxQueue,
      AccountsService,
    ],
  });
}
