/**
 * The CI trust boundary (review/CI.md), checked on the workflow files themselves: the pull request's code runs only
 * in jobs that decide nothing (its tests, its synthesis, which crosses as an artifact); the verdict runs the base's
 * code on the default branch's workflow, reads the artifact as data after checking what it names against the API,
 * and sets the status a deploy relies on; actions are pinned, scripts expand no expressions, tokens stay minimal,
 * and CODEOWNERS covers what decides all this.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
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
import { defined } from "./support/defined";

const REVIEW_FILE = ".github/workflows/infrastructure-review.yml";
const VERDICT_FILE = ".github/workflows/infrastructure-review-verdict.yml";
const DEPLOY_FILE = ".github/workflows/deploy.yml";
const CODEOWNERS_FILE = ".github/CODEOWNERS";

const EXPIRY_FILE = ".github/workflows/policy-exception-expiry.yml";

const review = loadWorkflow(REVIEW_FILE);
const verdict = loadWorkflow(VERDICT_FILE);
const expiry = loadWorkflow(EXPIRY_FILE);
/** Every workflow of the project, those added later included: the rules below hold for each. */
const workflowFiles = readdirSync(path.join(ROOT, ".github", "workflows"))
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => `.github/workflows/${name}`);
const workflows = workflowFiles.map(loadWorkflow);
const allSteps = workflows.flatMap((workflow) => workflow.steps);
const expectAllTrue = (label: string, checks: Record<string, boolean>): void =>
  expect({ label, checks }).toEqual({ label, checks: Object.fromEntries(Object.keys(checks).map((key) => [key, true])) });

