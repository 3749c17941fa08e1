// Lint is a gate (`--max-warnings 0` in npm test). Beyond the recommended type-aware rules it
// encodes two architecture rules: workflows stay deterministic, and provider SDKs stay behind
// their adapters in activities/ (STYLE.md 1 and 4).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
// A bare `twilio` group would also match our own ./twilio/ folders (the sandbox): match the package only.
const messagingSdks = '^(twilio|@sendgrid/[^/]+|@lob/[^/]+)(/.*)?$';
const providerSdks = ['twilio', '@sendgrid/*', '@lob/*', 'langchain', '@langchain/*', 'onnxruntime-node', 'undici', 'pg'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'apps/web/src/api/*.generated.ts', '.credence/**', 'coverage/**', 'db/migrations/*.js', 'models/**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'apps/testkit/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'Literal[raw=/^-?\\d+\\.\\d+$/][parent.type!="TSLiteralType"]', message: 'Floating-point literal: money and rates are integers (minor units, basis points). Disable with a reason where a ratio is truly meant.' }],
    },
  },
  {
    // The web app runs in a browser (its tsconfig is apps/web/tsconfig.json); hooks keep React's rules.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Jest's global hooks are plain JavaScript (loaded outside the TypeScript transform): no types to check.
    files: ['apps/testkit/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Decorated Nest classes need runtime imports for DI metadata; type-only imports would erase them.
    files: ['apps/api/**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'off',
      // What the OpenAPI document says is what is checked: IsOptional lets null through (the document
      // says optional, not nullable), and MaxLength counts UTF-16 units (maxLength counts characters).
      'no-restricted-imports': ['error', {
        paths: [{ name: 'class-validator', importNames: ['IsOptional', 'MaxLength'], message: 'Use Omittable() and MaxLength() from apps/api/http/validators.ts: optional is never null, and a length counts characters.' }],
        patterns: [{ regex: messagingSdks, message: 'Twilio, SendGrid and Lob live behind their adapters in adapters/ (webhook verification included).' }],
      }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    // Recorded histories and their tooling are test fixtures, not workflow code.
    ignores: ['**/*.spec.ts', '**/*.test.ts', '**/*.tool.ts', 'workflows/**/histories/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'Workflows and domain code are deterministic: no Node built-ins.' })),
        patterns: [
          { group: ['**/activities/**', '../activities/*', '../../activities/*'], allowTypeImports: true, message: 'Workflows import activities with `import type` only.' },
          { group: ['@temporalio/activity', '@temporalio/worker', '@temporalio/client', ...providerSdks, '@nestjs/*', '@mikro-orm/*'], message: 'Workflows and domain code do no I/O.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }, { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use uuid4()/randomness from the workflow context.' }],
    },
  },
  {
    // Messaging providers' SDKs stay in their adapters (DESIGN.md: nothing outside adapters/ imports a provider SDK).
    files: ['**/*.ts'],
    ignores: ['adapters/**', 'workflows/**', 'domain/**', 'policies/**', 'models/**', 'apps/api/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: messagingSdks, message: 'Twilio, SendGrid and Lob live behind their adapters in adapters/.' }] }],
    },
  },
  {
    files: ['domain/**/*.ts', 'policies/**/*.ts', 'models/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: providerSdks, message: 'Provider SDKs live behind adapters in activities/.' }, { group: ['@temporalio/*'], message: 'Pure code does not depend on Temporal.' }] }],
    },
  },
  {
    // The model runtime's one ONNX adapter (STYLE.md 1): only this file may load onnxruntime-node,
    // so the native SDK cannot spread into the rest of models/. Every other provider stays banned.
    files: ['models/runtime/onnx-session.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: providerSdks.filter((sdk) => sdk !== 'onnxruntime-node'), message: 'Provider SDKs live behind adapters in activities/.' }, { group: ['@temporalio/*'], message: 'Pure code does not depend on Temporal.' }] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.test.ts', '**/*.tool.ts', 'apps/testkit/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/unbound-method': 'off', 'no-restricted-syntax': 'off' },
  },
);
