/*
 * Which environment variables can carry a credential: the one answer for everything that must run without them (a
 * synthesis, a rehearsal's Terraform and twin, a review of someone's change, a deploy's synthesis). The pinned
 * providers' own prefixes come from providers.json (`environment`), so a new provider is one entry there; the rest
 * are Terraform's and CI's tokens, and names that say what they hold.
 */
import { pinnedProviders } from "./schema-file";

/** Terraform's and Terraform Cloud's, CI's, and other clouds' variables that carry credentials. */
const TOOLING = [
  "TF_TOKEN_",
  "TFE_TOKEN",
  "TF_VAR_",
  "ATLAS_TOKEN",
  "GOOGLE_",
  "ARM_",
  "GITHUB_TOKEN",
  "ACTIONS_RUNTIME_TOKEN",
  "ACTIONS_ID_TOKEN_REQUEST_",
];
/** A name that says it holds a secret, whoever reads it. */
const SAYS_SECRET = /TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|APP_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL/i;

let prefixes: readonly string[] | undefined;

/**
 * Whether a variable of this name can carry a credential, and so must not reach what runs without them. `root` is the
 * project's root where this code runs bundled (the benchmark's rehearsal), whose own folder says nothing of it.
 */
export function isCredentialVariable(name: string, root?: string): boolean {
  prefixes ??= [...pinnedProviders(root).flatMap((p) => p.environment), ...TOOLING];
  return SAYS_SECRET.test(name) || prefixes.some((prefix) => name.startsWith(prefix));
}
