// The resolved configuration: validated variables plus the defaults that depend on
// other variables or on the disk (PUBLIC_URL, MAIL_DIR, a generated JWT secret).
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type EnvironmentVariables, parseList } from './app-config.js';

export class AppConfig {
  constructor(
    readonly env: EnvironmentVariables['NODE_ENV'],
    readonly port: number,
    readonly publicUrl: string,
    readonly dataDir: string,
    readonly databaseUrl: string | undefined,
    readonly databasePoolSize: number,
    readonly redisUrl: string | undefined,
    readonly redisPrefix: string,
    readonly smtpUrl: string | undefined,
    readonly mailFrom: string,
    readonly mailDir: string,
    readonly jwtSecret: string,
    readonly jwtTtlSeconds: number,
    readonly adminEmails: ReadonlySet<string>,
    readonly logLevel: string,
    readonly trustProxy: boolean | string,
    readonly introductionExpiryDays: number,
    readonly emailRatePerMinute: number,
    readonly engineHeapMb: number,
    readonly matchShardPeople: number,
    readonly graphqlJit: boolean,
    readonly graphqlIntrospection: boolean,
  ) {}

  get isProduction(): boolean {
    return this.env === 'production';
  }

  static async resolve(vars: EnvironmentVariables): Promise<AppConfig> {
    const dataDir = resolve(vars.DATA_DIR);
    return new AppConfig(
      vars.NODE_ENV,
      vars.PORT,
      (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
      dataDir,
      vars.DATABASE_URL,
      vars.DATABASE_POOL_SIZE,
      vars.REDIS_URL,
      vars.REDIS_PREFIX,
      vars.SMTP_URL,
      vars.MAIL_FROM,
      resolve(vars.MAIL_DIR ?? join(dataDir, 'mail')),
      vars.JWT_SECRET ?? (await loadOrCreateSecret(dataDir)),
      vars.JWT_TTL_SECONDS,
      new Set(parseList(vars.ADMIN_EMAILS)),
      vars.LOG_LEVEL,
      parseTrustProxy(vars.TRUST_PROXY),
      vars.INTRODUCTION_EXPIRY_DAYS,
      vars.EMAIL_RATE_PER_MINUTE,
      vars.ENGINE_HEAP_MB,
      vars.MATCH_SHARD_PEOPLE,
      vars.GRAPHQL_JIT === 'true',
      vars.GRAPHQL_INTROSPECTION === 'true',
    );
  }
}

/** Outside production a missing JWT_SECRET is generated once and kept under DATA_DIR. */
async function loadOrCreateSecret(dataDir: string): Promise<string> {
  const file = join(dataDir, 'jwt-secret');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await readFile(file, 'utf8')).trim();
}

export function parseTrustProxy(value: string): boolean | string {
  return value === 'true' ? true : value === 'false' ? false : value;
}
