/*
 * Settings of the process that synthesizes the estate once (main.ts, run by `npm run synth`, `cdktf synth`, the
 * rehearsal, the review and the deploy; bench/scaled-estate-app.ts): work that only pays off in a long-lived process,
 * or only a debugger reads, is skipped. None changes what is synthesized: the snapshots and `npm run synth` = `cdktf
 * synth` (byte for byte) hold.
 *
 * zod's and V8's are made when this module loads, and an entry point imports it before anything else: zod decides
 * whether to compile an object schema's parser when the schema is built, which is when the inventory's modules load, so
 * a setting made once the estate's modules have loaded comes too late for every schema (as it did, unnoticed, until the
 * inventory's parse was timed with and without it). cdktf's, which the environment can switch off, is made by the entry
 * point (settleSynthesisProcess): only main.ts and synth-failure read the environment in synthesis (review/
 * environment-reads.ts), and a token's trace is captured when the token is made, after the modules load.
 */
import { setFlagsFromString } from "node:v8";
import { config as zodConfig } from "zod";

/** Set to 1 to keep cdktf's creation stack of every token, for a "Resolution error" that must say where a token came from. */
export const TOKEN_STACK_TRACES_VARIABLE = "PSF_ESTATE_TOKEN_STACK_TRACES";

/** cdktf's private module that every token calls at creation (Lazy, Intrinsic, references, computed lists). */
interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

// zod compiles a fast path for each object schema the first time it parses, which pays off over many parses; the
// inventory is parsed once per synthesis, and the compiling cost more than it saved (the parse takes half the CPU
// without it). Same checks, same results.
zodConfig({ jitless: true });
// V8's optimizing compiler (TurboFan) compiles hot functions on a background thread, for a payoff that comes after
// the second or so this process lives: synthesis spent about a tenth of its CPU on it, to finish no sooner. The
// interpreter and the baseline compiler run everything as before; only when functions are optimized changes.
setFlagsFromString("--no-opt");

/** The settings the environment decides, made by the entry point before it synthesizes. */
export function settleSynthesisProcess(env: NodeJS.ProcessEnv): void {
  // cdktf records a full stack trace (Error.captureStackTrace with an unlimited Error.stackTraceLimit, then formatted
  // and split) for every token it creates, only to name where a token was made if it later fails to resolve: a
  // quarter of synthesis's CPU, for a message the estate's own checks make before. Its callers read the function from
  // the module's exports at each call, so replacing the export reaches them all; the switch brings the traces back.
  if (env[TOKEN_STACK_TRACES_VARIABLE] !== "1") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- replacing an export needs the module's own (mutable) exports object, loaded only when the switch is off; an import's namespace is read-only
    (require("cdktf/lib/tokens/private/stack-trace") as StackTraceModule).captureStackTrace = () => [];
  }
}
