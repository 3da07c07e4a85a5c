/**
 * The scheduled drift workflow (.github/workflows/drift.yml), checked on the file: pinned and hardened as the review's
 * workflows are, read-only credentials in the one step that reads the clouds, issues written by a job with no secret.
 */
import {
  expressionsInRun,
  expressionsInScripts,
  loadWorkflow,
  mapping,
  mixedPins,
  unpinnedUses,
  versionCommentProblems,
} from "../support/workflow-files";
import { defined } from "../support/defined";

const FILE = ".github/workflows/drift.yml";
const drift = loadWorkflow(FILE);
const jobs = mapping(drift.doc["jobs"], `${FILE}: jobs`);

describe(`${FILE}`, () => {
  it("pins every action to a full commit SHA with its version in a comment, as the review's workflows do", () => {
    expect(drift.steps.filter((s) => s.uses !== undefined).length).toBeGreaterThanOrEqual(5);
    expect(unpinnedUses(drift.steps)).toEqual([]);
    expect(versionCommentProblems([drift, loadWorkflow(".github/workflows/deploy.yml")])).toEqual([]);
    expect(mixedPins([...drift.steps, ...loadWorkflow(".github/workflows/deploy.yml").steps])).toEqual([]);
  });

  it("puts no expression inside a run or a script, and checks out without keeping credentials", () => {
    expect(expressionsInRun(drift.steps)).toEqual([]);
    expect(expressionsInScripts(drift.steps)).toEqual([]);
    for (const step of drift.steps.filter((s) => s.uses?.startsWith("actions/checkout@") === true))
      expect(step.with["persist-credentials"]).toBe(false);
  });

  it("runs daily and by hand, on the default branch only, with no permission but what each job needs", () => {
    const on = mapping(drift.doc["on"], "on");
    expect(Object.keys(on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(drift.doc["permissions"]).toEqual({});
    const reader = mapping(jobs["drift"], "drift");
    expect(reader["if"]).toBe("github.ref_name == github.event.repository.default_branch");
    expect(reader["permissions"]).toEqual({ contents: "read" });
    expect(reader["environment"]).toBe("drift-readonly");
    expect(mapping(jobs["issues"], "issues")["permissions"]).toEqual({ issues: "write" });
  });

  it("gives the credentials to the drift step alone, and the issues job none", () => {
    const withSecrets = drift.steps.filter((s) => JSON.stringify(s.raw).includes("secrets."));
    expect(withSecrets.map((s) => s.raw["name"])).toEqual(["Drift (exit 0 no drift, 1 drift, 2 could not run)"]);
    expect(defined(withSecrets[0]).run).toMatch(/npm run --silent drift -- --format json --output drift\.json/);
    expect(JSON.stringify(jobs["issues"])).not.toMatch(/secrets\.|actions\/checkout/);
  });
});
