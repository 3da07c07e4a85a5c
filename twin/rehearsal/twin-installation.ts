/*
 * Installs the provider twin for one rehearsal: a filesystem mirror in a scratch folder that holds, for
 * every pinned provider, an executable that starts the twin's launcher (twin/launch.sh, which asks the
 * rehearsal's twin process on its loopback port for a server), and a Terraform CLI configuration that makes that
 * mirror Terraform's only source of providers. Terraform reads it only through TF_CLI_CONFIG_FILE in
 * the rehearsal's own environment, so a user's ordinary `cdktf diff` or `terraform plan` never sees it.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isCredentialVariable } from "../../provider-schemas/credentials";
import { pinnedProviders } from "../../provider-schemas/schema-file";

export interface TwinInstallation {
  /** The environment Terraform runs with: the CLI configuration, no plugin TLS, no credentials. */
  readonly env: NodeJS.ProcessEnv;
}

/** Terraform's name for this machine's platform, as provider packages are laid out. */
export function terraformPlatform(): string {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const terraformArch: Readonly<Record<string, string>> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };
  const arch = terraformArch[process.arch] ?? process.arch;
  return `${os}_${arch}`;
}

/**
 * Writes the mirror and the CLI configuration under `scratch` and returns the environment to run
 * Terraform with; `root` is the project root, `twinPort` where the rehearsal's twin process listens.
 */
export function installTwin(scratch: string, root: string, baseEnv: NodeJS.ProcessEnv, twinPort: number): TwinInstallation {
  const providers = pinnedProviders(root);
  const mirror = join(scratch, "provider-mirror");
  const platform = terraformPlatform();
  for (const provider of providers) {
    const [host, namespace, type] = provider.address.split("/") as [string, string, string];
    const dir = join(mirror, host, namespace, type, provider.version, platform);
    mkdirSync(dir, { recursive: true });
    const executable = join(dir, `terraform-provider-${type}_v${provider.version}`);
    writeFileSync(executable, `#!/bin/sh\nexec ${shellQuote(join(root, "twin", "launch.sh"))} ${twinPort} ${shellQuote(provider.name)}\n`);
    chmodSync(executable, 0o755);
  }
  const cliConfig = join(scratch, "terraform.rc");
  writeFileSync(
    cliConfig,
    [
      "# Written by the psf-estate rehearsal: the provider twin is the only provider source.",
      "disable_checkpoint = true",
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${JSON.stringify(mirror)}`,
      `    include = ${JSON.stringify(providers.map((p) => p.address))}`,
      "  }",
      "}",
      "",
    ].join("\n"),
  );

  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(baseEnv)) {
    // Terraform's own settings come from the rehearsal alone, but for its log switches, which help debug the twin.
    // Credentials never reach a rehearsal's Terraform or twin (provider-schemas/credentials.ts).
    if (!isCredentialVariable(key, root) && (!key.startsWith("TF_") || key.startsWith("TF_LOG"))) env[key] = value;
  }
  Object.assign(env, {
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_DISABLE_PLUGIN_TLS: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    // Terraform runs here as many short processes: garbage collection and extra threads only cost CPU
    // (measured: a tenth of the whole rehearsal's CPU time on this 2-core machine). But a large apply copies the whole
    // state after every resource (Terraform's state hook): with no collection at all, 580 records grew one process to
    // 13 GB and page faults to half its time; past 1 GiB the collector runs, and that apply took a quarter less CPU.
    GOGC: "off",
    GOMEMLIMIT: "1GiB",
    GOMAXPROCS: "1",
  });
  return { env };
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
