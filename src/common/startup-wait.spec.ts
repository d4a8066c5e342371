import { describe, expect, it } from '@jest/globals';
import { describeConnectionError, isTransientConnectionError, maskUrl, waitForService } from './startup-wait.js';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });

describe('maskUrl', () => {
  it('masks the password and drops the query, keeping what identifies the server', () => {
    expect(maskUrl('postgresql://app:s3cret@db.example:5432/verbinder?sslmode=require&password=x')).toBe('postgresql://app:***@db.example:5432/verbinder');
    expect(maskUrl('redis://:hunter2@127.0.0.1:6379/2')).toBe('redis://:***@127.0.0.1:6379/2');
    expect(maskUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(maskUrl('not a url with s3cret')).toBe('(not a valid URL)');
  });
});

describe('connection errors', () => {
  it('retries a service that is away or starting, not one that refuses us', () => {
    expect(isTransientConnectionError(refused)).toBe(true);
    expect(isTransientConnectionError(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isTransientConnectionError(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isTransientConnectionError(new Error('LOADING Redis is loading the dataset in memory'))).toBe(true);
    expect(isTransientConnectionError(Object.assign(new Error('password authentication failed for user "x"'), { code: '28P01' }))).toBe(false);
    expect(isTransientConnectionError(new Error('WRONGPASS invalid username-password pair or user is disabled.'))).toBe(false);
  });

  it('says why in a few words: the errno code, else the first line of the message', () => {
    expect(describeConnectionError(refused)).toBe('ECONNREFUSED');
    expect(describeConnectionError(Object.assign(new Error('database "x" does not exist\nmore'), { code: '3D000' }))).toBe('database "x" does not exist');
  });
});

describe('waitForService', () => {
  it('tries again while the error is transient, and gives up at once on any other', async () => {
    let calls = 0;
    await expect(
      waitForService(async () => {
        calls += 1;
        if (calls < 3) throw refused;
        return 'up';
      }, 5_000),
    ).resolves.toBe('up');
    expect(calls).toBe(3);
    calls = 0;
    const denied = Object.assign(new Error('denied'), { code: '28P01' });
    await expect(
      waitForService(async () => {
        calls += 1;
        throw denied;
      }, 5_000),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
  });

  it('rethrows the last transient error once the wait is over', async () => {
    const started = Date.now();
    await expect(waitForService(() => Promise.reject(refused), 1_200)).rejects.toBe(refused);
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
