/*
 * The head's syntheses, each in a process of its own, after the base has been rehearsed and read into memory, so
 * that nothing the head's code writes is ever read back but its output folder (checked as untrusted data). Synthesis
 * may depend on the commit and the documented PSF_ESTATE_* choices only, so the head is synthesized three ways:
 *
 * - reviewed: as the review plans it (local state);
 * - deployed: as a deploy would (Terraform Cloud state, in a folder named like a checkout, with a deploy's
 *   environment: AWS_PROFILE set, GitHub's push to main, another time zone);
 * - later: as the reviewed one, with the clock moved ahead, which shows code that waits for a date.
 *
 * A deployed synthesis that fails or differs from the reviewed one (beyond the state convention) is a danger; a later
 * one that differs is too, but one that fails is a note (a policy exception about to expire fails it honestly).
 * In CI the head's code never runs in the verdict's job: its synthesis job uploads the reviewed and deployed outputs
 * (`--head-synthesis`), and only a deploy's check of the reviewed hash guards what the job could not show.
 */
import { cp, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { makeScratch, removeScratch } from "../twin/rehearsal/processes";
import type { StateBackend } from "../stacks/state-backend";
import { readSynthesisOutput, type SynthesisOutput } from "./synthesis-output";
import { generateBindings as generateHeadBindings, ReviewError, synthesizeCheckout } from "./synthesize";

export const HEAD_SYNTHESES = ["reviewed", "deployed", "later"] as const;
export type HeadSynthesisName = (typeof HEAD_SYNTHESES)[number];

/** The backend of each synthesis, as the review chooses it (the PSF's defaults). */
export const HEAD_BACKENDS: Readonly<Record<HeadSynthesisName, StateBackend>> = {
  reviewed: { kind: "local" },
  deployed: { kind: "cloud", organization: "psf", workspacePrefix: "psf-estate-", hostname: "app.terraform.io" },
  later: { kind: "local" },
};

/** How far ahead the later synthesis's clock runs. */
export const LATER_BY_DAYS = 90;

/** What a deploy's environment has that the review's has not. */
const DEPLOY_ENVIRONMENT: NodeJS.ProcessEnv = {
  PSF_ESTATE_BACKEND: "cloud",
  AWS_PROFILE: "psf-infra",
  AWS_REGION: "us-east-1",
  GITHUB_ACTIONS: "true",
  GITHUB_EVENT_NAME: "push",
  GITHUB_REF: "refs/heads/main",
  GITHUB_WORKFLOW: "deploy",
  TZ: "Pacific/Kiritimati",
};

/** Node code run before the app (--require): Date as if `days` later. */
function clockShift(days: number): string {
  return `"use strict";
// Written by the psf-estate review: the clock of this synthesis runs ${days} days ahead.
const RealDate = Date;
const offset = ${days * 86_400_000};
class ShiftedDate extends RealDate {
  constructor(...args) { if (args.length === 0) super(RealDate.now() + offset); else super(...args); }
  static now() { return RealDate.now() + offset; }
}
globalThis.Date = ShiftedDate;
`;
}

export interface HeadSynthesis {
  readonly output: SynthesisOutput;
  /** What the synthesis printed on standard error. */
  readonly stderr: string;
}

/** Each synthesis that succeeded, and why each that failed did. */
export interface HeadSyntheses {
  readonly outputs: Partial<Record<HeadSynthesisName, HeadSynthesis>>;
  readonly failures: Partial<Record<HeadSynthesisName, ReviewError>>;
}

/**
 * Synthesizes the head tree at `tree` the three ways, each from a copy of its own in a scratch folder of its own.
 * The reviewed synthesis failing throws (the review cannot run); the others' failures are returned.
 */
export async function synthesizeHead(tree: string, nodeModules: string): Promise<HeadSyntheses> {
  // The head's bindings, generated once by its own generator (a dry synthesis that writes no output), then copied
  // into each synthesis's tree with the rest: the head's code either way.
  const prepared = makeScratch("psf-review-head-");
  try {
    const source = join(prepared, "src");
    await cp(tree, source, { recursive: true, verbatimSymlinks: true });
    await generateHeadBindings(source, nodeModules);
    return await synthesizeEach(source, nodeModules);
  } finally {
    removeScratch(prepared);
  }
}

async function synthesizeEach(tree: string, nodeModules: string): Promise<HeadSyntheses> {
  const run = async (name: HeadSynthesisName): Promise<HeadSynthesis> => {
    // The deployed one sits in a folder named as a checkout is, nowhere near the review's own.
    const parent = makeScratch(name === "deployed" ? "build-" : `psf-review-head-${name}-`);
    try {
      const checkout = join(parent, name === "deployed" ? "psf-estate" : "src");
      await mkdir(checkout, { recursive: true });
      await cp(tree, checkout, { recursive: true, verbatimSymlinks: true, filter: (from) => !from.endsWith("/node_modules") });
      const env: NodeJS.ProcessEnv = name === "deployed" ? { ...DEPLOY_ENVIRONMENT } : { PSF_ESTATE_BACKEND: "local", TZ: "UTC" };
      if (name === "later") {
        const shift = join(parent, "clock-shift.cjs");
        await writeFile(shift, clockShift(LATER_BY_DAYS));
        env["NODE_OPTIONS"] = `--require ${shift}`;
      }
      const out = join(parent, "out");
      const timings = await synthesizeCheckout(`head (${name})`, checkout, nodeModules, out, env, true);
      try {
        return { output: readSynthesisOutput(out), stderr: timings.stderr };
      } catch (error) {
        throw new ReviewError(`head (${name}): ${(error as Error).message}`);
      }
    } finally {
      // What it wrote is in memory now, checked; nothing else of it is ever read.
      removeScratch(parent);
    }
  };
  // Every synthesis settles before any failure is judged (as with Promise.allSettled), each result with its name.
  const settled = await Promise.all(
    HEAD_SYNTHESES.map((name) =>
      run(name).then(
        (value) => ({ name, value }),
        (reason: unknown) => ({ name, reason }),
      ),
    ),
  );
  const outputs: Partial<Record<HeadSynthesisName, HeadSynthesis>> = {};
  const failures: Partial<Record<HeadSynthesisName, ReviewError>> = {};
  for (const result of settled) {
    if ("value" in result) outputs[result.name] = result.value;
    else if (result.reason instanceof ReviewError) failures[result.name] = result.reason;
    else throw result.reason;
  }
  if (failures.reviewed !== undefined) throw failures.reviewed;
  return { outputs, failures };
}

/** The syntheses a head's untrusted synthesis job uploaded (`<folder>/local`, `<folder>/cloud`), checked as data. */
export function readHeadSyntheses(folder: string): HeadSyntheses {
  const read = (sub: string): HeadSynthesis => {
    try {
      return { output: readSynthesisOutput(join(folder, sub)), stderr: "" };
    } catch (error) {
      throw new ReviewError(`the head's synthesis (${join(folder, sub)}): ${(error as Error).message}`);
    }
  };
  return { outputs: { reviewed: read("local"), deployed: read("cloud") }, failures: {} };
}