describe("CI workflows: pinned actions", () => {
  it("reads every workflow file, the four it knows among them", () => {
    expect(workflowFiles).toEqual(expect.arrayContaining([REVIEW_FILE, VERDICT_FILE, DEPLOY_FILE, EXPIRY_FILE]));
  });

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
    expect(checkouts.length).toBeGreaterThanOrEqual(5);
    expect(checkouts.filter((step) => step.with["persist-credentials"] !== false).map((step) => step.label)).toEqual([]);
  });

  it("declares its token's permissions, at the top or on every job: no workflow takes the repository's default", () => {
    const undeclared = workflows.filter(
      (workflow) =>
        workflow.doc["permissions"] === undefined &&
        Object.values(mapping(workflow.doc["jobs"], workflow.file)).some((job) => mapping(job, workflow.file)["permissions"] === undefined),
    );
    expect(undeclared.map((workflow) => workflow.file)).toEqual([]);
  });

  it("reads no secret in the review's workflows", () => {
    const secrets = [review, verdict]
      .flatMap((workflow) => strings(workflow.doc, workflow.file))
      .filter(([, value]) => value.includes("secrets."))
      .map(([at]) => at);
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
    for (const job of Object.keys(jobs))
      expect({ job, permissions: mapping(jobs[job], job)["permissions"] }).toEqual({ job, permissions: undefined });
  });

  it("synthesizes the head with local state and as a deploy would, into head-synthesis/local and /cloud, and uploads them with the pull request's number and commit", () => {
    const synth = only(
      review.steps.filter((step) => step.job === "synthesize" && /npm run --silent synth/.test(step.run ?? "")),
      "synthesis step",
    );
    expectAllTrue(synth.label, {
      inHead: synth.workingDirectory === "head",
      installs: /^npm ci\b/m.test(synth.run ?? ""),
      local: (synth.run ?? "").includes("PSF_ESTATE_BACKEND=local npm run --silent synth -- --output ../head-synthesis/local"),
      cloud: (synth.run ?? "").includes("PSF_ESTATE_BACKEND=cloud npm run --silent synth -- --output ../head-synthesis/cloud"),
    });
    const names = only(
      review.steps.filter((step) => step.run?.includes("head-synthesis/pr-number")),
      "step naming the pull request",
    );
    expect({ step: names.label, env: names.env }).toEqual({
      step: names.label,
      env: { PR_NUMBER: "${{ github.event.pull_request.number }}", HEAD_SHA: "${{ github.event.pull_request.head.sha }}" },
    });
    const upload = only(stepsUsing(review, "actions/upload-artifact"), "upload step");
    expect({ job: upload.job, name: upload.with["name"], path: upload.with["path"] }).toEqual({
      job: "synthesize",
      name: "head-synthesis",
      path: "head-synthesis/",
    });
  });

  it("runs the pull request's own tests in head/", () => {
    const tests = only(
      review.steps.filter((step) => /^npm test\b/m.test(step.run ?? "")),
      "npm test step",
    );
    expect({ job: tests.job, workingDirectory: tests.workingDirectory, ci: /^npm ci\b/m.test(tests.run ?? "") }).toEqual({
      job: "test",
      workingDirectory: "head",
      ci: true,
    });
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
  const find = defined(steps[index((s) => s.raw["id"] === "pr", "step with id pr")]);
  const findScript = String(find.with["script"] ?? "");
  const reviewStep = defined(steps[index((s) => /\bnpm run --silent review\b/.test(s.run ?? ""), "review step")]);
  const checkouts = stepsUsing(verdict, "actions/checkout");

  it("runs on the completed review workflow only, for pull requests, with the token it needs and no more", () => {
    const on = mapping(verdict.doc["on"], VERDICT_FILE);
    expect(on).toEqual({ workflow_run: { workflows: [review.doc["name"]], types: ["completed"] } });
    expect(verdict.doc["permissions"]).toEqual({ actions: "read", contents: "read", "pull-requests": "write", statuses: "write" });
    expect(String(mapping(mapping(verdict.doc["jobs"], VERDICT_FILE)[job], job)["if"])).toContain(
      "github.event.workflow_run.event == 'pull_request'",
    );
  });

  it("downloads the head's synthesis of the triggering run by its id", () => {
    const download = only(stepsUsing(verdict, "actions/download-artifact"), "download step");
    expect({
      name: download.with["name"],
      path: download.with["path"],
      runId: download.with["run-id"],
      token: download.with["github-token"],
    }).toEqual({ name: "head-synthesis", path: "head-synthesis", runId: "${{ github.event.workflow_run.id }}", token: "${{ github.token }}" });
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
    expect(
      steps
        .filter(
          (step) => step.run !== undefined && (step.workingDirectory?.startsWith("head") === true || /\bcd\s+\.?\.?\/?head\b/.test(step.run ?? "")),
        )
        .map((s) => s.label),
    ).toEqual([]);
    const install = index((s) => s.workingDirectory === "base" && /^npm ci\b/.test(s.run ?? ""), "install of the base");
    expect(install).toBeLessThan(reviewStep.index);
    const command = (reviewStep.run ?? "")
      .split("\n")
      .find((line) => /\bnpm run\b/.test(line))
      ?.trim();
    expect({ workingDirectory: reviewStep.workingDirectory, command }).toEqual({
      workingDirectory: "base",
      command:
        'npm run --silent review -- --base-src . --head-src ../head --head-synthesis ../head-synthesis --format markdown --output ../review-report/review.md --json ../review-report/review.json --full-report "$FULL_REPORT"',
    });
  });

  it("sets up Node 20 without a dependency cache, and Terraform 1.11 without the wrapper", () => {
    for (const step of stepsUsing(verdict, "actions/setup-node"))
      expect({ node: step.with["node-version"], cache: step.with["cache"] }).toEqual({ node: 20, cache: undefined });
    for (const step of stepsUsing(verdict, "hashicorp/setup-terraform"))
      expect({ version: step.with["terraform_version"], wrapper: step.with["terraform_wrapper"] }).toEqual({ version: "1.11.x", wrapper: false });
  });

  it("keeps the exit status, uploads the whole report as review-report, sets the status a deploy relies on, and fails on any status but 0", () => {
    const run = reviewStep.run ?? "";
    expectAllTrue(reviewStep.label, {
      id: reviewStep.raw["id"] === "review",
      captures: run.includes("status=$?") && run.includes('"$GITHUB_OUTPUT"'),
      summary: run.includes('>> "$GITHUB_STEP_SUMMARY"'),
    });
    const upload = only(stepsUsing(verdict, "actions/upload-artifact"), "upload step");
    expect({ name: upload.with["name"], path: upload.with["path"] }).toEqual({ name: "review-report", path: "review-report/" });
    const post = defined(
      steps[index((s) => String(s.with["script"] ?? "").includes("createCommitStatus") && s.index > reviewStep.index, "status step")],
    );
    const script = String(post.with["script"] ?? "");
    expectAllTrue(post.label, {
      statusFromExit: script.includes('code === "0" ? ["success"') && script.includes('code === "1" ? ["failure"') && script.includes('["error"'),
      context:
        script.includes("context: process.env.VERDICT_CONTEXT") &&
        verdict.doc["env"] !== undefined &&
        mapping(verdict.doc["env"], "env")["VERDICT_CONTEXT"] === "infrastructure review verdict",
      onHead: script.includes("sha: process.env.HEAD_SHA"),
      targetIsThisRun: script.includes("target_url: self"),
      botComment:
        /comments\.find\(\(c\) => c\.user\?\.login === BOT_LOGIN && c\.user\?\.type === "Bot" && \(c\.body \?\? ""\)\.includes\(MARKER\)\)/.test(
          script,
        ),
      bounded: script.includes("const LIMIT = 65536;") && /body\.slice\(0, LIMIT - note\.length\)/.test(script),
    });
    expect(post.env).toEqual({
      REVIEW_STATUS: "${{ steps.review.outputs.status }}",
      PR_NUMBER: "${{ steps.pr.outputs.number }}",
      HEAD_SHA: "${{ steps.pr.outputs.head-sha }}",
    });
    const gate = defined(steps[steps.length - 1]);
    expectAllTrue(gate.label, {
      always: gate.raw["if"] === "always()",
      failsOnNonZero: /\[ "\$REVIEW_STATUS" != "0" \][\s\S]*exit 1/.test(gate.run ?? ""),
    });
  });
});

