// Worker entry point: queue consumers only, no HTTP.
import { bootstrap } from './bootstrap.js';

await bootstrap('worker');
