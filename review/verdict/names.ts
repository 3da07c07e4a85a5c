/*
 * The name a person recognizes a resource by, from Terraform's values: a record's name and type, a check's or a
 * monitor's name, an app's name; the address when nothing better is known.
 */
import { isRecord } from "../json";

interface Named {
  readonly type: string;
  readonly address: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** What people call the object a change is about. */
export function recognizableName(change: Named): string {
  const values = isRecord(change.after) ? change.after : isRecord(change.before) ? change.before : {};
  const text = (key: string): string | undefined => (typeof values[key] === "string" && values[key] !== "" ? values[key] : undefined);
  if (change.type === "aws_route53_record" && text("name") !== undefined) return `${text("name")} ${text("type") ?? ""}`.trim();
  if (change.type === "gandi_nameservers" || change.type === "gandi_dnssec_key") return `${text("domain") ?? change.address} at the registrar`;
  return text("name") ?? text("hostname") ?? text("bucket") ?? text("domain") ?? change.address;
}
