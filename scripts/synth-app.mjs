// The cdktf app command (cdktf.json "app"), and `npm run synth` on its own.
//
// It compiles main.ts and the modules it imports with esbuild into one CommonJS file (packages stay
// external, cached by content: bundling/cached-bundle.cjs) and runs it in this process. Plain node, without
// a TypeScript loader or source maps, synthesizes the estate several times faster than ts-node or tsx:
// cdktf captures a stack trace for every token, and source-mapping each one dominated the run.
// Type-checking is `npm run typecheck`'s job, not synth's.
//
// Run by `cdktf synth`, it finds CDKTF_OUTDIR set by the CLI. Run directly (`npm run synth`), it does the
// little the CLI does around the app, without the CLI's start-up of several seconds: the same environment
// for the app, a fresh cdktf.out (a failed synth leaves none: synthesis/synth-failure.ts), and the list of
// stacks written. The output is byte-identical either way (__tests__/synth-command.test.ts).
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { cachedBundle } from "../bundling/cached-bundle.cjs";

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, "..");
/** What a synthesis writes into its output folder: a folder holding anything else is not one, and is never removed. */
const SYNTHESIS_ENTRIES = new Set(["manifest.json", "stacks", "estate-facts.json"]);

const direct = process.env.CDKTF_OUTDIR === undefined;
if (direct) {
  const { commandLine, parseCommandLine } = require("../command-line/program.cjs");
  const { InvalidArgumentError } = require("commander");
  const program = commandLine("synth", {
    description:
      "Synthesize every stack of the estate into cdktf.out/ (Terraform JSON, one configuration per stack), checked by the inventory's validation and the policy. The cdktf CLI's `cdktf synth` runs the same app and writes the same bytes.",
    exitStatuses: [
      "0  synthesized",
      "1  the estate is refused: an inventory problem or a policy violation, each named in one line (no output is left behind)",
      "2  could not run: bad arguments",
    ],
  }).option(
    "--output <dir>",
    "where to write instead of cdktf.out (as `cdktf synth --output`): a new folder, or an earlier synthesis, which is replaced",
    (value) => {
      const folder = resolve(value);
      if (!existsSync(folder)) return folder;
      if (!statSync(folder).isDirectory()) throw new InvalidArgumentError("it is a file, not a folder");
      const foreign = readdirSync(folder).filter((entry) => !SYNTHESIS_ENTRIES.has(entry));
      // The folder is removed before synthesis: never one that holds anything a synthesis did not write.
      if (foreign.length > 0)
        throw new InvalidArgumentError(
          `it holds ${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", …" : ""}, which no synthesis writes: give a new folder`,
        );
      return folder;
    },
  );
  const status = parseCommandLine(program, process.argv.slice(2));
  if (status !== undefined) process.exit(status);
  const outdir = program.opts().output ?? join(root, "cdktf.out");
  rmSync(outdir, { recursive: true, force: true });
  Object.assign(process.env, {
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
    CDKTF_CONTEXT_JSON: JSON.stringify({ ...JSON.parse(process.env.CDKTF_CONTEXT_JSON ?? "{}"), cdktfRelativeModules: [] }),
    SYNTH_HCL_OUTPUT: "false",
  });
}

let bundle;
try {
  bundle = cachedBundle("main.ts", "main");
} catch (error) {
  // A source that does not compile: esbuild has printed each error once, with its file, line and column (its
  // logLevel is "warning"); the exception only repeats them under a stack trace. As a failed synth does, leave no
  // output behind (synthesis/synth-failure.ts).
  rmSync(process.env.CDKTF_OUTDIR, { recursive: true, force: true });
  if (!Array.isArray(error?.errors)) throw error;
  process.exit(1);
}
require(bundle);

if (direct) {
  const manifest = JSON.parse(readFileSync(join(process.env.CDKTF_OUTDIR, "manifest.json"), "utf8"));
  process.stdout.write(`Generated Terraform code for the stacks: ${Object.keys(manifest.stacks).join(", ")}\n`);
}
