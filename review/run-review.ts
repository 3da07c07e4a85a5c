/*
 * The review, from two revisions to a report. In order, so that the head's code runs only after everything the
 * verdict trusts has been read:
 *
 * 1. both trees in scratch copies (the base from git or a checkout, the head likewise), their allowances and build
 *    files read as data;
 * 2. the base synthesized (its own code) and rehearsed into scratch state through the provider twin, cached by the
 *    content of its configuration and of the tooling; the states read into memory;
 * 3. the review's own files and caches fingerprinted; the head synthesized (or its untrusted synthesis job's output
 *    read), each synthesis in a process of its own; the fingerprint compared;
 * 4. the head's reviewed configuration checked (state convention, providers, provisioners removed), written afresh,
 *    and planned by Terraform against the base's state in a folder made after the head ran;
 * 5. the verdict (review/verdict) and the report (review/report.ts).
 *
 * Anything that keeps the review from seeing the whole change throws `ReviewError`: "could not run", never a verdict.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { estateFacts, parseEstateFacts, type EstateFacts } from "../inventory/estate-facts";
import { loadEstate } from "../inventory";
import { causeLabel, judgePolicy } from "../policy";
import { pinnedProviders } from "../provider-schemas/schema-file";
import { cachedBundle } from "../bundling/cached-bundle.cjs";
import { makeScratch, removeScratch, ScratchFolderError } from "../twin/rehearsal/processes";
import { rehearse, type RehearsalOptions } from "../twin/rehearsal/rehearse";
import { locateTerraform, TerraformMissingError } from "../twin/rehearsal/terraform-cli";
import { AllowanceError, loadAllowances, type Allowance } from "./allowances";
import { baseCacheFolder, baseCacheKey, filesHash, readBaseCache, removeBaseCache, withBaseCacheLock, writeBaseCache } from "./base-cache";
import { environmentReads } from "./environment-reads";
import { HEAD_BACKENDS, LATER_BY_DAYS, readHeadSyntheses, synthesizeHead, type HeadSyntheses } from "./head-synthesis";
import { stableStringify } from "./json";
import { buildReport, type ReviewReport } from "./report";
import { configurationHashes, differingPaths, differingStacks, type ConfigurationHashes, type StateDeparture } from "./reviewed-configuration";
import { readSynthesisOutput, SynthesisOutputError, writeSynthesisOutput, type SynthesisOutput } from "./synthesis-output";
import { copyWorkingTree, exportCommit, repositoryRoot, resolveBase, ReviewError, synthesizeCheckout } from "./synthesize";
import { plannedChanges, plannedOutputChanges, planObjects, type TerraformPlanJson } from "./terraform-plan";
import { stateObjects } from "./terraform-state";
import { cacheEntries, changedFiles, fingerprint } from "./tamper-check";
import { judge, type BuildFiles, type DeployDifference, type Finding, type Note } from "./verdict";
import { BUILD_FILES, judgeCodeExecution } from "./verdict/code-execution";
import { ownership, type KnownObject } from "./verdict/ownership";

export interface ReviewOptions {
  /** A git revision to compare against. @default the merge base of HEAD and main */
  readonly base?: string;
  /** A checkout of the base revision, instead of `base`. */
  readonly baseSrc?: string;
  /** A git revision to review (exported from the repository at `cwd`), instead of the working tree. */
  readonly head?: string;
  /** A checkout (or tree) of the head, read as data and synthesized in copies. @default the working tree */
  readonly headSrc?: string;
  /** The head's syntheses made elsewhere (CI's synthesis job): `<folder>/local` and `<folder>/cloud`, read as untrusted data. */
  readonly headSynthesis?: string;
  /** Where git revisions are resolved. */
  readonly cwd: string;
  /** The review's own checkout: its code, its twin, its pinned providers, its cache. */
  readonly trustedRoot: string;
  readonly env: NodeJS.ProcessEnv;
  /** YYYY-MM-DD (UTC): allowances expire by it. */
  readonly today: string;
  readonly say: (line: string) => void;
  readonly keepScratch?: boolean;
}

