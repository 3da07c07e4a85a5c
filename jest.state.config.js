// `npm run test:state`: the S3 backend against a real S3-compatible store (Ceph's radosgw, started by the test on
// loopback; README, "Testing the S3 backend"). Kept out of `npm test`, which needs nothing installed beyond npm's
// packages: `.ci/run` installs Debian's radosgw and runs this as a step of its own.
const base = require("./jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ["**/__tests__/state-store/**/*.state.ts"],
  // One store, one suite at a time: its applies already run side by side where the test wants them to.
  maxWorkers: 1,
};
