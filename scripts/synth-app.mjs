// The cdktf app command (cdktf.json "app"), and `npm run synth` on its own.
//
// It compiles main.ts and the modules it imports with esbuild into one CommonJS file (packages stay
// external, cached by content: scripts/cached-bundle.cjs) and runs it in this process. Plain node, without
// a TypeScript loader or source maps, synthesizes the estate several times faster than ts-node or tsx:
// cdktf captures a stack trace for every token, and source-mapping each one dominated the run.
// Type-checking is `npm run typecheck`'s job, not synth's.
//
// Run by `cdktf synth`, it finds CDKTF_OUTDIR set by the CLI. Run directly (`npm run synth`), it does the
// little the CLI does around the app, without the CLI's start-up of several seconds: the same environment
// for the app, a fresh cdktf.out (a failed synth leaves none: stacks/synth-failure.ts), and the list of
// stacks written. The output is byte-identical either way (__tests__/synth-command.test.ts).
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { cachedBundle } from "./cached-bundle.cjs";

const direct = process.env.CDKTF_OUTDIR === undefined;
if (direct) {
  // --output DIR, as `cdktf synth --output`: where to write instead of cdktf.out.
  const { values } = parseArgs({ options: { output: { type: "string" } } });
  const outdir = values.output === undefined ? join(import.meta.dirname, "..", "cdktf.out") : resolve(values.output);
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
  // output behind (stacks/synth-failure.ts).
  rmSync(process.env.CDKTF_OUTDIR, { recursive: true, force: true });
  if (!Array.isArray(error?.errors)) throw error;
  process.exit(1);
}
createRequire(import.meta.url)(bundle);

if (direct) {
  const manifest = JSON.parse(readFileSync(join(process.env.CDKTF_OUTDIR, "manifest.json"), "utf8"));
  process.stdout.write(`Generated Terraform code for the stacks: ${Object.keys(manifest.stacks).join(", ")}\n`);
}