/** The review's report, or `ReviewError` when it could not see the whole change. */
export async function runReview(options: ReviewOptions): Promise<ReviewReport> {
  const nodeModules = join(options.trustedRoot, "node_modules");
  if (!existsSync(nodeModules)) throw new ReviewError(`${nodeModules} is missing; run npm ci first.`);
  const terraform = wrap(() => locateTerraform(options.env));
  const scratch = wrap(() => makeScratch("psf-review-"));
  try {
    return await review(options, scratch, nodeModules, terraform);
  } finally {
    if (options.keepScratch === true) options.say(`review: scratch folder kept: ${scratch}`);
    else removeScratch(scratch);
  }
}

/** Setup errors with a message of their own become "could not run". */
function wrap<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof TerraformMissingError || error instanceof ScratchFolderError) throw new ReviewError(error.message);
    throw error;
  }
}

async function review(
  options: ReviewOptions,
  scratch: string,
  nodeModules: string,
  terraform: { binary: string; version: string },
): Promise<ReviewReport> {
  const { say } = options;
  if (options.base !== undefined && options.baseSrc !== undefined) throw new ReviewError("--base and --base-src exclude each other");
  if (options.head !== undefined && options.headSrc !== undefined) throw new ReviewError("--head and --head-src exclude each other");

  // 1. The trees, as data.
  const baseTree = join(scratch, "base", "src");
  const headTree = join(scratch, "head", "src");
  mkdirSync(baseTree, { recursive: true });
  mkdirSync(headTree, { recursive: true });
  // Revisions are resolved in the head's repository: the one --head-src names, else the one the review runs in.
  const repository =
    options.baseSrc === undefined || options.head !== undefined
      ? await repositoryRoot(options.headSrc !== undefined ? resolve(options.cwd, options.headSrc) : options.cwd)
      : undefined;
  // Found above whenever a revision is named (a base without --base-src, or --head).
  const revisionsRepository = (): string => {
    if (repository === undefined) throw new ReviewError("a revision is named, but no repository was found to resolve it in");
    return repository;
  };
  let baseLabel: string;
  if (options.baseSrc !== undefined) {
    const dir = resolve(options.cwd, options.baseSrc);
    if (!existsSync(dir)) throw new ReviewError(`--base-src ${options.baseSrc}: no such folder`);
    await copyWorkingTree(dir, baseTree);
    baseLabel = options.baseSrc;
  } else {
    const git = revisionsRepository();
    const resolved = await resolveBase(git, options.base);
    await exportCommit(git, resolved.commit, baseTree);
    baseLabel = resolved.label;
  }
  let headLabel: string;
  if (options.head !== undefined) {
    const git = revisionsRepository();
    const resolved = await resolveBase(git, options.head);
    await exportCommit(git, resolved.commit, headTree);
    headLabel = resolved.label;
  } else {
    const dir = options.headSrc !== undefined ? resolve(options.cwd, options.headSrc) : await repositoryRoot(options.cwd);
    if (!existsSync(dir)) throw new ReviewError(`--head-src ${options.headSrc ?? ""}: no such folder`);
    await copyWorkingTree(dir, headTree);
    headLabel = options.headSrc ?? "working tree";
  }
  const allowances = loadAllowances(baseTree, options.today);
  const requestedAllowances = requested(allowances, headTree, options.today);
  const buildFiles: BuildFiles = { base: readBuildFiles(baseTree), head: readBuildFiles(headTree) };

  // 2. The base: synthesized by its own code, rehearsed (or read from the cache), kept in memory.
  say(`review: synthesizing the base ${baseLabel}`);
  const baseOut = join(scratch, "base", "out");
  await synthesizeCheckout("base", baseTree, nodeModules, baseOut, { PSF_ESTATE_BACKEND: "local" });
  const base = readOutput("base", baseOut);
  const facts = baseFacts(base, options.say);
  const twinBundle = cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true });
  const cacheFolder = baseCacheFolder(options.trustedRoot);
  const key = baseCacheKey({
    configuration: configurationHashes(base.configurations, { kind: "local" }).hashes.configuration,
    tooling: filesHash([twinBundle, ...toolingFiles(options.trustedRoot)]),
    terraform: terraform.version,
  });
  const common: Omit<RehearsalOptions, "synthesized"> = {
    root: options.trustedRoot,
    twinBundle,
    stacks: [],
    planOnly: false,
    adopt: false,
    validate: false,
    env: options.env,
    progress: (line) => say(`  ${line}`),
  };
  const baseStates = await withBaseCacheLock(cacheFolder, key, async () => {
    const cached = readBaseCache(cacheFolder, key);
    if (cached !== undefined) {
      say(`review: the base ${baseLabel} was rehearsed before; using its state`);
      return cached;
    }
    say(`review: rehearsing the base ${baseLabel} into scratch state`);
    const stateDir = join(scratch, "base", "state");
    const rehearsal = await rehearse({ ...common, synthesized: baseOut, converge: false, saveStateTo: stateDir });
    if (rehearsal.failures.length > 0) {
      throw new ReviewError(
        `the base revision ${baseLabel} does not rehearse, so there is nothing to compare against`,
        rehearsal.failures.map((f) => `stack ${f.stack}, step ${f.step}:\n${f.message}`).join("\n\n"),
      );
    }
    const states = new Map(readdirSync(stateDir).map((file) => [file, readFileSync(join(stateDir, file))]));
    writeBaseCache(cacheFolder, key, states);
    return states;
  });

  // 3. The head, after everything above is in memory; the review's own files and its cache watched while it runs.
  const tooling = [join(options.trustedRoot, "node_modules", ".cache", "psf-estate")];
  const before = fingerprint(options.trustedRoot, tooling, [cacheFolder]);
  const entriesBefore = cacheEntries(cacheFolder);
  say(
    options.headSynthesis !== undefined
      ? `review: reading the head's synthesis from ${options.headSynthesis}`
      : "review: synthesizing the head (reviewed, as deployed, and later)",
  );
  const syntheses: HeadSyntheses =
    options.headSynthesis !== undefined
      ? readHeadSyntheses(resolve(options.cwd, options.headSynthesis))
      : await synthesizeHead(headTree, nodeModules);
  const tamperedTooling = changedFiles(before, fingerprint(options.trustedRoot, tooling, [cacheFolder]));
  const findings: Finding[] = [];
  const notes: Note[] = [];
  // No cache entry written while the head's code ran is trusted, whoever wrote it (another review's entry costs a
  // rebuild); the entry this review read, changed in that time, can only be the head's doing.
  const entriesAfter = cacheEntries(cacheFolder);
  const written = [...entriesAfter].filter(([entry, files]) => entriesBefore.get(entry) !== files).map(([entry]) => entry);
  for (const entry of written) removeBaseCache(cacheFolder, entry);
  if (written.length > 0)
    notes.push({
      kind: "not-planned",
      stack: "(all)",
      subject: "cache",
      detail: `the base-state cache entries written while the head's code ran (${written.join(", ")}) are dropped`,
    });
  const tampered = [
    ...tamperedTooling,
    ...(written.includes(key) && entriesBefore.has(key)
      ? [`${relative(options.trustedRoot, join(cacheFolder, key))} (the base state this review read)`]
      : []),
  ];
  if (tampered.length > 0) {
    findings.push({
      class: "hiding",
      kind: "review-tampered",
      stack: "(all)",
      subject: "review",
      name: "the review's own files",
      detail: `while the head's code synthesized, ${tampered.slice(0, 10).join(", ")}${tampered.length > 10 ? ` and ${tampered.length - 10} more` : ""} changed: the head wrote outside its output folder, into the review's ${tamperedTooling.length > 0 ? "code or tooling (nothing was planned with them)" : "cache (the entry is dropped; this review used the base state it had read before)"}`,
    });
  }
  // A failed reviewed synthesis has thrown (review/head-synthesis.ts); a read one is always there.
  const reviewedSynthesis = syntheses.outputs.reviewed;
  if (reviewedSynthesis === undefined) throw new ReviewError("the head's reviewed synthesis gave no output");
  const head = reviewedSynthesis.output;

  // 4. What the head's configuration may run, and Terraform's plan of it.
  const reviewed = configurationHashes(head.configurations, HEAD_BACKENDS.reviewed);
  const deployDifferences = compareSyntheses(reviewed, syntheses, notes);
  const departures = uniqueDepartures([
    ...reviewed.departures,
    ...(syntheses.outputs.deployed === undefined
      ? []
      : configurationHashes(syntheses.outputs.deployed.output.configurations, HEAD_BACKENDS.deployed).departures),
  ]);
  for (const read of environmentReads(headTree)) {
    findings.push({
      class: "hiding",
      kind: "reads-environment",
      stack: "(all)",
      subject: `${read.file}:${read.line}`,
      name: read.file,
      detail: `${read.file}:${read.line} reads the environment while synthesizing (\`${read.text.trim().slice(0, 120)}\`): what it reads can differ between this review and a deploy`,
    });
  }
  const pinned = pinnedProviders(options.trustedRoot);
  const unsafe = unsafeStacks(
    reviewed.departures,
    judgeCodeExecution(
      { changes: [], outputChanges: [], base: new Map(), head: head.configurations, ownership: ownership(facts.owned, [], []) },
      pinned,
      { base: {}, head: {} },
    ),
  );
  const planned =
    tamperedTooling.length > 0
      ? new Map([...head.configurations].map(([stack]) => [stack, "the review's own code or tooling changed while the head synthesized"]))
      : unsafe;
  for (const [stack, why] of planned)
    notes.push({ kind: "not-planned", stack, subject: "stack", detail: `not planned: ${why}; the stacks that read it read its base state` });

  const changes = [];
  const outputChanges = [];
  const summaries = new Map<string, string>();
  const objects: KnownObject[] = [];
  for (const [file, bytes] of baseStates)
    objects.push(...stateObjects(file.replace(/^terraform\.|\.tfstate$/g, ""), JSON.parse(bytes.toString("utf8")) as unknown));
  const runnable = new Map(
    [...head.configurations].filter(([stack]) => !planned.has(stack)).map(([stack, configuration]) => [stack, withoutProvisioners(configuration)]),
  );
  if (runnable.size > 0) {
    const plan = makeScratch("psf-review-plan-");
    try {
      const out = join(plan, "out");
      const states = join(plan, "base-state");
      // A stack that reads one not planned reads that one's base state, copied in below.
      const dependencies = new Map([...head.dependencies].map(([stack, reads]) => [stack, reads.filter((r) => runnable.has(r))]));
      writeSynthesisOutput(out, { configurations: runnable, dependencies });
      mkdirSync(states);
      for (const [file, bytes] of baseStates) writeFileSync(join(states, file), bytes);
      say("review: planning the head against the base's state");
      const rehearsal = await rehearse({ ...common, synthesized: out, planOnly: true, planJson: true, stateFrom: states, returnStates: true });
      const tooling = rehearsal.failures.filter((f) => f.tooling !== undefined);
      if (tooling.length > 0)
        throw new ReviewError(`the review could not plan the head: ${tooling.map((f) => `${f.tooling} (stack ${f.stack}, ${f.step})`).join("; ")}`);
      for (const failure of rehearsal.failures) {
        if (failure.blocked === true) {
          notes.push({
            kind: "not-planned",
            stack: failure.stack,
            subject: "stack",
            detail: `not planned: ${failure.message.replace(/^not rehearsed: /, "")}`,
          });
          continue;
        }
        const refusal = /Instance cannot be destroyed/.test(failure.message)
          ? "Terraform refuses: the change would destroy a resource whose lifecycle sets prevent_destroy"
          : `Terraform's ${failure.step} fails`;
        findings.push({
          class: "refusal",
          kind: "terraform-refuses",
          stack: failure.stack,
          subject: failure.step,
          name: `stack ${failure.stack}`,
          detail: `${refusal}:\n${failure.message}`,
        });
      }
      for (const stack of rehearsal.stacks) {
        const failed = rehearsal.failures.find((f) => f.stack === stack.stack);
        summaries.set(stack.stack, failed !== undefined ? `${failed.step} failed` : (stack.summary ?? ""));
        if (stack.planJson !== undefined) {
          const json = stack.planJson as TerraformPlanJson;
          changes.push(...plannedChanges(stack.stack, json));
          outputChanges.push(...plannedOutputChanges(stack.stack, json));
          objects.push(...planObjects(json).map((o) => ({ ...o, stack: stack.stack })));
        }
        if (stack.state !== undefined) objects.push(...stateObjects(stack.stack, stack.state));
      }
    } finally {
      removeScratch(plan);
    }
  }
  for (const stack of planned.keys()) summaries.set(stack, "not planned");

  // 5. The base's policy over the head's configuration, then the verdict and the report.
  const policy = policyOf(head, facts, base, options.today);
  findings.push(...policy.findings);
  notes.push(...policy.notes);
  const verdict = judge({
    changes,
    outputChanges,
    base: base.configurations,
    head: head.configurations,
    ownership: ownership(facts.owned, objects, [base.configurations, head.configurations]),
    pinnedProviders: pinned,
    buildFiles,
    departures,
    deployDifferences,
    findings,
    notes,
    allowances,
  });
  return buildReport({
    base: baseLabel,
    head: headLabel,
    terraformVersion: terraform.version,
    reviewed: reviewed.hashes,
    verdict,
    baseConfigurations: base.configurations,
    headConfigurations: head.configurations,
    changes,
    outputChanges,
    summaries,
    requestedAllowances,
  });
}

