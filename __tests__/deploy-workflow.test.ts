/**
 * The deploy workflow (.github/workflows/deploy.yml), checked on the file: it runs on the default branch only, with
 * a token that only reads, one deploy at a time and never cancelled; the job that decides holds no secret and its
 * script (run here against a fake GitHub API) deploys only the merge of a pull request whose head's latest verdict
 * succeeded, naming why not otherwise; the credentials reach only the deploy step, from the `production`
 * environment; and the step deploys with `--reviewed` the verdict's own report, with Terraform Cloud state.
 */
import { readFileSync } from "node:fs";
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
import { defined } from "./support/defined";

const DEPLOY_FILE = ".github/workflows/deploy.yml";
const REVIEW_FILES = [".github/workflows/infrastructure-review.yml", ".github/workflows/infrastructure-review-comment.yml"];

const deploy = loadWorkflow(DEPLOY_FILE);
const jobs = mapping(deploy.doc["jobs"], `${DEPLOY_FILE}: jobs`);
const findStep = only(stepsUsing(deploy, "actions/github-script"), `github-script step in ${DEPLOY_FILE}`);
const script = String(findStep.with["script"] ?? "");
const deployStep = only(
  deploy.steps.filter((step) => /\bnpm run (--silent )?deploy\b/.test(step.run ?? "")),
  `step running npm run deploy in ${DEPLOY_FILE}`,
);

describe(`${DEPLOY_FILE}: its file`, () => {
  it("pins every action to a full commit SHA with its version in a comment, the same SHA as the review's workflows", () => {
    expect(deploy.steps.filter((step) => step.uses !== undefined).length).toBeGreaterThanOrEqual(5);
    expect(unpinnedUses(deploy.steps)).toEqual([]);
    expect(versionCommentProblems([deploy])).toEqual([]);
    // The review's workflows are being rewritten; whichever of them exist pin each action as this file does.
    const others = REVIEW_FILES.flatMap((file) => {
      try {
        return loadWorkflow(file).steps;
      } catch {
        return [];
      }
    });
    expect(mixedPins([...deploy.steps, ...others])).toEqual([]);
  });

  it("expands no `${{ }}` expression inside a run: script or the github-script script", () => {
    expect(expressionsInRun(deploy.steps)).toEqual([]);
    expect(expressionsInScripts(deploy.steps)).toEqual([]);
  });

  it("sets persist-credentials: false on its checkout, which checks out the pushed commit", () => {
    const checkout = only(stepsUsing(deploy, "actions/checkout"), `checkout in ${DEPLOY_FILE}`);
    expect({ step: checkout.label, ref: checkout.with["ref"], persist: checkout.with["persist-credentials"], job: checkout.job }).toEqual({
      step: checkout.label,
      ref: "${{ github.sha }}",
      persist: false,
      job: deployStep.job,
    });
  });

  it("runs on a push to main and by hand only, with a token that reads contents, actions and pull requests and nothing else", () => {
    const on = mapping(deploy.doc["on"], `${DEPLOY_FILE}: on`);
    expect(Object.keys(on).sort()).toEqual(["push", "workflow_dispatch"]);
    expect(on["push"]).toEqual({ branches: ["main"] });
    expect(deploy.doc["permissions"]).toEqual({ contents: "read", actions: "read", "pull-requests": "read" });
    const widened = Object.entries(jobs)
      .filter(([, job]) => mapping(job, "job")["permissions"] !== undefined)
      .map(([name]) => name);
    expect(widened).toEqual([]);
  });

  it("deploys one at a time and never cancels a running deploy", () => {
    const concurrency = mapping(deploy.doc["concurrency"], `${DEPLOY_FILE}: concurrency`);
    expect(concurrency["cancel-in-progress"]).toBe(false);
    // One group for every run: a push to main never runs beside another deploy.
    expect(String(concurrency["group"])).not.toContain("${{");
    for (const [name, job] of Object.entries(jobs))
      expect({ job: name, concurrency: mapping(job, name)["concurrency"] }).toEqual({ job: name, concurrency: undefined });
  });
});

