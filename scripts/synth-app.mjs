// The cdktf app command (cdktf.json "app"): compiles main.ts and the modules it imports with esbuild into
// one CommonJS file (packages stay external) and runs it in this process. Plain node, without a
// TypeScript loader or source maps, synthesizes the estate several times faster than ts-node or tsx:
// cdktf captures a stack trace for every token, and source-mapping each one dominated the run.
// Type-checking is `npm run typecheck`'s job, not synth's.
import { createRequire } from "node:module";
import { cachedBundle } from "./cached-bundle.cjs";

createRequire(import.meta.url)(cachedBundle("main.ts", "main"));
