import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/cli/**', 'bench/**', 'test/**', 'scripts/**'], rules: { 'no-console': 'off' } },
  // Test harnesses edit webhook payloads copied from GitHub's examples: untyped JSON by nature.
  { files: ['test/harness/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['**/*.js'], languageOptions: { globals: globals.node } },
);