describe(`${DEPLOY_FILE}: credentials`, () => {
  /** The provider credentials the README's "Planning and applying with credentials" exports, as CI gives them. */
  const readmeCredentials = (): string[] => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Planning and applying with credentials"));
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const names = block
      .split("\n")
      .filter((line) => line.startsWith("export "))
      .flatMap((line) => [...line.matchAll(/\b([A-Z][A-Z0-9_]*)=/g)].map((m) => defined(m[1])));
    // CI has no AWS profile: the access key pair the README names beside it; the backend is not a secret.
    return [...names.filter((name) => name !== "AWS_PROFILE" && name !== "PSF_ESTATE_BACKEND"), "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].sort();
  };

  it("gives the deploy step every provider credential the README lists and Terraform Cloud's token, from the production environment's secrets", () => {
    expect(readmeCredentials()).toEqual(expect.arrayContaining(["DIGITALOCEAN_TOKEN", "HEROKU_API_KEY", "DD_APP_KEY"]));
    const job = mapping(jobs[deployStep.job], deployStep.job);
    expect({ job: deployStep.job, environment: job["environment"] }).toEqual({ job: deployStep.job, environment: "production" });
    const secrets = Object.entries(deployStep.env)
      .filter(([, value]) => String(value).includes("secrets."))
      .map(([name, value]) => [name, value]);
    expect(Object.fromEntries(secrets)).toEqual(
      Object.fromEntries([...readmeCredentials(), "TF_TOKEN_app_terraform_io"].map((name) => [name, `\${{ secrets.${name} }}`])),
    );
  });

  it("reads secrets in the deploy step's env: only: not in installation, not in the job that decides, not in any action's inputs", () => {
    const elsewhere = deploy.steps
      .filter((step) => step !== deployStep)
      .flatMap((step) => strings(step.raw, step.label))
      .concat(strings({ ...deploy.doc, jobs: {} }, DEPLOY_FILE))
      .filter(([, value]) => value.includes("secrets."))
      .map(([at]) => at);
    expect(elsewhere).toEqual([]);
    const deciding = mapping(jobs[findStep.job], findStep.job);
    expect({
      job: findStep.job,
      environment: deciding["environment"],
      steps: deploy.steps.filter((step) => step.job === findStep.job).length,
    }).toEqual({ job: findStep.job, environment: undefined, steps: 1 });
  });
});

