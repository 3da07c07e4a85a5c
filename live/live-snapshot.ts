/*
 * `npm run live-snapshot`: a snapshot of the live estate (live/snapshot.ts) taken through the providers themselves.
 *
 * 1. Discovery (live/discovery-run.ts) and the ids recorded by hand give the live id of each resource of the stacks,
 *    and the listings give what the accounts hold that no stack declares (a zone's other record sets, other droplets).
 * 2. For each stack, a scratch configuration with the stack's providers and one empty resource block per object, and
 *    `terraform import` of each object into its scratch state: the provider's own importer and read, with no
 *    configuration to compare with, so nothing is planned and nothing applied. An id the cloud does not hold fails as
 *    "Cannot import non-existent remote object": that object is not live and is left out. Any other failure stops the
 *    command before anything is written.
 * 3. `terraform show -json` of each scratch state, read into the snapshot's objects with every secret withheld
 *    (live/state-objects.ts, live/withheld.ts); the data sources the stacks read that ask a cloud (a Heroku team, the
 *    PagerDuty users and vendors), read the same way in a configuration of their own.
 *
 * The scratch states hold what the providers read, secrets included, until the command ends: they are removed then,
 * and on an interruption. Against the clouds this needs the providers' credentials in the environment; with a snapshot
 * (`--live FILE`) the provider twin stands in for every provider, which is how it is tested.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { KNOWN_IMPORT_IDS_FILE, loadKnownImportIds, type KnownImportIds } from "../adoption/known-import-ids";
import { RESOURCE_TYPE_FACTS } from "../provider-schemas/facts";
import { pinnedProviders } from "../provider-schemas/schema-file";
import { stableStringify } from "../review/json";
import { compareStrings } from "../values/string-order";
import { runGroup } from "../twin/rehearsal/processes";
import { rehearsalVariableValues, type VariableDeclaration } from "../twin/rehearsal/variables";
import type { LiveCommandOptions } from "./commands";
import { discover } from "./discovery-run";
import {
  readSnapshot,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  sortObjects,
  type Snapshot,
  type SnapshotDataSource,
  type SnapshotObject,
} from "./snapshot";
import {
  importIdsByStateId,
  LOCAL_DATA_SOURCES,
  objectsOfShownState,
  snapshotDataSource,
  snapshotObject,
  typeSchemas,
  type StateObject,
} from "./state-objects";
import { terraformEnvironment, type TerraformEnvironment } from "./terraform-environment";
import { inScratch, LiveCommandError, synthesize } from "./terraform-runs";

export interface LiveSnapshotOptions extends LiveCommandOptions {
  /** The ids recorded by hand. @default adoption/import-ids.json */
  readonly importIds?: string;
  /** The day the snapshot says it was taken. @default today (UTC) */
  readonly taken?: string;
}

/** An object one stack's scratch configuration imports. */
interface ImportTarget {
  readonly stack: string;
  readonly type: string;
  /** Its address in the scratch configuration: the stack's own, or `<type>.listed_<n>` for what no stack declares. */
  readonly address: string;
  readonly importId: string;
  /** The stack's provider configuration it uses (`aws.us-east-1`), when not the default. */
  readonly provider?: string;
}

export interface LiveSnapshotResult {
  readonly snapshot: Snapshot;
  /** Objects whose ids were tried and which the clouds do not hold. */
  readonly notLive: readonly { readonly stack: string; readonly address: string; readonly importId: string }[];
  /** The stacks' data sources left out of the snapshot, and why. */
  readonly skipped: readonly string[];
}

type StackJson = {
  readonly terraform?: { readonly required_providers?: Readonly<Record<string, unknown>> };
  readonly provider?: Readonly<Record<string, unknown>>;
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly variable?: Readonly<Record<string, VariableDeclaration>>;
};

const NOT_LIVE = /Cannot import non-existent remote object/;

interface Ran {
  readonly exitCode: number;
  readonly stdout: string;
  /** Everything it wrote, errors first. */
  readonly output: string;
}

async function terraformIn(terraform: TerraformEnvironment, dir: string, args: readonly string[]): Promise<Ran> {
  const outcome = await runGroup(terraform.binary, args, { cwd: dir, env: terraform.env });
  if (outcome.signal !== undefined) throw new LiveCommandError(`Terraform was killed (${outcome.signal}) during ${args[0]} in ${dir}`);
  return { exitCode: outcome.exitCode, stdout: outcome.stdout, output: `${outcome.stderr}\n${outcome.stdout}`.trim() };
}

