import { Module } from '@nestjs/common';
import { ProfessionalChangesJobs } from './professional-changes.jobs.js';

/** Pruning the search index's change log; worker processes only. */
@Module({ providers: [ProfessionalChangesJobs] })
export class SearchWorkerModule {}
