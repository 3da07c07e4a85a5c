/**
 * The Fastly services the PSF runs, as the inventory writes them: the vocabulary of fastly.ts, with each backend's
 * origin named instead of its address; the PSF's own certificate authority, which Fastly checks origins against; and
 * the services other configurations manage (PyPI's), recorded so that nobody creates them here too.
 */
import { z } from "zod";
import { domainName, matching, nonEmptyList, noRepeats, ownerKey, slug, text, type Shape } from "./blocks";
import { FastlyBackendSettings, FastlyOriginToken, FastlyS3LoggerSettings, FastlyServiceRules } from "./fastly";
import { asString, ITEM_KINDS } from "./item-kinds";
import { sourcedObject } from "./sources";

/** Where a Fastly backend's traffic goes. */
export const FastlyBackendOrigin = z.discriminatedUnion("kind", [
  /** A Heroku app, reached through one of its custom domains' DNS target, with that domain's certificate. */
  z.strictObject({ kind: z.literal("heroku-app"), app: text(), customDomain: domainName }),
  /** The hosts of a role in a datacenter, by their short service name `<shortName>.<dc>.<host zone>`. */
  z.strictObject({ kind: z.literal("role"), role: slug, datacenter: slug }),
  /** An S3 website of the estate, by its website endpoint, which serves HTTP only: the one origin reached without TLS. */
  z.strictObject({ kind: z.literal("s3-website"), site: text() }),
]);
export type FastlyBackendOrigin = Shape<typeof FastlyBackendOrigin>;

/**
 * A backend as the inventory writes it: its origin instead of an address; TLS with certificate checking is implied,
 * but for an S3 website, which has no TLS (and so no certificate names).
 */
export const FastlyBackendSpec = FastlyBackendSettings.extend({
  origin: FastlyBackendOrigin,
  /** Its certificate is signed by the PSF's own CA (the inventory's `psfCa`). @default false */
  signedByPsfCa: z.boolean().optional(),
  /** Name the origin's certificate must carry: required but for an S3 website. */
  sslCertHostname: domainName.optional(),
  /** Name sent in the TLS SNI extension: required but for an S3 website. */
  sslSniHostname: domainName.optional(),
}).superRefine((backend, ctx) => {
  if (backend.origin.kind === "s3-website") {
    // An S3 website endpoint serves HTTP only (port 80): there is no certificate to name or check.
    for (const field of ["sslCertHostname", "sslSniHostname", "signedByPsfCa"] as const) {
      if (backend[field] !== undefined)
        ctx.addIssue({ code: "custom", path: [field], message: "is given, but an S3 website endpoint serves HTTP only: there is no certificate" });
    }
    if (backend.port !== 80)
      ctx.addIssue({ code: "custom", path: ["port"], message: `port ${backend.port}: an S3 website endpoint serves HTTP on port 80 only` });
  } else {
    for (const field of ["sslCertHostname", "sslSniHostname"] as const) {
      if (backend[field] === undefined)
        ctx.addIssue({ code: "custom", path: [field], message: "is missing: the origin is reached over TLS, and its certificate's name is checked" });
    }
  }
});
export type FastlyBackendSpec = Shape<typeof FastlyBackendSpec>;

/** Certificate authorities Fastly's TLS subscriptions can use. */
export const FastlyCertificateAuthority = z.enum(["lets-encrypt", "globalsign", "certainly"]);
export type FastlyCertificateAuthority = Shape<typeof FastlyCertificateAuthority>;

/**
 * A Fastly VCL service the PSF runs. Its rules (health checks, conditions, headers, gzip, cache and request
 * settings, host redirects, HSTS, forced TLS) are written as the FastlyService construct takes them; its
 * headers carry no secret: the origin token is `originToken`'s.
 */
export const FastlyServiceSpec = sourcedObject({
  /** Service name at Fastly; services with a `fastly` origin name it. */
  name: domainName,
  owner: ownerKey,
  comment: text(),
  /** Names it serves; each must be a name of a service whose origin is this Fastly service. */
  domains: nonEmptyList(domainName, "is empty: a service must serve at least one domain"),
  backends: nonEmptyList(FastlyBackendSpec, "is empty: a service needs at least one origin"),
  /** The request header carrying the shared secret origins check (its rule's name and priority), its value from a sensitive variable. @default none */
  originToken: FastlyOriginToken.optional(),
  /** Logs to S3; the stack supplies the IAM role Fastly assumes. @default none */
  s3Logging: FastlyS3LoggerSettings.optional(),
  /** Logs to syslog on a host of the estate (key `<name>.<dc>`), on the port its role opens to Fastly. @default none */
  syslogLogging: z.strictObject({ name: text(), host: text(), format: text() }).optional(),
  /**
   * Streams its logs to the estate's Datadog organization (`MetricMonitoring.site`); the stack supplies the API key
   * from a sensitive variable. @default none
   */
  datadogLogging: z.strictObject({ name: text(), format: text().optional(), responseCondition: text().optional() }).optional(),
  /** Who issues the TLS certificate for its domains; must be allowed by CAA. */
  certificateAuthority: FastlyCertificateAuthority,
  ...FastlyServiceRules.shape,
})
  .superRefine((spec, ctx) => {
    noRepeats(spec.domains, (d) => d, ctx, ["domains"], "domain");
    if (spec.s3Logging === undefined && spec.syslogLogging === undefined) {
      ctx.addIssue({ code: "custom", path: ["s3Logging"], message: "and syslogLogging are both missing: every service must log somewhere" });
    }
  })
  .register(ITEM_KINDS, { noun: "fastly service", name: (i) => asString(i?.name) });
export type FastlyServiceSpec = Shape<typeof FastlyServiceSpec>;

/** A certificate authority of the PSF's own, whose certificate is public: Fastly checks origins and log servers against it. */
export const CertificateAuthority = sourcedObject({
  /** Its common name. */
  name: text(),
  /** The CA certificate, PEM. */
  pem: text((v) =>
    /^-----BEGIN CERTIFICATE-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE-----$/.test(v) ? undefined : "is not one PEM certificate",
  ),
  /** The last day (YYYY-MM-DD, UTC) the certificate is valid. */
  notAfter: matching(/^\d{4}-\d{2}-\d{2}$/, "is not a date YYYY-MM-DD"),
}).register(ITEM_KINDS, { noun: "PSF CA" });
export type CertificateAuthority = Shape<typeof CertificateAuthority>;

/**
 * A service another configuration manages: recorded so that nobody creates it here too. Its names may lie in a zone this
 * estate manages: the estate then declares no record for them, so Terraform never writes nor removes them.
 */
export const ExternalService = sourcedObject({
  name: text(),
  owner: ownerKey,
  names: z.array(domainName),
  /** Where it is managed. */
  managedBy: text(),
  notes: text(),
}).register(ITEM_KINDS, { noun: "external service", name: (i) => asString(i?.name) });
export type ExternalService = Shape<typeof ExternalService>;

/** The Fastly services' fields of the inventory, and the services managed elsewhere. */
export const fastlyFields = {
  fastlyServices: z.array(FastlyServiceSpec),
  /** Services other configurations manage: recorded, never created here. */
  externalServices: z.array(ExternalService),
  /** The PSF's own CA, which signs the load balancers' and cdn-logs' certificates. */
  psfCa: CertificateAuthority,
};
