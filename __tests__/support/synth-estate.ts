import { Testing } from "cdktf";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadEstate, type Estate } from "../../inventory";
import { compareStrings } from "../../values/string-order";
import type { EstateInventory } from "../../inventory";
import { definePsfEstate } from "../../stacks/psf-estate";
import type { StateBackend } from "../../stacks/state-backend";

/** A synthesized stack's Terraform JSON, loosely typed for assertions. */
export type TerraformJson = {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly locals?: Record<string, unknown>;
  readonly variable?: Record<string, Record<string, unknown>>;
  readonly output?: Record<string, Record<string, unknown>>;
  readonly provider?: Record<string, unknown[]>;
  readonly terraform?: Record<string, unknown>;
};

export interface SynthesizedEstate {
  readonly estate: Estate;
  /** Stack name → the text cdktf wrote for it. */
  readonly text: ReadonlyMap<string, string>;
  /** Stack name → parsed JSON. */
  readonly json: ReadonlyMap<string, TerraformJson>;
}

/**
 * The committed estate synthesized with local state, once per test run: the suites that only read it share
 * one synthesis through a file in the run's own temporary folder (__tests__/support/scratch-tmpdir.js).
 */
export function synthCommittedEstate(): SynthesizedEstate {
  const runDir = process.env.PSF_ESTATE_TEST_TMPDIR;
  if (runDir === undefined) return synthEstate();
  const file = join(runDir, "committed-estate.json");
  if (existsSync(file)) {
    const texts = JSON.parse(readFileSync(file, "utf8")) as [string, string][];
    return { estate: loadEstate(), text: new Map(texts), json: new Map(texts.map(([name, body]) => [name, JSON.parse(body) as TerraformJson])) };
  }
  const synth = synthEstate();
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify([...synth.text.entries()]));
  renameSync(temporary, file);
  return synth;
}

/** The committed inventory synthesized per backend, once per test file (a synthesis costs seconds). */
const byBackend = new Map<string, SynthesizedEstate>();

/** The committed estate synthesized with `backend`, shared within a test file; with local state, across the run. */
export function synthEstateWith(backend: StateBackend): SynthesizedEstate {
  if (backend.kind === "local") return synthCommittedEstate();
  const key = JSON.stringify(backend);
  let synth = byBackend.get(key);
  if (synth === undefined) {
    synth = synthEstate(undefined, backend);
    byBackend.set(key, synth);
  }
  return synth;
}

/** Synthesizes the whole estate the way `cdktf synth` does (cross-stack references need the whole app). */
export function synthEstate(inventory?: EstateInventory, backend: StateBackend = { kind: "local" }): SynthesizedEstate {
  const estate = loadEstate(inventory);
  const app = Testing.app();
  definePsfEstate(app, estate, { backend });
  app.synth();
  const manifest = JSON.parse(readFileSync(join(app.outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const text = new Map<string, string>();
  const json = new Map<string, TerraformJson>();
  for (const [name, entry] of Object.entries(manifest.stacks).sort(([a], [b]) => compareStrings(a, b))) {
    const body = readFileSync(join(app.outdir, entry.synthesizedStackPath), "utf8");
    text.set(name, body);
    json.set(name, JSON.parse(body) as TerraformJson);
  }
  rmSync(app.outdir, { recursive: true, force: true });
  return { estate, text, json };
}

/** The resources of one type in a stack, by Terraform name. */
export function resourcesOf(stack: TerraformJson | undefined, type: string): Record<string, Record<string, unknown>> {
  return stack?.resource?.[type] ?? {};
}

/** The one stack JSON, failing the test if it is missing. */
export function stackJson(synth: SynthesizedEstate, name: string): TerraformJson {
  const stack = synth.json.get(name);
  if (stack === undefined) throw new Error(`no stack "${name}" (have ${[...synth.json.keys()].join(", ")})`);
  return stack;
}
