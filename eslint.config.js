// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Globals the engine must never touch: time comes from its Clock, randomness from its Rng. */
const simForbiddenGlobals = [
  'Date', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate',
  'queueMicrotask', 'requestAnimationFrame', 'performance', 'window', 'document', 'navigator',
  'localStorage', 'fetch', 'process',
].map((name) => ({ name, message: 'src/sim is deterministic: use the engine Clock / Rng, never wall-clock, timers or host globals.' }));

export default tseslint.config(
  { ignores: ['dist', 'dist-bench', 'node_modules', 'test-results', 'playwright-report', 'coverage', 'public', 'src/generated'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.es2022 },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...simForbiddenGlobals],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the engine Rng.' }],
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['react', 'react-*', 'zustand', 'zustand/*', 'monaco-editor', 'monaco-*', '@xyflow/*'], message: 'src/sim must not import UI packages.' },
          { group: ['**/ui/**', '**/worker/**', 'node:*'], message: 'src/sim depends on nothing above it and on no host API.' },
        ],
      }],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/worker/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['server/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', 'e2e/**/*.{ts,mjs}', '*.config.ts', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
);
