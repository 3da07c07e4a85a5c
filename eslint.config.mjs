// @ts-check
// ESLint, `npm run lint`: every TypeScript file of the project under typescript-eslint's `strict` rules, the
// JavaScript files (configurations, the scripts node runs as they are) under ESLint's recommended ones. Layout is
// Prettier's job (`npm run format:check`, .prettierrc.json): no rule here concerns layout but `no-mixed-operators`,
// limited to the parentheses Prettier keeps, so the two never disagree. The rules are the ones that need no type
// information: type-aware linting would build the whole TypeScript program again after `npm run typecheck` has built
// it, several times slower than this, and tsc's strict options catch most of what it adds.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

// Operators whose mix must be parenthesized: `a && b || c`, bitwise and shift operators among themselves, `%` beside
// `+` or `-`. ESLint's default groups also ask for `a + (b * c)`, `(a ** b) - c` and `(a < b) === c`, parentheses
// Prettier removes: the two would fight. The core rule, deprecated with ESLint's other layout rules (removal planned
// for ESLint 11), rather than @stylistic's copy of it: one rule is not worth a plugin.
const mixedOperators = [
  "error",
  {
    groups: [
      ["&&", "||"],
      ["&", "|", "^", "~", "<<", ">>", ">>>"],
      ["+", "-", "%"],
    ],
    allowSamePrecedence: true,
  },
];

export default defineConfig([
  // Generated: the providers' bindings (`npm run bindings`), the synthesis, coverage and review reports.
  globalIgnores([".gen/", "cdktf.out/", "coverage/", "review-output/"]),
  {
    files: ["**/*.ts", "**/*.cts", "**/*.mts"],
    extends: [js.configs.recommended, tseslint.configs.strict],
    rules: {
      // Say what is wrong when a value is missing (a check that throws with a message, or a type that cannot be
      // missing), rather than asserting that it is not.
      "@typescript-eslint/no-non-null-assertion": "error",
      // One way to write a type assertion (`x as T`, never `<T>x`); an object literal asserted to a type hides its
      // missing and misspelt fields, so it is declared with the type (`const x: T = {...}`) or checked with `satisfies`.
      "@typescript-eslint/consistent-type-assertions": ["error", { assertionStyle: "as", objectLiteralTypeAssertions: "never" }],
      "no-mixed-operators": mixedOperators,
      // The exemptions tsc's noUnusedLocals and noUnusedParameters make (`npm run typecheck`), so that the two agree: a
      // parameter, array element or caught error named with a leading underscore is unused on purpose, and so is a
      // property taken out of an object to leave the rest (`const { source: _source, ...rules } = spec`).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
    rules: { "no-mixed-operators": mixedOperators },
  },
  {
    files: ["constructs/**/*.ts"],
    rules: {
      // A construct refuses its props with ConstructPropsError (constructs/construct-props-error.ts), which names the
      // construct, its id and the prop: synthesis reports it as bad input, in one line, rather than as a crash.
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "ThrowStatement > :matches(NewExpression, CallExpression)[callee.name=/^(Range|Type|Syntax|Reference|Eval|URI|Aggregate)?Error$/]",
          message:
            "A construct refuses its props with ConstructPropsError (constructs/construct-props-error.ts), naming the construct, its id and the prop.",
        },
      ],
    },
  },
]);