function readOutput(label: string, folder: string): SynthesisOutput {
  try {
    return readSynthesisOutput(folder);
  } catch (error) {
    if (error instanceof SynthesisOutputError) throw new ReviewError(`${label}: ${error.message}`);
    throw error;
  }
}

/**
 * The base's facts, from its synthesis. A base from before the facts were written (or were written in today's shape)
 * gets those of the review code's own inventory: in CI, the code of the base branch.
 */
function baseFacts(base: SynthesisOutput, say: (line: string) => void): EstateFacts {
  try {
    if (base.facts !== undefined) return parseEstateFacts(base.facts, "the base's estate-facts.json");
  } catch (error) {
    say(`review: ${(error as Error).message}; using the facts of this checkout's inventory`);
  }
  return estateFacts(loadEstate());
}

/**
 * The policy of the code running the review (the base's, in CI) over the head's configuration, with the head's facts
 * (its own claims: the dangers judged from the plan do not rely on them) and the base's exceptions alone granted.
 * New errors are dangers; new warnings and requested exceptions are notes.
 */
function policyOf(head: SynthesisOutput, baseFacts: EstateFacts, base: SynthesisOutput, today: string): { findings: Finding[]; notes: Note[] } {
  let facts = baseFacts;
  const notes: Note[] = [];
  try {
    if (head.facts !== undefined) facts = parseEstateFacts(head.facts, "the head's estate-facts.json");
    else if (base.facts !== undefined)
      notes.push({
        kind: "policy-warning",
        stack: "(all)",
        subject: "estate-facts.json",
        detail: "the head wrote no estate-facts.json: its configuration is judged with the base's facts",
      });
  } catch (error) {
    notes.push({
      kind: "policy-warning",
      stack: "(all)",
      subject: "estate-facts.json",
      detail: `${(error as Error).message}: the head's configuration is judged with the base's facts`,
    });
  }
  const granted = baseFacts.policy.exceptions;
  const verdict = judgePolicy({ configurations: head.configurations, facts, grantedExceptions: granted, today });
  const before = new Set(
    judgePolicy({ configurations: base.configurations, facts: baseFacts, grantedExceptions: granted, today }).violations.map(
      (v) => `${v.rule}\0${v.stack}\0${v.address}\0${v.message}`,
    ),
  );
  // A violation the base has too is not the change's doing (a base whose own synthesis enforces the policy has none).
  const findings: Finding[] = verdict.violations
    .filter((v) => v.severity === "error" && !before.has(`${v.rule}\0${v.stack}\0${v.address}\0${v.message}`))
    .map((v) => ({
      class: "policy",
      kind: v.rule,
      stack: v.stack,
      subject: v.address,
      name: v.address,
      detail: `breaks ${v.rule} (${causeLabel(v.cause)}): ${v.message}`,
    }));
  for (const v of verdict.violations.filter((w) => w.severity === "warning" && !before.has(`${w.rule}\0${w.stack}\0${w.address}\0${w.message}`))) {
    notes.push({ kind: "policy-warning", stack: v.stack, subject: v.address, detail: `new policy warning, ${v.rule}: ${v.message}` });
  }
  for (const { exception, wouldExcuse } of verdict.requested) {
    notes.push({
      kind: "exception-requested",
      stack: "(all)",
      subject: exception.rule,
      detail: `policy exception requested, not granted (it counts once it is on the base branch): ${exception.rule} for ${JSON.stringify(exception.subject)}, owner ${exception.owner}, until ${exception.expires}: "${exception.reason}"${wouldExcuse.length > 0 ? `; it would excuse ${wouldExcuse.length} finding(s), which stay dangers` : ""}`,
    });
  }
  return { findings, notes };
}

