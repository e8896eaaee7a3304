import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.klaxon/', 'coverage/', 'examples/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // date-fns's index loads all of its 300 modules: about 1.5 MB of the bot's heap for the five functions
      // klaxon uses, which every full garbage collection then walks.
      'no-restricted-imports': ['error', { paths: [{ name: 'date-fns', message: "Import each function from its own module, e.g. 'date-fns/format'." }] }],
    },
  },
  {
    // The web console runs in the browser; its JSDoc types are checked by `npm run typecheck`.
    files: ['src/sandbox/console/**/*.js'],
    languageOptions: {
      globals: Object.fromEntries(
        ['document', 'window', 'location', 'localStorage', 'fetch', 'EventSource', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'HTMLElement', 'HTMLInputElement', 'HTMLTextAreaElement', 'HTMLSelectElement', 'HTMLFormElement'].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
