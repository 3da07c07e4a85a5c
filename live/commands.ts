/*
 * `npm run adopt` and `npm run drift`, from the options to the report: synthesize, find the ids, plan (through the twin
 * answering from a snapshot, or against the clouds), and build the report. The command-line entry points are
 * scripts/adopt.ts and scripts/drift.ts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KNOWN_IMPORT_IDS_FILE, loadKnownImportIds, type KnownImportIds } from "../adoption/known-import-ids";
import { loadEstate } from "../inventory";
import { stableStringify } from "../review/json";
import { cachedBundle } from "../bundling/cached-bundle.cjs";
import { adoptionReport, type AdoptionReport } from "./adoption";
import { discoverIds, snapshotListing, typesNeedingIdsByHand } from "./discovery";
import { discover } from "./discovery-run";
import { driftReport, type DriftReport } from "./drift";
import { readSnapshot, type Snapshot } from "./snapshot";
import { typeSchemas } from "./state-objects";
import { inScratch, LiveCommandError, planWithClouds, planWithTwin, synthesize, withStacksRead, type PlanRun } from "./terraform-runs";
import { rehearse } from "../twin/rehearsal/rehearse";
import { inventoryEntries, snapshotZones, unmanagedRecords, type UnmanagedReport } from "./unmanaged";
import { readZoneExport } from "./zone-export";

export interface LiveCommandOptions {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  /** A snapshot to compare with instead of the clouds. */
  readonly live?: string;
  /** The stacks (with those they read); all when empty. */
  readonly stacks: readonly string[];
  readonly progress: (line: string) => void;
}

function snapshotOf(file: string): Snapshot {
  return readSnapshot(file);
}

function liveLabel(file: string | undefined, snapshot: Snapshot | undefined): string {
  return file === undefined || snapshot === undefined
    ? "the clouds (with the environment's credentials)"
    : `the live snapshot ${file} (taken ${snapshot.taken})`;
}

function cloudEnvironment(env: NodeJS.ProcessEnv): string {
  const backend = env["PSF_ESTATE_BACKEND"];
  if (backend === undefined || backend === "")
    throw new LiveCommandError(
      "against the clouds the stacks' state is read from their backend: set PSF_ESTATE_BACKEND (cloud, s3 or local), or give --live FILE to use a snapshot",
    );
  return backend;
}

export interface AdoptOptions extends LiveCommandOptions {
  /** The ids recorded by hand. @default adoption/import-ids.json */
  readonly importIds?: string;
  /** Record the ids discovery found in the ids file (`importIds`), beside those recorded there. @default false */
  readonly writeIds?: boolean;
}

