// One jest run over every workspace; each project keeps its own environment.
const { availableParallelism } = require('node:os');
const swcTransform = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        useDefineForClassFields: false,
        react: { runtime: 'automatic' },
      },
      target: 'es2023',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  moduleNameMapper: { '^@receptivo/shared$': '<rootDir>/shared/src/index.ts' },
  transform: { '^.+\\.tsx?$': swcTransform(false) },
};

module.exports = {
  // The suite mostly waits on servers, browsers and PostgreSQL: two workers on a 2-core machine took a run from
  // 1,728 s to 1,024 s, where jest's default (one worker per core but one) would run it in band.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  globalSetup: '<rootDir>/tests/support/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
  projects: [
    { ...shared, displayName: 'shared', testEnvironment: 'node', roots: ['<rootDir>/shared/src'] },
    { ...shared, displayName: 'server', testEnvironment: 'node', roots: ['<rootDir>/server/src'], setupFilesAfterEnv: ['<rootDir>/tests/support/slow-tests-setup.ts'] },
    { ...shared, displayName: 'electron', testEnvironment: 'node', roots: ['<rootDir>/electron/src'] },
    {
      ...shared,
      displayName: 'renderer',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/renderer/src'],
      // react-hotkeys-hook ships ES modules only: compiled like the sources, the rest of node_modules is not.
      transform: { '^.+\\.tsx?$': swcTransform(true), '/node_modules/react-hotkeys-hook/.+\\.js$': swcTransform(false) },
      transformIgnorePatterns: ['/node_modules/(?!react-hotkeys-hook/)'],
      moduleNameMapper: { ...shared.moduleNameMapper, '\\.css$': '<rootDir>/tests/support/style-stub.js' },
      setupFiles: ['<rootDir>/tests/support/renderer-polyfills.ts'],
      setupFilesAfterEnv: ['<rootDir>/tests/support/renderer-setup.ts', '<rootDir>/tests/support/slow-tests-setup.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testEnvironment: 'node',
      roots: ['<rootDir>/tests'],
      setupFilesAfterEnv: ['<rootDir>/tests/support/slow-tests-setup.ts'],
    },
  ],
};
