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
    // dns-zonefile (the BIND zone file parser of live/zone-export.ts) is an ES module only; jest's runtime loads CommonJS.
    "/node_modules/dns-zonefile/.+\\.js$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "ecmascript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  transformIgnorePatterns: ["/node_modules/(?!dns-zonefile/)"],
  moduleFileExtensions: ["ts", "js", "json"],
  reporters: ["default", "<rootDir>/scripts/jest-summary-reporter.js"],
  globalSetup: "<rootDir>/__tests__/support/global-setup.js",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.js",
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
