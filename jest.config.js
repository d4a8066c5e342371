// Three tiers (see STYLE.md): unit specs beside the code, medium and e2e tests in test/.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
};

export default {
  // e2e files start the app (a few seconds, more on a busy machine); the harness has its own limits.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      // The web app in headless Chromium (test/browser/support/browser.ts); each file starts the app and a browser.
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'medium',
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
      // The matching engine runs in a worker thread that Node starts from a .js file next to
      // the module (engine-in-thread.ts): jest's transform does not reach that thread, so the
      // built one is used (test/medium/support/built-engine.ts checks it is up to date).
      moduleNameMapper: { '^(\\.{1,2}/)+engine-in-thread\\.js$': '<rootDir>/dist/src/matching/engine-in-thread.js', ...common.moduleNameMapper },
      // One global set-up for e2e and medium (jest runs a file once): the run's id and lock.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