export async function runAdopt(options: AdoptOptions): Promise<AdoptionReport> {
  const snapshot = options.live === undefined ? undefined : snapshotOf(options.live);
  const idsFile = options.importIds ?? join(options.root, KNOWN_IMPORT_IDS_FILE);
  let known: KnownImportIds;
  try {
    known = loadKnownImportIds(JSON.parse(readFileSync(idsFile, "utf8")) as unknown, idsFile);
  } catch (error) {
    throw new LiveCommandError(`the import ids ${idsFile} cannot be read: ${(error as Error).message}`);
  }
  // Against the clouds the stacks' state is needed for their plans: said before discovery reads anything.
  const backend = options.live === undefined ? cloudEnvironment(options.env) : undefined;
  return inScratch("psf-estate-adopt-", async (scratch) => {
    options.progress("adopt: synthesizing the estate");
    const synthesized = synthesize(options.root, options.env, join(scratch, "out"), {
      PSF_ESTATE_BACKEND: "local",
      PSF_ESTATE_ADOPT: "0",
      PSF_ESTATE_IMPORT_IDS: "",
    });
    // Through the providers' data sources: the real ones, or the twin answering from the snapshot.
    const { found } = await discover({
      root: options.root,
      env: options.env,
      scratch,
      ...(options.live !== undefined ? { live: options.live } : {}),
      configurations: synthesized.configurations,
      stacks: withStacksRead(options.stacks, synthesized.dependencies),
      known,
      progress: options.progress,
    });
    const ids = join(scratch, "import-ids.json");
    writeFileSync(ids, JSON.stringify(found.ids));
    if (options.writeIds === true) {
      const merged: Record<string, Record<string, string>> = {};
      for (const stack of new Set([...Object.keys(known), ...Object.keys(found.discovered)]))
        merged[stack] = { ...found.discovered[stack], ...known[stack] };
      writeFileSync(idsFile, `${stableStringify(merged, 2)}\n`);
      options.progress(`adopt: recorded the ids discovery found in ${idsFile}`);
    }
    let run: PlanRun;
    if (options.live !== undefined) {
      options.progress("adopt: planning every stack through the provider twin, answering from the snapshot");
      run = await planWithTwin({
        root: options.root,
        twinBundle: cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true }),
        stacks: options.stacks,
        env: options.env,
        importIdsFile: ids,
        liveFile: options.live,
        progress: (line) => options.progress(`  ${line}`),
      });
    } else {
      const out = join(scratch, "clouds");
      synthesize(options.root, options.env, out, {
        PSF_ESTATE_BACKEND: backend ?? cloudEnvironment(options.env),
        PSF_ESTATE_ADOPT: "0",
        PSF_ESTATE_IMPORT_IDS: ids,
      });
      run = await planWithClouds({ outdir: out, stacks: options.stacks, planArguments: [], env: options.env, progress: options.progress });
    }
    const types = [...synthesized.configurations.values()].flatMap((c) => Object.keys((c as { resource?: Record<string, unknown> }).resource ?? {}));
    return adoptionReport({
      live: liveLabel(options.live, snapshot),
      terraformVersion: run.terraformVersion,
      plans: run.plans,
      origins: found.origins,
      snapshotObjects: snapshot?.objects ?? [],
      configurations: synthesized.configurations,
      estate: loadEstate(),
      schemas: typeSchemas(options.root).resources,
      idsByHand: typesNeedingIdsByHand(types),
    });
  });
}

export interface DriftOptions extends LiveCommandOptions {
  /** States to compare (`terraform.<stack>.tfstate` each, as `terraform state pull` writes them), with --live. @default the code applied through the twin */
  readonly stateDir?: string;
}

export async function runDrift(options: DriftOptions): Promise<DriftReport> {
  const snapshot = options.live === undefined ? undefined : snapshotOf(options.live);
  return inScratch("psf-estate-drift-", async (scratch) => {
    options.progress("drift: synthesizing the estate");
    const out = join(scratch, "out");
    const synthesized = synthesize(options.root, options.env, out, { PSF_ESTATE_BACKEND: "local", PSF_ESTATE_ADOPT: "0", PSF_ESTATE_IMPORT_IDS: "" });
    let run: PlanRun;
    if (options.live !== undefined) {
      const twinBundle = cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true });
      // What a rehearsal would synthesize (local state, no adoption): both rehearsals below start from it.
      let stateDir = options.stateDir;
      if (stateDir === undefined) {
        // No state given: the state the code leaves when applied, which is what a snapshot derived from a rehearsal describes.
        options.progress("drift: applying the code through the provider twin, for the state to compare");
        stateDir = join(scratch, "state");
        const applied = await rehearse({
          root: options.root,
          twinBundle,
          synthesized: out,
          stacks: options.stacks,
          planOnly: false,
          adopt: false,
          env: options.env,
          converge: false,
          validate: false,
          saveStateTo: stateDir,
          progress: (line) => options.progress(`  ${line}`),
        });
        if (applied.failures.length > 0)
          throw new LiveCommandError(
            `the code does not rehearse, so there is no state to compare: ${applied.failures.map((f) => `${f.stack}, ${f.step}`).join("; ")}`,
          );
      }
      options.progress("drift: refresh-only plans through the provider twin, answering from the snapshot");
      run = await planWithTwin({
        root: options.root,
        twinBundle,
        synthesized: out,
        stacks: options.stacks,
        env: options.env,
        stateFrom: stateDir,
        planArguments: ["-refresh-only"],
        liveFile: options.live,
        progress: (line) => options.progress(`  ${line}`),
      });
    } else {
      const backend = cloudEnvironment(options.env);
      const out = join(scratch, "clouds");
      synthesize(options.root, options.env, out, { PSF_ESTATE_BACKEND: backend, PSF_ESTATE_ADOPT: "0" });
      run = await planWithClouds({
        outdir: out,
        stacks: options.stacks,
        planArguments: ["-refresh-only", "-detailed-exitcode"],
        env: options.env,
        progress: options.progress,
      });
    }
    return driftReport({
      live: liveLabel(options.live, snapshot),
      terraformVersion: run.terraformVersion,
      plans: run.plans,
      configurations: synthesized.configurations,
      estate: loadEstate(),
      schemas: typeSchemas(options.root).resources,
    });
  });
}

