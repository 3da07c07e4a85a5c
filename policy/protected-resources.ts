import { isHerokuDataAddonPlan } from "../provider-schemas/facts/heroku-data-addons";

/**
 * Resource types whose destruction loses something that cannot be recreated from code: data
 * (a bucket's objects, a database, a volume) or a name the world resolves (a zone's delegation,
 * an app's hostname, a CDN service's domains). Deleting or replacing one of these is flagged
 * as dangerous whatever its lifecycle settings say; any other resource is protected only when
 * its code sets `lifecycle.preventDestroy`. One constant so reviewers change the policy in one place.
 */
export const PROTECTED_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  // A new zone gets new name servers: the registrar delegation and DNSSEC DS records break.
  aws_route53_zone: "a Route 53 zone serves a delegated name (new zone = new name servers)",
  // Objects are lost and the bucket name may be taken by someone else meanwhile.
  aws_s3_bucket: "an S3 bucket holds data and its name is global",
  // The key signs the zone's DNSSEC records: deleting it makes validating resolvers reject the zone.
  // The DNSSEC key signs the zones: deleting it makes validating resolvers reject them. The state key encrypts every
  // Terraform state in the state bucket: deleting it makes them unreadable.
  aws_kms_key: "a KMS key signs DNSSEC or encrypts the Terraform state: deleting it breaks validation of the zones, or makes every state unreadable",
  digitalocean_database_cluster: "a database cluster holds data",
  digitalocean_database_db: "a database holds data",
  digitalocean_volume: "a volume holds data",
  // The app's herokuapp.com name, its add-ons and config vars go with it.
  heroku_app: "a Heroku app serves a name and owns its add-ons and config",
  // Domains attached to the service stop being served until a new service is configured.
  fastly_service_vcl: "a Fastly service serves the estate's public names",
  // Its DS record is published at the registrar: a new key breaks the chain of trust until Gandi is told.
  aws_route53_key_signing_key: "a key-signing key anchors the zone's DNSSEC chain of trust at the registrar",
  // Turning signing off while the registrar still publishes the DS record makes the zone fail validation.
  aws_route53_hosted_zone_dnssec: "a zone's DNSSEC signing: the registrar's DS record needs it",
  // Deleting it re-enables Gandi's own name servers on the domain: the whole domain stops resolving as configured.
  gandi_nameservers: "a domain's delegation at the registrar: deleting it hands the domain to Gandi's name servers",
  // Removing the published key takes the domain's DS record away: the zone is no longer validated (or, with a new
  // key not yet published, fails validation).
  gandi_dnssec_key: "a key-signing key published at the registrar anchors the domain's DNSSEC chain of trust",
  // Without a rule, DigitalOcean leaves a database cluster open to any source.
  digitalocean_database_firewall: "a database firewall: a cluster without one accepts any source",
  // Every zone is on it: a new set means new name servers for every domain at the registrar.
  aws_route53_delegation_set: "the delegation set gives every zone its name servers: a new one re-delegates every domain",
};

/** Why a resource is protected, or null. `body` is the resource's synthesized JSON (metadata stripped). */
export function protectionOf(type: string, body: unknown): string | null {
  if (preventsDestroy(body)) return "its code sets lifecycle.preventDestroy";
  if (type === "heroku_addon") {
    const plan = typeof body === "object" && body !== null ? (body as Record<string, unknown>)["plan"] : undefined;
    return typeof plan === "string" && isHerokuDataAddonPlan(plan) ? `a Heroku data add-on (${plan}) holds data` : null;
  }
  return PROTECTED_RESOURCE_TYPES[type] ?? null;
}

/**
 * Whether a resource's configuration sets `lifecycle.prevent_destroy`: the one predicate the policy and the review
 * share. Terraform takes only a literal there (true, or "true" in JSON); anything else written there is read as set,
 * so that no spelling can slip a protected resource past the review, and Terraform refuses what is not a literal.
 */
export function preventsDestroy(body: unknown): boolean {
  if (typeof body !== "object" || body === null) return false;
  const lifecycle: unknown = (body as Record<string, unknown>)["lifecycle"];
  if (typeof lifecycle !== "object" || lifecycle === null) return false;
  const flag: unknown = (lifecycle as Record<string, unknown>)["prevent_destroy"];
  return flag === true || (typeof flag === "string" && flag !== "false");
}
