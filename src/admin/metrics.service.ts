import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { Gauge, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { QUEUES } from '../jobs/jobs.js';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'] as const;

/**
 * Prometheus figures for the whole deployment, read at scrape time from Redis (queues) and
 * PostgreSQL (emails), so any API process answers for all workers.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor(
    @InjectQueue(QUEUES.email) email: Queue,
    @InjectQueue(QUEUES.matching) matching: Queue,
    @InjectQueue(QUEUES.maintenance) maintenance: Queue,
    @InjectDataSource() db: DataSource,
  ) {
    const queues = [email, matching, maintenance];
    new Gauge({
      name: 'verbinder_queue_jobs',
      help: 'Jobs per queue and state (completed and failed as kept by the retention limits)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const queue of queues) {
          const counts = await queue.getJobCounts(...STATES);
          for (const state of STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
        }
      },
    });
    new Gauge({
      name: 'verbinder_queue_jobs_processed',
      help: 'Jobs processed per queue and outcome since the queue was created (BullMQ metrics)',
      labelNames: ['queue', 'outcome'],
      registers: [this.registry],
      async collect() {
        for (const queue of queues) {
          for (const outcome of ['completed', 'failed'] as const) {
            this.set({ queue: queue.name, outcome }, (await queue.getMetrics(outcome, 0, 0)).meta.count);
          }
        }
      },
    });
    new Gauge({
      name: 'verbinder_emails',
      help: 'Outbox emails per kind and status (SENT: accepted by the SMTP server)',
      labelNames: ['kind', 'status'],
      registers: [this.registry],
      async collect() {
        const rows: { kind: string; status: string; n: number }[] = await db.query(
          `SELECT kind, status, count(*)::int AS n FROM email_outbox GROUP BY kind, status`,
        );
        this.reset();
        for (const r of rows) this.set({ kind: r.kind, status: r.status }, r.n);
      },
    });
  }
}