/** The files whose content decides a rehearsed state besides the configuration: the twin's and the rehearsal's. */
function toolingFiles(root: string): string[] {
  const schemas = join(root, "provider-schemas");
  return [
    ...readdirSync(schemas)
      .filter((f) => f.endsWith(".json"))
      .map((f) => join(schemas, f)),
    ...["launch.sh", "plugin-protocol.proto", "go-plugin.proto"].map((f) => join(root, "twin", f)),
    ...["rehearse.ts", "variables.ts", "twin-installation.ts", "state-server.ts"].map((f) => join(root, "twin", "rehearsal", f)),
  ];
}

function requested(granted: readonly Allowance[], headTree: string, today: string): Allowance[] {
  const known = new Set(granted.map((a) => stableStringify(a)));
  try {
    return loadAllowances(headTree, today).filter((a) => !known.has(stableStringify(a)));
  } catch (error) {
    if (error instanceof AllowanceError) return [];
    throw error;
  }
}

function readBuildFiles(tree: string): BuildFiles["head"] {
  const files: Partial<Record<(typeof BUILD_FILES)[number], string>> = {};
  for (const file of BUILD_FILES) if (existsSync(join(tree, file))) files[file] = readFileSync(join(tree, file), "utf8");
  return files;
}

/** Where the deployed and later syntheses differ from the reviewed one; a later one that fails is a note. */
function compareSyntheses(reviewed: ReturnType<typeof configurationHashes>, syntheses: HeadSyntheses, notes: Note[]): DeployDifference[] {
  const differences: DeployDifference[] = [];
  const against = (name: "deployed" | "later", why: string): void => {
    const other = syntheses.outputs[name];
    if (other === undefined) return;
    const hashes = configurationHashes(other.output.configurations, HEAD_BACKENDS[name]);
    for (const stack of differingStacks(reviewed.hashes, hashes.hashes)) {
      const paths = differingPaths(reviewed.normalized.get(stack), hashes.normalized.get(stack));
      differences.push({
        stack,
        detail: `${why}, ${stack} differs from what this review planned (${paths.slice(0, 6).join(", ")}${paths.length > 6 ? ` and ${paths.length - 6} more` : ""}): synthesis must depend on the commit and the PSF_ESTATE_* choices alone`,
      });
    }
  };
  against("deployed", "synthesized as a deploy would (PSF_ESTATE_BACKEND=cloud, in a checkout-like folder, with a deploy's environment)");
  against("later", `synthesized with the clock ${LATER_BY_DAYS} days ahead`);
  const deployFailure = syntheses.failures.deployed;
  if (deployFailure !== undefined)
    differences.push({
      stack: "(all)",
      detail: `synthesized as a deploy would, the head does not synthesize at all: ${deployFailure.message}${deployFailure.output !== "" ? `\n${deployFailure.output}` : ""}`,
    });
  const laterFailure = syntheses.failures.later;
  if (laterFailure !== undefined)
    notes.push({
      kind: "not-planned",
      stack: "(all)",
      subject: "synthesis",
      detail: `with the clock ${LATER_BY_DAYS} days ahead the head does not synthesize (a policy exception that expires by then would do this; renew it): ${laterFailure.output.split("\n").slice(-3).join(" ")}`,
    });
  return differences;
}

