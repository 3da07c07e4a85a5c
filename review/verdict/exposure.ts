/*
 * Exposure: a change that opens the estate to more of the internet, or publishes what should stay private. A
 * firewall or database rule whose sources, counted as address space, cover more than a /8 of the internet (or are
 * unknown until apply); an output that stops being sensitive, or any value made nonsensitive; a secret-looking
 * literal in the configuration; logs sent somewhere the estate does not own.
 */
import { looksSecretValue } from "../../inventory/looks-secret";
import { describeExposure, exposureOf, isWideOpen } from "../../policy/exposure";
import { spelledOut } from "../../values/remote-state-locals";
import { resources, section } from "../configuration";
import { isRecord, stripMetadata } from "../json";
import type { PlannedChange } from "../terraform-plan";
import { recognizableName } from "./names";
import { isEstateReference } from "./takeover";
import type { Finding, Judge, JudgeInputs } from "./types";
import { urlHost } from "./ownership";

export const judgeExposure: Judge = (inputs) => [
  ...inputs.changes.flatMap((change) => {
    if (change.action === "delete" || change.action === "forget") return [];
    switch (change.type) {
      case "digitalocean_firewall":
        return firewallExposure(change, inputs);
      case "digitalocean_database_firewall":
        return databaseExposure(change);
      case "fastly_service_vcl":
      case "heroku_drain":
        return logExposure(change, inputs);
      default:
        return [];
    }
  }),
  ...outputExposure(inputs),
  ...secretExposure(inputs),
];

function finding(change: PlannedChange, kind: string, detail: string): Finding {
  return { class: "exposure", kind, stack: change.stack, subject: change.address, name: recognizableName(change), detail };
}

const blocks = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];

/** Ports of one protocol, `from` to `to` (icmp has the one interval 0-0). */
interface Ports {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

function portsOf(rule: Record<string, unknown>): Ports {
  const protocol = String(rule["protocol"] ?? "tcp");
  const range = String(rule["port_range"] ?? "");
  if (protocol === "icmp") return { protocol, from: 0, to: 0 };
  const match = /^(\d+)(?:-(\d+))?$/.exec(range);
  // "all", "0", nothing, or what cannot be read: every port.
  if (match === null || range === "0") return { protocol, from: 1, to: 65535 };
  return { protocol, from: Number(match[1]), to: Number(match[2] ?? match[1]) };
}

/**
 * The ports a firewall's rules leave wide open, each with what makes it so: the sources of every rule admitting a
 * port are counted together, so a range split across rules counts whole.
 */
function wideOpenPorts(rules: readonly Record<string, unknown>[]): { ports: Ports; why: string }[] {
  const read = rules.map((rule) => ({ ports: portsOf(rule), sources: strings(rule["source_addresses"]) }));
  const out: { ports: Ports; why: string }[] = [];
  for (const protocol of [...new Set(read.map((r) => r.ports.protocol))].sort()) {
    const mine = read.filter((r) => r.ports.protocol === protocol);
    // Elementary intervals between the rules' boundaries: within one, the same rules admit every port.
    const cuts = [...new Set(mine.flatMap((r) => [r.ports.from, r.ports.to + 1]))].sort((a, b) => a - b);
    for (const [i, from] of cuts.entries()) {
      const next = cuts[i + 1];
      // The last cut only ends the last interval.
      if (next === undefined) break;
      const to = next - 1;
      const exposure = exposureOf(mine.filter((r) => r.ports.from <= from && r.ports.to >= to).flatMap((r) => r.sources));
      if (!isWideOpen(exposure)) continue;
      const why = describeExposure(exposure);
      const last = out[out.length - 1];
      if (last !== undefined && last.ports.protocol === protocol && last.ports.to + 1 === from && last.why === why)
        out[out.length - 1] = { ports: { protocol, from: last.ports.from, to }, why };
      else out.push({ ports: { protocol, from, to }, why });
    }
  }
  return out;
}

/** The part of `after` that `before` did not already leave open. */
function newlyOpen(after: readonly { ports: Ports; why: string }[], before: readonly { ports: Ports }[]): { ports: Ports; why: string }[] {
  return after.flatMap(({ ports, why }) => {
    let pieces: Ports[] = [ports];
    for (const old of before.map((b) => b.ports).filter((b) => b.protocol === ports.protocol)) {
      pieces = pieces.flatMap((p) =>
        old.to < p.from || old.from > p.to
          ? [p]
          : [...(old.from > p.from ? [{ ...p, to: old.from - 1 }] : []), ...(old.to < p.to ? [{ ...p, from: old.to + 1 }] : [])],
      );
    }
    return pieces.map((p) => ({ ports: p, why }));
  });
}

const describePorts = (p: Ports): string => (p.protocol === "icmp" ? "icmp" : `${p.protocol} ${p.from === p.to ? p.from : `${p.from}-${p.to}`}`);

function firewallExposure(change: PlannedChange, inputs: JudgeInputs): Finding[] {
  const rules = (side: unknown): Record<string, unknown>[] => blocks(isRecord(side) ? side["inbound_rule"] : undefined);
  const findings = newlyOpen(wideOpenPorts(rules(change.after)), wideOpenPorts(rules(change.before))).map(({ ports, why }) =>
    finding(
      change,
      "opens-wide",
      `firewall ${recognizableName(change)} now admits ${describePorts(ports)} from more than a /8 of the internet (${why})`,
    ),
  );
  const unknown = isRecord(change.afterUnknown) ? change.afterUnknown["inbound_rule"] : undefined;
  if (JSON.stringify(unknown ?? false).includes("true")) {
    const configuration = inputs.head.get(change.stack);
    const body = resources(configuration).find((r) => r.address === change.address.replace(/\[[^\]]*\]$/, ""))?.body;
    const sources = blocks(body?.["inbound_rule"])
      .flatMap((r) => strings(r["source_addresses"]))
      .filter((s) => s.includes("${"))
      .map((s) => spelledOut(s, configuration));
    const opaque = sources.filter((s) => !isEstateReference(s));
    if (opaque.length > 0)
      findings.push(
        finding(
          change,
          "sources-unknown",
          `firewall ${recognizableName(change)} admits sources unknown until apply (${opaque.join(", ")}): how much of the internet they cover cannot be seen`,
        ),
      );
  }
  return findings;
}

