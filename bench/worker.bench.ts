// `npm run bench:worker`: a full match run plus digest sending on the seed network (issue #5),
// with one and with two worker processes, in one run.
//
// 1. Database: reuses BENCH_DATABASE_URL (default .../verbinder_bench_worker) when it holds at
//    least BENCH_PROFESSIONALS professionals; otherwise drops it and runs the seed command.
// 2. An SMTP sink in this process (smtp-server) that reads and counts messages without parsing.
// 3. For each round (BENCH_ROUNDS, default "1:whole,1:fan-out,2:fan-out": that many worker processes,
//    and whether a run may fan out into shards at MATCH_SHARD_PEOPLE = BENCH_SHARD_PEOPLE, default
//    50000, or runs as one job): empties runs, introductions, outbox
//    and digest counters; starts the API (node dist/src/main.js) and that many workers
//    (node dist/src/worker.js) as child processes, NODE_ENV=production, on a fresh Redis prefix;
//    triggers a run through GraphQL as an admin; measures the run (trigger → COMPLETED) and the
//    sending (COMPLETED → every outbox row SENT and every message at the sink); stops them all
//    with SIGTERM.
// 4. Prints run time, emails per second and the speed-up of two workers over one. BENCH_SEND=0
//    measures the runs only (stops the processes as soon as a run completes).
//
// Environment (all optional): BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_PROFESSIONALS (100000),
// BENCH_INITIATIVES (10000), BENCH_SEED (1), BENCH_ROUNDS, BENCH_SHARD_PEOPLE, BENCH_SEND (1),
// BENCH_WORKER_NODE_ARGS (extra
// node options of the workers, e.g. --cpu-prof). The workers run as in
// production, apart from the email rate limit (EMAIL_RATE_PER_MINUTE=100000).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import jwt from 'jsonwebtoken';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { fixed, machineDescription, readSeedBenchSettings, recreateDatabase, ROOT, runSeed, safeUrl, writeReport } from './bench-support.js';

const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const WORKER = join(ROOT, 'dist', 'src', 'worker.js');
const ADMIN_EMAIL = 'bench-admin@example.org';
const TIMEOUT_MS = 60 * 60_000;

interface RoundPlan {
  workers: number;
  fanOut: boolean;
}

interface Round extends RoundPlan {
  shards: number;
  runS: number;
  sendS: number;
  emails: number;
  proposed: number;
  eligible: number;
}

const children = new Set<ChildProcess>();

/** The phases of the current round's run, as the workers log them (load, split, shards, engine, store). */
let phases: string[] = [];
const PHASE = /"msg":"match run (completed|split into shards|shard computed)"/;

