// Embedded PostgreSQL for running without a database server: PGlite (PostgreSQL compiled to
// WebAssembly) persisted under DATA_DIR, served on a loopback port so the normal `pg`
// driver and the same migrations work unchanged.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresLocked extends Error {}

/**
 * PGlite has a single session, and the socket server does not keep connections apart: it
 * runs each protocol message as it comes, so messages of two connections interleave. Two
 * pool connections then share unnamed statements and portals ("portal \"\" does not exist",
 * "bind message supplies 2 parameters, but prepared statement \"\" requires 1") and, worse,
 * one connection's Execute can run the other's bound query and hand its rows to the wrong
 * caller (a digest with someone else's introductions was seen), and a transaction of one
 * takes in the statements of another. So a process talks to the embedded database over one
 * connection: the pool queues the callers, as PGlite would queue their queries anyway. An idle
 * connection is kept, never closed and reopened, so no second socket overlaps a closing one.
 * Callers wait for it without a time limit: a long transaction (a large run's store) holds it,
 * and the database is in this process, so it cannot be away.
 */
export const EMBEDDED_POOL = { max: 1, idleTimeoutMillis: 0, connectionTimeoutMillis: 0 } as const;

/**
 * The server accepts a second socket only so that a reconnect after a broken connection is
 * not refused while the old one is still being torn down; the pool above uses one at a time.
 */
const MAX_SOCKETS = 2;

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const dir = join(dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  const lock = join(dataDir, 'pglite.pid');
  await takeLock(lock);
  const db = await PGlite.create({ dataDir: dir });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: MAX_SOCKETS });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  return {
    url: `postgresql://postgres@${host}:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
      await rm(lock, { force: true });
    },
  };
}

/** PGlite's files may be opened by one process only; a second one would corrupt them. */
async function takeLock(file: string): Promise<void> {
  const holder = Number(await readFile(file, 'utf8').catch(() => ''));
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new EmbeddedPostgresLocked(
      `The embedded database in ${file.replace(/pglite\.pid$/, '')} is in use by process ${holder}: ` +
        'stop that process first, or set DATABASE_URL to share a PostgreSQL server between processes.',
    );
  }
  await writeFile(file, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
