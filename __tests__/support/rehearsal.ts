import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cachedBundle } from "../../bundling/cached-bundle.cjs";
import { rehearse, type RehearsalOptions, type RehearsalResult } from "../../twin/rehearsal/rehearse";

export const repoRoot = join(__dirname, "..", "..");

/** Options for a quiet rehearsal with the project's compiled twin. */
export function rehearsalOptions(overrides: Partial<RehearsalOptions> = {}): RehearsalOptions {
  return {
    root: repoRoot,
    twinBundle: cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true }),
    stacks: [],
    planOnly: false,
    adopt: false,
    env: process.env,
    progress: () => undefined,
    // Three at a time: a stack's Terraform spends part of its time waiting on the twin's start-up.
    concurrency: 3,
    ...overrides,
  };
}

/** A Terraform JSON configuration, as one stack of a fixture. */
export interface FixtureStack {
  readonly config: Record<string, unknown>;
  readonly dependencies?: readonly string[];
}

/**
 * Rehearses hand-written stacks: writes them as a cdktf.out folder (manifest and one cdk.tf.json each, with
 * local state beside the folder as the estate's stacks keep it), rehearses it, and removes the folder.
 */
export async function rehearseFixture(
  stacks: Readonly<Record<string, FixtureStack>>,
  overrides: Partial<RehearsalOptions> = {},
): Promise<RehearsalResult> {
  const dir = mkdtempSync(join(tmpdir(), "psf-estate-fixture-"));
  try {
    const manifest: Record<string, unknown> = {};
    for (const [name, stack] of Object.entries(stacks)) {
      mkdirSync(join(dir, "stacks", name), { recursive: true });
      const config = {
        ...stack.config,
        terraform: { backend: { local: { path: `../../../terraform.${name}.tfstate` } }, ...(stack.config.terraform as object) },
      };
      writeFileSync(join(dir, "stacks", name, "cdk.tf.json"), JSON.stringify(config, null, 2));
      manifest[name] = {
        dependencies: stack.dependencies ?? [],
        workingDirectory: `stacks/${name}`,
        synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      };
    }
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ stacks: manifest }));
    return await rehearse(rehearsalOptions({ synthesized: dir, ...overrides }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
