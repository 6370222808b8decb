// Unit tests (*.spec.ts beside the code) and integration/e2e tests (test/**/*.e2e-spec.ts) share
// one configuration: both run against the real PostgreSQL and Redis where they need them.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: {
    '^@rsa/(kernel|platform|access|intake|beneficiary|retention|convocation|orientation|testing)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  testTimeout: 60000,
};
