import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { OnJob } from '../jobs/job-handlers.js';
import { expireIntroductions } from './introductions.service.js';

@Injectable()
export class IntroductionsJobs {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @OnJob('maintenance', 'expire-introductions', { every: '7 * * * *', why: 'suggestions nobody answered in time expire within the hour' })
  expire(): Promise<number> {
    return expireIntroductions(this.db);
  }
}
