// npm run seed -- --professionals N --initiatives M --seed S [--reset]
// npm run seed -- --demo [--reset]
// Loads a synthetic or the hand-written demo network into the database the app uses
// (DATABASE_URL, or the embedded one under DATA_DIR).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { ConfigError, validateEnv } from '../config/app-config.js';
import { TAXONOMY } from '../disciplines/taxonomy.data.js';
import { dataSourceOptions, ManagedDataSource, runMigrations } from '../database/data-source.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { readMunicipalities } from '../database/reference-data.js';
import { DEMO_INITIATIVES, DEMO_PROFESSIONALS } from './demo-network.data.js';
import { loadNetwork, type NetworkSource, resetNetwork } from './seed-loader.js';
import { generateInitiatives, generateProfessionals } from './synthetic-network.js';

const USAGE = 'Usage: npm run seed -- (--professionals N --initiatives M [--seed S] | --demo) [--reset]';

function parseOptions(): { source: NetworkSource; reset: boolean } {
  const { values } = parseArgs({
    options: {
      professionals: { type: 'string' },
      initiatives: { type: 'string' },
      seed: { type: 'string', default: '1' },
      demo: { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
    },
  });
  if (values.demo) {
    return {
      reset: values.reset,
      source: {
        namespace: 'demo',
        professionals: () => DEMO_PROFESSIONALS,
        initiatives: () => DEMO_INITIATIVES,
        professionalCount: DEMO_PROFESSIONALS.length,
        initiativeCount: DEMO_INITIATIVES.length,
      },
    };
  }
  const professionals = Number(values.professionals ?? NaN);
  const initiatives = Number(values.initiatives ?? 0);
  const seed = Number(values.seed);
  if (![professionals, initiatives, seed].every(Number.isInteger) || professionals < 1 || initiatives < 0) {
    throw new ConfigError(USAGE);
  }
  const options = { professionals, initiatives, seed, municipalities: readMunicipalities(), disciplines: TAXONOMY };
  return {
    reset: values.reset,
    source: {
      namespace: `synthetic:${seed}`,
      professionals: () => generateProfessionals(options),
      initiatives: () => generateInitiatives(options),
      professionalCount: professionals,
      initiativeCount: initiatives,
    },
  };
}

async function main(): Promise<void> {
  const { source, reset } = parseOptions();
  // The same .env the app reads (the app loads it through @nestjs/config).
  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = validateEnv(process.env);
  const embedded = env.DATABASE_URL ? undefined : await startEmbeddedPostgres(env.DATA_DIR);
  const url = env.DATABASE_URL ?? embedded!.url;
  const started = Date.now();
  try {
    const dataSource = new ManagedDataSource({ ...dataSourceOptions(url, 1), logging: false, logger: 'simple-console' });
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.destroy();

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const bar = new cliProgress.SingleBar({ format: ' {table} |{bar}| {value}/{total}', hideCursor: true }, cliProgress.Presets.shades_classic);
    const totals: Record<string, number> = {};
    let current = '';
    try {
      if (reset) await resetNetwork(client);
      await loadNetwork(client, source, (table, done) => {
        if (table !== current) {
          current = table;
          totals[table] ??= ['account', 'professional', 'professional_offer', 'professional_seek'].includes(table) ? source.professionalCount : source.initiativeCount;
          bar.start(totals[table], 0, { table: table.padEnd(20) });
        }
        bar.update(done);
      });
    } finally {
      bar.stop();
      await client.end();
    }
  } finally {
    await embedded?.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`Loaded ${source.professionalCount} professionals and ${source.initiativeCount} initiatives in ${seconds} s\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`Seeding failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
