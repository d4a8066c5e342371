import { Injectable, Logger } from '@nestjs/common';
import { AccountsService } from '../../auth/accounts.service.js';
import { Conflict, InvalidInput } from '../../common/domain-error.js';
import type { Locale } from '../../common/enums.js';
import { AppConfig } from '../../config/runtime-config.js';
import { type InitiativeRecord, InitiativesService } from '../../initiatives/initiatives.service.js';
import { type ProfessionalRecord, ProfessionalsService } from '../../professionals/professionals.service.js';
import { MAX_PREVIEW_SAMPLE, type MatchRuleSetInput } from '../dto/matching.types.js';
import { previewInThread } from '../engine-in-thread.js';
import type { MatchStats, Proposal } from '../engine/types.js';
import { type ReasonView, reasonsFor } from '../reasons.js';
import { MatchInputLoader } from '../match-input.loader.js';
import { MatchRulesService } from '../rules/match-rules.service.js';

export interface PreviewPairView {
  a: ProfessionalRecord;
  b: ProfessionalRecord;
  initiative: InitiativeRecord | null;
  score: number;
  reasons: ReasonView[];
}

export interface Preview {
  stats: MatchStats;
  sample: PreviewPairView[];
}

/**
 * What a run would propose with the active rules changed by the input: the engine on the live
 * data, reading only. Nothing is stored, queued or sent.
 */
@Injectable()
export class MatchPreviewService {
  private readonly logger = new Logger(MatchPreviewService.name);
  /** A preview holds the whole eligible network in memory: one at a time per process. */
  private running = false;

  constructor(
    private readonly rules: MatchRulesService,
    private readonly loader: MatchInputLoader,
    private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly professionals: ProfessionalsService,
    private readonly initiatives: InitiativesService,
  ) {}

  async preview(accountId: string, input: MatchRuleSetInput | null, sampleSize: number): Promise<Preview> {
    if (!Number.isInteger(sampleSize) || sampleSize < 0 || sampleSize > MAX_PREVIEW_SAMPLE) {
      throw new InvalidInput(`sampleSize must be between 0 and ${MAX_PREVIEW_SAMPLE}`, { field: 'sampleSize', value: sampleSize });
    }
    const rules = await this.rules.overlay(input, 'input.');
    if (this.running) throw new Conflict('A preview is already being computed; try again when it is done');
    this.running = true;
    try {
      const started = performance.now();
      const matchInput = await this.loader.load(rules, new Date());
      const loaded = performance.now();
      const result = await previewInThread(matchInput, sampleSize, this.config.engineHeapMb);
      this.logger.log({
        msg: 'match preview',
        eligiblePeople: result.stats.eligiblePeople,
        proposed: result.stats.proposed,
        loadMs: Math.round(loaded - started),
        engineMs: Math.round(performance.now() - loaded),
      });
      return { stats: result.stats, sample: await this.describe(accountId, result.proposals) };
    } finally {
      this.running = false;
    }
  }

  /** The sample with profiles and the reasons seen from side a, in the admin's language. */
  private async describe(accountId: string, proposals: Proposal[]): Promise<PreviewPairView[]> {
    if (proposals.length === 0) return [];
    const locale: Locale = (await this.accounts.find(accountId))?.locale ?? 'nl';
    const personIds = [...new Set(proposals.flatMap((p) => [p.a, p.b]))];
    const initiativeIds = [...new Set(proposals.flatMap((p) => (p.initiativeId ? [p.initiativeId] : [])))];
    const people = new Map((await this.professionals.byIds(personIds)).map((p) => [p.id, p]));
    const initiatives = new Map((await this.initiatives.byIds(initiativeIds)).map((i) => [i.id, i]));
    const sample: PreviewPairView[] = [];
    for (const p of proposals) {
      const a = people.get(p.a);
      const b = people.get(p.b);
      // Someone who deleted their account since the data was read is left out.
      if (!a || !b) continue;
      sample.push({
        a,
        b,
        initiative: p.initiativeId ? (initiatives.get(p.initiativeId) ?? null) : null,
        score: p.score,
        reasons: reasonsFor(p.reasons, 'a', locale),
      });
    }
    return sample;
  }
}
