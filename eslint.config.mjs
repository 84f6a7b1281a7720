// The linter of `npm test` (its 'lint' stage; zero problems allowed). Type-aware rules for what
// tsc does not see and has bitten extension hosts: a promise nobody awaits (its rejection is lost,
// or an edit runs out of order), a promise passed where a callback's result is ignored, and `any`
// crossing a module's boundary. A promise left on purpose is written `void p` with a comment why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'native/', '.cache/', '.vscode-test/', 'results/', 'screenshots/', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's and mocha's test(), suite(), describe() return promises their runner awaits.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // tsc's noUnusedLocals / noUnusedParameters already say this.
      '@typescript-eslint/no-unused-vars': 'off',
      // Control characters in regexes are the point where they appear (shown as visible symbols).
      'no-control-regex': 'off',
      // An async method without await implements a promise-returning interface: its throw becomes
      // the rejection its callers handle, which is what we want.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests and benchmarks read the engine CLI's JSON and the generator scripts (plain .mjs) loosely:
    // a wrong field there fails an assertion, it reaches no user. Production code keeps the rules.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
