// The cdktf app command (cdktf.json "app"): compiles main.ts and the modules it imports with esbuild into
// one CommonJS file (packages stay external) and runs it in this process. Plain node, without a
// TypeScript loader or source maps, synthesizes the estate several times faster than ts-node or tsx:
// cdktf captures a stack trace for every token, and source-mapping each one dominated the run.
// Type-checking is `npm run typecheck`'s job, not synth's.
import { buildSync } from "esbuild";
import { createRequire } from "node:module";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const outfile = join(root, "node_modules", ".cache", "psf-estate", "main.cjs");
buildSync({
  entryPoints: [join(root, "main.ts")],
  outfile,
  bundle: true,
  packages: "external",
  platform: "node",
  format: "cjs",
  target: "node20",
  logLevel: "warning",
});
createRequire(import.meta.url)(outfile);