/** The last lines Terraform wrote: where it says what went wrong. */
const tail = (output: string): string =>
  output
    .split("\n")
    .filter((l) => l.trim() !== "" && !/^[╷╵│]\s*$/.test(l))
    .slice(-6)
    .join(" ")
    .replace(/\s+/g, " ");

/**
 * Runs `work` for each item, at most `limit` at a time. After a failure no item is started, and the failure is thrown
 * once every item under way has ended: nothing still runs in a scratch folder about to be removed.
 */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  let failed = false;
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined && !failed; item = queue.shift()) {
        try {
          await work(item);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
  const rejected = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (rejected !== undefined) throw rejected.reason;
}

/** Provider versions as `terraform init` locked them in `dir`, by the providers' local names. */
function lockedVersions(dir: string): Record<string, string> {
  let text = "";
  try {
    text = readFileSync(join(dir, ".terraform.lock.hcl"), "utf8");
  } catch {
    return {};
  }
  const byAddress = new Map(pinnedProviders().map((p) => [p.address.toLowerCase(), p.name]));
  return Object.fromEntries(
    [...text.matchAll(/provider "([^"]+)" \{\s*version\s*=\s*"([^"]+)"/g)].flatMap(([, address = "", version = ""]) => {
      const name = byAddress.get(address.toLowerCase());
      return name === undefined ? [] : [[name, version]];
    }),
  );
}

export async function takeLiveSnapshot(options: LiveSnapshotOptions): Promise<LiveSnapshotResult> {
  const idsFile = options.importIds ?? join(options.root, KNOWN_IMPORT_IDS_FILE);
  let known: KnownImportIds;
  try {
    known = loadKnownImportIds(JSON.parse(readFileSync(idsFile, "utf8")) as unknown, idsFile);
  } catch (error) {
    throw new LiveCommandError(`the import ids ${idsFile} cannot be read: ${(error as Error).message}`);
  }
  const taken = options.taken ?? new Date().toISOString().slice(0, 10);
  // A snapshot to read back is checked first, as adopt and drift check theirs: before anything runs.
  if (options.live !== undefined) readSnapshot(options.live);
  return inScratch("psf-estate-live-snapshot-", async (scratch) => {
    options.progress("live-snapshot: synthesizing the estate");
    const synthesized = synthesize(options.root, options.env, join(scratch, "out"), {
      PSF_ESTATE_BACKEND: "local",
      PSF_ESTATE_ADOPT: "0",
      PSF_ESTATE_IMPORT_IDS: "",
    });
    const configurations = synthesized.configurations as ReadonlyMap<string, StackJson>;
    const stacks = options.stacks.length > 0 ? [...options.stacks].sort(compareStrings) : [...configurations.keys()];
    const { found, listing } = await discover({
      root: options.root,
      env: options.env,
      scratch,
      ...(options.live !== undefined ? { live: options.live } : {}),
      configurations: synthesized.configurations,
      stacks,
      known,
      progress: options.progress,
    });

    // What each stack imports: its resources' ids, then what the listings show that no stack's id names.
    const targets: ImportTarget[] = [];
    const chosen = new Set<string>();
    for (const stack of stacks) {
      for (const [address, importId] of Object.entries(found.ids[stack] ?? {}).sort(([a], [b]) => compareStrings(a, b))) {
        const [type, name] = address.split(".") as [string, string];
        if (chosen.has(`${type}\0${importId}`)) continue;
        chosen.add(`${type}\0${importId}`);
        const provider = configurations.get(stack)?.resource?.[type]?.[name]?.["provider"];
        targets.push({ stack, type, address, importId, ...(typeof provider === "string" ? { provider } : {}) });
      }
    }
    const claimed = new Set(Object.values(found.ids).flatMap((ids) => Object.entries(ids).map(([address, id]) => `${address.split(".")[0]}\0${id}`)));
    const counters = new Map<string, number>();
    for (const object of listing.listedObjects) {
      if (claimed.has(`${object.type}\0${object.importId}`) || chosen.has(`${object.type}\0${object.importId}`)) continue;
      // A zone's other record sets go with the stack that declares the zone; other objects with the stack that declares their type.
      const source = RESOURCE_TYPE_FACTS[object.type]?.discovery?.dataSource;
      const owner = source?.kind === "within" ? source.parent : object.type;
      const stack = stacks.find((s) => Object.keys(configurations.get(s)?.resource?.[owner] ?? {}).length > 0);
      if (stack === undefined) continue;
      const n = (counters.get(object.type) ?? 0) + 1;
      counters.set(object.type, n);
      chosen.add(`${object.type}\0${object.importId}`);
      targets.push({ stack, type: object.type, address: `${object.type}.listed_${n}`, importId: object.importId });
    }

    const terraform = await terraformEnvironment({
      root: options.root,
      env: options.env,
      scratch,
      ...(options.live !== undefined ? { live: options.live } : {}),
    });
    const shown = new Map<string, StateObject[]>();
    const notLive: { stack: string; address: string; importId: string }[] = [];
    const failures: string[] = [];
    const versions: Record<string, string> = {};
    const dataSources = new Map<string, SnapshotDataSource>();
    const skipped: string[] = [];
    // Terraform's provider cache is not safe for two inits at once: they take turns.
    let initTurn: Promise<unknown> = Promise.resolve();
    const init = (dir: string): Promise<Ran> => {
      const run = initTurn.then(() => terraformIn(terraform, dir, ["init", "-input=false", "-no-color"]));
      initTurn = run.catch(() => undefined);
      return run;
    };
    const schemas = typeSchemas(options.root);
    try {
      await pool(stacks, 2, async (stack) => {
        const json = configurations.get(stack);
        if (json === undefined)
          throw new LiveCommandError(`no such stack: ${stack}; the estate has ${[...configurations.keys()].sort(compareStrings).join(", ")}`);
        const mine = targets.filter((t) => t.stack === stack);
        if (mine.length > 0) {
          const dir = join(scratch, "import", stack);
          mkdirSync(dir, { recursive: true });
          // Empty resource blocks: `terraform import` needs the address, never the arguments.
          const resource: Record<string, Record<string, Record<string, unknown>>> = {};
          for (const t of mine)
            (resource[t.type] ??= {})[t.address.slice(t.type.length + 1)] = t.provider !== undefined ? { provider: t.provider } : {};
          writeFileSync(
            join(dir, "import.tf.json"),
            `${JSON.stringify({ terraform: { required_providers: json.terraform?.required_providers ?? {} }, provider: json.provider ?? {}, resource }, null, 2)}\n`,
          );
          const initialized = await init(dir);
          if (initialized.exitCode !== 0) throw new LiveCommandError(`${stack}: terraform init failed: ${tail(initialized.output)}`);
          Object.assign(versions, lockedVersions(dir));
          options.progress(`live-snapshot: ${stack}: importing ${mine.length} objects`);
          for (const t of mine) {
            const imported = await terraformIn(terraform, dir, ["import", "-input=false", "-no-color", t.address, t.importId]);
            if (imported.exitCode === 0) continue;
            if (NOT_LIVE.test(imported.output)) notLive.push({ stack, address: t.address, importId: t.importId });
            else failures.push(`${stack} ${t.address} (${t.importId}): ${tail(imported.output)}`);
          }
          const state = await terraformIn(terraform, dir, ["show", "-json", "-no-color"]);
          if (state.exitCode !== 0) throw new LiveCommandError(`${stack}: terraform show failed: ${tail(state.output)}`);
          shown.set(stack, objectsOfShownState(JSON.parse(state.stdout) as unknown));
        }
        for (const read of await readDataSources(stack, json, terraform, join(scratch, "data", stack), init, skipped, options.progress)) {
          const kept = snapshotDataSource(read, schemas.dataSources);
          if (kept !== undefined) dataSources.set(stableStringify([kept.type, kept.arguments]), kept);
        }
      });
    } finally {
      terraform.close();
    }
    if (failures.length > 0)
      throw new LiveCommandError(
        `${failures.length} object(s) could not be imported, so no snapshot is written: ${failures.slice(0, 5).join("; ")}${failures.length > 5 ? `; and ${failures.length - 5} more` : ""}`,
      );

    const all = [...shown.values()].flat();
    // A Heroku app is imported by its name: what a domain's or a formation's `{app_id}` becomes in its import id.
    const importIdOf = importIdsByStateId(all);
    const objects = new Map<string, SnapshotObject>();
    for (const object of all.filter((o) => o.mode === "managed")) {
      const kept = snapshotObject(object, schemas.resources, importIdOf);
      if (kept !== undefined) objects.set(`${kept.type}\0${kept.importId}`, kept);
    }
    const snapshot: Snapshot = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      taken,
      source:
        terraform.providers === "twin"
          ? `the live snapshot ${options.live ?? ""} read back through the provider twin (npm run live-snapshot -- --live): not the clouds`
          : `the clouds, through the real providers (terraform import into scratch state, then terraform show -json)`,
      terraformVersion: terraform.version,
      providers: Object.fromEntries(Object.entries(versions).sort(([a], [b]) => compareStrings(a, b))),
      objects: sortObjects([...objects.values()]),
      dataSources: [...dataSources.values()],
    };
    return { snapshot, notLive: notLive.sort((a, b) => compareStrings(`${a.stack} ${a.address}`, `${b.stack} ${b.address}`)), skipped };
  });
}

