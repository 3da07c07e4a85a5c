import type { RecordType } from "./shape";

/** What a planned record's values are, resolved to Terraform references by the DNS stack. */
export type RecordTarget =
  /** Values known in the inventory. */
  | { readonly kind: "literal"; readonly values: readonly string[] }
  /** The public IPv4 addresses of these droplets (host keys `<name>.<dc>`). */
  | { readonly kind: "droplet-ipv4"; readonly hosts: readonly string[] }
  /** The public IPv6 addresses of these droplets. */
  | { readonly kind: "droplet-ipv6"; readonly hosts: readonly string[] }
  /** The website endpoint of an S3 static site (bucket name). */
  | { readonly kind: "s3-website"; readonly site: string }
  /** The DNS target Heroku gives an app's custom domain. */
  | { readonly kind: "heroku-domain"; readonly app: string; readonly hostname: string }
  /** The address of an external host that the inventory does not record: a Terraform variable. */
  | { readonly kind: "external-ipv4-variable"; readonly fqdn: string };

/** One record set the estate publishes: a name and type in a zone. */
export interface PlannedRecord {
  /** The zone it belongs to. */
  readonly zone: string;
  /** Fully qualified name, no trailing dot. */
  readonly name: string;
  readonly type: RecordType;
  readonly ttl: number;
  readonly target: RecordTarget;
  /** What in the inventory asked for it, for error messages and reviewers. */
  readonly madeBy: string;
}

/** A construct id / Terraform name for a record set: stable as long as its name and type are. */
export function recordId(record: Pick<PlannedRecord, "name" | "type">): string {
  return `${record.name.replace(/\./g, "_")}_${record.type}`;
}
