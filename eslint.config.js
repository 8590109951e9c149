// Lint rules for airlock (eslint 9 flat config + typescript-eslint). Formatting is
// prettier's (.prettierrc.json); folder layering is dependency-cruiser's
// (.dependency-cruiser.cjs). These rules catch mistakes and keep the README's
// conventions: domain code never prints or exits, only the edges (commands, cli, tui) do.
// A rule is disabled only on one line, with the reason (e.g. no-control-regex where the
// control characters are the point: ANSI escapes, terminal input).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const printing = [
  {
    object: 'process',
    property: 'exit',
    message: 'Domain code never exits: throw a UserError or ExitSignal (src/errors.ts).',
  },
  { object: 'process', property: 'stdout', message: 'Domain code never prints: return text or data to the command.' },
  { object: 'process', property: 'stderr', message: 'Domain code never prints: return warnings to the command.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.bench/**', '.vitest/**', 'coverage/**', '**/testdata/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // Domain code: everything in src/ except the edges that talk to the terminal.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: [
      'src/commands/**',
      'src/cli/**',
      'src/tui/**',
      'src/hooks/**',
      'src/**/*.test.ts',
      'src/**/*.test.tsx',
      'src/testing/**',
    ],
    rules: { 'no-restricted-properties': ['error', ...printing] },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
  },
  {
    // Scripts and tests may print (benchmarks print their tables).
    files: ['scripts/**', 'bin/**', 'test/**', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests read arbitrary JSON documents (SARIF, CycloneDX, DevTools replies) and look for
    // the control characters an attack uses: both are the point there.
    files: ['test/**', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-control-regex': 'off' },
  },
);
