/*
 * An untrusted synthesis output is read as data: exactly the layout a synthesis of this project writes, within
 * limits, no symbolic link, every problem named at once; and what Terraform runs on is written afresh from it.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSynthesisOutput, SYNTHESIS_OUTPUT_LIMITS, SynthesisOutputError, writeSynthesisOutput } from "../../review/synthesis-output";
import { synthEnvironment } from "../../review/synthesize";

/** A small valid output: two stacks, one reading the other. */
function output(): string {
  const dir = mkdtempSync(join(tmpdir(), "synthesis-output-"));
  const stacks: Record<string, unknown> = {};
  for (const [name, dependencies] of [
    ["a", []],
    ["b", ["a"]],
  ] as const) {
    mkdirSync(join(dir, "stacks", name), { recursive: true });
    writeFileSync(join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify({ resource: { terraform_data: { [name]: {} } } }));
    stacks[name] = { name, dependencies, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, workingDirectory: `stacks/${name}`, annotations: [] };
  }
  writeFileSync(join(dir, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks }));
  writeFileSync(join(dir, "estate-facts.json"), JSON.stringify({ version: 1 }));
  return dir;
}

function problems(dir: string): string[] {
  try {
    readSynthesisOutput(dir);
  } catch (error) {
    if (error instanceof SynthesisOutputError) return [...error.problems];
    throw error;
  }
  return [];
}

describe("reading a synthesis output", () => {
  it("reads the configurations, the stacks each reads and the estate's facts", () => {
    const read = readSynthesisOutput(output());
    expect([...read.configurations.keys()]).toEqual(["a", "b"]);
    expect(read.dependencies.get("b")).toEqual(["a"]);
    expect(read.facts).toEqual({ version: 1 });
  });

  it("fails on a symbolic link where a configuration should be, naming it", () => {
    const dir = output();
    const elsewhere = join(mkdtempSync(join(tmpdir(), "elsewhere-")), "cdk.tf.json");
    writeFileSync(elsewhere, "{}");
    const target = join(dir, "stacks", "a", "cdk.tf.json");
    rmSync(target);
    symlinkSync(elsewhere, target);
    expect(problems(dir)).toEqual(["stacks/a/cdk.tf.json is not a regular file (a symbolic link)"]);
  });

  it("fails on a stacks folder that is a symbolic link", () => {
    const dir = output();
    const moved = mkdtempSync(join(tmpdir(), "stacks-"));
    cpSync(join(dir, "stacks"), moved, { recursive: true });
    rmSync(join(dir, "stacks"), { recursive: true });
    symlinkSync(moved, join(dir, "stacks"));
    expect(problems(dir)).toEqual(["stacks is not a folder (a symbolic link)"]);
  });

  it("fails on anything beside the expected files: a Terraform folder, a lock file, a state file", () => {
    const dir = output();
    mkdirSync(join(dir, "stacks", "a", ".terraform"));
    writeFileSync(join(dir, "stacks", "b", ".terraform.lock.hcl"), "");
    writeFileSync(join(dir, "stacks", "b", "terraform.tfstate"), "{}");
    expect(problems(dir)).toEqual([
      "unexpected stacks/a/.terraform: a stack's folder holds cdk.tf.json only",
      "unexpected stacks/b/.terraform.lock.hcl: a stack's folder holds cdk.tf.json only",
      "unexpected stacks/b/terraform.tfstate: a stack's folder holds cdk.tf.json only",
    ]);
  });

  it("fails on a manifest whose paths leave the stack's folder, or that reads a stack it does not name", () => {
    const dir = output();
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    manifest.stacks.a.synthesizedStackPath = "../../etc/passwd";
    manifest.stacks.b.dependencies = ["c"];
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    expect(problems(dir)).toEqual([
      'stack "a": synthesizedStackPath is "../../etc/passwd", not stacks/a/cdk.tf.json',
      'stack "b": reads "c", which is not another stack of the manifest',
    ]);
  });

  it("fails on a stack name that is not a folder name, and a folder the manifest does not name", () => {
    const dir = output();
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    manifest.stacks["../x"] = { name: "../x", dependencies: [], synthesizedStackPath: "stacks/../x/cdk.tf.json", workingDirectory: "stacks/../x" };
    writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
    mkdirSync(join(dir, "stacks", "c"));
    expect(problems(dir)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^stack "\.\.\/x": not a stack name/), "unexpected stacks/c: the manifest names no such stack"]),
    );
  });

  it("fails on a file above the size limit without reading it", () => {
    const dir = output();
    truncateSync(join(dir, "stacks", "a", "cdk.tf.json"), SYNTHESIS_OUTPUT_LIMITS.fileBytes + 1);
    expect(problems(dir)).toEqual([
      `stacks/a/cdk.tf.json has ${SYNTHESIS_OUTPUT_LIMITS.fileBytes + 1} bytes, more than ${SYNTHESIS_OUTPUT_LIMITS.fileBytes}`,
    ]);
  });

  it("fails on a configuration that is not JSON, and on a missing manifest", () => {
    const dir = output();
    writeFileSync(join(dir, "stacks", "b", "cdk.tf.json"), "{ not json");
    expect(problems(dir)).toEqual([expect.stringMatching(/^stacks\/b\/cdk\.tf\.json is not JSON/)]);
    rmSync(join(dir, "manifest.json"));
    expect(problems(dir)).toEqual(["manifest.json is missing", "manifest.json (top level): Invalid input: expected object, received undefined"]);
  });

  it("writes for Terraform only the manifest and each stack's configuration", () => {
    const read = readSynthesisOutput(output());
    const dir = mkdtempSync(join(tmpdir(), "written-"));
    writeSynthesisOutput(dir, read);
    expect(readdirSync(dir).sort()).toEqual(["manifest.json", "stacks"]);
    expect(readSynthesisOutput(dir).configurations).toEqual(read.configurations);
    expect(readSynthesisOutput(dir).dependencies).toEqual(read.dependencies);
  });
});

describe("a synthesis's environment", () => {
  it("holds no credential, no CI runner file or token, no Node option, no choice the review makes itself", () => {
    const env = synthEnvironment(
      {
        PATH: "/bin",
        HOME: "/home/me",
        DIGITALOCEAN_TOKEN: "t",
        AWS_PROFILE: "psf",
        TF_VAR_x: "v",
        TF_CLI_CONFIG_FILE: "/x",
        GITHUB_OUTPUT: "/runner/output",
        GITHUB_ENV: "/runner/env",
        GITHUB_TOKEN: "g",
        ACTIONS_RUNTIME_TOKEN: "a",
        RUNNER_TEMP: "/r",
        NODE_OPTIONS: "--require /evil.js",
        PSF_ESTATE_BACKEND: "cloud",
        npm_config_prefix: "/p",
        CDKTF_TARGET_STACK_ID: "dns",
      },
      "/out",
      { x: 1 },
    );
    expect(env).toEqual({ PATH: "/bin", HOME: "/home/me", CDKTF_OUTDIR: "/out", CDKTF_CONTEXT_JSON: '{"x":1}', SYNTH_HCL_OUTPUT: "false", CI: "1" });
  });
});
