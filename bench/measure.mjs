// How the benchmark times a command: from outside, as a whole process tree, with public tools only. The command runs
// under /bin/sh, whose `times` gives the user and system seconds of every process it waited for (the command and
// everything the command waited for in turn: Terraform, the provider twin); wall seconds are a monotonic clock around
// it. Paired runs (A, B, A, B, ...) give a ratio per pair, whose median holds when the machine's speed drifts.
import { spawnSync } from "node:child_process";

/** The median of some numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Thrown when a timed command fails: the benchmark could not run. */
export class CommandFailed extends Error {}

/** Seconds from `times`' second line (the children's): "0m1.234s 0m0.056s". */
function childSeconds(times) {
  const line = times.trim().split("\n")[1] ?? "";
  const parts = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (parts.length !== 2) throw new CommandFailed(`could not read the shell's times: ${JSON.stringify(times)}`);
  return parts[0] + parts[1];
}

/**
 * Runs `command` (a shell command line) once in `cwd` with `env`, its standard output thrown away, and returns its wall
 * and CPU seconds. A command that exits with a status `accept` refuses throws CommandFailed with the end of its
 * standard error.
 */
export function measure(command, { cwd, env = process.env, accept = (status) => status === 0 }) {
  const started = process.hrtime.bigint();
  const result = spawnSync("/bin/sh", ["-c", `${command}\nstatus=$?\ntimes >&3\nexit $status`], {
    cwd,
    env,
    stdio: ["ignore", "ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error !== undefined || !accept(result.status)) {
    const said = (result.stderr ?? "").trim().split("\n").slice(-5).join("\n");
    throw new CommandFailed(
      `"${command}" ${result.error !== undefined ? `could not start (${result.error.message})` : `exited ${result.status}`}${said !== "" ? `:\n${said}` : ""}`,
    );
  }
  return { wallSeconds, cpuSeconds: childSeconds(result.output[3] ?? "") };
}

/**
 * Runs `a` and `b` (each `{ label, run }`, `run` returning `measure`'s figures) in turn `runs` times each, after one
 * warm-up of each that is not counted, and returns the medians of each one's wall and CPU seconds and of the per-pair
 * ratios a/b.
 */
export function paired(a, b, { runs, progress, cwd, warmUp = true }) {
  const runsOf = { a: [], b: [] };
  if (warmUp) {
    a.run(cwd);
    b.run(cwd);
  }
  for (let i = 1; i <= runs; i++) {
    progress(`${a.label} / ${b.label}: pair ${i} of ${runs}`);
    runsOf.a.push(a.run(cwd));
    runsOf.b.push(b.run(cwd));
  }
  const of = (list, key) => median(list.map((r) => r[key]));
  const ratio = (key) => median(runsOf.a.map((r, i) => r[key] / runsOf.b[i][key]));
  return {
    a: { wallSeconds: of(runsOf.a, "wallSeconds"), cpuSeconds: of(runsOf.a, "cpuSeconds") },
    b: { wallSeconds: of(runsOf.b, "wallSeconds"), cpuSeconds: of(runsOf.b, "cpuSeconds") },
    ratio: { wall: ratio("wallSeconds"), cpu: ratio("cpuSeconds") },
  };
}
