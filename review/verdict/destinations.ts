/*
 * Reading destinations out of values: the target of a DNS record's value, the issuers of a CAA record, the
 * mechanisms of an SPF policy, the hosts a piece of VCL or a header expression sends people to, the grants of an
 * IAM policy document. Pure functions over strings, each the one definition the judges share.
 */
import { isRecord } from "../json";
import { canonicalName, urlHost } from "./ownership";

/** The host or address a record value of `type` points at; undefined for types that point nowhere (TXT, CAA). */
export function recordTarget(type: string, value: string): string | undefined {
  const parts = value.trim().split(/\s+/);
  switch (type) {
    case "A":
    case "AAAA":
    case "CNAME":
    case "NS":
    case "PTR":
      return parts[0];
    case "MX":
      return parts[1];
    case "SRV":
      return parts[3];
    default:
      return undefined;
  }
}

/** The issuers a CAA record set allows (`0 issue "letsencrypt.org"`, `issuewild` too); `;` alone allows none. */
export function caaIssuers(values: readonly string[]): string[] {
  return values.flatMap((value) => {
    const [, , issuer] = /^\s*\d+\s+(issue|issuewild)\s+"?([^";\s]*)/i.exec(value) ?? [];
    return issuer === undefined || issuer === "" ? [] : [canonicalName(issuer)];
  });
}

/** The text of a TXT value as DNS serves it: its quoted strings joined (`"a" "b"` → `ab`). */
export function txtText(value: string): string {
  const chunks = value.match(/"((?:[^"\\]|\\.)*)"/g);
  return chunks === null ? value : chunks.map((c) => c.slice(1, -1)).join("");
}

/** One term of an SPF policy: a mechanism with its qualifier, or a modifier. */
export interface SpfTerm {
  readonly qualifier: "+" | "-" | "~" | "?";
  /** `all`, `include`, `a`, `mx`, `ptr`, `ip4`, `ip6`, `exists`, or a modifier (`redirect`, `exp`). */
  readonly mechanism: string;
  /** The domain or range after `:` or `=`, if any. */
  readonly argument?: string;
  readonly text: string;
}

/** The terms of an SPF policy (`v=spf1 …`), or undefined when the text is not one. */
export function spfTerms(text: string): SpfTerm[] | undefined {
  const words = text.trim().split(/\s+/);
  if (words[0]?.toLowerCase() !== "v=spf1") return undefined;
  return words
    .slice(1)
    .filter((w) => w !== "")
    .map((word) => {
      const qualifier = /^[+\-~?]/.test(word) ? (word[0] as SpfTerm["qualifier"]) : "+";
      const bare = /^[+\-~?]/.test(word) ? word.slice(1) : word;
      const match = /^([a-z0-9]+)(?:[:=](.*))?$/i.exec(bare);
      const mechanism = (match?.[1] ?? bare).toLowerCase();
      const argument = match?.[2];
      return { qualifier, mechanism, ...(argument !== undefined && argument !== "" ? { argument } : {}), text: word.toLowerCase() };
    });
}

/** How much the `all` of an SPF policy lets through: fail 0, softfail 1, neutral 2 (also when there is no `all`), pass 3. */
export function spfAllRank(terms: readonly SpfTerm[]): number {
  const all = terms.find((t) => t.mechanism === "all");
  if (all === undefined) return terms.some((t) => t.mechanism === "redirect") ? 0 : 2;
  return { "-": 0, "~": 1, "?": 2, "+": 3 }[all.qualifier];
}

/** The qualifiers' names, for messages. */
export const SPF_ALL_NAMES = ["-all (fail)", "~all (softfail)", "?all (neutral)", "+all (pass)"] as const;

/**
 * The hosts a piece of VCL or a header expression names: those of URLs, and quoted strings that are host names
 * with a dot (`"www.python.org"`), which is how VCL sets a Host or a backend.
 */
export function namedHosts(text: string): string[] {
  const hosts = new Set<string>();
  for (const match of text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\)]+/gi)) {
    const host = urlHost(match[0]);
    if (host !== undefined) hosts.add(host);
  }
  for (const [, candidate] of text.matchAll(/"([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)"/gi)) {
    // The group always takes part in a match.
    if (candidate === undefined) continue;
    // A dotted quoted string whose last label is alphabetic: a host name, not a version or a number.
    if (/\.[a-z]{2,63}$/i.test(candidate) && !/^\d+(\.\d+)+$/.test(candidate)) hosts.add(canonicalName(candidate));
  }
  return [...hosts].sort();
}

/** One grant of an IAM policy statement that allows something. */
export interface PolicyGrant {
  /** `*` (anyone), `AWS`, `Service`, `Federated`, `CanonicalUser`. */
  readonly principalType: string;
  readonly principal: string;
  readonly actions: readonly string[];
  /** The statement as JSON, to tell a new grant from one the document had. */
  readonly statement: string;
}

/** The grants of an IAM policy document given as JSON text; undefined when it is not one. */
export function policyGrants(text: string): PolicyGrant[] | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  if (!isRecord(document)) return undefined;
  const statements = Array.isArray(document["Statement"]) ? document["Statement"] : isRecord(document["Statement"]) ? [document["Statement"]] : [];
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)]);
  return statements
    .filter(isRecord)
    .filter((s) => s["Effect"] === "Allow")
    .flatMap((s) => {
      const statement = JSON.stringify(s);
      const actions = list(s["Action"]);
      const principal = s["Principal"];
      if (principal === "*") return [{ principalType: "*", principal: "*", actions, statement }];
      if (!isRecord(principal)) return [];
      return Object.entries(principal).flatMap(([type, ids]) =>
        list(ids).map((id) => ({ principalType: id === "*" ? "*" : type, principal: id, actions, statement })),
      );
    });
}

/** The account of an AWS principal (`arn:aws:iam::123456789012:root`, `123456789012`), or undefined. */
export function principalAccount(principal: string): string | undefined {
  return /^(\d{12})$/.exec(principal)?.[1] ?? /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}

/** Whether an action only reads (the public website's `s3:GetObject`), as opposed to writing or administering. */
export function isReadOnlyAction(action: string): boolean {
  return /^(s3|kms):(Get|List|Describe)/i.test(action);
}
