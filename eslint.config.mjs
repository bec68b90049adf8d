import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'service/generated/**',
      'client/dist/**',
      'client/example/dist/**',
      'client/src/generated/**',
      'fixtures/generated/**',
      'test-output/**',
      '.data/**',
      'infra/bin/**',
      'bench/out/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    // Regexes run on text read from uploaded documents: one that backtracks super-linearly lets a
    // single crafted line hold a processing thread for minutes (issue 19).
    plugins: { regexp },
    rules: { 'regexp/no-super-linear-backtracking': 'error' },
  },
  {
    // A search that restarts inside a long run (`/\s+$/` on a line of spaces) is quadratic as well;
    // these folders match on document text. Settings and URLs elsewhere are short and ours.
    files: ['worker/{extraction,classify,pdf,pipeline,forensics,images,ocr,verification,cases,files}/**/*.ts'],
    rules: { 'regexp/no-super-linear-move': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': 'off',
    },
  },
  {
    // service/ and cli/ see the worker only through its public face, worker/index.ts.
    files: ['service/**/*.ts', 'cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // The decorators live in @tsoa/runtime: 'tsoa' also loads its CLI and spec generator into the server.
          paths: [{ name: 'tsoa', message: "Import tsoa's decorators from '@tsoa/runtime'." }],
          patterns: [
            {
              group: ['**/worker/*', '!**/worker/index'],
              message: 'Import the worker through its public face (worker/index.ts); add what you need there.',
            },
          ],
        },
      ],
    },
  },
  {
    // The domain (stages, checks, use cases) sees ports only: the database and the concrete stores and
    // queues are chosen in the composition root (worker/runtime.ts) and the entry points.
    files: ['worker/**/*.ts'],
    ignores: ['worker/adapters/**', 'worker/storage/**', 'worker/queue/**', 'worker/runtime.ts', 'worker/lambda.ts', 'worker/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'sequelize', message: 'Only worker/adapters/postgres/ talks to the database; use a port.' }],
          patterns: [
            {
              group: ['**/adapters/**', '**/storage/s3', '**/storage/local', '**/queue/sqs', '**/queue/pgboss'],
              message: 'Depend on the port (port.ts); adapters are built in worker/runtime.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'infra/test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
