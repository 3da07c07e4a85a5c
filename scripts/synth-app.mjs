// The cdktf app command (cdktf.json "app"): compiles main.ts and the modules it imports with esbuild into
// one CommonJS file (packages stay external) and runs it in this process. Plain node, without a
// TypeScript loader or source maps, synthesizes the estate several times faster than ts-node or tsx:
// cdktf captures a stack trace for every token, and source-mapping each one dominated the run.
// Type-checking is `npm run typecheck`'s job, not synth's.
//
// The compiled file is cached under node_modules/.cache, keyed by a hash of the content of every
// source file it was built from (and of this script), so an unchanged tree skips esbuild; any edit,
// checkout or added import changes some input's content and rebuilds it.
import { buildSync } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(import.meta.dirname, "..");
const cacheDir = join(root, "node_modules", ".cache", "psf-estate");
const inputsFile = join(cacheDir, "inputs.json");
const self = fileURLToPath(import.meta.url);

/** A hash of the build's inputs; undefined when one of them is gone. */
function keyOf(inputs) {
  const hash = createHash("sha256").update(readFileSync(self));
  for (const input of inputs) {
    const file = join(root, input);
    if (!existsSync(file)) return undefined;
    hash.update(`\0${input}\0`).update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 32);
}

/** Writes through a file of this process's own, so concurrent synths never read a half-written file. */
function writeAtomically(file, content) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

function bundle() {
  let previous = [];
  try {
    previous = JSON.parse(readFileSync(inputsFile, "utf8"));
  } catch {
    // no cache yet
  }
  const cachedKey = previous.length > 0 ? keyOf(previous) : undefined;
  if (cachedKey !== undefined && existsSync(join(cacheDir, `main-${cachedKey}.cjs`))) return join(cacheDir, `main-${cachedKey}.cjs`);

  const result = buildSync({
    entryPoints: [join(root, "main.ts")],
    bundle: true,
    packages: "external",
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "warning",
    metafile: true,
    write: false,
    absWorkingDir: root,
    outfile: join(cacheDir, "main.cjs"),
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => relative(root, join(root, input))).sort();
  const key = keyOf(inputs);
  const outfile = join(cacheDir, `main-${key}.cjs`);
  mkdirSync(cacheDir, { recursive: true });
  writeAtomically(outfile, result.outputFiles[0].contents);
  writeAtomically(inputsFile, JSON.stringify(inputs));
  return outfile;
}

createRequire(import.meta.url)(bundle());