function uniqueDepartures(departures: readonly StateDeparture[]): StateDeparture[] {
  const seen = new Set<string>();
  return departures.filter((d) => !seen.has(`${d.stack}\0${d.subject}`) && seen.add(`${d.stack}\0${d.subject}`) !== undefined);
}

/**
 * The stacks Terraform must not run, with why: a state outside the convention (Terraform would read or write it), or a
 * provider outside the pinned set or a module (code nobody reviewed would run). Each is a danger of its own.
 */
function unsafeStacks(departures: readonly StateDeparture[], execution: readonly Finding[]): Map<string, string> {
  const unsafe = new Map<string, string>();
  for (const d of departures)
    unsafe.set(d.stack, `its ${d.subject === "backend" ? "state" : "read of another state"} is not the estate's convention`);
  for (const f of execution.filter((e) => e.kind === "provider-unpinned" || e.kind === "module"))
    unsafe.set(f.stack, `it needs ${f.name}, which the review will not run`);
  return unsafe;
}

/** A configuration without provisioners: the review shows them as dangers and never runs them. */
function withoutProvisioners(configuration: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const copy = structuredClone(configuration) as { resource?: Record<string, Record<string, Record<string, unknown>>> };
  for (const byName of Object.values(copy.resource ?? {})) for (const body of Object.values(byName)) delete body["provisioner"];
  return copy as Record<string, unknown>;
}

export type { ConfigurationHashes };
