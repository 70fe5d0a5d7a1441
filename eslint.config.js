// Lint, with the layout rules of STYLE.md made mechanical: a wrong import is an error, not a review comment.
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'stream',
  'util',
  'url',
  'events',
]

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tests/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // Only the Electron shell may import electron.
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Only electron/main and electron/preload may import electron: the services must run headless.',
            },
          ],
        },
      ],
    },
  },
  {
    // The preload imports electron and shared/ only.
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // (a gitignore-style group cannot re-include ../../shared under an excluded ../*)
              regex: '^\\.\\./(?!\\.\\./shared/)',
              message: 'The preload imports only electron and shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer reaches the main process only through the bridge and the local endpoint.
    files: ['renderer/**/*.{ts,tsx}', 'tests/unit/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'The renderer never imports electron: use window.localRouter (the bridge).',
            },
          ],
          patterns: [
            {
              group: ['**/electron/**', '**/electron'],
              message: 'The renderer never imports from electron/: use the bridge contract in shared/.',
            },
            { group: nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    // shared/ is imported by both sides: zod only, no Node, DOM, Electron or React.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'shared/ holds contracts only.' },
            { name: 'react', message: 'shared/ holds contracts only.' },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'shared/ runs on both sides: no Node modules.' },
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ imports nothing from either side.',
            },
          ],
        },
      ],
    },
  },
)
