// Times what the issues set targets for, on this machine:
// - whole-estate synthesis: (a) the app command cdktf.json runs, (b) the same main.ts through ts-node, as the
//   cdktf TypeScript template runs apps, (c) the floor, node loading cdktf and nothing else; then
//   `npm run synth` (the app and the little around it) and `cdktf synth` (the CLI) against (a);
// - the whole-estate rehearsal (init, validate, plan, apply, plan again of every stack; target 45 s);
// - a cached-base review of a change to every stack of the estate (target 60 s);
// - `npm test`, type-check and every test (target 60 s).
// Usage: npm run bench [-- --runs N] [--only synth,rehearsal,review,test]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" }, only: { type: "string", default: "synth,rehearsal,review,test" } } });
const parts = new Set(values.only.split(","));
const runs = Number.parseInt(values.runs, 10);
if (!(runs > 0)) throw new Error(`--runs must be a positive whole number, not "${values.runs}"`);

const root = join(import.meta.dirname, "..");
const app = JSON.parse(readFileSync(join(root, "cdktf.json"), "utf8")).app;
const candidates = [
  ["a", "project synth path", app],
  ["b", "ts-node main.ts", "node_modules/.bin/ts-node main.ts"],
  ["c", "floor: require(\"cdktf\")", "node -e 'require(\"cdktf\")'"],
];

function timeOnce(command) {
  const outdir = mkdtempSync(join(tmpdir(), "psf-estate-bench-"));
  const start = process.hrtime.bigint();
  const result = spawnSync(command, { cwd: root, shell: true, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  rmSync(outdir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`"${command}" failed:\n${result.stderr}`);
  return seconds;
}

const cache = join(root, "node_modules", ".cache", "psf-estate");

const median = (xs) => {
  const s = [...xs].sort((p, q) => p - q);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timeCommand(command, env = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, { cwd: root, shell: true, env: { ...process.env, ...env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`"${command}" failed:\n${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const medians = {};
if (parts.has("synth")) {
for (const [key, label, command] of candidates) {
  timeOnce(command); // warm the file system cache; not counted
  const times = Array.from({ length: runs }, () => timeOnce(command));
  medians[key] = median(times);
  console.log(`(${key}) ${label.padEnd(26)} median ${medians[key].toFixed(3)} s over ${runs} runs  [${command}]`);
}
// Also the synth path with its compiled-bundle cache emptied before every run: the first synth after a change.
const cold = median(Array.from({ length: runs }, () => {
  rmSync(cache, { recursive: true, force: true });
  return timeOnce(app);
}));
console.log(`(a) cold, after a change      median ${cold.toFixed(3)} s over ${runs} runs  (a/c = ${(cold / medians.c).toFixed(2)})`);
console.log(`a/b = ${(medians.a / medians.b).toFixed(3)}  (b is ${(medians.b / medians.a).toFixed(1)}x slower than a; target: at least 5x)`);
console.log(`a/c = ${(medians.a / medians.c).toFixed(2)}  (target: at most 3)`);

// npm run synth runs the app directly (it sets what the CLI would and writes cdktf.out); cdktf synth adds the CLI.
const npmSynth = median(Array.from({ length: runs }, () => timeCommand("npm run --silent synth")));
console.log(`npm run synth                  median ${npmSynth.toFixed(3)} s over ${runs} runs  (npm run synth / a = ${(npmSynth / medians.a).toFixed(2)}; target: at most 1.5)`);
const cliSynth = median(Array.from({ length: Math.min(runs, 3) }, () => timeCommand("npx cdktf synth", { CHECKPOINT_DISABLE: "1" })));
console.log(`npx cdktf synth                median ${cliSynth.toFixed(3)} s over ${Math.min(runs, 3)} runs  (the CLI's own start-up: ${(cliSynth - medians.a).toFixed(2)} s)`);
}

if (parts.has("rehearsal")) {
  const seconds = timeCommand("npm run --silent rehearse > /dev/null");
  console.log(`npm run rehearse (whole estate) ${seconds.toFixed(1)} s  (target: at most 45 s)`);
}
if (parts.has("review")) {
  // A clone of this checkout's HEAD on a branch whose synthesis changes every stack (descriptions, tags, TTLs,
  // messages): the review plans the whole estate. The first review rehearses the base into the cache; the second,
  // timed, is what a pull request's review costs once its base has been seen.
  const clone = mkdtempSync(join(tmpdir(), "psf-estate-bench-review-"));
  const git = (...args) => {
    const result = spawnSync("git", ["-c", "user.name=bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false", ...args], { cwd: clone, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed:\n${result.stderr}`);
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
  const review = `npm run --silent review -- --head-src ${clone} --base main --format json --output ${join(clone, "..", "bench-review.json")} --quiet`;
  spawnSync(review, { cwd: root, shell: true });
  const seconds = median(Array.from({ length: Math.min(runs, 3) }, () => {
    const start = process.hrtime.bigint();
    const result = spawnSync(review, { cwd: root, shell: true, encoding: "utf8" });
    if (result.status !== 0 && result.status !== 1) throw new Error(`the review could not run:\n${result.stderr}`);
    return Number(process.hrtime.bigint() - start) / 1e9;
  }));
  const report = JSON.parse(readFileSync(join(clone, "..", "bench-review.json"), "utf8"));
  const changed = report.stacks.filter((s) => Object.values(s.counts).some((n) => n > 0)).length;
  rmSync(clone, { recursive: true, force: true });
  console.log(`npm run review (cached base, ${changed} of ${report.stacks.length} stacks changed) median ${seconds.toFixed(1)} s over ${Math.min(runs, 3)} runs  (target: at most 60 s)`);
}
if (parts.has("test")) {
  const seconds = timeCommand("npm test > /dev/null 2>&1");
  console.log(`npm test                        ${seconds.toFixed(1)} s  (target: at most 60 s)`);
}