function databaseExposure(change: PlannedChange): Finding[] {
  const ranges = (side: unknown): string[] =>
    blocks(isRecord(side) ? side["rule"] : undefined)
      .filter((r) => r["type"] === "ip_addr")
      .map((r) => String(r["value"]));
  const before = ranges(change.before);
  const after = ranges(change.after);
  const now = exposureOf(after);
  return isWideOpen(now) && !isWideOpen(exposureOf(before))
    ? [
        finding(
          change,
          "opens-wide",
          `the database cluster now admits more than a /8 of the internet (${describeExposure(now)}; added ${after.filter((r) => !before.includes(r)).join(", ")})`,
        ),
      ]
    : [];
}

/** Where a Fastly logging block or a Heroku drain sends its lines. */
function logDestinations(change: PlannedChange, side: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!isRecord(side)) return out;
  if (change.type === "heroku_drain") {
    if (typeof side["url"] === "string") out.set(side["url"], urlHost(side["url"]) ?? side["url"]);
    return out;
  }
  for (const [key, list] of Object.entries(side).filter(([k]) => k.startsWith("logging_"))) {
    for (const block of blocks(list)) {
      const where = ["address", "url", "brokers", "bucket_name", "topic", "dataset", "project_id", "region"]
        .map((k) => block[k])
        .find((v) => typeof v === "string" && v !== "");
      if (typeof where === "string") out.set(`${key.slice("logging_".length)} ${where}`, urlHost(where) ?? where);
    }
  }
  return out;
}

/** Where the base sends logs already, from any service: a new service may log where the others do. */
function baseLogDestinations(change: PlannedChange, inputs: JudgeInputs): Set<string> {
  const known = new Set(logDestinations(change, change.before).keys());
  for (const configuration of inputs.base.values()) {
    for (const { type, body } of resources(configuration))
      if (type === change.type) for (const key of logDestinations(change, body).keys()) known.add(key);
  }
  return known;
}

function logExposure(change: PlannedChange, inputs: JudgeInputs): Finding[] {
  const before = baseLogDestinations(change, inputs);
  return [...logDestinations(change, change.after)]
    .filter(([key, host]) => !before.has(key) && !inputs.ownership.ownsDestination(host))
    .map(([key]) =>
      finding(
        change,
        "logs-outside",
        `${recognizableName(change)} now sends its logs (client addresses among them) to ${key}, which the estate does not own`,
      ),
    );
}

function outputExposure({ outputChanges, base, head }: JudgeInputs): Finding[] {
  const findings: Finding[] = outputChanges
    .filter((o) => o.action !== "delete" && o.beforeSensitive && !o.afterSensitive)
    .map((o) => ({
      class: "exposure",
      kind: "output-unmasked",
      stack: o.stack,
      subject: `output.${o.name}`,
      name: `output ${o.name}`,
      detail: `output ${o.name} was sensitive and is now shown in every plan and state read`,
    }));
  for (const [stack, configuration] of head) {
    const before = JSON.stringify(base.get(stack) ?? {});
    for (const [name, output] of Object.entries(section(configuration, "output"))) {
      const text = JSON.stringify(output);
      if (/\bnonsensitive\(/.test(text) && !before.includes(text)) {
        findings.push({
          class: "exposure",
          kind: "output-unmasked",
          stack,
          subject: `output.${name}`,
          name: `output ${name}`,
          detail: `output ${name} unmasks a sensitive value with nonsensitive(): it is shown in every plan and state read`,
        });
      }
    }
  }
  return findings;
}

/** Literal strings of a configuration (interpolations removed), with where they are. */
function literals(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof value === "string") {
    for (const text of value.split(/\$\{[^}]*\}/)) if (text.trim() !== "") out.push({ path, text });
  } else if (Array.isArray(value)) value.forEach((v, i) => literals(v, `${path}[${i}]`, out));
  else if (isRecord(value)) for (const [k, v] of Object.entries(value)) literals(v, path === "" ? k : `${path}.${k}`, out);
}

function secretExposure({ base, head }: JudgeInputs): Finding[] {
  return [...head].flatMap(([stack, configuration]) => {
    const known = new Set<string>();
    const baseLiterals: { path: string; text: string }[] = [];
    literals(stripMetadata(base.get(stack) ?? {}), "", baseLiterals);
    for (const l of baseLiterals) known.add(l.text);
    const found: { path: string; text: string }[] = [];
    literals(stripMetadata(configuration), "", found);
    return found
      .filter((l) => !known.has(l.text) && looksSecretValue(l.text))
      .map((l): Finding => ({
        class: "exposure",
        kind: "secret-in-configuration",
        stack,
        subject: l.path.split(".").slice(0, 3).join("."),
        name: l.path.split(".").slice(1, 3).join("."),
        detail: `${l.path} holds a value that looks like a credential (not shown): whatever is in the configuration is in the repository, every plan and the state; give it through a sensitive variable`,
      }));
  });
}
