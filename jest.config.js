/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  // Two workers even on two cores: the rehearsal's suites mostly wait on Terraform and the twin, which run in
  // processes of their own.
  maxWorkers: 2,
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // swc strips types only; `tsc --noEmit` (npm run typecheck) does the type-checking.
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  reporters: ["default", "<rootDir>/scripts/jest-summary-reporter.js"],
  globalSetup: "<rootDir>/__tests__/support/global-setup.js",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.js",
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
