/*
 * Takeover: a change that hands something of the estate to whoever controls a destination it does not own. A DNS
 * record pointing outside (or at a look-alike), a CAA issuer added, an SPF policy loosened, mail or delegation records
 * removed; the registrar's name servers or DNSSEC key changed; a Fastly backend, redirect or VCL snippet sending
 * people outside; a buildpack or code from outside; a key or bucket policy granting an outside account, or the public
 * write. Only what the change adds is judged: a destination the base already had is not the change's doing.
 */
import { spelledOut } from "../../values/remote-state-locals";
import { RESOURCE_TYPE_FACTS } from "../../provider-schemas/facts";
import { resourceBody } from "../configuration";
import { isRecord, stableStringify } from "../json";
import type { PlannedChange } from "../terraform-plan";
import {
  caaIssuers,
  isReadOnlyAction,
  namedHosts,
  policyGrants,
  principalAccount,
  recordTarget,
  SPF_ALL_NAMES,
  spfAllRank,
  spfTerms,
  txtText,
  type SpfTerm,
} from "./destinations";
import { recognizableName } from "./names";
import type { Ownership } from "./ownership";
import type { Finding, Judge, JudgeInputs } from "./types";

export const judgeTakeover: Judge = (inputs) =>
  inputs.changes.flatMap((change) => {
    if (change.action === "forget" || ((change.action === "move" || change.action === "import") && !change.updates)) return [];
    switch (change.type) {
      case "aws_route53_record":
        return recordTakeover(change, inputs);
      case "fastly_service_vcl":
        return fastlyTakeover(change, inputs);
      case "gandi_nameservers":
      case "gandi_dnssec_key":
        return registrarTakeover(change, inputs);
      case "heroku_app":
      case "heroku_build":
        return codeTakeover(change, inputs.ownership);
      default:
        return policyTakeover(change, inputs.ownership);
    }
  });

function finding(change: PlannedChange, kind: string, detail: string): Finding {
  return { class: "takeover", kind, stack: change.stack, subject: change.address, name: recognizableName(change), detail };
}

const values = (side: unknown): Record<string, unknown> => (isRecord(side) ? side : {});
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
const blocks = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/**
 * Whether an unknown value of `attribute` comes from the estate: every expression it is written with is
 * `isEstateReference`, read with the stack's locals of remote-state outputs spelled out (values/remote-state-locals.ts).
 */
function unknownIsEstate(change: PlannedChange, inputs: JudgeInputs, attribute: (body: Record<string, unknown>) => unknown): boolean {
  const configuration = inputs.head.get(change.stack);
  const body = resourceBody(configuration, change.address);
  if (body === undefined) return false;
  const written = attribute(body as Record<string, unknown>);
  const texts = (Array.isArray(written) ? written : [written]).map((v) =>
    spelledOut(typeof v === "string" ? v : JSON.stringify(v ?? null), configuration),
  );
  return texts.length > 0 && texts.every((t) => t.includes("${") && isEstateReference(t));
}

/**
 * Whether an expression's value can only be a place the cloud gave an object of the estate: it reads at least one
 * thing, everything it reads is such a place (`reachableAt` in provider-schemas/facts) or a remote-state output of the
 * estate (judged in its own stack), and it names no host of its own; a local value is not followed (spell out the
 * configuration's locals of remote-state outputs first: values/remote-state-locals.ts). `${droplet.lb.ipv4_address}`,
 * `${sort(data.terraform_remote_state.dns.outputs.x)}`, `${[for c in fastly_tls_subscription.s.managed_dns_challenges : ...][0]}`.
 */
export function isEstateReference(expression: string): boolean {
  if (namedHosts(expression).length > 0) return false;
  const reads = [...expression.matchAll(/(?<![\w.])(data\.)?([a-z][a-z0-9]*_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)\.([a-z_][a-z0-9_]*)/g)];
  return (
    reads.length > 0 &&
    reads.every(([, data, type = "", , attribute = ""]) =>
      data !== undefined
        ? type === "terraform_remote_state" && attribute === "outputs"
        : (RESOURCE_TYPE_FACTS[type]?.reachableAt ?? []).includes(attribute),
    )
  );
}

