import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', '.cache', '.local', 'test/output'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['infra/local/setup.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'as', objectLiteralTypeAssertions: 'never' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Product code (shared/, functions/, infra/) writes schemas with zod/mini through
      // `shared/schemas/zod.ts` (why: that file). The classic API (`zod`) stays for tests only, which are
      // never bundled into a Lambda.
      'no-restricted-imports': ['error', {
        paths: [{ name: 'zod', message: "Write `import * as z from '<path>/shared/schemas/zod.ts'` (zod/mini): classic zod adds about 60 KB to every Lambda bundle." }],
        patterns: [{ group: ['zod/*'], message: "Import zod through `shared/schemas/zod.ts`, which also sets the English messages the API's field errors carry." }],
      }],
      // `import { z } from ...` is zod's whole namespace as one value, which esbuild cannot tree-shake.
      'no-restricted-syntax': ['error', {
        selector: "ImportDeclaration[source.value=/(^zod$)|(schemas\\/zod\\.ts$)/] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
        message: "Write `import * as z from ...`: the named `z` keeps all of zod in every Lambda bundle.",
      }],
    },
  },
  // The one module that imports zod/mini for the product code.
  { files: ['shared/schemas/zod.ts'], rules: { 'no-restricted-imports': 'off' } },
  // Tests and their benches are never bundled into a Lambda: they may write their own schemas in classic zod.
  { files: ['test/**'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['zod/*'], message: "Import zod/mini through `shared/schemas/zod.ts`; tests may use classic `zod`." }] }] } },
  { files: ['**/*.mjs', 'eslint.config.js'], ...tseslint.configs.disableTypeChecked },
);
