/*
 * Where the live commands' own Terraform configurations run (discovery's data sources, live-snapshot's imports): with
 * the real providers, which `terraform init` downloads and which read the credentials of the environment; or, given a
 * snapshot, with the provider twin answering from it (twin/live-answers.ts), offline. The configurations are the same
 * either way: only the providers differ.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { cachedBundle } from "../bundling/cached-bundle.cjs";
import { installTwin } from "../twin/rehearsal/twin-installation";
import { killGroup } from "../twin/rehearsal/processes";
import { startTwin } from "../twin/rehearsal/rehearse";
import { locateTerraform } from "../twin/rehearsal/terraform-cli";

export interface TerraformEnvironment {
  readonly binary: string;
  readonly version: string;
  /** The environment each Terraform command runs with. */
  readonly env: NodeJS.ProcessEnv;
  /** What answers Terraform: the clouds, or the twin from a snapshot. */
  readonly providers: "clouds" | "twin";
  /** Ends the twin, if one was started. */
  close(): void;
}

export interface TerraformEnvironmentOptions {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  /** A scratch folder of the command's: the twin's installation, or the providers' download cache. */
  readonly scratch: string;
  /** A snapshot for the twin to answer from; without it, the real providers and the environment's credentials. */
  readonly live?: string;
}

export async function terraformEnvironment(options: TerraformEnvironmentOptions): Promise<TerraformEnvironment> {
  const terraform = locateTerraform(options.env);
  if (options.live === undefined) {
    // One download of each provider for all the command's configurations, unless the user keeps a cache already.
    const cache = options.env["TF_PLUGIN_CACHE_DIR"] ?? join(options.scratch, "plugin-cache");
    mkdirSync(cache, { recursive: true });
    return {
      ...terraform,
      env: { ...options.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1", TF_PLUGIN_CACHE_DIR: cache },
      providers: "clouds",
      close: () => undefined,
    };
  }
  const { twin, port } = await startTwin({
    root: options.root,
    twinBundle: cachedBundle("twin/plugin.ts", "twin", { bundlePackages: true }),
    live: options.live,
  });
  // The installation drops every credential from the environment: the twin needs none.
  const { env } = installTwin(join(options.scratch, "twin"), options.root, options.env, port);
  return {
    ...terraform,
    env,
    providers: "twin",
    close: () => {
      twin.stdin?.end();
      killGroup(twin);
    },
  };
}
