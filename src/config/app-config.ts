// One validated configuration object for the whole process. A wrong value stops the
// process with one line that names the variable (see `validateEnv`).
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

// Keeps a non-numeric string as it is, so the error names what was given.
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @Transform(emptyToUndefined) @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_URL?: string;

  @IsString() @MinLength(1)
  DATA_DIR = './.data';

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must start with postgres:// or postgresql://' })
  DATABASE_URL?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must start with redis:// or rediss://' })
  REDIS_URL?: string;

  /** Prefix of every Redis key this deployment uses (queues), so several can share one Redis. */
  @IsString() @Matches(/^[a-zA-Z0-9:_-]{1,64}$/, { message: 'REDIS_PREFIX may use letters, digits, ":", "_" and "-" (at most 64)' })
  REDIS_PREFIX = 'verbinder';

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must start with smtp:// or smtps://' })
  SMTP_URL?: string;

  @IsString() @MinLength(3)
  MAIL_FROM = 'Verbinder <verbinder@localhost>';

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  MAIL_DIR?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Lifetime of a session token, in seconds (default 7 days). */
  @Transform(toInt) @IsInt() @Min(60) @Max(60 * 60 * 24 * 365)
  JWT_TTL_SECONDS = 60 * 60 * 24 * 7;

  /** Comma-separated email addresses that get the ADMIN role. */
  @IsOptional() @IsString()
  ADMIN_EMAILS?: string;

  /**
   * Whether to believe X-Forwarded-For (client addresses for rate limits and logs): "false"
   * (default), "true" (any proxy), or a comma-separated list of proxy addresses or CIDRs.
   */
  @IsOptional() @Matches(/^(true|false|[0-9a-fA-F.:/, ]+)$/, { message: 'TRUST_PROXY must be true, false or proxy addresses' })
  TRUST_PROXY: string = 'false';

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Days a suggested introduction waits for both answers before it expires. */
  @Transform(toInt) @IsInt() @Min(1) @Max(365)
  INTRODUCTION_EXPIRY_DAYS = 14;

  /** Emails sent per minute at most, across every worker (the SMTP relay's limit). */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  EMAIL_RATE_PER_MINUTE = 600;

  /** Heap of the thread that runs the matching engine, in MiB: about 1 GiB per 100,000 people. */
  @Transform(toInt) @IsInt() @Min(256) @Max(262_144)
  ENGINE_HEAP_MB = 4096;

  /**
   * A match run of more eligible people than this fans out over the workers, in shards of about
   * this many seekers each (match-run-fan-out.ts); a smaller network is computed in one job.
   * High by default: below about a million people, fanning out does not make a run faster,
   * since merging, reasons and storing stay serial (BENCHMARKS.md, bench:fan-out).
   */
  @Transform(toInt) @IsInt() @Min(10) @Max(100_000_000)
  MATCH_SHARD_PEOPLE = 1_000_000;

  /** Job lock of the workers: a dead worker's jobs are picked up again after about twice this. */
  @Transform(toInt) @IsInt() @Min(1) @Max(600)
  JOB_LOCK_SECONDS = 30;

  /**
   * "true" (default): queries a client repeats run compiled by graphql-jit
   * (src/graphql/compiled-execution.plugin.ts); "false": every operation runs on graphql-js.
   */
  @IsOptional() @IsIn(['true', 'false'], { message: 'GRAPHQL_JIT must be true or false' })
  GRAPHQL_JIT: string = 'true';

  /**
   * "true" (default): the API answers introspection queries in production too. Verbinder's
   * schema is public anyway (schema.graphql and docs/api-contract.graphql are in the
   * repository), so hiding it would only hamper client tooling; "false" turns it off.
   */
  @IsOptional() @IsIn(['true', 'false'], { message: 'GRAPHQL_INTROSPECTION must be true or false' })
  GRAPHQL_INTROSPECTION: string = 'true';

  /** Size of the PostgreSQL connection pool of each process (the embedded database always has one: embedded-postgres.ts). */
  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  DATABASE_POOL_SIZE = 10;
}

export class ConfigError extends Error {}

/** Validates `process.env`; throws a ConfigError whose message is one line naming the variable. */
export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const first = errors[0];
    // Decorators register bottom-up, so the last message is the first check written (the type).
    const why = Object.values(first.constraints ?? {}).at(-1) ?? 'is invalid';
    throw new ConfigError(`Invalid configuration: ${first.property}: ${why} (got ${JSON.stringify(first.value)})`);
  }
  if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
    throw new ConfigError('Invalid configuration: JWT_SECRET: required when NODE_ENV=production');
  }
  for (const email of parseList(env.ADMIN_EMAILS)) {
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
      throw new ConfigError(`Invalid configuration: ADMIN_EMAILS: "${email}" is not an email address`);
    }
  }
  return env;
}

export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0);
}
