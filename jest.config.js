/** Jest runs TypeScript through SWC as native ESM; typechecking is `npm run typecheck`. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  // The image build (test/image) is slow on a cold cache: .ci/run runs it as its own step,
  // `npm run test:image`, after `npm test`.
  testPathIgnorePatterns: process.env.IMAGEPIN_IMAGE_TEST === '1' ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/image/'],
  testTimeout: 30000,
};