function phaseOf(name: string, line: string): string {
  const l = JSON.parse(line) as Record<string, unknown>;
  const ms = (key: string): string => (typeof l[key] === 'number' ? `${key.replace(/Ms$/, '')} ${fixed((l[key] as number) / 1000, 1)} s` : '');
  const parts = [l.shard !== undefined ? `shard #${String(l.shard)}` : '', ms('loadMs'), ms('engineMs'), ms('storeMs'), ms('ms')].filter(Boolean);
  return `${name}: ${String(l.msg)} — ${parts.join(', ')}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function start(script: string, env: Record<string, string>, ready: RegExp, name: string, nodeArgs: readonly string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within 120 s`)), 120_000);
    const onLine = (line: string): void => {
      if (ready.test(line)) {
        clearTimeout(timer);
        resolve(child);
      } else if (PHASE.test(line)) {
        phases.push(phaseOf(name, line));
      } else if (/"level":(50|60)/.test(line) || !line.startsWith('{')) {
        process.stderr.write(`[${name}] ${line}\n`);
      }
    };
    createInterface({ input: child.stdout! }).on('line', onLine);
    createInterface({ input: child.stderr! }).on('line', (line) => process.stderr.write(`[${name}] ${line}\n`));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} while starting`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const settings = readSeedBenchSettings('worker', 1);
  const plans: RoundPlan[] = (process.env.BENCH_ROUNDS ?? '1:whole,1:fan-out,2:fan-out').split(',').map((spec) => {
    const [workers, mode] = spec.trim().split(':');
    if (!/^[1-9]$/.test(workers) || !['whole', 'fan-out'].includes(mode)) throw new Error(`BENCH_ROUNDS: "${spec}" is not <workers>:whole or <workers>:fan-out`);
    return { workers: Number(workers), fanOut: mode === 'fan-out' };
  });
  const shardPeople = process.env.BENCH_SHARD_PEOPLE ?? '50000';
  const send = process.env.BENCH_SEND !== '0';
  // e.g. BENCH_WORKER_NODE_ARGS=--cpu-prof to profile the workers.
  const workerNodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const dataDir = await mkdtemp(join(tmpdir(), 'verbinder-bench-worker-'));
  const db = new pg.Client({ connectionString: settings.databaseUrl });
  const out: string[] = [];
  const problems: string[] = [];

  let seeded = false;
  try {
    await db.connect();
    seeded = Number((await db.query(`SELECT count(*) AS n FROM professional`)).rows[0].n) >= settings.professionals;
  } catch {
    seeded = false;
  }
  if (!seeded) {
    await db.end().catch(() => undefined);
    await recreateDatabase(settings.databaseUrl);
    const seed = await runSeed(settings, dataDir);
    out.push(`seed: ${seed.report} (${fixed(seed.wallS, 1)} s)`);
  }
  const client = seeded ? db : new pg.Client({ connectionString: settings.databaseUrl });
  if (!seeded) await client.connect();

  let received = 0;
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // No reverse DNS lookup of 127.0.0.1 per connection: it can take longer than the whole exchange.
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received += 1;
        callback();
      });
      stream.resume();
    },
  });
  sink.on('error', (error: NodeJS.ErrnoException) => {
    // Workers stopped at the end of a round close their pooled connections abruptly.
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const smtpPort = (sink.server.address() as { port: number }).port;

  const jwtSecret = randomBytes(32).toString('hex');
  const rounds: Round[] = [];
  const shardLines: string[] = [];
  try {
    const [admin] = (await client.query(`SELECT id FROM account WHERE email = $1`, [ADMIN_EMAIL])).rows as { id: string }[];
    const adminId = admin?.id ?? randomUUID();
    if (!admin) {
      await client.query(`INSERT INTO account (id, email, roles, opted_in) VALUES ($1, $2, '{PROFESSIONAL,ADMIN}', false)`, [adminId, ADMIN_EMAIL]);
      await client.query(`INSERT INTO professional (id, name, sector) VALUES ($1, 'Bench Admin', 'CITIZEN')`, [adminId]);
    }
    const token = jwt.sign({ sub: adminId }, jwtSecret, { algorithm: 'HS256', issuer: 'verbinder', expiresIn: '2h' });

    for (const { workers, fanOut } of plans) {
      await client.query(`TRUNCATE introduction, email_outbox, match_run_blob, match_run, digest_state`);
      const prefix = `${settings.redisPrefix}-${randomBytes(4).toString('hex')}`;
      const port = await freePort();
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: settings.databaseUrl,
        REDIS_URL: settings.redisUrl,
        REDIS_PREFIX: prefix,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}?ignoreTLS=true`,
        PUBLIC_URL: 'http://verbinder.bench',
        JWT_SECRET: jwtSecret,
        EMAIL_RATE_PER_MINUTE: '100000',
        // Above any network's size: the run is one job.
        MATCH_SHARD_PEOPLE: fanOut ? shardPeople : '10000000',
      };
      const api = await start(MAIN, env, /Verbinder API listening/, 'api');
      const workerProcesses: ChildProcess[] = [];
      for (let i = 0; i < workers; i++) workerProcesses.push(await start(WORKER, env, /Verbinder worker started/, `worker ${i + 1}`, workerNodeArgs));
      received = 0;
      phases = [];

      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'mutation { triggerMatchRun { id } }' }),
      });
      const body = (await res.json()) as { data?: { triggerMatchRun: { id: string } }; errors?: unknown };
      if (!body.data) throw new Error(`triggerMatchRun failed: ${JSON.stringify(body.errors)}`);
      const runId = body.data.triggerMatchRun.id;
      let status = '';
      await waitFor(async () => {
        status = (await client.query(`SELECT status FROM match_run WHERE id = $1`, [runId])).rows[0].status as string;
        return status === 'COMPLETED' || status === 'FAILED';
      }, 'the run');
      const t1 = performance.now();
      if (status === 'FAILED') throw new Error(`the run failed: ${(await client.query(`SELECT error FROM match_run WHERE id = $1`, [runId])).rows[0].error}`);
      const { stats, shards } = (await client.query(`SELECT stats, shards FROM match_run WHERE id = $1`, [runId])).rows[0] as {
        stats: { proposed: number; eligiblePeople: number; emailsQueued: number };
        shards: number | null;
      };
      if (send) {
        await waitFor(
          async () => Number((await client.query(`SELECT count(*) AS n FROM email_outbox WHERE status <> 'SENT'`)).rows[0].n) === 0 && received >= stats.emailsQueued,
          'every email',
        );
      }
      const t2 = performance.now();
      const round: Round = {
        workers,
        fanOut,
        shards: shards ?? 1,
        runS: (t1 - t0) / 1000,
        sendS: send ? (t2 - t1) / 1000 : Number.NaN,
        emails: received,
        proposed: stats.proposed,
        eligible: stats.eligiblePeople,
      };
      shardLines.push(`${workers} worker(s), ${fanOut ? 'fan-out' : 'whole'}:`, ...phases.map((p) => `  ${p}`));
      phases = [];
      rounds.push(round);
      process.stderr.write(`${JSON.stringify(round)}\n`);
      for (const w of workerProcesses) await stop(w);
      await stop(api);
      const redis = new Redis(settings.redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  } finally {
    for (const child of children) await stop(child);
    await client.end().catch(() => undefined);
    await new Promise<void>((resolve) => sink.close(() => resolve()));
    await rm(dataDir, { recursive: true, force: true });
  }

  out.push(
    `bench:worker — ${new Date().toISOString()}`,
    `machine: ${machineDescription()}`,
    `database: ${safeUrl(settings.databaseUrl)} (${settings.professionals} professionals, ${settings.initiatives} initiatives, seed ${settings.seed})`,
    '',
    'workers | run as  | shards | eligible | proposed | run (s) | digests | sending (s) | emails/s | total (s)',
    ...rounds.map((r) =>
      [
        String(r.workers).padStart(7),
        (r.fanOut ? 'fan-out' : 'whole').padEnd(7),
        String(r.shards).padStart(6),
        String(r.eligible).padStart(8),
        String(r.proposed).padStart(8),
        fixed(r.runS, 1).padStart(7),
        (send ? String(r.emails) : '-').padStart(7),
        (send ? fixed(r.sendS, 1) : '-').padStart(11),
        (send ? fixed(r.emails / r.sendS, 0) : '-').padStart(8),
        (send ? fixed(r.runS + r.sendS, 1) : '-').padStart(9),
      ].join(' | '),
    ),
  );
  out.push('', ...shardLines, '');
  const base = rounds.find((r) => r.workers === 1 && !r.fanOut) ?? rounds.find((r) => r.workers === 1);
  for (const r of rounds) {
    if (!base || r === base) continue;
    const sending = send ? `, sending ${fixed(base.sendS / r.sendS, 2)}×, total ${fixed((base.runS + base.sendS) / (r.runS + r.sendS), 2)}×` : '';
    out.push(`speed-up of ${r.workers} worker(s) ${r.fanOut ? 'fan-out' : 'whole'} over 1 worker ${base.fanOut ? 'fan-out' : 'whole'}: run ${fixed(base.runS / r.runS, 2)}×${sending}`);
    if (r.proposed !== base.proposed) problems.push(`${r.workers} worker(s) proposed ${r.proposed}, the first round ${base.proposed}: runs must not depend on the workers or the split`);
  }
  writeReport(out, problems);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of children) child.kill('SIGTERM');
    process.exit(130);
  });
}
main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  for (const child of children) child.kill('SIGTERM');
  process.exit(1);
});