function unknownAt(change: PlannedChange, key: string): boolean {
  const marks = values(change.afterUnknown)[key];
  return (
    marks === true || (Array.isArray(marks) && marks.some((m) => m === true)) || (isRecord(marks) && Object.values(marks).some((m) => m === true))
  );
}

function recordTakeover(change: PlannedChange, inputs: JudgeInputs): Finding[] {
  const before = values(change.before);
  const after = values(change.after);
  const type = String(after["type"] ?? before["type"] ?? "");
  const was = strings(before["records"]);
  const now = strings(after["records"]);
  const findings: Finding[] = [];
  if (change.action === "delete") {
    if (type === "MX")
      findings.push(
        finding(
          change,
          "mail-removed",
          `${String(before["name"])}'s mail exchangers are removed: mail for the domain goes to whatever its address record points at, or bounces`,
        ),
      );
    if (type === "NS") findings.push(finding(change, "delegation-removed", `the delegation of ${String(before["name"])} is removed`));
    if (type === "CAA")
      findings.push(
        finding(change, "caa-removed", `${String(before["name"])} no longer says which certificate authorities may issue for it: any may`),
      );
    if (type === "TXT" && was.some((v) => spfTerms(txtText(v)) !== undefined))
      findings.push(
        finding(change, "spf-removed", `${String(before["name"])}'s SPF policy is removed: receivers no longer refuse mail forged as the domain`),
      );
    return findings;
  }
  const { ownership } = inputs;
  const name = String(after["name"] ?? "");
  if (unknownAt(change, "records") && !unknownIsEstate(change, inputs, (b) => b["records"])) {
    findings.push(
      finding(
        change,
        "destination-unknown",
        `${name} ${type} points at values unknown until apply that are not the address of an object of the estate`,
      ),
    );
  }
  for (const value of now.filter((v) => !was.includes(v))) {
    const target = recordTarget(type, value);
    if (target !== undefined && !ownership.ownsDestination(target)) {
      findings.push(finding(change, "points-outside", `${name} ${type} now points at ${target}, which the estate does not own`));
    }
  }
  const aliasBefore = blocks(before["alias"]).map((a) => String(a["name"] ?? ""));
  for (const alias of blocks(after["alias"])
    .map((a) => String(a["name"] ?? ""))
    .filter((a) => a !== "" && !aliasBefore.includes(a))) {
    if (!ownership.ownsName(alias))
      findings.push(finding(change, "points-outside", `${name} ${type} is now an alias of ${alias}, which the estate does not own`));
  }
  if (unknownAt(change, "alias") && !unknownIsEstate(change, inputs, (b) => b["alias"])) {
    findings.push(
      finding(change, "destination-unknown", `${name} ${type} is an alias of a target unknown until apply that is not an object of the estate`),
    );
  }
  if (type === "CAA") {
    const had = caaIssuers(was);
    for (const issuer of caaIssuers(now).filter((i) => !had.includes(i) && !ownership.ownsIssuer(i))) {
      findings.push(
        finding(change, "caa-issuer-added", `${name} now lets ${issuer} issue certificates for it, a certificate authority the estate does not use`),
      );
    }
  }
  if (type === "TXT") findings.push(...spfTakeover(change, name, was, now, ownership));
  return findings;
}

function spfTakeover(change: PlannedChange, name: string, was: readonly string[], now: readonly string[], ownership: Ownership): Finding[] {
  const policy = (list: readonly string[]): ReturnType<typeof spfTerms> => list.map((v) => spfTerms(txtText(v))).find((t) => t !== undefined);
  const before = policy(was);
  const after = policy(now);
  if (after === undefined) return [];
  const findings: Finding[] = [];
  const rankBefore = before === undefined ? 1 : spfAllRank(before);
  const rankAfter = spfAllRank(after);
  if (rankAfter > rankBefore) {
    findings.push(
      finding(
        change,
        "spf-loosened",
        `${name}'s SPF policy ends in ${SPF_ALL_NAMES[rankAfter]} where it ${before === undefined ? "would at most soft-fail" : `ended in ${SPF_ALL_NAMES[rankBefore]}`}: more senders may send mail as the domain`,
      ),
    );
  }
  const had = new Set((before ?? []).map((t) => t.text));
  for (const term of after.filter((t) => !had.has(t.text) && t.qualifier !== "-" && t.mechanism !== "all" && t.mechanism !== "exp")) {
    if (!spfTermOwned(term, ownership))
      findings.push(
        finding(change, "spf-loosened", `${name}'s SPF policy now lets ${term.text} send mail as the domain, which the estate does not own`),
      );
  }
  return findings;
}

