import type { ESLint } from 'eslint';
/** The tables a piece of SQL writes (see verbinder-plugin.js). */
export declare function writtenTables(sql: string): string[];
declare const plugin: ESLint.Plugin;
export default plugin;