describe(`${EXPIRY_FILE}: a daily issue for the policy exceptions that expire within 30 days`, () => {
  const job = only(Object.keys(mapping(expiry.doc["jobs"], EXPIRY_FILE)), "expiry job");
  const script = String(only(stepsUsing(expiry, "actions/github-script"), "github-script step").with["script"] ?? "");

  it("runs every day on the default branch (and by hand), with a token that reads the contents and writes issues, nothing more", () => {
    const on = mapping(expiry.doc["on"], EXPIRY_FILE);
    expect(Object.keys(on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(on["schedule"]).toEqual([{ cron: expect.stringMatching(/^\d{1,2} \d{1,2} \* \* \*$/) }]);
    expect(expiry.doc["permissions"]).toEqual({});
    expect(mapping(mapping(expiry.doc["jobs"], EXPIRY_FILE)[job], job)["permissions"]).toEqual({ contents: "read", issues: "write" });
    expect(
      strings(expiry.doc, EXPIRY_FILE)
        .filter(([, value]) => value.includes("secrets."))
        .map(([at]) => at),
    ).toEqual([]);
  });

  it("installs without install scripts and lists the exceptions that expire within 30 days with npm run exceptions, as JSON and Markdown", () => {
    expect(expiry.steps.some((step) => /^npm ci\b.*--ignore-scripts/m.test(step.run ?? ""))).toBe(true);
    const list = only(
      expiry.steps.filter((step) => /\bnpm run --silent exceptions\b/.test(step.run ?? "")),
      "listing step",
    );
    expect(
      (list.run ?? "")
        .trim()
        .split("\n")
        .map((line) => line.trim()),
    ).toEqual([
      "npm run --silent exceptions -- --expiring-within 30 --format json --output expiring.json",
      "npm run --silent exceptions -- --expiring-within 30 --format markdown --output expiring.md",
    ]);
  });

  // The script, run against a fake GitHub API.
  type Issue = { number: number; title: string; body: string; state: string; labels: string[]; user: { login: string }; comments: string[] };
  type AsyncScript = (github: unknown, context: unknown, core: unknown, require: unknown) => Promise<unknown>;
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => AsyncScript;
  const MARKER = "<!-- psf-estate: policy exception expiry -->";
  const BOT = { login: "github-actions[bot]" };

  async function runScript(issues: Issue[], listed: { daysLeft: number }[]): Promise<Issue[]> {
    const files: Record<string, string> = {
      "expiring.json": JSON.stringify({ today: "2027-05-20", withinDays: 30, exceptions: listed }),
      "expiring.md": "As of 2027-05-20, the policy exceptions that expire within 30 days.\n",
    };
    const fakeRequire = (name: string): unknown => {
      if (name !== "node:fs" && name !== "fs") throw new Error(`the script required ${name}`);
      return {
        readFileSync: (file: string) =>
          files[file] ??
          (() => {
            throw new Error(`no file ${file}`);
          })(),
      };
    };
    const chain = { addHeading: () => chain, addRaw: () => chain, write: async () => chain };
    const expectRepo = (p: { owner: string; repo: string }): void => expect([p.owner, p.repo]).toEqual(["python", "psf-estate"]);
    const github = {
      paginate: async (method: (params: Record<string, unknown>) => Promise<{ data: unknown }>, params: Record<string, unknown>) =>
        (await method(params)).data,
      rest: {
        issues: {
          listForRepo: async (p: { owner: string; repo: string; state: string; labels: string }) => {
            expectRepo(p);
            return { data: issues.filter((i) => i.state === p.state && i.labels.includes(p.labels)) };
          },
          create: async (p: { owner: string; repo: string; title: string; body: string; labels: string[] }) => {
            expectRepo(p);
            const issue = { number: issues.length + 1, title: p.title, body: p.body, state: "open", labels: p.labels, user: BOT, comments: [] };
            issues.push(issue);
            return { data: issue };
          },
          update: async (p: { owner: string; repo: string; issue_number: number; title?: string; body?: string; state?: string }) => {
            expectRepo(p);
            const issue = defined(issues.find((i) => i.number === p.issue_number));
            Object.assign(issue, {
              ...(p.title !== undefined ? { title: p.title } : {}),
              ...(p.body !== undefined ? { body: p.body } : {}),
              ...(p.state !== undefined ? { state: p.state } : {}),
            });
            return { data: issue };
          },
          createComment: async (p: { owner: string; repo: string; issue_number: number; body: string }) => {
            expectRepo(p);
            defined(issues.find((i) => i.number === p.issue_number)).comments.push(p.body);
            return { data: {} };
          },
        },
      },
    };
    const core = {
      summary: chain,
      info: () => undefined,
      setFailed: (message: string) => {
        throw new Error(message);
      },
    };
    await new AsyncFunction("github", "context", "core", "require", script)(
      github,
      { repo: { owner: "python", repo: "psf-estate" } },
      core,
      fakeRequire,
    );
    return issues;
  }

  const LABEL = "policy-exception-expiry";
  const ours = (n: number, state = "open"): Issue => ({
    number: n,
    title: "old",
    body: `${MARKER}\nold`,
    state,
    labels: [LABEL],
    user: BOT,
    comments: [],
  });

  it("opens one labelled issue, marked as its own, when an exception comes within 30 days", async () => {
    const issues = await runScript([], [{ daysLeft: 12 }, { daysLeft: 20 }]);
    expect(issues.map((i) => ({ state: i.state, labels: i.labels, marked: i.body.startsWith(MARKER), title: i.title }))).toEqual([
      { state: "open", labels: [LABEL], marked: true, title: "Policy exceptions expire within 30 days (2): renew them" },
    ]);
  });

  it("updates its open issue instead of opening another, and says when one has expired", async () => {
    const issues = await runScript([ours(1)], [{ daysLeft: -1 }, { daysLeft: 5 }]);
    expect(issues).toHaveLength(1);
    expect(defined(issues[0]).title).toMatch(/^Policy exceptions have expired: synthesis fails until they are renewed \(2 within 30 days\)$/);
    expect(defined(issues[0]).body).toContain("As of 2027-05-20");
  });

  it("closes its issue, saying why, once none expires within 30 days, and opens nothing when there is none", async () => {
    const closed = await runScript([ours(1)], []);
    expect(closed.map((i) => ({ state: i.state, comments: i.comments }))).toEqual([
      { state: "closed", comments: [expect.stringMatching(/no policy exception expires within 30 days: closing/)] },
    ]);
    expect(await runScript([], [])).toEqual([]);
  });

  it("leaves alone a labelled issue a person wrote, and an issue without its marker", async () => {
    const person: Issue = { ...ours(1), user: { login: "someone" } };
    const unmarked: Issue = { ...ours(2), body: "a note about expiries" };
    const issues = await runScript([person, unmarked], [{ daysLeft: 3 }]);
    expect(issues.map((i) => ({ number: i.number, title: i.title, state: i.state }))).toEqual([
      { number: 1, title: "old", state: "open" },
      { number: 2, title: "old", state: "open" },
      { number: 3, title: expect.stringMatching(/^Policy exceptions expire within 30 days \(1\)/), state: "open" },
    ]);
    expect((await runScript([person], [])).map((i) => i.state)).toEqual(["open"]);
  });
});

describe(CODEOWNERS_FILE, () => {
  const OWNER = "@python/psf-infra";
  const REQUIRED = [
    "/review/",
    "/scripts/",
    "/.github/",
    "/provider-schemas/",
    "/twin/",
    "/policy/",
    "/stacks/state-backend.ts",
    "/package.json",
    "/package-lock.json",
    "/.ci/",
    "/jest.config.js",
    "/tsconfig.json",
  ];
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