/** Whether the senders an SPF term allows are the estate's own: the domain itself, its hosts, its addresses. */
function spfTermOwned(term: SpfTerm, ownership: Ownership): boolean {
  if (term.argument === undefined) return term.mechanism === "a" || term.mechanism === "mx";
  if (term.argument.includes("%")) return false; // a macro: the sender decides what it expands to
  if (term.mechanism === "ip4" || term.mechanism === "ip6") {
    const [address, prefix] = term.argument.split("/");
    const single = prefix === undefined || Number(prefix) === (term.mechanism === "ip4" ? 32 : 128);
    return single && ownership.ownsAddress(address ?? "");
  }
  return ownership.ownsName(term.argument.replace(/\/\d+$/, ""));
}

function fastlyTakeover(change: PlannedChange, inputs: JudgeInputs): Finding[] {
  if (change.action === "delete") return [];
  const before = values(change.before);
  const after = values(change.after);
  const findings: Finding[] = [];
  const service = recognizableName(change);
  const { ownership } = inputs;
  const hadAddresses = new Set(blocks(before["backend"]).map((b) => String(b["address"] ?? "")));
  for (const backend of blocks(after["backend"])) {
    const address = typeof backend["address"] === "string" ? backend["address"] : undefined;
    if (address === undefined || hadAddresses.has(address)) continue;
    if (!ownership.ownsDestination(address))
      findings.push(
        finding(
          change,
          "backend-outside",
          `Fastly service ${service}'s backend ${String(backend["name"])} now fetches from ${address}, which the estate does not own`,
        ),
      );
  }
  if (unknownAt(change, "backend") && !unknownIsEstate(change, inputs, (b) => blocks(b["backend"]).map((x) => x["address"]))) {
    findings.push(
      finding(
        change,
        "destination-unknown",
        `Fastly service ${service} fetches from a backend address unknown until apply that is not an object of the estate`,
      ),
    );
  }
  const redirects = (side: Record<string, unknown>): Map<string, string> =>
    new Map(
      blocks(side["header"])
        .filter((h) => /(^|\.)http\.(location|refresh)$/i.test(String(h["destination"] ?? "")))
        .map((h) => [String(h["name"]), String(h["source"] ?? "")]),
    );
  const hadRedirects = redirects(before);
  for (const [name, source] of redirects(after)) {
    if (hadRedirects.get(name) === source) continue;
    for (const host of namedHosts(source).filter((h) => !ownership.ownsName(h))) {
      findings.push(
        finding(
          change,
          "redirect-outside",
          `Fastly service ${service}'s header "${name}" now sends people to ${host}, which the estate does not own`,
        ),
      );
    }
  }
  for (const kind of ["snippet", "dynamicsnippet", "vcl"] as const) {
    const had = new Map(blocks(before[kind]).map((s) => [String(s["name"]), String(s["content"] ?? "")]));
    for (const snippet of blocks(after[kind])) {
      const content = String(snippet["content"] ?? "");
      if (had.get(String(snippet["name"])) === content) continue;
      const before = new Set(namedHosts(had.get(String(snippet["name"])) ?? ""));
      for (const host of namedHosts(content).filter((h) => !before.has(h) && !ownership.ownsName(h))) {
        findings.push(
          finding(
            change,
            "vcl-outside",
            `Fastly service ${service}'s ${kind === "vcl" ? "VCL" : "VCL snippet"} "${String(snippet["name"])}" now names ${host}, which the estate does not own`,
          ),
        );
      }
    }
  }
  return findings;
}

