import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { Injectable, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { Job } from 'bullmq';
import { JobHandlerError, JobHandlerRegistry, OnJob } from './job-handlers.js';
import { JOB_NAMES, type JobPayloads, type QueueName } from './jobs.js';

type Declared = [QueueName, string];

const ALL: Declared[] = (Object.keys(JOB_NAMES) as QueueName[]).flatMap((queue) => Object.keys(JOB_NAMES[queue]).map((name): Declared => [queue, name]));

const onJob = OnJob as unknown as (queue: QueueName, name: string) => (target: object, key: string, descriptor: PropertyDescriptor) => void;

/** A provider with a handler for each of `jobs` that answers who handled what. */
function handlersOf(className: string, jobs: readonly Declared[]): Type {
  const cls = { [className]: class {} }[className];
  for (const [queue, name] of jobs) {
    const method = `${queue}/${name}`;
    Object.defineProperty(cls.prototype, method, {
      value: async (payload: unknown) => ({ by: className, job: method, payload }),
      writable: true,
      configurable: true,
    });
    onJob(queue, name)(cls.prototype, method, Object.getOwnPropertyDescriptor(cls.prototype, method)!);
  }
  Injectable()(cls);
  return cls;
}

async function start(...providers: Type[]) {
  const module = await Test.createTestingModule({ imports: [DiscoveryModule], providers: [JobHandlerRegistry, ...providers] }).compile();
  return module.init();
}

const job = (queueName: string, name: string, data: unknown): Job => ({ queueName, name, data }) as Job;

describe('job handlers', () => {
  it('dispatch each job by name to its one handler, with the payload', async () => {
    const app = await start(handlersOf('FirstHalf', ALL.slice(0, 6)), handlersOf('SecondHalf', ALL.slice(6)));
    const registry = app.get(JobHandlerRegistry);
    await expect(registry.run('email', job('email', 'outbox', { outboxId: 'o1' }))).resolves.toEqual({ by: 'FirstHalf', job: 'email/outbox', payload: { outboxId: 'o1' } });
    await expect(registry.run('matching', job('matching', 'match-run', { runId: 'r1' }))).resolves.toEqual({ by: 'SecondHalf', job: 'matching/match-run', payload: { runId: 'r1' } });
    // A name on the wrong queue, or none declared, is unknown.
    await expect(registry.run('maintenance', job('maintenance', 'outbox', {}))).rejects.toThrow('Unknown job "outbox" on queue maintenance');
    await app.close();
  });

  it('refuse to start when a declared job has no handler, naming it', async () => {
    const withoutOutbox = ALL.filter(([queue, name]) => !(queue === 'email' && name === 'outbox'));
    const failure = start(handlersOf('Handlers', withoutOutbox));
    await expect(failure).rejects.toThrow(JobHandlerError);
    await expect(start(handlersOf('Handlers', withoutOutbox))).rejects.toThrow(
      "The worker cannot start: job \"outbox\" of queue email has no handler (@OnJob('email', 'outbox') in a provider of the worker)",
    );
  });

  it('refuse to start when a declared job has two handlers, naming both', async () => {
    const failure = start(handlersOf('Handlers', ALL), handlersOf('Duplicate', [['maintenance', 'expire-introductions']]));
    await expect(failure).rejects.toThrow(JobHandlerError);
    await expect(start(handlersOf('Handlers', ALL), handlersOf('Duplicate', [['maintenance', 'expire-introductions']]))).rejects.toThrow(
      'job "expire-introductions" of queue maintenance has 2 handlers: Handlers.maintenance/expire-introductions, Duplicate.maintenance/expire-introductions',
    );
  });

  it('list the maintenance jobs that repeat, with their patterns, from the handlers', async () => {
    @Injectable()
    class Purge {
      @OnJob('maintenance', 'purge-sign-in-tokens', { every: '17 3 * * *', why: 'test' })
      async purge(): Promise<number> {
        return 0;
      }
    }
    const rest = ALL.filter(([queue, name]) => !(queue === 'maintenance' && name === 'purge-sign-in-tokens'));
    const app = await start(Purge, handlersOf('Rest', rest));
    expect(app.get(JobHandlerRegistry).schedules()).toEqual([{ name: 'purge-sign-in-tokens', every: '17 3 * * *', why: 'test' }]);
    await app.close();
  });

  it('type a handler by its job: another payload does not compile', () => {
    class Typed {
      @OnJob('email', 'outbox')
      async outbox({ outboxId }: JobPayloads['email']['outbox'], _job: Job): Promise<string> {
        return outboxId;
      }

      // @ts-expect-error the payload of match-run is not that of outbox
      @OnJob('email', 'outbox')
      async wrong({ runId }: JobPayloads['matching']['match-run']): Promise<string> {
        return runId;
      }

      // @ts-expect-error only maintenance jobs repeat
      @OnJob('email', 'sign-in-link', { every: '* * * * *', why: 'no' })
      async repeating(): Promise<void> {}
    }
    expect(Typed).toBeDefined();
  });
});
