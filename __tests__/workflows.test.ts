/**
 * The CI trust boundary (review/CI.md), checked on the workflow files themselves: the review runs the
 * BASE revision's code against the pull request's tree, the commenting workflow trusts nothing from the
 * artifact it did not check against the API, actions are pinned, scripts expand no expressions, tokens
 * stay minimal, and CODEOWNERS covers what decides all this.
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
} from "./support/workflow-files";

const REVIEW_FILE = ".github/workflows/infrastructure-review.yml";
const COMMENT_FILE = ".github/workflows/infrastructure-review-comment.yml";
const CODEOWNERS_FILE = ".github/CODEOWNERS";

const review = loadWorkflow(REVIEW_FILE);
const comment = loadWorkflow(COMMENT_FILE);
const workflows = [review, comment];
const allSteps = workflows.flatMap((workflow) => workflow.steps);

describe("CI workflows: pinned actions", () => {
  it("pins every `uses:` to a full 40-hex commit SHA", () => {
    const steps = allSteps.filter((step) => step.uses !== undefined);
    expect(steps.length).toBeGreaterThanOrEqual(8);
    expect(unpinnedUses(steps)).toEqual([]);
  });

  it("names the version each SHA stands for in a trailing comment, and uses no action by tag anywhere (text check)", () => {
    const problems = versionCommentProblems(workflows);
    expect(problems).toEqual([]);
  });

  it("pins each action to one SHA across both workflows", () => {
    const mixed = mixedPins(allSteps);
    expect(mixed).toEqual([]);
  });
});

describe("CI workflows: scripts and credentials", () => {
  it("expands no `${{ }}` expression inside a run: script (event values reach scripts through env:)", () => {
    const runSteps = allSteps.filter((step) => step.run !== undefined);
    expect(runSteps.length).toBeGreaterThanOrEqual(4);
    const offending = expressionsInRun(runSteps);
    expect(offending).toEqual([]);
  });

  it("expands no `${{ }}` expression inside a github-script script (the event is read from context)", () => {
    const scripts = allSteps.filter((step) => action(step) === "actions/github-script");
    expect(scripts.length).toBeGreaterThanOrEqual(1);
    const offending = expressionsInScripts(scripts);
    expect(offending).toEqual([]);
  });

  it("sets persist-credentials: false on every checkout", () => {
    const checkouts = allSteps.filter((step) => action(step) === "actions/checkout");
    expect(checkouts.length).toBeGreaterThanOrEqual(3);
    const persisting = checkouts.filter((step) => step.with["persist-credentials"] !== false).map((step) => `${step.label}: persist-credentials is ${JSON.stringify(step.with["persist-credentials"])}`);
    expect(persisting).toEqual([]);
  });

  it("passes the event's pull request number and head SHA into scripts through env: only", () => {
    const keep = only(review.steps.filter((step) => step.run?.includes("review-comment/pr-number")), `step writing review-comment/pr-number in ${REVIEW_FILE}`);
    expect({ step: keep.label, env: keep.env }).toEqual({
      step: keep.label,
      env: { PR_NUMBER: "${{ github.event.pull_request.number }}", HEAD_SHA: "${{ github.event.pull_request.head.sha }}" },
    });
    expect({ step: keep.label, writesNumber: keep.run?.includes('"$PR_NUMBER" > review-comment/pr-number'), writesSha: keep.run?.includes('"$HEAD_SHA" > review-comment/head-sha') }).toEqual({
      step: keep.label,
      writesNumber: true,
      writesSha: true,
    });
  });
});

describe("CI workflows: minimal permissions", () => {
  it(`${REVIEW_FILE}: runs on pull_request only, with contents: read and nothing else`, () => {
    expect({ file: REVIEW_FILE, on: Object.keys(mapping(review.doc["on"], `${REVIEW_FILE}: on`)) }).toEqual({ file: REVIEW_FILE, on: ["pull_request"] });
    expect({ file: REVIEW_FILE, permissions: review.doc["permissions"] }).toEqual({ file: REVIEW_FILE, permissions: { contents: "read" } });
  });

  it(`${COMMENT_FILE}: runs on the review's workflow_run only, with actions: read and pull-requests: write and nothing else`, () => {
    const on = mapping(comment.doc["on"], `${COMMENT_FILE}: on`);
    expect({ file: COMMENT_FILE, on: Object.keys(on) }).toEqual({ file: COMMENT_FILE, on: ["workflow_run"] });
    expect({ file: COMMENT_FILE, workflow_run: on["workflow_run"] }).toEqual({ file: COMMENT_FILE, workflow_run: { workflows: [review.doc["name"]], types: ["completed"] } });
    expect({ file: COMMENT_FILE, permissions: comment.doc["permissions"] }).toEqual({ file: COMMENT_FILE, permissions: { actions: "read", "pull-requests": "write" } });
  });

  it("grants no job more than its workflow", () => {
    const widened: string[] = [];
    for (const { file, doc } of workflows) {
      for (const [job, value] of Object.entries(mapping(doc["jobs"], `${file}: jobs`))) {
        const permissions = mapping(value, `${file}, job ${job}`)["permissions"];
        if (permissions !== undefined && JSON.stringify(permissions) !== JSON.stringify(doc["permissions"])) widened.push(`${file}, job ${job}: permissions ${JSON.stringify(permissions)}`);
      }
    }
    expect(widened).toEqual([]);
  });
});

describe(`${REVIEW_FILE}: the review runs the base's code`, () => {
  const checkouts = stepsUsing(review, "actions/checkout");
  const reviewStep = only(review.steps.filter((step) => /^\s*npm run (--silent |-s )?review\b/m.test(step.run ?? "")), `step running npm run review in ${REVIEW_FILE}`);
  const reviewJob = review.steps.filter((step) => step.job === reviewStep.job);

  it("checks out the pull request's base commit into base/ and its head commit into head/", () => {
    const inJob = checkouts.filter((step) => step.job === reviewStep.job).map((step) => ({ path: step.with["path"], ref: step.with["ref"] }));
    expect({ job: `${REVIEW_FILE}, job ${reviewStep.job}`, checkouts: inJob }).toEqual({
      job: `${REVIEW_FILE}, job ${reviewStep.job}`,
      checkouts: [
        { path: "base", ref: "${{ github.event.pull_request.base.sha }}" },
        { path: "head", ref: "${{ github.event.pull_request.head.sha }}" },
      ],
    });
  });

  it("runs the review from base/ with --base-src . and --head-src ../head, markdown into ../review.md", () => {
    expect({ step: reviewStep.label, workingDirectory: reviewStep.workingDirectory }).toEqual({ step: reviewStep.label, workingDirectory: "base" });
    const command = (reviewStep.run ?? "").split("\n").find((line) => /\bnpm run\b/.test(line))?.trim();
    expect({ step: reviewStep.label, command }).toEqual({
      step: reviewStep.label,
      command: "npm run --silent review -- --base-src . --head-src ../head --format markdown --output ../review.md",
    });
  });

  it("installs the base's dependencies before the review and runs no command in head/ in the review's job", () => {
    const install = reviewJob.findIndex((step) => step.workingDirectory === "base" && /^npm ci\b/.test(step.run ?? ""));
    expect({ job: `${REVIEW_FILE}, job ${reviewStep.job}`, installsBase: install >= 0, beforeReview: install < reviewStep.index }).toEqual({
      job: `${REVIEW_FILE}, job ${reviewStep.job}`,
      installsBase: true,
      beforeReview: true,
    });
    const inHead = reviewJob.filter((step) => step.run !== undefined && (step.workingDirectory?.startsWith("head") || /\bcd\s+\.?\.?\/?head\b/.test(step.run ?? ""))).map((step) => step.label);
    expect(inHead).toEqual([]);
  });

  it("runs the pull request's own tests in head/, in a job of their own", () => {
    const tests = only(review.steps.filter((step) => /^npm test\b/m.test(step.run ?? "")), `step running npm test in ${REVIEW_FILE}`);
    expect({ step: tests.label, workingDirectory: tests.workingDirectory, ci: /^npm ci\b/m.test(tests.run ?? ""), sameJobAsReview: tests.job === reviewStep.job }).toEqual({
      step: tests.label,
      workingDirectory: "head",
      ci: true,
      sameJobAsReview: false,
    });
  });

  it("keeps the exit status, summarises the report, uploads review-comment and fails on any status but 0", () => {
    const run = reviewStep.run ?? "";
    expect({ step: reviewStep.label, id: reviewStep.raw["id"] }).toEqual({ step: reviewStep.label, id: "review" });
    expect({ step: reviewStep.label, capturesStatus: run.includes("status=$?") && run.includes('"$GITHUB_OUTPUT"'), summary: run.includes('>> "$GITHUB_STEP_SUMMARY"') }).toEqual({
      step: reviewStep.label,
      capturesStatus: true,
      summary: true,
    });
    const upload = only(stepsUsing(review, "actions/upload-artifact"), `upload-artifact step in ${REVIEW_FILE}`);
    expect({ step: upload.label, if: upload.raw["if"], name: upload.with["name"], path: upload.with["path"] }).toEqual({ step: upload.label, if: "always()", name: "review-comment", path: "review-comment/" });
    const gate = reviewJob[reviewJob.length - 1];
    expect({ step: gate?.label, env: gate?.env, failsOnNonZero: /\[ "\$REVIEW_STATUS" != "0" \][\s\S]*exit 1/.test(gate?.run ?? "") }).toEqual({
      step: gate?.label,
      env: { REVIEW_STATUS: "${{ steps.review.outputs.status }}" },
      failsOnNonZero: true,
    });
  });

  it("sets up Node 20 and Terraform 1.11 without the wrapper, and caches no dependencies for the base", () => {
    for (const step of stepsUsing(review, "actions/setup-node")) {
      expect({ step: step.label, node: step.with["node-version"] }).toEqual({ step: step.label, node: 20 });
      if (step.job === reviewStep.job) expect({ step: step.label, cache: step.with["cache"] }).toEqual({ step: step.label, cache: undefined });
    }
    const terraform = stepsUsing(review, "hashicorp/setup-terraform");
    expect(terraform.length).toBeGreaterThanOrEqual(1);
    for (const step of terraform) {
      expect({ step: step.label, version: step.with["terraform_version"], wrapper: step.with["terraform_wrapper"] }).toEqual({ step: step.label, version: "1.11.x", wrapper: false });
    }
  });
});

describe(`${COMMENT_FILE}: trusts nothing from the pull request`, () => {
  const scriptStep = only(stepsUsing(comment, "actions/github-script"), `github-script step in ${COMMENT_FILE}`);
  const script = String(scriptStep.with["script"] ?? "");

  it("checks out nothing and runs no shell script", () => {
    expect(comment.steps.filter((step) => action(step) === "actions/checkout" || step.run !== undefined).map((step) => step.label)).toEqual([]);
  });

  it("runs only for pull_request runs, and downloads the artifact of the triggering run by its id", () => {
    const job = mapping(mapping(comment.doc["jobs"], COMMENT_FILE)[scriptStep.job], `${COMMENT_FILE}, job ${scriptStep.job}`);
    expect({ job: scriptStep.job, onlyPullRequests: String(job["if"] ?? "").includes("github.event.workflow_run.event == 'pull_request'") }).toEqual({ job: scriptStep.job, onlyPullRequests: true });
    const download = only(stepsUsing(comment, "actions/download-artifact"), `download-artifact step in ${COMMENT_FILE}`);
    expect({ step: download.label, name: download.with["name"], runId: download.with["run-id"] }).toEqual({
      step: download.label,
      name: "review-comment",
      runId: "${{ github.event.workflow_run.id }}",
    });
  });

  it("checks the pull request number against the API: its head SHA, the artifact's, and the head repository and branch must match the run's", () => {
    const checks = {
      readsRun: /const run = context\.payload\.workflow_run;/.test(script),
      fetchesPullRequest: /github\.rest\.pulls\.get\(\{ owner, repo, pull_number: issue_number \}\)/.test(script),
      prHeadSha: /if \(pr\.head\.sha !== run\.head_sha\) \{\s*refuse\(/.test(script),
      artifactHeadSha: /if \(artifactSha !== run\.head_sha\) \{\s*refuse\(/.test(script),
      headRepository: /prRepo !== runRepo/.test(script) && /run\.head_repository/.test(script),
      headBranch: /pr\.head\.ref !== run\.head_branch/.test(script),
      refusalThrows: /const refuse = \(why\) => \{\s*throw new Error\(/.test(script),
      numberValidated: /\/\^\[1-9\]\[0-9\]\{0,9\}\$\/\.test\(prText\)/.test(script),
    };
    expect({ step: scriptStep.label, checks }).toEqual({ step: scriptStep.label, checks: Object.fromEntries(Object.keys(checks).map((key) => [key, true])) });
    // The checks come before anything is written.
    const lastCheck = script.indexOf("pr.head.ref !== run.head_branch");
    const firstWrite = Math.min(...["updateComment", "createComment"].map((call) => script.indexOf(call)));
    expect({ step: scriptStep.label, checksBeforeWrites: lastCheck >= 0 && lastCheck < firstWrite }).toEqual({ step: scriptStep.label, checksBeforeWrites: true });
  });

  it("edits only a comment by the workflow's own bot (github-actions[bot]) that carries the marker, and bounds the body", () => {
    const checks = {
      botLogin: script.includes('const BOT_LOGIN = "github-actions[bot]";'),
      marker: script.includes('const MARKER = "<!-- psf-estate-review -->";'),
      filter: /comments\.find\(\(c\) => c\.user\?\.login === BOT_LOGIN && c\.user\?\.type === "Bot" && \(c\.body \?\? ""\)\.includes\(MARKER\)\)/.test(script),
      updatesThatOne: /updateComment\(\{ owner, repo, comment_id: mine\.id, body \}\)/.test(script),
      limit: script.includes("const LIMIT = 65536;") && /body\.length > LIMIT/.test(script) && /body\.slice\(0, LIMIT - note\.length\)/.test(script),
    };
    expect({ step: scriptStep.label, checks }).toEqual({ step: scriptStep.label, checks: Object.fromEntries(Object.keys(checks).map((key) => [key, true])) });
  });

  it("gives the download the workflow's own token, and reads no secret anywhere", () => {
    const download = only(stepsUsing(comment, "actions/download-artifact"), `download-artifact step in ${COMMENT_FILE}`);
    expect({ step: download.label, token: download.with["github-token"] }).toEqual({ step: download.label, token: "${{ github.token }}" });
    const secrets = workflows.flatMap((workflow) => strings(workflow.doc, workflow.file)).filter(([, value]) => value.includes("secrets.")).map(([at]) => at);
    expect(secrets).toEqual([]);
  });
});

describe(CODEOWNERS_FILE, () => {
  const OWNER = "@python/psf-infra";
  const REQUIRED = ["/review/", "/scripts/", "/.github/", "/provider-schemas/", "/twin/", "/stacks/state-backend.ts", "/package.json", "/package-lock.json", "/.ci/", "/jest.config.js", "/tsconfig.json"];
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
