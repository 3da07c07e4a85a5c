// What the benchmark times, each against the target an issue set for it. Every case returns its figures as lines
// `{ name, detail, target?: { text, met } }`; a figure without a target is context.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { CommandFailed, measure, median, paired } from "./measure.mjs";

const require = createRequire(import.meta.url);
const { cachedBundle } = require("../bundling/cached-bundle.cjs");

/** The grown estate: today's inventory with this many more hosts (bench/scaled-inventory.ts). */
export const EXTRA_HOSTS = 180;

const seconds = (s) => `${s.toFixed(s < 10 ? 3 : 1)} s`;
const atMost = (value, limit, unit = "") => ({ text: `at most ${limit}${unit}`, met: value <= limit });
const atLeast = (value, limit, unit = "") => ({ text: `at least ${limit}${unit}`, met: value >= limit });

/** A synthesis command run with a fresh output folder each time, removed after. */
function synthesisRun(label, command, root, env = {}) {
  return {
    label,
    run: (cwd) => {
      const outdir = mkdtempSync(join(tmpdir(), "psf-estate-bench-"));
      try {
        return measure(command, { cwd, env: { ...process.env, CDKTF_OUTDIR: outdir, ...env } });
      } finally {
        rmSync(outdir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Synthesis: (a) the app command cdktf.json runs, against (c) the floor, node loading cdktf and nothing else, in CPU
 * and wall time; (b) the same main.ts through ts-node, as cdktf's TypeScript template runs apps; the first synthesis
 * after a change (its compiled bundle rebuilt); `npm run synth` and `cdktf synth` around (a).
 */
export function synthCase({ root, runs, progress }) {
  const app = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")).app;
  const a = synthesisRun("(a) the app", app, root);
  const c = synthesisRun("(c) the floor", `node -e 'require("cdktf")'`, root);
  const b = synthesisRun("(b) ts-node main.ts", "node_modules/.bin/ts-node main.ts", root);
  const ac = paired(a, c, { runs, progress, cwd: root });
  const ab = paired(a, b, { runs: Math.min(runs, 3), progress, cwd: root });
  const cache = join(root, "node_modules", ".cache", "psf-estate");
  progress("(a) after a change: its compiled bundle rebuilt before each run");
  const cold = median(
    Array.from({ length: Math.min(runs, 3) }, () => {
      // The app's own bundle only: the twin's and the review's base-state cache stay.
      for (const entry of readdirSync(cache).filter((name) => name.startsWith("main-"))) rmSync(join(cache, entry), { force: true });
      return a.run(root).cpuSeconds;
    }),
  );
  progress("npm run synth and npx cdktf synth");
  const npmSynth = median(Array.from({ length: Math.min(runs, 3) }, () => measure("npm run --silent synth", { cwd: root }).wallSeconds));
  const cliSynth = median(
    Array.from(
      { length: Math.min(runs, 3) },
      () => measure("npx cdktf synth", { cwd: root, env: { ...process.env, CHECKPOINT_DISABLE: "1" } }).wallSeconds,
    ),
  );
  return [
    {
      name: "(a) synthesis, the app alone",
      detail: `median CPU ${seconds(ac.a.cpuSeconds)}, wall ${seconds(ac.a.wallSeconds)} over ${runs} runs  [${app}]`,
    },
    { name: "(c) the floor, node loading cdktf", detail: `median CPU ${seconds(ac.b.cpuSeconds)}, wall ${seconds(ac.b.wallSeconds)}` },
    {
      name: "a/c CPU",
      detail: `${ac.ratio.cpu.toFixed(2)} (median of ${runs} paired runs; wall ${ac.ratio.wall.toFixed(2)})`,
      target: atMost(ac.ratio.cpu, 3),
    },
    { name: "b/a wall", detail: `${(1 / ab.ratio.wall).toFixed(1)} (ts-node ${seconds(ab.b.wallSeconds)})`, target: atLeast(1 / ab.ratio.wall, 5) },
    { name: "(a) after a change", detail: `median CPU ${seconds(cold)} (bundle rebuilt), ${(cold / ac.b.cpuSeconds).toFixed(2)}x the floor` },
    {
      name: "npm run synth / a wall",
      detail: `${(npmSynth / ac.a.wallSeconds).toFixed(2)} (npm run synth ${seconds(npmSynth)})`,
      target: atMost(npmSynth / ac.a.wallSeconds, 1.5),
    },
    {
      name: "npx cdktf synth",
      detail: `median wall ${seconds(cliSynth)} (the CLI's own start-up: ${seconds(Math.max(0, cliSynth - ac.a.wallSeconds))})`,
    },
  ];
}

/** The whole-estate rehearsal as a person runs it (synthesis included). */
export function rehearsalCase({ root, progress }) {
  progress("npm run rehearse, the whole estate");
  const run = measure("npm run --silent rehearse", { cwd: root });
  return [
    {
      name: "npm run rehearse (whole estate)",
      detail: `wall ${seconds(run.wallSeconds)}, CPU ${seconds(run.cpuSeconds)}`,
      target: atMost(run.wallSeconds, 45, " s"),
    },
  ];
}

/** How many resource instances a synthesis declares (a literal for_each set counts each key, a count its number). */
function resourceInstances(outdir) {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
  let total = 0;
  for (const stack of Object.values(manifest.stacks)) {
    const configuration = JSON.parse(readFileSync(join(outdir, stack.synthesizedStackPath), "utf8"));
    for (const byName of Object.values(configuration.resource ?? {})) {
      for (const resource of Object.values(byName)) {
        const set = /^\$\{toset\((\[.*\])\)\}$/.exec(String(resource.for_each ?? ""));
        total += set !== null ? JSON.parse(set[1]).length : typeof resource.count === "number" ? resource.count : 1;
      }
    }
  }
  return total;
}

/**
 * The grown estate (EXTRA_HOSTS more hosts): its synthesis and its whole-estate rehearsal against today's, in CPU and
 * wall time, paired, each rehearsal of a synthesis made beforehand (bench/rehearse-synthesis.ts), so that the two
 * rehearsals are timed alike. The target: both grow no faster than the resources.
 */
export function scaledCase({ root, runs, progress }) {
  const work = mkdtempSync(join(tmpdir(), "psf-estate-bench-scaled-"));
  try {
    progress(`the grown estate: today's inventory with ${EXTRA_HOSTS} more hosts`);
    const twin = cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true });
    const rehearsal = cachedBundle("bench/rehearse-synthesis.ts", "bench-rehearsal");
    const scaledApp = cachedBundle("bench/scaled-estate-app.ts", "bench-scaled-estate");
    const local = { PSF_ESTATE_BACKEND: "local", BENCH_EXTRA_HOSTS: String(EXTRA_HOSTS) };
    const synthesis = paired(
      synthesisRun("synthesis, grown", `node ${scaledApp}`, root, local),
      synthesisRun("synthesis, today", "node scripts/synth-app.mjs", root, local),
      { runs: Math.min(runs, 3), progress, cwd: root },
    );
    const today = join(work, "today");
    const grown = join(work, "grown");
    measure("node scripts/synth-app.mjs", { cwd: root, env: { ...process.env, ...local, CDKTF_OUTDIR: today } });
    measure(`node ${scaledApp}`, { cwd: root, env: { ...process.env, ...local, CDKTF_OUTDIR: grown } });
    const resources = { today: resourceInstances(today), grown: resourceInstances(grown) };
    const growth = resources.grown / resources.today;
    const rehearse = (label, outdir) => ({ label, run: (cwd) => measure(`node ${rehearsal} ${outdir} ${twin} ${root}`, { cwd }) });
    const runsOfRehearsal = Math.min(runs, 3);
    const result = paired(rehearse("rehearsal, grown", grown), rehearse("rehearsal, today", today), {
      runs: runsOfRehearsal,
      progress,
      cwd: root,
      warmUp: false,
    });
    return [
      {
        name: "grown estate",
        detail: `${resources.grown} resources against today's ${resources.today}: ${growth.toFixed(2)}x (${EXTRA_HOSTS} more hosts)`,
      },
      {
        name: "its synthesis",
        detail: `${synthesis.ratio.cpu.toFixed(2)}x the CPU of today's (${seconds(synthesis.a.cpuSeconds)} against ${seconds(synthesis.b.cpuSeconds)})`,
        target: atMost(synthesis.ratio.cpu, Number(growth.toFixed(2)), "x, the resources' growth"),
      },
      {
        name: "its rehearsal, CPU",
        detail: `${result.ratio.cpu.toFixed(2)}x today's (${seconds(result.a.cpuSeconds)} against ${seconds(result.b.cpuSeconds)}; median of ${runsOfRehearsal} paired runs)`,
        target: atMost(result.ratio.cpu, Number(growth.toFixed(2)), "x, the resources' growth"),
      },
      {
        name: "its rehearsal, wall",
        detail: `${result.ratio.wall.toFixed(2)}x today's (${seconds(result.a.wallSeconds)} against ${seconds(result.b.wallSeconds)})`,
        target: atMost(result.ratio.wall, Number(growth.toFixed(2)), "x, the resources' growth"),
      },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A cached-base review of a change to every stack: a clone of this checkout's HEAD on a branch whose synthesis changes
 * every stack (descriptions, tags, TTLs, messages). The first review rehearses the base into the cache; the next, timed,
 * are what a pull request's review costs once its base has been seen.
 */
export function reviewCase({ root, runs, progress }) {
  const clone = mkdtempSync(join(tmpdir(), "psf-estate-bench-review-"));
  try {
    const git = (...args) => {
      const result = spawnSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false", ...args], {
        cwd: clone,
        encoding: "utf8",
      });
      if (result.status !== 0) throw new CommandFailed(`git ${args.join(" ")} failed:\n${result.stderr}`);
    };
    spawnSync("git", ["clone", "--quiet", root, clone]);
    git("checkout", "-q", "-b", "bench");
    const touchAll = `
const __fs = require("node:fs");
for (const stack of __fs.readdirSync(process.env.CDKTF_OUTDIR + "/stacks")) {
  const file = process.env.CDKTF_OUTDIR + "/stacks/" + stack + "/cdk.tf.json";
  const c = JSON.parse(__fs.readFileSync(file, "utf8"));
  for (const byName of Object.values(c.resource ?? {})) for (const r of Object.values(byName)) {
    if (typeof r.description === "string") r.description += " (bench)";
    if (typeof r.message === "string") r.message += " (bench)";
    if (typeof r.ttl === "number") r.ttl += 1;
    if (Array.isArray(r.tags)) r.tags = [...r.tags, "bench"];
    else if (r.tags !== null && typeof r.tags === "object") r.tags = { ...r.tags, bench: "1" };
    if (typeof r.quantity === "number") r.quantity += 1;
  }
  __fs.writeFileSync(file, JSON.stringify(c, null, 2));
}
`;
    writeFileSync(join(clone, "main.ts"), `${readFileSync(join(clone, "main.ts"), "utf8")}\n${touchAll}`);
    git("commit", "-q", "-am", "touch every stack");
    const report = join(clone, "..", `${clone.split("/").pop()}-review.json`);
    const review = `npm run --silent review -- --head-src ${clone} --base main --format json --output ${report} --quiet`;
    // A dangerous change (1) is a verdict, not a failure of the benchmark.
    const accept = (status) => status === 0 || status === 1;
    progress("review: the base rehearsed into the cache (not counted)");
    measure(review, { cwd: root, accept });
    const times = Array.from({ length: Math.min(runs, 3) }, (_, i) => {
      progress(`review with its base cached: run ${i + 1} of ${Math.min(runs, 3)}`);
      return measure(review, { cwd: root, accept }).wallSeconds;
    });
    const changed = JSON.parse(readFileSync(report, "utf8")).stacks;
    rmSync(report, { force: true });
    const wall = median(times);
    return [
      {
        name: "npm run review (cached base)",
        detail: `median wall ${seconds(wall)} over ${times.length} runs, ${changed.filter((s) => Object.values(s.counts).some((n) => n > 0)).length} of ${changed.length} stacks changed`,
        target: atMost(wall, 60, " s"),
      },
    ];
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

/** The whole test run: type-check, then every test. */
export function testCase({ root, progress }) {
  progress("npm test");
  const run = measure("npm test", { cwd: root });
  return [
    { name: "npm test", detail: `wall ${seconds(run.wallSeconds)}, CPU ${seconds(run.cpuSeconds)}`, target: atMost(run.wallSeconds, 60, " s") },
  ];
}

export const CASES = { synth: synthCase, rehearsal: rehearsalCase, scaled: scaledCase, review: reviewCase, test: testCase };
