import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'web/dist', 'data', '.shots', 'coverage', 'server/db/migrations'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', document: 'readonly', window: 'readonly', localStorage: 'readonly', URL: 'readonly', setTimeout: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**'], message: 'common/ and web/ never import server/' }] }],
    },
  },
  {
    // Every time the web shows and every "today" it decides is Beijing time (web/src/lib/format.ts).
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/lib/format.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: 'dayjs() is the browser’s zone: use beijingNow()/beijingToday() from lib/format' },
        { selector: "CallExpression[callee.property.name='slice'][callee.object.callee.property.name='toISOString']", message: 'an ISO string’s date is UTC’s: use beijingToday()/fmtDate() from lib/format' },
        { selector: "CallExpression[callee.property.name=/^to(Locale)?(Date|Time)?String$/][callee.object.type='NewExpression']", message: 'format dates with fmtDate/fmtDateTime from lib/format (Beijing time)' },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', '*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
