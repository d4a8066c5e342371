// Lint = the architecture's rules (docs/ARCHITECTURE.md), checked on every `npm test`:
// - a lower layer never imports a higher one: core folders import no feature and no app file;
// - a feature's entities are imported by that feature alone (and the entity registry);
// - only a table's owner writes it (eslint/verbinder-plugin.js, owners in eslint/table-owners.js).
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import verbinder from './eslint/verbinder-plugin.js';

/** Cross-cutting platform code, below every feature. `database/` is listed apart for its two exceptions. */
const CORE = ['common', 'config', 'logging', 'redis', 'graphql', 'jobs', 'mail', 'health', 'web'];
/** Business features, each owning its tables (eslint/table-owners.js). */
const FEATURES = ['regions', 'disciplines', 'auth', 'professionals', 'initiatives', 'search', 'matching', 'introductions', 'admin'];
/** The composition: entry points, the root modules and the seed tool. */
const APP = ['./src/*.ts', './src/seed/**'];

/** What typescript-eslint's recommended rules check; the architecture's rules are for src/ alone. */
const TYPESCRIPT = ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'web/**/*.ts', 'web/**/*.tsx'];
/** The web app (issue #13): React's rules of hooks and the JSX accessibility rules on top. */
const WEB = ['web/**/*.ts', 'web/**/*.tsx'];

const inside = (folder) => `./src/${folder}/**`;
// database/ minus its two exceptions: the entity registry and the migrations.
const DATABASE = ['./src/database/!(entities).ts', './src/database/!(migrations)/**'];
/** Reference data (names, aliases, the taxonomy) that migrations load; frozen with them. */
const REFERENCE_DATA = ['./src/disciplines/taxonomy.data.ts', './src/regions/municipality-aliases.ts', './src/regions/normalize-name.ts'];

const zones = [
  {
    target: [...CORE.map(inside), ...DATABASE],
    from: [...FEATURES.map(inside), ...APP],
    message: 'Core code must not depend on a feature or the app: invert the dependency (a token or registry the feature fills).',
  },
  // A migration may read reference data only (it must not change when a feature does).
  ...FEATURES.map((feature) => ({
    target: './src/database/migrations',
    from: `./src/${feature}`,
    except: REFERENCE_DATA.filter((file) => file.startsWith(`./src/${feature}/`)).map((file) => file.replace(`./src/${feature}/`, './')),
    message: 'A migration may read reference data only: it must not change when a feature does.',
  })),
  {
    target: './src/database/migrations',
    from: APP,
    message: 'A migration may read reference data only: it must not change when a feature does.',
  },
  {
    target: FEATURES.map(inside),
    from: APP,
    message: 'Features must not import the app layer (entry points, root modules, seed).',
  },
  ...FEATURES.map((owner) => ({
    target: [
      ...FEATURES.filter((f) => f !== owner).map(inside),
      ...CORE.map(inside),
      ...DATABASE,
      './src/database/migrations/**',
      './src/*.ts',
    ],
    from: `./src/${owner}/**/*.entity.ts`,
    message: `An entity of ${owner}/ is that feature's alone: call its service.`,
  })),
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'web/src/graphql-env.d.ts'] },
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: TYPESCRIPT })),
  {
    files: TYPESCRIPT,
    // `_name` marks a value taken only to leave it out (`const { id: _id, ...rest } = row`).
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }] },
  },
  { ...reactHooks.configs.flat['recommended-latest'], files: WEB },
  { ...jsxA11y.flatConfigs.strict, files: WEB },
  {
    files: ['src/**/*.ts'],
    // Specs are tests: like test/, they may reach anything they need to set a case up.
    ignores: ['src/**/*.spec.ts', 'src/**/*.spec-helper.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
    plugins: { 'import-x': importX, verbinder },
    // Resolves `./x.js` to `./x.ts` as TypeScript does.
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'verbinder/table-owner': 'error',
    },
  },
  {
    // The seed bulk-loads every table of a network; migrations create them.
    files: ['src/seed/**', 'src/database/migrations/**'],
    rules: { 'verbinder/table-owner': 'off' },
  },
);