export interface UnmanagedOptions extends LiveCommandOptions {
  /** The ids recorded by hand, for a snapshot's objects of types discovery cannot find. @default adoption/import-ids.json */
  readonly importIds?: string;
  /** Zone exports (Route 53 JSON or BIND) to list instead of a snapshot's zones. */
  readonly zoneExports: readonly string[];
  /** The zone of a single export, when the file does not say. */
  readonly zone?: string;
  /** Write the listed records as inventory entries to this file. */
  readonly entries?: string;
  /** The day the export was taken, for the entries' source. @default the snapshot's day, else today (UTC) */
  readonly date?: string;
}

export async function runUnmanaged(options: UnmanagedOptions): Promise<UnmanagedReport> {
  if (options.stacks.length > 0) throw new LiveCommandError("the unmanaged listing takes no stacks: it lists every zone");
  if ((options.live === undefined) === (options.zoneExports.length === 0))
    throw new LiveCommandError("give either --live FILE (a snapshot) or --zone-export FILE (a zone's export)");
  if (options.zone !== undefined && options.zoneExports.length !== 1) throw new LiveCommandError("--zone names the zone of one --zone-export");
  const snapshot = options.live === undefined ? undefined : snapshotOf(options.live);
  const estate = loadEstate();
  return inScratch("psf-estate-unmanaged-", async (scratch) => {
    const synthesized = synthesize(options.root, options.env, join(scratch, "out"), {
      PSF_ESTATE_BACKEND: "local",
      PSF_ESTATE_ADOPT: "0",
      PSF_ESTATE_IMPORT_IDS: "",
    });
    let report: UnmanagedReport;
    if (snapshot !== undefined && options.live !== undefined) {
      const idsFile = options.importIds ?? join(options.root, KNOWN_IMPORT_IDS_FILE);
      const found = discoverIds(
        synthesized.configurations,
        loadKnownImportIds(JSON.parse(readFileSync(idsFile, "utf8")) as unknown, idsFile),
        snapshotListing(snapshot.objects),
      );
      const used = new Set(Object.values(found.ids).flatMap((ids) => Object.values(ids)));
      const objects = snapshot.objects
        .filter((o) => o.type !== "aws_route53_record" && !used.has(o.importId))
        .map((o) => ({ type: o.type, importId: o.importId, name: String(o.values["name"] ?? o.values["domain"] ?? o.importId) }));
      report = {
        source: liveLabel(options.live, snapshot),
        zones: unmanagedRecords(snapshotZones(snapshot.objects), synthesized.configurations, estate),
        objects,
      };
    } else {
      const exports = await Promise.all(options.zoneExports.map((file) => readZoneExport(file, options.zone)));
      report = {
        source: `the zone export${exports.length > 1 ? "s" : ""} ${options.zoneExports.join(", ")}`,
        zones: unmanagedRecords(exports, synthesized.configurations, estate),
        objects: [],
      };
    }
    if (options.entries !== undefined) {
      writeFileSync(
        options.entries,
        `${stableStringify(inventoryEntries(report, options.date ?? snapshot?.taken ?? new Date().toISOString().slice(0, 10)), 2)}\n`,
      );
      options.progress(`unmanaged: wrote the records as inventory entries to ${options.entries}`);
    }
    return report;
  });
}