describe(`${DEPLOY_FILE}: what it deploys`, () => {
  it("deploys only after the deciding job, with the verdict run's review-report downloaded by run id", () => {
    const job = mapping(jobs[deployStep.job], deployStep.job);
    expect({ job: deployStep.job, needs: job["needs"], if: job["if"] }).toEqual({ job: deployStep.job, needs: findStep.job, if: undefined });
    expect(mapping(jobs[findStep.job], findStep.job)["outputs"]).toEqual({
      "pull-request": "${{ steps.find.outputs.pull-request }}",
      "head-sha": "${{ steps.find.outputs.head-sha }}",
      "verdict-run": "${{ steps.find.outputs.verdict-run }}",
    });
    expect(findStep.raw["id"]).toBe("find");
    const download = only(stepsUsing(deploy, "actions/download-artifact"), `download-artifact in ${DEPLOY_FILE}`);
    expect({ step: download.label, job: download.job, with: download.with }).toEqual({
      step: download.label,
      job: deployStep.job,
      with: {
        name: "review-report",
        path: "review-report",
        "run-id": `\${{ needs.${findStep.job}.outputs.verdict-run }}`,
        "github-token": "${{ github.token }}",
      },
    });
  });

  it("runs npm run deploy with that report, --apply --auto-approve, Terraform Cloud state, after installing", () => {
    expect({
      step: deployStep.label,
      run: deployStep.run?.trim(),
      workingDirectory: deployStep.workingDirectory,
      backend: deployStep.env["PSF_ESTATE_BACKEND"],
    }).toEqual({
      step: deployStep.label,
      run: "npm run --silent deploy -- --reviewed ../review-report/review.json --apply --auto-approve",
      workingDirectory: "estate",
      backend: "cloud",
    });
    const inJob = deploy.steps.filter((step) => step.job === deployStep.job);
    const install = inJob.findIndex((step) => /\bnpm ci\b/.test(step.run ?? ""));
    expect(install).toBeGreaterThanOrEqual(0);
    expect(install).toBeLessThan(inJob.indexOf(deployStep));
    expect(inJob[inJob.length - 1]).toBe(deployStep);
    for (const step of stepsUsing(deploy, "hashicorp/setup-terraform"))
      expect({ version: step.with["terraform_version"], wrapper: step.with["terraform_wrapper"] }).toEqual({ version: "1.11.x", wrapper: false });
    for (const step of stepsUsing(deploy, "actions/setup-node"))
      expect({ node: step.with["node-version"], cache: step.with["cache"] }).toEqual({ node: 20, cache: undefined });
    expect(deploy.steps.filter((step) => action(step) === "actions/upload-artifact")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The deciding script, run against a fake GitHub API.

const OWNER = "python";
const REPO = "psf-estate";
const SERVER = "https://github.com";
const MERGE_SHA = "a".repeat(40);
const HEAD_SHA = "b".repeat(40);
const VERDICT_WORKFLOW_ID = 4242;
const RUN_ID = 987654321;

interface World {
  ref: string;
  pulls: Array<Record<string, unknown>>;
  pull: Record<string, unknown>;
  statuses: Array<Record<string, unknown>>;
  run: Record<string, unknown>;
  artifacts: Array<Record<string, unknown>>;
}

function world(): World {
  const base = { ref: "main", repo: { full_name: `${OWNER}/${REPO}` } };
  return {
    ref: "refs/heads/main",
    pulls: [{ number: 7, merge_commit_sha: MERGE_SHA, base, merged_at: "2025-01-01T00:00:00Z" }],
    pull: { number: 7, merged: true, merge_commit_sha: MERGE_SHA, base, head: { sha: HEAD_SHA } },
    statuses: [
      { context: "something else", state: "failure", creator: { login: "github-actions[bot]" } },
      {
        context: "infrastructure review verdict",
        state: "success",
        creator: { login: "github-actions[bot]" },
        target_url: `${SERVER}/${OWNER}/${REPO}/actions/runs/${RUN_ID}`,
        description: "nothing dangerous",
      },
      {
        context: "infrastructure review verdict",
        state: "failure",
        creator: { login: "github-actions[bot]" },
        target_url: `${SERVER}/${OWNER}/${REPO}/actions/runs/1`,
        description: "an older verdict",
      },
    ],
    run: {
      id: RUN_ID,
      workflow_id: VERDICT_WORKFLOW_ID,
      event: "workflow_run",
      head_branch: "main",
      repository: { full_name: `${OWNER}/${REPO}` },
      status: "completed",
      conclusion: "success",
      html_url: `${SERVER}/${OWNER}/${REPO}/actions/runs/${RUN_ID}`,
    },
    artifacts: [{ name: "review-report", expired: false }],
  };
}

interface Outcome {
  readonly failed?: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
}

type AsyncScript = (github: unknown, context: unknown, core: unknown) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => AsyncScript;

async function decide(w: World): Promise<Outcome> {
  const outputs: Record<string, string> = {};
  let failed: string | undefined;
  let summary = "";
  const chain = {
    addHeading: (text: string) => ((summary += `${text}\n`), chain),
    addRaw: (text: string) => ((summary += text), chain),
    write: async () => chain,
  };
  const core = {
    summary: chain,
    setOutput: (name: string, value: string) => (outputs[name] = value),
    setFailed: (message: string) => (failed = message),
    info: () => undefined,
  };
  const expectRepo = (params: { owner: string; repo: string }): void => {
    if (params.owner !== OWNER || params.repo !== REPO) throw new Error(`asked another repository: ${params.owner}/${params.repo}`);
  };
  const github = {
    paginate: async (method: (params: Record<string, unknown>) => Promise<{ data: unknown }>, params: Record<string, unknown>) =>
      (await method(params)).data,
    rest: {
      repos: {
        listPullRequestsAssociatedWithCommit: async (p: { owner: string; repo: string; commit_sha: string }) => (
          expectRepo(p),
          { data: p.commit_sha === MERGE_SHA ? w.pulls : [] }
        ),
        listCommitStatusesForRef: async (p: { owner: string; repo: string; ref: string }) => (
          expectRepo(p),
          { data: p.ref === HEAD_SHA ? w.statuses : [] }
        ),
      },
      pulls: {
        get: async (p: { owner: string; repo: string; pull_number: number }) => (expectRepo(p), { data: { ...w.pull, number: p.pull_number } }),
      },
      actions: {
        getWorkflow: async (p: { owner: string; repo: string; workflow_id: string }) => {
          expectRepo(p);
          if (p.workflow_id !== "infrastructure-review-verdict.yml") throw new Error(`no workflow ${p.workflow_id}`);
          return { data: { id: VERDICT_WORKFLOW_ID, path: ".github/workflows/infrastructure-review-verdict.yml" } };
        },
        getWorkflowRun: async (p: { owner: string; repo: string; run_id: number }) => {
          expectRepo(p);
          if (p.run_id !== w.run["id"]) throw new Error(`no run ${p.run_id}`);
          return { data: w.run };
        },
        listWorkflowRunArtifacts: async (p: { owner: string; repo: string; run_id: number; name?: string }) => (
          expectRepo(p),
          { data: { artifacts: w.artifacts.filter((a) => p.name === undefined || a["name"] === p.name) } }
        ),
      },
    },
  };
  const context = {
    repo: { owner: OWNER, repo: REPO },
    sha: MERGE_SHA,
    ref: w.ref,
    serverUrl: SERVER,
    payload: { repository: { default_branch: "main" } },
  };
  await new AsyncFunction("github", "context", "core", script)(github, context, core);
  return { ...(failed !== undefined ? { failed } : {}), outputs, summary };
}

describe(`${DEPLOY_FILE}: the job that decides`, () => {
  it("names the merged pull request, its head and the verdict run whose report is deployed", async () => {
    expect(await decide(world())).toEqual({ outputs: { "pull-request": "7", "head-sha": HEAD_SHA, "verdict-run": String(RUN_ID) }, summary: "" });
  });

  const refusals: ReadonlyArray<[string, (w: World) => void, RegExp]> = [
    ["a direct push (no pull request merged as the commit)", (w) => (w.pulls = []), /no pull request was merged as a{40}.*no review explains it/],
    [
      "a pull request that contains the commit but was merged as another",
      (w) => (defined(w.pulls[0])["merge_commit_sha"] = "c".repeat(40)),
      /no pull request was merged as a{40}/,
    ],
    [
      "a pull request merged into another branch",
      (w) => (defined(w.pulls[0])["base"] = { ref: "release", repo: { full_name: `${OWNER}/${REPO}` } }),
      /no pull request was merged as/,
    ],
    ["a pull request the API says is not merged", (w) => (w.pull["merged"] = false), /#7 was not merged into main/],
    ["a run by hand on another branch", (w) => (w.ref = "refs/heads/feature"), /refs\/heads\/feature is not the default branch/],
    [
      "a head with no verdict",
      (w) => (w.statuses = w.statuses.filter((s) => s["context"] !== "infrastructure review verdict")),
      /has no "infrastructure review verdict" status/,
    ],
    ["a head whose latest verdict failed", (w) => (w.statuses = w.statuses.slice(2)), /latest verdict .* is "failure" \(an older verdict\)/],
    [
      "a verdict status set by someone else",
      (w) => (defined(w.statuses[1])["creator"] = { login: "mallory" }),
      /set by mallory, not by the verdict workflow/,
    ],
    [
      "a verdict status pointing at another repository's run",
      (w) => (defined(w.statuses[1])["target_url"] = `${SERVER}/someone/else/actions/runs/${RUN_ID}`),
      /not at a run of this repository/,
    ],
    ["a run of another workflow", (w) => (w.run["workflow_id"] = 1), /is not a run of infrastructure-review-verdict\.yml on main/],
    [
      "a run of the verdict file made by a pull request's event",
      (w) => ((w.run["event"] = "pull_request"), (w.run["head_branch"] = "feature")),
      /is not a run of infrastructure-review-verdict\.yml on main/,
    ],
    ["a verdict run that did not succeed", (w) => (w.run["conclusion"] = "failure"), /did not succeed \(completed, failure\)/],
    [
      "a verdict run whose report expired",
      (w) => (defined(w.artifacts[0])["expired"] = true),
      /no review-report artifact any more \(expired\): re-run that verdict run/,
    ],
  ];

  it.each(refusals)("deploys nothing, and says why, for %s", async (_what, change, why) => {
    const w = world();
    change(w);
    const outcome = await decide(w);
    expect(outcome.outputs).toEqual({});
    expect(outcome.failed).toMatch(/^Nothing deployed: /);
    expect(outcome.failed).toMatch(why);
    expect(outcome.summary).toContain("Nothing deployed");
  });
});

describe(".github/CODEOWNERS: the deploy path", () => {
  it.each(["/deploy/", "/scripts/deploy.ts", "/.github/workflows/deploy.yml"])("gives %s to @python/psf-infra", (pattern) => {
    const rules = readFileSync(path.join(ROOT, ".github/CODEOWNERS"), "utf8")
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(([first]) => first === pattern);
    expect(rules).toEqual([[pattern, "@python/psf-infra"]]);
  });
});
