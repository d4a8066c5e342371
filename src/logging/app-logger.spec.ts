import { beforeEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { pino } from 'pino';
import { AppLogger, requestLogger } from './app-logger.js';

type Line = { level: number; msg?: string; context?: string; err?: { type: string; message: string; stack: string }; req?: { id: string } } & Record<string, unknown>;

describe('AppLogger', () => {
  let lines: Line[];
  let root: pino.Logger;

  // Through Nest's Logger, as the application calls it: that is where the context is appended.
  beforeEach(() => {
    lines = [];
    root = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Line) });
    Logger.overrideLogger(new AppLogger(root));
  });

  it('writes a string with its context and level', () => {
    new Logger('Schedules').log('job schedules registered');
    new Logger('Database').debug('schema built');
    new Logger('Worker').warn('slow');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'Schedules', msg: 'job schedules registered' }),
      expect.objectContaining({ level: 20, context: 'Database', msg: 'schema built' }),
      expect.objectContaining({ level: 40, context: 'Worker', msg: 'slow' }),
    ]);
  });

  it('merges the fields of an object, its msg included, or a message after it', () => {
    new Logger('MatchRunsService').log({ msg: 'match run queued', runId: 'r1', dryRun: false });
    new Logger('AuthService').log({ accountId: 'a1' }, 'account registered');
    expect(lines[0]).toMatchObject({ level: 30, context: 'MatchRunsService', msg: 'match run queued', runId: 'r1', dryRun: false });
    expect(lines[1]).toMatchObject({ level: 30, context: 'AuthService', msg: 'account registered', accountId: 'a1' });
  });

  it('serializes an error, given as a field or as the message', () => {
    new Logger('GraphQL').error({ err: new Error('boom'), path: ['me'] }, 'unexpected error in a GraphQL operation');
    new Logger('ExpertIndexSync').error(new Error('thread died'));
    expect(lines[0]).toMatchObject({ level: 50, context: 'GraphQL', msg: 'unexpected error in a GraphQL operation', path: ['me'] });
    expect(lines[0]!.err).toMatchObject({ type: 'Error', message: 'boom', stack: expect.stringContaining('\n    at ') });
    expect(lines[1]).toMatchObject({ level: 50, context: 'ExpertIndexSync', msg: 'thread died', err: { message: 'thread died' } });
  });

  it("keeps Nest's own error contracts: a message with its stack, and an error with its stack but no context", () => {
    const failure = new Error('handler failed');
    new Logger('ExceptionsHandler').error(failure.message, failure.stack);
    Logger.error(failure, failure.stack);
    expect(lines[0]).toMatchObject({ level: 50, context: 'ExceptionsHandler', msg: 'handler failed', err: { message: 'handler failed', stack: failure.stack } });
    expect(lines[1]).toMatchObject({ level: 50, msg: 'handler failed', err: { stack: failure.stack } });
    expect(lines[1]!.context).toBeUndefined();
  });

  it("takes Nest's context argument of a static call", () => {
    Logger.log('Mapped {/health, GET} route', 'RouterExplorer');
    expect(lines[0]).toMatchObject({ context: 'RouterExplorer', msg: 'Mapped {/health, GET} route' });
  });

  it("binds the lines written while a request's logger is entered, and only those", async () => {
    const logger = new Logger('Database');
    await requestLogger.run(root.child({ req: { id: 'trace-123' } }), async () => {
      await Promise.resolve();
      logger.debug({ query: 'SELECT 1' }, 'sql');
    });
    logger.debug({ query: 'SELECT 2' }, 'sql');
    expect(lines[0]).toMatchObject({ context: 'Database', msg: 'sql', query: 'SELECT 1', req: { id: 'trace-123' } });
    expect(lines[1]).toMatchObject({ query: 'SELECT 2' });
    expect(lines[1]!.req).toBeUndefined();
  });

  it('drops what is below the level', () => {
    root.level = 'info';
    new Logger('Database').debug({ query: 'SELECT 1' }, 'sql');
    new Logger('Database').verbose('details');
    expect(lines).toEqual([]);
  });
});
