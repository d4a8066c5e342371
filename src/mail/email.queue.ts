import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DEFAULT_JOB_OPTIONS, type JobName, type JobPayloads, QUEUES } from '../jobs/jobs.js';

/** Typed producer of the email queue. */
@Injectable()
export class EmailQueue {
  constructor(@InjectQueue(QUEUES.email) private readonly queue: Queue) {}

  async add<N extends JobName<'email'>>(name: N, payload: JobPayloads['email'][N], jobId?: string): Promise<void> {
    await this.queue.add(name, payload, { ...DEFAULT_JOB_OPTIONS, jobId });
  }
}
