// Lint: typescript-eslint for the code, lit / wc / lit-a11y for the elements.
// Formatting is Prettier's job (npm run lint runs both).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'bench/results/**',
      'demo/build/**',
      'custom-elements.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    languageOptions: { globals: globals.browser },
    plugins: { lit, wc, 'lit-a11y': litA11y },
    rules: {
      ...lit.configs.recommended.rules,
      ...wc.configs.recommended.rules,
      ...litA11y.configs.recommended.rules,
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: 'No innerHTML: config and locale strings render as text.',
        },
        {
          selector: "MemberExpression[property.name='outerHTML']",
          message: 'No outerHTML: config and locale strings render as text.',
        },
        {
          selector: "CallExpression[callee.name='eval']",
          message: 'No eval: Keuze runs under a strict CSP.',
        },
        {
          selector: "NewExpression[callee.name='Function']",
          message: 'No new Function: Keuze runs under a strict CSP.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'lit/directives/unsafe-html.js',
              message: 'No unsafeHTML: config strings render as text.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['lit', 'lit/*', '@lit/*'],
              message: 'The core has no Lit: keep the brain apart from the face.',
            },
          ],
        },
      ],
    },
  },
  {
    // The receiver runs on node only.
    files: ['receiver/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: [
      'test/**/*.{ts,js,mjs}',
      'receiver/test/**/*.mjs',
      'scripts/**/*.mjs',
      'catalogue/**/*.mjs',
      'bin/**/*.mjs',
      'bench/**/*.{js,mjs}',
      'demo/**/*.{js,mjs,ts}',
      '*.mjs',
      '*.js',
    ],
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