function registrarTakeover(change: PlannedChange, inputs: JudgeInputs): Finding[] {
  const before = values(change.before);
  const after = values(change.after);
  const domain = String(after["domain"] ?? before["domain"] ?? change.address);
  if (change.type === "gandi_nameservers") {
    if (change.action === "create") {
      const outside = strings(after["nameservers"]).filter((ns) => !inputs.ownership.ownsName(ns));
      if (unknownAt(change, "nameservers") && !unknownIsEstate(change, inputs, (b) => b["nameservers"]))
        return [
          finding(
            change,
            "registrar-nameservers-unknown",
            `${domain} is delegated to name servers unknown until apply that are not the estate's zone's`,
          ),
        ];
      return outside.length === 0
        ? []
        : [finding(change, "registrar-nameservers-outside", `${domain} is delegated to ${outside.join(", ")}, name servers the estate does not own`)];
    }
    return [
      finding(
        change,
        "registrar-nameservers-changed",
        `the registrar's name servers for ${domain} change (${stableStringify(before["nameservers"] ?? null)} → ${change.action === "delete" ? "Gandi's own" : stableStringify(after["nameservers"] ?? "(known after apply)")}): whoever runs those servers answers for the whole domain`,
      ),
    ];
  }
  if (change.action === "create") {
    const body = resourceBody(inputs.head.get(change.stack), change.address);
    const key = body?.["public_key"];
    return typeof key === "string" && !key.includes("${")
      ? [
          finding(
            change,
            "registrar-dnssec-key-literal",
            `the registrar publishes for ${domain} a DNSSEC key written into the change, not the zone's own key-signing key`,
          ),
        ]
      : [];
  }
  return [
    finding(
      change,
      "registrar-dnssec-key-changed",
      `the DNSSEC key the registrar publishes for ${domain} ${change.action === "delete" ? "is removed" : "changes"}: the domain's chain of trust ${change.action === "delete" ? "loses its anchor" : "moves to another key"}`,
    ),
  ];
}

function codeTakeover(change: PlannedChange, ownership: Ownership): Finding[] {
  if (change.action === "delete") return [];
  const before = values(change.before);
  const after = values(change.after);
  if (change.type === "heroku_app") {
    const had = strings(before["buildpacks"]);
    return strings(after["buildpacks"])
      .filter((b) => !had.includes(b) && !ownership.ownsBuildpack(b))
      .map((b) =>
        finding(change, "buildpack-outside", `Heroku app ${String(after["name"])} is now built with ${b}, a buildpack from outside the PSF`),
      );
  }
  const urls = blocks(after["source"])
    .map((s) => String(s["url"] ?? ""))
    .filter((u) => u !== "");
  return urls
    .filter((u) => !ownership.ownsRepository(u))
    .map((u) => finding(change, "code-outside", `a Heroku build now deploys ${u}, code from outside the PSF's repositories`));
}

/** Attributes that hold an IAM policy document as JSON text. */
const POLICY_ATTRIBUTE = /(^|_)policy$/;

function policyTakeover(change: PlannedChange, ownership: Ownership): Finding[] {
  if (change.action === "delete") return [];
  const before = values(change.before);
  const after = values(change.after);
  const findings: Finding[] = [];
  for (const [attribute, value] of Object.entries(after)) {
    if (!POLICY_ATTRIBUTE.test(attribute) || typeof value !== "string") continue;
    const grants = policyGrants(value);
    if (grants === undefined) continue;
    const had = new Set(
      (typeof before[attribute] === "string" ? (policyGrants(before[attribute]) ?? []) : []).map((g) => `${g.principal}\0${g.statement}`),
    );
    for (const grant of grants.filter((g) => !had.has(`${g.principal}\0${g.statement}`))) {
      const actions = grant.actions.join(", ");
      if (grant.principalType === "*") {
        if (!grant.actions.every(isReadOnlyAction))
          findings.push(finding(change, "public-write", `${attribute} of ${recognizableName(change)} now lets anyone ${actions}`));
      } else if (grant.principalType === "AWS") {
        const account = principalAccount(grant.principal);
        if (account === undefined || !ownership.ownsAccount(account))
          findings.push(
            finding(
              change,
              "outside-principal",
              `${attribute} of ${recognizableName(change)} now lets ${grant.principal}, outside the PSF's accounts, ${actions}`,
            ),
          );
      } else if (grant.principalType !== "Service" || !/\.amazonaws\.com$/.test(grant.principal)) {
        findings.push(
          finding(
            change,
            "outside-principal",
            `${attribute} of ${recognizableName(change)} now lets ${grant.principalType} ${grant.principal} ${actions}`,
          ),
        );
      }
    }
  }
  return findings;
}
