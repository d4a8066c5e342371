import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OnJob } from '../jobs/job-handlers.js';
import { pruneProfessionalChanges } from './expert-index.sync.js';

@Injectable()
export class ProfessionalChangesJobs {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @OnJob('maintenance', 'purge-professional-changes', { every: '27 3 * * *', why: "the search index's change log only needs the last day" })
  purge(): Promise<number> {
    return pruneProfessionalChanges(this.db);
  }
}
