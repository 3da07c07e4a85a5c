// Compiles a TypeScript entry point and the modules it imports with esbuild into one CommonJS file, cached
// under node_modules/.cache/psf-estate and keyed by a hash of the content of every source file it was built
// from (and of this script), so an unchanged tree skips esbuild and any edit, checkout or added import
// rebuilds it. Plain node then runs the file, without a TypeScript loader or source maps.
"use strict";
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join, relative } = require("node:path");

const root = join(__dirname, "..");
const cacheDir = join(root, "node_modules", ".cache", "psf-estate");
const self = __filename;

/** A hash of the build's inputs; undefined when one of them is gone. */
function keyOf(inputs, options) {
  const hash = createHash("sha256").update(readFileSync(self)).update(JSON.stringify(options));
  for (const input of inputs) {
    const file = join(root, input);
    if (!existsSync(file)) return undefined;
    hash.update(`\0${input}\0`).update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 32);
}

/** Writes through a file of this process's own, so concurrent builds never read a half-written file. */
function writeAtomically(file, content) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/**
 * Returns the path of the compiled `entry` (relative to the project root), building it when its inputs
 * changed. `name` names the cache files; `bundlePackages` also inlines node_modules, for a program that
 * starts often and should not resolve packages each time.
 */
function cachedBundle(entry, name, { bundlePackages = false } = {}) {
  const inputsFile = join(cacheDir, `${name}-inputs.json`);
  const options = { entry, bundlePackages };
  let previous = [];
  try {
    previous = JSON.parse(readFileSync(inputsFile, "utf8"));
  } catch {
    // no cache yet
  }
  const cachedKey = previous.length > 0 ? keyOf(previous, options) : undefined;
  if (cachedKey !== undefined && existsSync(join(cacheDir, `${name}-${cachedKey}.cjs`))) return join(cacheDir, `${name}-${cachedKey}.cjs`);

  // esbuild's API is loaded only to build: loading it costs more than finding the cached bundle.
  const { buildSync } = require("esbuild");
  const result = buildSync({
    entryPoints: [join(root, entry)],
    bundle: true,
    ...(bundlePackages ? {} : { packages: "external" }),
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "warning",
    metafile: true,
    write: false,
    absWorkingDir: root,
    outfile: join(cacheDir, `${name}.cjs`),
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => relative(root, join(root, input)))
    .sort();
  const key = keyOf(inputs, options);
  const outfile = join(cacheDir, `${name}-${key}.cjs`);
  mkdirSync(cacheDir, { recursive: true });
  writeAtomically(outfile, result.outputFiles[0].contents);
  writeAtomically(inputsFile, JSON.stringify(inputs));
  return outfile;
}

module.exports = { cachedBundle };
