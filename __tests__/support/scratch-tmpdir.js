// Jest's globalSetup and globalTeardown: the test run gets a temporary folder of its own (TMPDIR, which
// every worker inherits and os.tmpdir() returns), removed when the run ends, so no test leaves anything
// behind in the machine's temporary folder, whatever cdktf's Testing helpers or a failed test leave there.
const { mkdtempSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const KEY = "PSF_ESTATE_TEST_TMPDIR";

module.exports = {
  setup() {
    const dir = mkdtempSync(join(tmpdir(), "psf-estate-tests-"));
    process.env[KEY] = dir;
    process.env.TMPDIR = dir;
  },
  teardown() {
    const dir = process.env[KEY];
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  },
};
