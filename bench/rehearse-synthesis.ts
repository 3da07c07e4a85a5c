/*
 * The benchmark's rehearsal of a synthesis made beforehand (argv[2]: a cdktf.out folder synthesized with
 * PSF_ESTATE_BACKEND=local; argv[3]: the compiled twin; argv[4]: the project root), so that the rehearsal of today's estate and of the grown one (bench/scaled-estate-app.ts)
 * are timed alike, synthesis apart. Prints the rehearsal's one-line summary; exits 0 when every stack converged.
 * Run by scripts/bench.mjs, compiled like the twin.
 */
import { onInterrupt } from "../twin/rehearsal/processes";
import { rehearse } from "../twin/rehearsal/rehearse";

async function main(): Promise<number> {
  const [synthesized, twinBundle, root] = process.argv.slice(2);
  if (synthesized === undefined || twinBundle === undefined || root === undefined)
    throw new Error("usage: rehearse-synthesis <cdktf.out> <twin bundle> <project root>");
  const result = await rehearse({
    root,
    twinBundle,
    synthesized,
    stacks: [],
    planOnly: false,
    adopt: false,
    env: process.env,
    progress: () => undefined,
  });
  const resources = result.stacks.reduce((n, s) => n + Number(/Plan: (\d+) to add/.exec(s.summary ?? "")?.[1] ?? 0), 0);
  process.stdout.write(
    `${result.stacks.length} stacks, ${resources} resources, ${result.failures.length} failures in ${result.seconds.toFixed(1)} s\n`,
  );
  for (const failure of result.failures) process.stderr.write(`${failure.stack} ${failure.step}: ${failure.message}\n`);
  return result.failures.length === 0 ? 0 : 1;
}

onInterrupt("bench rehearsal", 2);
main().then(
  (status) => (process.exitCode = status),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
