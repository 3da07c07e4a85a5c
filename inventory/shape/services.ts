/**
 * The public services and the names they answer to, what serves each name and how Pingdom checks it; the S3 websites
 * and the state bucket.
 */
import { z } from "zod";
import { KMS_ALIAS_WITHOUT_PREFIX } from "../../provider-schemas/facts/aws";
import { domainName, matching, nonEmptyList, noRepeats, ownerKey, s3BucketName, slug, text, ttl, type Shape } from "./blocks";
import { asString, ITEM_KINDS } from "./item-kinds";
import { sourcedObject } from "./sources";

/** Where a public name is served from. */
export const Origin = z.discriminatedUnion("kind", [
  /** HAProxy on the load balancers routes the name to a backend role. */
  z.strictObject({ kind: z.literal("load-balancer"), backendRole: slug }),
  /** The HAProxy redirects the name to another URL. */
  z.strictObject({ kind: z.literal("load-balancer-redirect"), redirectTo: matching(/^https?:\/\/\S+$/, "is not an http(s) URL") }),
  /** HAProxy passes the name on to a site outside the estate, by its host name (a backend of pillar/base/haproxy.sls). */
  z.strictObject({ kind: z.literal("load-balancer-proxy"), upstream: domainName }),
  /** A droplet of the role answers the name itself. */
  z.strictObject({ kind: z.literal("droplet"), role: slug }),
  /** A Fastly service fronts the name. */
  z.strictObject({ kind: z.literal("fastly"), service: text() }),
  /** A Heroku app answers the name: its record is a CNAME to the app's custom-domain DNS target. */
  z.strictObject({ kind: z.literal("heroku"), app: text() }),
  /** An S3 bucket website serves the name. */
  z.strictObject({ kind: z.literal("s3-website"), site: text() }),
]);
export type Origin = Shape<typeof Origin>;

const urlPath = text((v) => (v.startsWith("/") ? undefined : `"${v}" does not start with "/"`));

/** How Pingdom checks a service's names from outside. */
export const ServiceCheck = z.discriminatedUnion("kind", [
  /** `https://<name><path>`, the certificate verified: what a browser would do; why the path, when it is not `/`. */
  z.strictObject({ kind: z.literal("https"), path: urlPath, reason: text().optional() }),
  /** `https://<name><path>` without verifying the certificate, which is self-signed on purpose (`reason`). */
  z.strictObject({
    kind: z.literal("https-self-signed"),
    path: urlPath,
    reason: text(undefined, "is empty: say why the certificate is not verified"),
  }),
  /** `http://<name><path>`: the names serve no HTTPS (`reason`). */
  z.strictObject({ kind: z.literal("http"), path: urlPath, reason: text(undefined, "is empty: say why the names are not checked over HTTPS") }),
  /** Not checked: nothing answers the web there, so a check would only alarm (`reason`). */
  z.strictObject({ kind: z.literal("none"), reason: text(undefined, "is empty: say why the names are not checked") }),
]);
export type ServiceCheck = Shape<typeof ServiceCheck>;

/** A public service and the names it answers to. */
export const PublicService = sourcedObject({
  key: slug,
  description: text(),
  owner: ownerKey,
  /** The fully qualified names it answers to; each must lie in a managed zone, or in an external one (no record is then written). */
  names: nonEmptyList(domainName, "is empty: a service answers to at least one name"),
  origin: Origin,
  /** TTL of the records made for its names. @default the zone's default TTL */
  ttl: ttl.optional(),
  /** How Pingdom checks its names. @default `{ kind: "https", path: "/" }` */
  check: ServiceCheck.optional(),
})
  .superRefine((service, ctx) => noRepeats(service.names, (n) => n, ctx, ["names"], "name"))
  .register(ITEM_KINDS, { noun: "service", name: (i) => asString(i?.key) });
export type PublicService = Shape<typeof PublicService>;

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;

/** An S3 bucket served as a static website. */
export const StaticSite = sourcedObject({
  /** The bucket's name, which S3 website hosting requires to equal the host name it serves. */
  bucket: s3BucketName,
  region: matching(AWS_REGION, "is not an AWS region (e.g. us-east-1)"),
  owner: ownerKey,
  indexDocument: text(),
  errorDocument: text(),
}).register(ITEM_KINDS, { noun: "static site", name: (i) => asString(i?.bucket) });
export type StaticSite = Shape<typeof StaticSite>;

/**
 * The S3 bucket that holds the estate's Terraform state when PSF_ESTATE_BACKEND=s3 (the `state` stack declares it,
 * with a KMS key of its own). Its safety settings (versions kept, the key by default, TLS only, no public access) are
 * not choices and live in its construct; what is chosen is here.
 */
export const StateStore = sourcedObject({
  /** The bucket's name (S3 bucket names are global). */
  bucket: s3BucketName,
  region: matching(AWS_REGION, "is not an AWS region (e.g. us-east-1)"),
  /** The alias of the KMS key that encrypts the state, without `alias/`. */
  kmsKeyAlias: matching(KMS_ALIAS_WITHOUT_PREFIX, "is not a KMS alias name without alias/ (letters, digits, / _ -, not aws/…)"),
  owner: ownerKey,
}).register(ITEM_KINDS, { noun: "state store" });
export type StateStore = Shape<typeof StateStore>;

/** The public services' fields of the inventory. */
export const serviceFields = {
  services: z.array(PublicService),
  staticSites: z.array(StaticSite),
  /** The state bucket for the S3 backend. @default none: no `state` stack (Terraform Cloud or another store keeps the state) */
  stateStore: StateStore.optional(),
};
