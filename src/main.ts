// API entry point. `node dist/src/main.js --all` runs API and worker in one process.
import { bootstrap } from './bootstrap.js';

await bootstrap(process.argv.includes('--all') ? 'all' : 'api');
