/**
 * The CI trust boundary (review/CI.md), checked on the workflow files themselves: the pull request's code runs only
 * in jobs that decide nothing (its tests, its synthesis, which crosses as an artifact); the verdict runs the base's
 * code on the default branch's workflow, reads the artifact as data after checking what it names against the API,
 * and sets the status a deploy relies on; actions are pinned, scripts expand no expressions, tokens stay minimal,
 * and CODEOWNERS covers what decides all this.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import {
  action,
  expressionsInRun,
  expressionsInScripts,
  loadWorkflow,
  mapping,
  mixedPins,
  only,
  ROOT,
  stepsUsing,
  strings,
  unpinnedUses,
  versionCommentProblems,
  type Step,
} from "./support/workflow-files";

const REVIEW_FILE = ".github/workflows/infrastructure-review.yml";
const VERDICT_FILE = ".github/workflows/infrastructure-review-verdict.yml";
const DEPLOY_FILE = ".github/workflows/deploy.yml";
const CODEOWNERS_FILE = ".github/CODEOWNERS";

const review = loadWorkflow(REVIEW_FILE);
const verdict = loadWorkflow(VERDICT_FILE);
const workflows = [review, verdict, loadWorkflow(DEPLOY_FILE)];
const allSteps = workflows.flatMap((workflow) => workflow.steps);
const expectAllTrue = (label: string, checks: Record<string, boolean>): void =>
  expect({ label, checks }).toEqual({ label, checks: Object.fromEntries(Object.keys(checks).map((key) => [key, true])) });

describe("CI workflows: pinned actions", () => {
  it("pins every `uses:` to a full 40-hex commit SHA", () => {
    const steps = allSteps.filter((step) => step.uses !== undefined);
    expect(steps.length).toBeGreaterThanOrEqual(12);
    expect(unpinnedUses(steps)).toEqual([]);
  });

  it("names the version each SHA stands for in a trailing comment, and uses no action by tag anywhere (text check)", () => {
    expect(versionCommentProblems(workflows)).toEqual([]);
  });

  it("pins each action to one SHA across the workflows", () => {
    expect(mixedPins(allSteps)).toEqual([]);
  });
});

describe("CI workflows: scripts and credentials", () => {
  it("expands no `${{ }}` expression inside a run: script (event values reach scripts through env:)", () => {
    const runSteps = allSteps.filter((step) => step.run !== undefined);
    expect(runSteps.length).toBeGreaterThanOrEqual(5);
    expect(expressionsInRun(runSteps)).toEqual([]);
  });

  it("expands no `${{ }}` expression inside a github-script script (the event is read from context)", () => {
    const scripts = allSteps.filter((step) => action(step) === "actions/github-script");
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    expect(expressionsInScripts(scripts)).toEqual([]);
  });

  it("sets persist-credentials: false on every checkout", () => {
    const checkouts = allSteps.filter((step) => action(step) === "actions/checkout");
    expect(checkouts.length).toBeGreaterThanOrEqual(4);
    expect(checkouts.filter((step) => step.with["persist-credentials"] !== false).map((step) => step.label)).toEqual([]);
  });

  it("reads no secret in the review's workflows", () => {
    const secrets = [review, verdict].flatMap((workflow) => strings(workflow.doc, workflow.file)).filter(([, value]) => value.includes("secrets.")).map(([at]) => at);
    expect(secrets).toEqual([]);
  });
});

describe(`${REVIEW_FILE}: the pull request's code runs only where nothing is decided`, () => {
  const jobs = mapping(review.doc["jobs"], `${REVIEW_FILE}: jobs`);

  it("runs on pull_request with contents: read, its tests and its synthesis each in a job of its own, and no review", () => {
    expect(Object.keys(mapping(review.doc["on"], REVIEW_FILE))).toEqual(["pull_request"]);
    expect(review.doc["permissions"]).toEqual({ contents: "read" });
    expect(Object.keys(jobs).sort()).toEqual(["synthesize", "test"]);
    expect(review.steps.filter((step) => /\bnpm run (--silent |-s )?review\b/.test(step.run ?? "")).map((s) => s.label)).toEqual([]);
    for (const job of Object.keys(jobs)) expect({ job, permissions: mapping(jobs[job], job)["permissions"] }).toEqual({ job, permissions: undefined });
  });

  it("synthesizes the head with local state and as a deploy would, into head-synthesis/local and /cloud, and uploads them with the pull request's number and commit", () => {
    const synth = only(review.steps.filter((step) => step.job === "synthesize" && /npm run --silent synth/.test(step.run ?? "")), "synthesis step");
    expectAllTrue(synth.label, {
      inHead: synth.workingDirectory === "head",
      installs: /^npm ci\b/m.test(synth.run ?? ""),
      local: (synth.run ?? "").includes("PSF_ESTATE_BACKEND=local npm run --silent synth -- --output ../head-synthesis/local"),
      cloud: (synth.run ?? "").includes("PSF_ESTATE_BACKEND=cloud npm run --silent synth -- --output ../head-synthesis/cloud"),
    });
    const names = only(review.steps.filter((step) => step.run?.includes("head-synthesis/pr-number")), "step naming the pull request");
    expect({ step: names.label, env: names.env }).toEqual({ step: names.label, env: { PR_NUMBER: "${{ github.event.pull_request.number }}", HEAD_SHA: "${{ github.event.pull_request.head.sha }}" } });
    const upload = only(stepsUsing(review, "actions/upload-artifact"), "upload step");
    expect({ job: upload.job, name: upload.with["name"], path: upload.with["path"] }).toEqual({ job: "synthesize", name: "head-synthesis", path: "head-synthesis/" });
  });

  it("runs the pull request's own tests in head/", () => {
    const tests = only(review.steps.filter((step) => /^npm test\b/m.test(step.run ?? "")), "npm test step");
    expect({ job: tests.job, workingDirectory: tests.workingDirectory, ci: /^npm ci\b/m.test(tests.run ?? "") }).toEqual({ job: "test", workingDirectory: "head", ci: true });
  });
});

describe(`${VERDICT_FILE}: the verdict runs the base's code on untrusted data`, () => {
  const job = only(Object.keys(mapping(verdict.doc["jobs"], VERDICT_FILE)), "verdict job");
  const steps = verdict.steps;
  const index = (predicate: (step: Step) => boolean, what: string): number => {
    const found = steps.findIndex(predicate);
    if (found < 0) throw new Error(`${VERDICT_FILE}: no ${what}`);
    return found;
  };
  const find = steps[index((s) => s.raw["id"] === "pr", "step with id pr")]!;
  const findScript = String(find.with["script"] ?? "");
  const reviewStep = steps[index((s) => /\bnpm run --silent review\b/.test(s.run ?? ""), "review step")]!;
  const checkouts = stepsUsing(verdict, "actions/checkout");

  it("runs on the completed review workflow only, for pull requests, with the token it needs and no more", () => {
    const on = mapping(verdict.doc["on"], VERDICT_FILE);
    expect(on).toEqual({ workflow_run: { workflows: [review.doc["name"]], types: ["completed"] } });
    expect(verdict.doc["permissions"]).toEqual({ actions: "read", contents: "read", "pull-requests": "write", statuses: "write" });
    expect(String(mapping(mapping(verdict.doc["jobs"], VERDICT_FILE)[job], job)["if"])).toContain("github.event.workflow_run.event == 'pull_request'");
  });

  it("downloads the head's synthesis of the triggering run by its id", () => {
    const download = only(stepsUsing(verdict, "actions/download-artifact"), "download step");
    expect({ name: download.with["name"], path: download.with["path"], runId: download.with["run-id"], token: download.with["github-token"] })
      .toEqual({ name: "head-synthesis", path: "head-synthesis", runId: "${{ github.event.workflow_run.id }}", token: "${{ github.token }}" });
  });

  it("checks the artifact's pull request and commit against the API before anything uses them", () => {
    expectAllTrue(find.label, {
      numberValidated: findScript.includes("/^[1-9][0-9]{0,9}$/.test(prText)"),
      fetchesPullRequest: /github\.rest\.pulls\.get\(\{ owner, repo, pull_number: Number\(prText\) \}\)/.test(findScript),
      prHeadSha: findScript.includes("if (pr.head.sha !== run.head_sha) await refuse("),
      artifactHeadSha: findScript.includes('if (read("head-sha") !== run.head_sha) await refuse('),
      headRepository: findScript.includes("prRepo !== runRepo"),
      headBranch: findScript.includes("pr.head.ref !== run.head_branch"),
      shasValidated: findScript.includes("const SHA = /^[0-9a-f]{40}$/;") && findScript.includes("!SHA.test(pr.base.sha)"),
      refusalThrows: /const refuse = async \(why\) => \{[\s\S]*throw new Error\(/.test(findScript),
      outputsLast: findScript.lastIndexOf("refuse(") < findScript.indexOf("core.setOutput("),
    });
  });

  it("checks out the base commit into base/ and the head commit into head/, both from the checked outputs", () => {
    expect(checkouts.map((step) => ({ path: step.with["path"], ref: step.with["ref"] }))).toEqual([
      { path: "base", ref: "${{ steps.pr.outputs.base-sha }}" },
      { path: "head", ref: "${{ steps.pr.outputs.head-sha }}" },
    ]);
    expect(checkouts.every((step) => step.index > find.index)).toBe(true);
  });

  it("installs and runs only the base's code: no command in head/, the review run from base/ over the artifact", () => {
    expect(steps.filter((step) => step.run !== undefined && (step.workingDirectory?.startsWith("head") === true || /\bcd\s+\.?\.?\/?head\b/.test(step.run ?? ""))).map((s) => s.label)).toEqual([]);
    const install = index((s) => s.workingDirectory === "base" && /^npm ci\b/.test(s.run ?? ""), "install of the base");
    expect(install).toBeLessThan(reviewStep.index);
    const command = (reviewStep.run ?? "").split("\n").find((line) => /\bnpm run\b/.test(line))?.trim();
    expect({ workingDirectory: reviewStep.workingDirectory, command }).toEqual({
      workingDirectory: "base",
      command: 'npm run --silent review -- --base-src . --head-src ../head --head-synthesis ../head-synthesis --format markdown --output ../review-report/review.md --json ../review-report/review.json --full-report "$FULL_REPORT"',
    });
  });

  it("sets up Node 20 without a dependency cache, and Terraform 1.11 without the wrapper", () => {
    for (const step of stepsUsing(verdict, "actions/setup-node")) expect({ node: step.with["node-version"], cache: step.with["cache"] }).toEqual({ node: 20, cache: undefined });
    for (const step of stepsUsing(verdict, "hashicorp/setup-terraform")) expect({ version: step.with["terraform_version"], wrapper: step.with["terraform_wrapper"] }).toEqual({ version: "1.11.x", wrapper: false });
  });

  it("keeps the exit status, uploads the whole report as review-report, sets the status a deploy relies on, and fails on any status but 0", () => {
    const run = reviewStep.run ?? "";
    expectAllTrue(reviewStep.label, { id: reviewStep.raw["id"] === "review", captures: run.includes("status=$?") && run.includes('"$GITHUB_OUTPUT"'), summary: run.includes('>> "$GITHUB_STEP_SUMMARY"') });
    const upload = only(stepsUsing(verdict, "actions/upload-artifact"), "upload step");
    expect({ name: upload.with["name"], path: upload.with["path"] }).toEqual({ name: "review-report", path: "review-report/" });
    const post = steps[index((s) => String(s.with["script"] ?? "").includes("createCommitStatus") && s.index > reviewStep.index, "status step")]!;
    const script = String(post.with["script"] ?? "");
    expectAllTrue(post.label, {
      statusFromExit: script.includes('code === "0" ? ["success"') && script.includes('code === "1" ? ["failure"') && script.includes('["error"'),
      context: script.includes("context: process.env.VERDICT_CONTEXT") && verdict.doc["env"] !== undefined && mapping(verdict.doc["env"], "env")["VERDICT_CONTEXT"] === "infrastructure review verdict",
      onHead: script.includes("sha: process.env.HEAD_SHA"),
      targetIsThisRun: script.includes("target_url: self"),
      botComment: /comments\.find\(\(c\) => c\.user\?\.login === BOT_LOGIN && c\.user\?\.type === "Bot" && \(c\.body \?\? ""\)\.includes\(MARKER\)\)/.test(script),
      bounded: script.includes("const LIMIT = 65536;") && /body\.slice\(0, LIMIT - note\.length\)/.test(script),
    });
    expect(post.env).toEqual({ REVIEW_STATUS: "${{ steps.review.outputs.status }}", PR_NUMBER: "${{ steps.pr.outputs.number }}", HEAD_SHA: "${{ steps.pr.outputs.head-sha }}" });
    const gate = steps[steps.length - 1]!;
    expectAllTrue(gate.label, { always: gate.raw["if"] === "always()", failsOnNonZero: /\[ "\$REVIEW_STATUS" != "0" \][\s\S]*exit 1/.test(gate.run ?? "") });
  });
});

describe(CODEOWNERS_FILE, () => {
  const OWNER = "@python/psf-infra";
  const REQUIRED = ["/review/", "/scripts/", "/.github/", "/provider-schemas/", "/twin/", "/policy/", "/stacks/state-backend.ts", "/package.json", "/package-lock.json", "/.ci/", "/jest.config.js", "/tsconfig.json"];
  const rules = new Map<string, string[]>();
  for (const line of readFileSync(path.join(ROOT, CODEOWNERS_FILE), "utf8").split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const [pattern = "", ...owners] = trimmed.split(/\s+/);
    rules.set(pattern, owners);
  }

  it.each(REQUIRED)(`gives %s to ${OWNER}`, (pattern) => {
    expect({ file: CODEOWNERS_FILE, pattern, owners: rules.get(pattern) }).toEqual({ file: CODEOWNERS_FILE, pattern, owners: [OWNER] });
  });

  it("names only paths that exist, each with an owner", () => {
    const problems = [...rules]
      .filter(([pattern, owners]) => owners.length === 0 || (!pattern.includes("*") && !existsSync(path.join(ROOT, pattern))))
      .map(([pattern, owners]) => `${CODEOWNERS_FILE}: ${pattern} ${owners.length === 0 ? "has no owner" : "does not exist"}`);
    expect(problems).toEqual([]);
  });
});
