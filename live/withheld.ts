/*
 * What a live snapshot leaves out: every secret the state of an object holds. A value is withheld when
 *
 * - the provider's schema marks its attribute sensitive (a database password, a Fastly logger's token);
 * - the provider holds a secret in an attribute its schema does not mark (`UNMARKED_SECRETS`, from the README's
 *   "What each state holds in clear text"): a PagerDuty integration's routing key, the origin token the estate's
 *   Fastly services send in a header named like a secret;
 * - it looks like a credential whatever its name (inventory/looks-secret.ts).
 *
 * Terraform's own marks (`sensitive_values`) are coarser: a set holding one value from a sensitive variable is marked
 * whole (a Fastly service's headers), which would hide a header edited by hand. They are not followed: the rules above
 * find the secret inside.
 */
import { looksSecretName, looksSecretValue } from "../inventory/looks-secret";
import type { SchemaAttribute, SchemaBlock } from "../provider-schemas/schema-file";

/** Attributes that hold a secret the provider's schema does not mark sensitive, by type. */
const UNMARKED_SECRETS: Readonly<
  Record<
    string,
    readonly { readonly path: readonly string[]; readonly when?: (element: Readonly<Record<string, unknown>>) => boolean; readonly why: string }[]
  >
> = {
  pagerduty_service_integration: [
    {
      path: ["integration_key"],
      why: "the routing key: whoever has it can open incidents (pagerduty 3.x resource_pagerduty_service_integration.go: Computed, not Sensitive)",
    },
  ],
  fastly_service_vcl: [
    {
      path: ["header", "source"],
      when: (header) => looksSecretName(String(header["name"] ?? "")),
      why: "a header named like a secret carries one (the origin token the load balancers check)",
    },
  ],
};

/**
 * Attributes whose values are published, however random they look: a DNSSEC key's public half and digest are in the
 * DNS itself (RFC 4034), a service's last incident is a time. Never withheld for their look.
 */
const PUBLIC_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  aws_route53_key_signing_key: ["public_key", "digest_value", "dnskey_record", "ds_record"],
  gandi_dnssec_key: ["public_key"],
  pagerduty_service: ["last_incident_timestamp"],
};

export interface Withheld {
  /** The values with every secret set to null. */
  readonly values: Record<string, unknown>;
  /** `true` where a value was withheld, in the shape of the values; undefined when nothing was. */
  readonly withheld?: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object's values with its secrets withheld. */
export function withholdSecrets(type: string, block: SchemaBlock, values: Readonly<Record<string, unknown>>): Withheld {
  const rules = UNMARKED_SECRETS[type] ?? [];
  const walk = (
    b: SchemaBlock,
    object: Readonly<Record<string, unknown>>,
    path: readonly string[],
  ): { values: Record<string, unknown>; marks: Record<string, unknown> } => {
    const out: Record<string, unknown> = {};
    const marks: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(object)) {
      const attribute = b.attributes?.[name];
      const nested = b.block_types?.[name];
      const here = [...path, name];
      const unmarked = rules.some((r) => r.path.join(".") === here.join(".") && (r.when === undefined || r.when(object)));
      if (value !== null && value !== undefined && (attribute?.sensitive === true || unmarked)) {
        out[name] = null;
        marks[name] = true;
      } else if (nested !== undefined && Array.isArray(value)) {
        const inner = value.map((element) =>
          isRecord(element) ? walk(nested.block, element, here) : { values: element as Record<string, unknown>, marks: {} },
        );
        out[name] = inner.map((i) => i.values);
        if (inner.some((i) => Object.keys(i.marks).length > 0)) marks[name] = inner.map((i) => i.marks);
      } else if (nested !== undefined && isRecord(value)) {
        if (nested.nesting_mode === "map") {
          const inner = Object.fromEntries(
            Object.entries(value).map(([k, v]) => [
              k,
              isRecord(v) ? walk(nested.block, v, here) : { values: v as Record<string, unknown>, marks: {} },
            ]),
          );
          out[name] = Object.fromEntries(Object.entries(inner).map(([k, i]) => [k, i.values]));
          const innerMarks = Object.fromEntries(
            Object.entries(inner)
              .filter(([, i]) => Object.keys(i.marks).length > 0)
              .map(([k, i]) => [k, i.marks]),
          );
          if (Object.keys(innerMarks).length > 0) marks[name] = innerMarks;
        } else {
          const inner = walk(nested.block, value, here);
          out[name] = inner.values;
          if (Object.keys(inner.marks).length > 0) marks[name] = inner.marks;
        }
      } else if (path.length === 0 && (PUBLIC_ATTRIBUTES[type] ?? []).includes(name)) {
        out[name] = value;
      } else {
        const { value: kept, marks: valueMarks } = secretLeaves(value, attribute, name);
        out[name] = kept;
        if (valueMarks !== undefined) marks[name] = valueMarks;
      }
    }
    return { values: out, marks };
  };
  const result = walk(block, values, []);
  return Object.keys(result.marks).length > 0 ? { values: result.values, withheld: result.marks } : { values: result.values };
}

/** Within an attribute's value: strings that look like credentials, and map entries named like secrets. */
function secretLeaves(value: unknown, attribute: SchemaAttribute | undefined, name: string): { value: unknown; marks?: unknown } {
  if (typeof value === "string") return looksSecretValue(value) ? { value: null, marks: true } : { value };
  if (Array.isArray(value)) {
    const inner = value.map((v) => secretLeaves(v, undefined, name));
    return inner.some((i) => i.marks !== undefined) ? { value: inner.map((i) => i.value), marks: inner.map((i) => i.marks ?? false) } : { value };
  }
  if (isRecord(value)) {
    // A map of config vars: an entry named like a secret is one, whatever it looks like.
    const isMap = Array.isArray(attribute?.type) && attribute?.type[0] === "map";
    const inner = Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        isMap && looksSecretName(k) && v !== null ? { value: null, marks: true } : secretLeaves(v, undefined, k),
      ]),
    );
    const marks = Object.fromEntries(
      Object.entries(inner)
        .filter(([, i]) => i.marks !== undefined)
        .map(([k, i]) => [k, i.marks]),
    );
    return Object.keys(marks).length > 0 ? { value: Object.fromEntries(Object.entries(inner).map(([k, i]) => [k, i.value])), marks } : { value };
  }
  return { value };
}

/** Every withheld value's path, in the review's notation (`header["Fastly Token"].source`, `password`). */
export function withheldPaths(values: Readonly<Record<string, unknown>>, withheld: unknown): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, marks: unknown, path: string): void => {
    if (marks === true) {
      paths.push(path);
      return;
    }
    if (Array.isArray(marks)) {
      const list = Array.isArray(value) ? value : [];
      marks.forEach((m, i) => {
        const element = list[i];
        const name = isRecord(element) && typeof element["name"] === "string" ? JSON.stringify(element["name"]) : String(i);
        walk(element, m, `${path}[${name}]`);
      });
    } else if (isRecord(marks)) {
      for (const [key, m] of Object.entries(marks))
        walk(
          isRecord(value) ? value[key] : undefined,
          m,
          path === "" ? key : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`,
        );
    }
  };
  walk(values, withheld, "");
  return paths.sort();
}
