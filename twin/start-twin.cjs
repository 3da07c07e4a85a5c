// Starts the compiled twin (argv[2]) with V8's code cache: Terraform starts a provider process for almost
// every command, so compiling the bundle once and reusing the compiled code on later starts saves most of
// the bundle's compile time each start. The cache sits beside the bundle, written atomically once a
// started twin has answered Terraform's handshake (by then the start-up code has been compiled).
"use strict";
const { existsSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname } = require("node:path");
const vm = require("node:vm");

const bundle = process.argv[2];
process.argv.splice(1, 1); // the twin reads its own arguments from argv[2] on
const cacheFile = `${bundle}.v8-cache`;
const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
const script = new vm.Script(Module.wrap(readFileSync(bundle, "utf8")), { filename: bundle, cachedData });
const twinModule = new Module(bundle, module);
twinModule.filename = bundle;
twinModule.paths = Module._nodeModulePaths(dirname(bundle));
if (cachedData === undefined || script.cachedDataRejected) {
  const writeStdout = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    process.stdout.write = writeStdout;
    const result = writeStdout(chunk, ...rest);
    try {
      const temporary = `${cacheFile}.${process.pid}`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    } catch {
      // A cache is an optimization: without one the twin only starts slower.
    }
    return result;
  };
}
script.runInThisContext().call(twinModule.exports, twinModule.exports, require, twinModule, bundle, dirname(bundle));