/**
 * Whether a data block's arguments read nothing but variables, `each` and `count` (and functions of them): such a block can be
 * read without the rest of its stack. Anything else they name (`data.x.y`, `aws_s3_bucket.z`) is left in the
 * expression once variables, `each` and `count` are taken out.
 */
function readsOnlyVariables(body: unknown): boolean {
  return [...JSON.stringify(body).matchAll(/\$\{([^}]*)\}/g)].every(
    ([, expression = ""]) => !/[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_]/.test(expression.replace(/\b(var|each|count)\.[A-Za-z0-9_-]+/g, "")),
  );
}

/**
 * The data sources of a stack that ask a cloud, read in a configuration of their own (nothing but them and the
 * variables they need): their arguments and values as the snapshot keeps them. Against the clouds a variable comes
 * from the environment (TF_VAR_<name>); without it, its data sources are left out and said so.
 */
async function readDataSources(
  stack: string,
  json: StackJson,
  terraform: TerraformEnvironment,
  dir: string,
  init: (dir: string) => Promise<Ran>,
  skipped: string[],
  progress: (line: string) => void,
): Promise<StateObject[]> {
  const data: Record<string, Record<string, unknown>> = {};
  const variables: Record<string, VariableDeclaration> = {};
  for (const [type, byName] of Object.entries(json.data ?? {}).sort(([a], [b]) => compareStrings(a, b))) {
    if (type === "terraform_remote_state" || LOCAL_DATA_SOURCES.has(type)) continue;
    for (const [name, body] of Object.entries(byName).sort(([a], [b]) => compareStrings(a, b))) {
      const { ["//"]: _metadata, ...arguments_ } = body;
      if (!readsOnlyVariables(arguments_)) {
        skipped.push(`${stack} data.${type}.${name}: its arguments read other objects of the stack`);
        continue;
      }
      const needed = [...new Set([...JSON.stringify(arguments_).matchAll(/var\.([A-Za-z0-9_-]+)/g)].map(([, variable = ""]) => variable))];
      const missing =
        terraform.providers === "clouds"
          ? needed.filter((v) => json.variable?.[v]?.default === undefined && terraform.env[`TF_VAR_${v}`] === undefined)
          : [];
      if (missing.length > 0) {
        skipped.push(`${stack} data.${type}.${name}: set ${missing.map((v) => `TF_VAR_${v}`).join(", ")} to read it`);
        continue;
      }
      for (const v of needed) if (json.variable?.[v] !== undefined) variables[v] = json.variable[v];
      (data[type] ??= {})[name] = arguments_;
    }
  }
  if (Object.keys(data).length === 0) return [];
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "data.tf.json"),
    `${JSON.stringify({ terraform: { required_providers: json.terraform?.required_providers ?? {} }, provider: json.provider ?? {}, ...(Object.keys(variables).length > 0 ? { variable: variables } : {}), data }, null, 2)}\n`,
  );
  // The twin reads no variable from the environment: it gets the rehearsal's placeholders, as a rehearsal does.
  if (terraform.providers === "twin")
    writeFileSync(join(dir, "rehearsal.auto.tfvars.json"), `${JSON.stringify(rehearsalVariableValues(variables), null, 2)}\n`);
  const initialized = await init(dir);
  if (initialized.exitCode !== 0) throw new LiveCommandError(`${stack}: terraform init for its data sources failed: ${tail(initialized.output)}`);
  progress(`live-snapshot: ${stack}: reading ${Object.values(data).reduce((n, reads) => n + Object.keys(reads).length, 0)} data sources`);
  // Data sources only: applying reads them into the scratch state and changes nothing.
  const applied = await terraformIn(terraform, dir, ["apply", "-auto-approve", "-input=false", "-no-color"]);
  if (applied.exitCode !== 0) throw new LiveCommandError(`${stack}: its data sources could not be read: ${tail(applied.output)}`);
  const state = await terraformIn(terraform, dir, ["show", "-json", "-no-color"]);
  if (state.exitCode !== 0) throw new LiveCommandError(`${stack}: terraform show failed: ${tail(state.output)}`);
  return objectsOfShownState(JSON.parse(state.stdout) as unknown).filter((o) => o.mode === "data");
}
