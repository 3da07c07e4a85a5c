/*
 * The policy on the synthesized estate: the committed estate passes every rule (with the exceptions it
 * records, each still needed and within its term), each rule reports a violating change of the estate, and
 * the review's entry point judges a head's configuration and facts with this module's rules and the base's
 * exceptions only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadEstate } from "../inventory";
import { estateFacts, parseEstateFacts, type EstateFacts, type PolicyExceptionFacts } from "../inventory/estate-facts";
import {
  causeLabel,
  enforcePolicy,
  judgePolicy,
  POLICY_RULES,
  PolicyError,
  type Configuration,
  type PolicyContext,
  type PolicyRule,
  type PolicyVerdict,
} from "../policy";
import { DATA_RULES } from "../policy/rules/data";
import { DNS_RULES, isPublicAddress } from "../policy/rules/dns";
import { NETWORK_RULES } from "../policy/rules/network";
import { SECRET_RULES } from "../policy/rules/secrets";
import { synthCommittedEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

const synth = synthCommittedEstate();
const estate = loadEstate();
const facts = estateFacts(estate);
const committed: PolicyContext = { configurations: synth.json as ReadonlyMap<string, Configuration>, facts };
/** The day the inventory's latest exception was granted: every exception counts then. */
const TODAY = defined(
  facts.policy.exceptions
    .map((e) => e.granted)
    .sort()
    .at(-1),
);

/** Synthesis's own verdict: every exception the facts record is granted. */
const verdictOf = (context: PolicyContext, today = TODAY): PolicyVerdict =>
  judgePolicy({ ...context, grantedExceptions: context.facts.policy.exceptions, today });

type Body = Record<string, unknown>;

/** The committed estate with one change: `edit` gets a deep copy of every stack's configuration. */
function changed(edit: (stacks: Map<string, Body>) => void): PolicyContext {
  const copy = new Map([...synth.json].map(([name, json]) => [name, JSON.parse(JSON.stringify(json)) as Body]));
  edit(copy);
  return { configurations: copy, facts };
}

/** The committed facts with other exceptions. */
const withExceptions = (exceptions: readonly PolicyExceptionFacts[], base: EstateFacts = facts): EstateFacts => ({
  ...base,
  policy: { ...base.policy, exceptions },
});

/** The first resource of `type` in `stack` whose body passes `where`. */
function resource(stacks: Map<string, Body>, stack: string, type: string, where: (body: Body) => boolean = () => true): Body {
  const byName = (defined(stacks.get(stack)).resource as Record<string, Record<string, Body>>)[type] ?? {};
  const found = Object.values(byName).find(where);
  if (found === undefined) throw new Error(`no ${type} in ${stack} matches`);
  return found;
}

const firewallOf =
  (role: string) =>
  (body: Body): boolean =>
    String((body["//"] as { metadata: { path: string } }).metadata.path).includes(`/firewall-${role}/`);
const byId = (rules: readonly PolicyRule[], id: string): PolicyRule => defined(rules.find((r) => r.id === id));
const messages = (rule: PolicyRule, context: PolicyContext): string[] => rule.check(context).map((f) => f.message);

describe("the committed estate", () => {
  it("breaks no rule, once its recorded exceptions are applied", () => {
    const verdict = verdictOf(committed);
    expect(verdict.violations.map((v) => `${v.rule}: ${v.message}`)).toEqual([]);
    expect(verdict.exceptionProblems).toEqual([]);
    expect(verdict.requested).toEqual([]);
  });

  it("records every exception with a reason and a term, each excusing something", () => {
    const verdict = verdictOf(committed);
    expect(facts.policy.exceptions).toHaveLength(estate.policyExceptions().length);
    for (const exception of facts.policy.exceptions) expect(verdict.excused.some((e) => e.exception === exception)).toBe(true);
  });

  it("gives every exception an owner who answers for its item: the owner of the role's or host's hosts, or the infrastructure staff", () => {
    for (const { subject, exception } of estate.policyExceptions()) {
      const hosts =
        subject.kind === "role"
          ? estate.hostsWithRole(subject.name)
          : subject.kind === "host"
            ? estate.hosts.filter((h) => h.fqdn === subject.name)
            : [];
      expect([estate.infrastructureOwner, ...hosts.map((h) => h.owner)]).toContain(exception.owner);
    }
  });

  it("writes the policy's facts as data, and reads them back the same", () => {
    expect(parseEstateFacts(JSON.parse(JSON.stringify(facts)), "test")).toEqual(facts);
    expect(facts.policy.roles.map((r) => r.name)).toEqual(estate.roles.map((r) => r.name).sort());
    expect(facts.policy.hosts.filter((h) => h.holdsData).map((h) => h.fqdn)).toEqual(
      estate.hosts
        .filter((h) => h.holdsData)
        .map((h) => h.fqdn)
        .sort(),
    );
    for (const role of estate.roles) {
      expect(facts.policy.roles.find((r) => r.name === role.name)?.worldPorts).toEqual(
        estate.worldPorts(role).map(({ protocol, from, to }) => ({ protocol, from, to })),
      );
    }
  });

  it("has every rule named, explained and in one of the four areas", () => {
    for (const rule of POLICY_RULES) {
      expect(rule.id).toMatch(/^(network|data|dns|secrets)\.[a-z0-9-]+$/);
      expect(rule.rationale.length).toBeGreaterThan(20);
    }
    expect(new Set(POLICY_RULES.map((r) => r.id)).size).toBe(POLICY_RULES.length);
  });
});

describe("network rules report", () => {
  it("network.world-ports-declared: a port open to the world that the role does not declare", () => {
    const context = changed((s) =>
      (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("bugs")).inbound_rule as Body[]).push({
        protocol: "tcp",
        port_range: "5432",
        source_addresses: ["0.0.0.0/0"],
      }),
    );
    expect(messages(byId(NETWORK_RULES, "network.world-ports-declared"), context)).toEqual([
      expect.stringMatching(/firewall-bugs.*tcp 5432 to the world \(all of IPv4\).*role "bugs"/),
    ]);
  });

  describe("open to the world, counted as address space", () => {
    const rule = byId(NETWORK_RULES, "network.world-ports-declared");
    const bugsWith = (...added: Body[]): PolicyContext =>
      changed((s) => (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("bugs")).inbound_rule as Body[]).push(...added));

    it("the two halves of IPv4, in two rules, are the whole of it", () => {
      const context = bugsWith(
        { protocol: "tcp", port_range: "5432", source_addresses: ["0.0.0.0/1"] },
        { protocol: "tcp", port_range: "5432", source_addresses: ["128.0.0.0/1"] },
      );
      expect(messages(rule, context)).toEqual([expect.stringMatching(/tcp 5432 to the world \(all of IPv4\)/)]);
    });

    it("256 /8s, none more than a /8 alone, are more than a /8 together; one /8 is not", () => {
      const slash8s = Array.from({ length: 256 }, (_, i) => ({ protocol: "tcp", port_range: "5432", source_addresses: [`${i}.0.0.0/8`] }));
      expect(messages(rule, bugsWith(...slash8s))).toEqual([expect.stringMatching(/tcp 5432 to the world \(all of IPv4\)/)]);
      expect(messages(rule, bugsWith({ protocol: "tcp", port_range: "5432", source_addresses: ["10.0.0.0/8"] }))).toEqual([]);
    });

    it("a range of ports counts the sources of every rule admitting each port, and reports only the undeclared ports", () => {
      const context = changed((s) =>
        (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("pypy-web")).inbound_rule as Body[]).push(
          { protocol: "tcp", port_range: "1-1000", source_addresses: ["0.0.0.0/1"] },
          { protocol: "tcp", port_range: "5000", source_addresses: ["128.0.0.0/1"] },
          { protocol: "tcp", port_range: "400-6000", source_addresses: ["128.0.0.0/1"] },
        ),
      );
      // The role declares tcp 22 (every host), 80 and 443 (its own): the rest of 1-6000 is open to half of IPv4 or more.
      const declared = defined(facts.policy.roles.find((r) => r.name === "pypy-web"))
        .worldPorts.filter((p) => p.protocol === "tcp")
        .map((p) => `${p.from}-${p.to}`);
      expect(declared).toEqual(["22-22", "80-80", "443-443"]);
      expect(messages(rule, context)).toEqual([
        expect.stringMatching(/tcp 1-21 to the world \(50% of IPv4\)/),
        expect.stringMatching(/tcp 23-79 to the world/),
        expect.stringMatching(/tcp 81-399 to the world/),
        expect.stringMatching(/tcp 400-442 to the world \(all of IPv4\)/),
        expect.stringMatching(/tcp 444-1000 to the world \(all of IPv4\)/),
        expect.stringMatching(/tcp 1001-6000 to the world \(50% of IPv4\)/),
      ]);
    });

    it("IPv6 counts as IPv6: a /7 is past a /8's worth, a /9 is not", () => {
      expect(messages(rule, bugsWith({ protocol: "udp", port_range: "53", source_addresses: ["2000::/7"] }))).toEqual([
        expect.stringMatching(/udp 53 to the world \(0.78% of IPv6\)/),
      ]);
      expect(messages(rule, bugsWith({ protocol: "udp", port_range: "53", source_addresses: ["2000::/9"] }))).toEqual([]);
    });

    it("a source that is an expression, or no address, counts as the whole internet", () => {
      expect(messages(rule, bugsWith({ protocol: "tcp", port_range: "5432", source_addresses: ['${cidrsubnet("0.0.0.0/0", 0, 0)}'] }))).toEqual([
        expect.stringMatching(/tcp 5432 to the world .*cannot evaluate, so it counts as the whole internet/),
      ]);
      expect(messages(rule, bugsWith({ protocol: "tcp", port_range: "5432", source_addresses: ["0/0"] }))).toEqual([
        expect.stringMatching(/"0\/0" is not an address or a CIDR range/),
      ]);
    });

    it("a plain reference is not counted here (the review counts its planned value), but a variable's default is", () => {
      const referenced = changed((s) => {
        (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("bugs")).inbound_rule as Body[]).push({
          protocol: "tcp",
          port_range: "5432",
          source_addresses: ["${var.db_sources}"],
        });
        (defined(s.get("digitalocean-nyc1")).variable as Record<string, Body>).db_sources = { type: "list(string)" };
      });
      expect(messages(rule, referenced)).toEqual([]);
      const defaulted = changed((s) => {
        (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("bugs")).inbound_rule as Body[]).push({
          protocol: "tcp",
          port_range: "5432",
          source_addresses: ["${var.db_sources}"],
        });
        (defined(s.get("digitalocean-nyc1")).variable as Record<string, Body>).db_sources = {
          type: "list(string)",
          default: ["0.0.0.0/1", "128.0.0.0/1"],
        };
      });
      expect(messages(rule, defaulted)).toEqual([expect.stringMatching(/tcp 5432 to the world \(all of IPv4\)/)]);
    });

    describe("a source read through a local (values/remote-state-locals.ts)", () => {
      const nyc1 = defined(synth.json.get("digitalocean-nyc1"));
      // A committed firewall source read from another stack through the local of its remote state.
      const source = defined(
        Object.values(nyc1.resource?.["digitalocean_firewall"] ?? {})
          .flatMap((firewall) => (firewall["inbound_rule"] as { source_addresses?: string[] }[]).flatMap((r) => r.source_addresses ?? []))
          .find((s) => s.startsWith("${local.")),
        "a firewall source read through a local",
      );
      const [, read = "", output = ""] = defined(/^\$\{local\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\}$/.exec(source));
      const withLocal = (name: string, value: unknown): PolicyContext =>
        changed((s) => {
          (defined(s.get("digitalocean-nyc1")).locals as Body)[name] = value;
        });
      const wholeInternet = (text: string): RegExp =>
        new RegExp(
          `to the world .*"${text.replace(/[$.{}[\]()*+?^|\\]/g, "\\$&")}" is an expression the policy cannot evaluate, so it counts as the whole internet`,
        );

      it("is a plain reference, not counted here, when the local is exactly a declared remote state's outputs", () => {
        expect(read).toMatch(/^cross-stack-reference-input-/);
        expect(messages(rule, committed)).toEqual([]);
      });

      it.each([
        ["a literal /0", { [output]: "0.0.0.0/0" }],
        ["the outputs merged with a /0", `\${merge(data.terraform_remote_state.${read}.outputs, { ${output} = "0.0.0.0/0" })}`],
        ["another remote state's outputs", "${data.terraform_remote_state.elsewhere.outputs}"],
      ])("fails when the remote state's local is redefined as %s: the source counts as the whole internet", (_what, value) => {
        expect(messages(rule, withLocal(read, value))).toContainEqual(expect.stringMatching(wholeInternet(source)));
      });

      it("fails a /0 behind a local of a pull request's own", () => {
        const context = changed((s) => {
          (defined(s.get("digitalocean-nyc1")).locals as Body)["trusted"] = "0.0.0.0/0";
          (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("bugs")).inbound_rule as Body[]).push({
            protocol: "tcp",
            port_range: "5432",
            source_addresses: ["${local.trusted}"],
          });
        });
        expect(messages(rule, context)).toEqual([expect.stringMatching(wholeInternet("${local.trusted}"))]);
      });
    });

    it("ports whose role declares them stay open to the world", () => {
      expect(messages(rule, bugsWith({ protocol: "tcp", port_range: "22", source_addresses: ["0.0.0.0/1", "128.0.0.0/1"] }))).toEqual([]);
    });
  });

  it("network.fastly-ports-from-fastly: a Fastly port open to all, and Fastly's ranges allowed to be a /0", () => {
    const context = changed((s) => {
      for (const rule of resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("cdn-logs")).inbound_rule as Body[])
        if (rule.port_range === "514") rule.source_addresses = ["0.0.0.0/0"];
      const variable = defined((defined(s.get("digitalocean-nyc1")).variable as Record<string, Body>).fastly_source_ranges);
      variable.validation = [{ condition: "${length(var.fastly_source_ranges) > 0}", error_message: "x" }];
    });
    const found = messages(byId(NETWORK_RULES, "network.fastly-ports-from-fastly"), context);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/firewall-cdn-logs.*tcp 514 from 0\.0\.0\.0\/0/),
        expect.stringMatching(/firewall-loadbalancer.*does not refuse a \/0/),
      ]),
    );
  });

  it("network.ssh-from-admin-sources: ssh open to the world (which the committed estate excuses, and a fix ends)", () => {
    const rule = byId(NETWORK_RULES, "network.ssh-from-admin-sources");
    expect(messages(rule, committed).some((m) => m.includes("firewall-bugs"))).toBe(true);
    const fixed = changed((s) => {
      for (const r of resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("bugs")).inbound_rule as Body[])
        if (r.port_range === "22") r.source_addresses = ["198.51.100.7/32"];
    });
    expect(messages(rule, fixed).some((m) => m.includes("firewall-bugs"))).toBe(false);
  });

  it("network.no-plaintext-mail: plaintext POP3 opened on a role with no exception", () => {
    const context = changed((s) =>
      (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("docs")).inbound_rule as Body[]).push({
        protocol: "tcp",
        port_range: "110",
        source_addresses: ["::/0"],
      }),
    );
    const verdict = verdictOf(context);
    expect(verdict.violations.map((v) => v.message)).toContainEqual(
      expect.stringMatching(/firewall-docs.*plaintext POP3 \(tcp 110\) to the world \(all of IPv6\)/),
    );
  });

  it("network.no-plaintext-mail: plaintext IMAP inside a range of ports, from the two halves of IPv4", () => {
    const context = changed((s) =>
      (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("docs")).inbound_rule as Body[]).push({
        protocol: "tcp",
        port_range: "100-200",
        source_addresses: ["0.0.0.0/1", "128.0.0.0/1"],
      }),
    );
    expect(messages(byId(NETWORK_RULES, "network.no-plaintext-mail"), context).filter((m) => m.includes("firewall-docs"))).toEqual([
      expect.stringMatching(/plaintext POP3 \(tcp 110\) to the world \(all of IPv4\)/),
      expect.stringMatching(/plaintext NNTP \(tcp 119\)/),
      expect.stringMatching(/plaintext IMAP \(tcp 143\)/),
    ]);
  });

  it("network.droplet-in-one-role-firewall: a droplet in no firewall, and one in two", () => {
    const context = changed((s) => {
      resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("docs")).droplet_ids = [];
      (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("hg")).droplet_ids as string[]).push(
        ...(resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("planet")).droplet_ids as string[]),
      );
    });
    const found = messages(byId(NETWORK_RULES, "network.droplet-in-one-role-firewall"), context);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/docs\.nyc1\.psf\.io is in no role firewall/),
        expect.stringMatching(
          /planet\.nyc1\.psf\.io is in 2 role firewalls \(hg, planet\)|planet\.nyc1\.psf\.io is in 2 role firewalls \(planet, hg\)/,
        ),
      ]),
    );
  });

  it("network.database-firewall-not-empty: a database firewall without a rule", () => {
    const context = changed((s) => {
      resource(s, "digitalocean-nyc1-database", "digitalocean_database_firewall").rule = [];
    });
    expect(messages(byId(NETWORK_RULES, "network.database-firewall-not-empty"), context)).toEqual([
      expect.stringMatching(/pg-nyc1-psf-io has no firewall with a rule/),
    ]);
  });

  it("network.database-not-wide-open: the database admitting more than a /8, split across its rules", () => {
    const rule = byId(NETWORK_RULES, "network.database-not-wide-open");
    expect(messages(rule, committed)).toEqual([]);
    const context = changed((s) => {
      (resource(s, "digitalocean-nyc1-database", "digitalocean_database_firewall").rule as Body[]).push(
        { type: "ip_addr", value: "0.0.0.0/1" },
        { type: "ip_addr", value: "128.0.0.0/1" },
      );
    });
    expect(messages(rule, context)).toEqual([expect.stringMatching(/admits database cluster pg-nyc1-psf-io from all of IPv4/)]);
  });

  it("network.database-not-wide-open: fails an address behind a local unless the local is exactly a remote state's outputs", () => {
    const rule = byId(NETWORK_RULES, "network.database-not-wide-open");
    const read = defined(Object.keys(defined(synth.json.get("digitalocean-nyc1-database")).locals ?? {})[0]);
    const admitting = (value: string, locals: Body = {}): PolicyContext =>
      changed((s) => {
        Object.assign(defined(s.get("digitalocean-nyc1-database")).locals as Body, locals);
        (resource(s, "digitalocean-nyc1-database", "digitalocean_database_firewall").rule as Body[]).push({ type: "ip_addr", value });
      });
    // The remote state's own local: a planned value, judged by the review.
    expect(messages(rule, admitting(`\${local.${read}.address}`))).toEqual([]);
    expect(messages(rule, admitting("${local.anywhere}", { anywhere: "0.0.0.0/0" }))).toEqual([
      expect.stringMatching(/admits database cluster pg-nyc1-psf-io from .*local\.anywhere.*counts as the whole internet/),
    ]);
    expect(messages(rule, admitting(`\${local.${read}.address}`, { [read]: { address: "0.0.0.0/0" } }))).toEqual([
      expect.stringMatching(/admits database cluster pg-nyc1-psf-io from .*counts as the whole internet/),
    ]);
  });
});

describe("data rules report", () => {
  it("data.prevent-destroy: a zone, a data add-on and a data droplet a plan could destroy", () => {
    const context = changed((s) => {
      delete resource(s, "dns", "aws_route53_zone").lifecycle;
      delete resource(s, "heroku", "heroku_addon", (b) => String(b.plan).startsWith("heroku-postgresql")).lifecycle;
      delete resource(s, "digitalocean-sfo1", "digitalocean_droplet").lifecycle;
    });
    const found = messages(byId(DATA_RULES, "data.prevent-destroy"), context);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Route 53 zone/),
        expect.stringMatching(/heroku-postgresql/),
        expect.stringMatching(/backup.*its host holds data/),
      ]),
    );
  });

  it("data.droplet-backups: a data droplet without backups", () => {
    const context = changed((s) => {
      resource(s, "digitalocean-sfo1", "digitalocean_droplet").backups = false;
    });
    expect(messages(byId(DATA_RULES, "data.droplet-backups"), context)).toEqual([
      expect.stringMatching(/backup\.sfo1\.psf\.io holds data but has no backups/),
    ]);
  });

  it("data.bucket-versioning: the website bucket without versioning", () => {
    const context = changed((s) => {
      delete (defined(s.get("static-sites")).resource as Body).aws_s3_bucket_versioning;
    });
    expect(messages(byId(DATA_RULES, "data.bucket-versioning"), context)).toEqual([expect.stringMatching(/www\.jython\.org has no versioning/)]);
  });

  it("data.kms-deletion-window: the DNSSEC key with a shorter deletion window", () => {
    const context = changed((s) => {
      resource(s, "dns", "aws_kms_key").deletion_window_in_days = 7;
    });
    expect(messages(byId(DATA_RULES, "data.kms-deletion-window"), context)).toEqual([expect.stringMatching(/deletion window is 7 days/)]);
  });
});

describe("DNS rules report", () => {
  const record = (s: Map<string, Body>, type: string, name: string): Body =>
    resource(s, "dns", "aws_route53_record", (b) => b.type === type && b.name === name);

  it("dns.caa-on-every-zone: a zone without CAA", () => {
    const context = changed((s) => {
      record(s, "CAA", "jython.org").records = [];
    });
    expect(messages(byId(DNS_RULES, "dns.caa-on-every-zone"), context)).toEqual([expect.stringMatching(/zone jython\.org has no CAA/)]);
  });

  it("dns.caa-allows-used-cas: a certificate from a CA the zone does not allow", () => {
    const context = changed((s) => {
      resource(s, "fastly", "fastly_tls_subscription").certificate_authority = "certainly";
    });
    expect(messages(byId(DNS_RULES, "dns.caa-allows-used-cas"), context)).toContainEqual(
      expect.stringMatching(/from certainly \(certainly\.com\), which zone python\.org's CAA does not allow/),
    );
  });

  it("dns.no-spf-plus-all: an SPF record that lets anyone send", () => {
    const context = changed((s) => {
      record(s, "TXT", "jython.org").records = ["v=spf1 +all"];
    });
    expect(messages(byId(DNS_RULES, "dns.no-spf-plus-all"), context)).toEqual([expect.stringMatching(/allows every sender/)]);
  });

  it("dns.no-spf-plus-all: a bare `all` is `+all` (the default qualifier is +); -all, ~all and ?all pass", () => {
    const judged = (value: string) =>
      messages(
        byId(DNS_RULES, "dns.no-spf-plus-all"),
        changed((s) => {
          record(s, "TXT", "jython.org").records = [value];
        }),
      );
    for (const value of ["v=spf1 all", "v=spf1 mx all", "v=spf1 mx +ALL", "V=SPF1 include:_spf.example.org all"]) {
      expect({ value, messages: judged(value) }).toEqual({ value, messages: [expect.stringMatching(/allows every sender/)] });
    }
    for (const value of ["v=spf1 -all", "v=spf1 mx ~all", "v=spf1 ?all", "v=spf1 include:all.example.org -all"])
      expect({ value, messages: judged(value) }).toEqual({ value, messages: [] });
  });

  it("dns.no-private-addresses: a private address in a public zone", () => {
    const context = changed((s) => {
      Object.assign(record(s, "CAA", "jython.org"), { type: "A", records: ["10.132.0.5"] });
    });
    expect(messages(byId(DNS_RULES, "dns.no-private-addresses"), context)).toEqual([
      expect.stringMatching(/jython\.org A 10\.132\.0\.5 is not a public address/),
    ]);
  });

  it("dns.no-private-addresses: addresses are compared as numbers, not as text", () => {
    expect(["2001:0db8::1", "2001:DB8::1", "fd00::1", "fe80::1", "100.64.0.1", "192.0.2.255"].filter(isPublicAddress)).toEqual([]);
    expect(["2001:db80::1", "2a04:4e42::645", "151.101.0.223", "100.128.0.1"].every(isPublicAddress)).toBe(true);
  });

  it("dns.txt-split-255: a TXT string longer than 255 characters", () => {
    const context = changed((s) => {
      record(s, "TXT", "jython.org").records = [`v=spf1 ${"include:example.org ".repeat(20)}-all`];
    });
    expect(messages(byId(DNS_RULES, "dns.txt-split-255"), context)).toEqual([expect.stringMatching(/not split at 255/)]);
  });

  it("dns.mx-priority: an MX value without a priority", () => {
    const context = changed((s) => {
      record(s, "MX", "python.org").records = ["mail.python.org"];
    });
    expect(messages(byId(DNS_RULES, "dns.mx-priority"), context)).toEqual([expect.stringMatching(/has no priority/)]);
  });

  it("dns.valid-targets: an MX target that is no host name", () => {
    const context = changed((s) => {
      record(s, "MX", "python.org").records = ["10 mail_python!.org"];
    });
    expect(messages(byId(DNS_RULES, "dns.valid-targets"), context)).toEqual([expect.stringMatching(/"mail_python!\.org" is not a host name/)]);
  });
});

describe("secrets rules report", () => {
  it("secrets.no-credentials-in-plain-values: a database URL with a password, and a GitHub token in a header", () => {
    const context = changed((s) => {
      const app = resource(s, "heroku", "heroku_app");
      app.config_vars = { ...(app.config_vars as Body | undefined), DATABASE_URL: "postgres://bot:hunter22@db.example.org/bot" };
      (resource(s, "fastly", "fastly_service_vcl").header as Body[]).push({
        name: "github",
        action: "set",
        type: "request",
        destination: "http.X-Token-Free",
        source: '"ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"',
      });
    });
    const found = messages(byId(SECRET_RULES, "secrets.no-credentials-in-plain-values"), context);
    expect(found).toEqual([expect.stringMatching(/config var DATABASE_URL/), expect.stringMatching(/header "github"/)]);
  });
});

describe("a finding names the inventory item and field that made it", () => {
  const record = (s: Map<string, Body>, type: string, name: string): Body =>
    resource(s, "dns", "aws_route53_record", (b) => b.type === type && b.name === name);
  /** The causes of what `context` adds to the committed estate's findings (the committed estate's are excused), or of all when it is the committed one. */
  const causes = (rule: PolicyRule, context: PolicyContext): string[] => {
    const before = context === committed ? [] : rule.check(committed).map((f) => f.message);
    return [
      ...new Set(
        rule
          .check(context)
          .filter((f) => !before.includes(f.message))
          .map((f) => causeLabel(f.cause)),
      ),
    ];
  };

  it.each([
    [
      "a port the role does not declare: the role's world ports",
      NETWORK_RULES,
      "network.world-ports-declared",
      () =>
        changed((s) =>
          (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("bugs")).inbound_rule as Body[]).push({
            protocol: "tcp",
            port_range: "5432",
            source_addresses: ["0.0.0.0/0"],
          }),
        ),
      'role "bugs" field "worldPorts"',
    ],
    [
      "ssh, which every role declares: the ports every host opens",
      NETWORK_RULES,
      "network.ssh-from-admin-sources",
      () => committed,
      'every host field "commonWorldPorts"',
    ],
    [
      "plaintext POP3: the role's world ports",
      NETWORK_RULES,
      "network.no-plaintext-mail",
      () =>
        changed((s) =>
          (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("docs")).inbound_rule as Body[]).push({
            protocol: "tcp",
            port_range: "110",
            source_addresses: ["::/0"],
          }),
        ),
      'role "docs" field "worldPorts"',
    ],
    [
      "a droplet in no firewall: its host's role",
      NETWORK_RULES,
      "network.droplet-in-one-role-firewall",
      () =>
        changed((s) => {
          resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("docs")).droplet_ids = [];
        }),
      'host "docs.nyc1" field "role"',
    ],
    [
      "a data droplet without backups: whether its host holds data",
      DATA_RULES,
      "data.droplet-backups",
      () =>
        changed((s) => {
          resource(s, "digitalocean-sfo1", "digitalocean_droplet").backups = false;
        }),
      'host "backup.sfo1" field "holdsData"',
    ],
    [
      "SPF +all at an apex: the zone's spf",
      DNS_RULES,
      "dns.no-spf-plus-all",
      () =>
        changed((s) => {
          record(s, "TXT", "jython.org").records = ["v=spf1 +all"];
        }),
      'zone "jython.org" field "spf"',
    ],
    [
      "an apex TXT value past 255 characters: the zone's txt",
      DNS_RULES,
      "dns.txt-split-255",
      () =>
        changed((s) => {
          record(s, "TXT", "jython.org").records = ["v=spf1 -all", "x".repeat(300)];
        }),
      'zone "jython.org" field "txt[0]"',
    ],
    [
      "a zone without CAA: the CAA policy's issuers",
      DNS_RULES,
      "dns.caa-on-every-zone",
      () =>
        changed((s) => {
          record(s, "CAA", "jython.org").records = [];
        }),
      'CAA policy field "issuers"',
    ],
    [
      "an MX priority past 65535: the zone's records",
      DNS_RULES,
      "dns.mx-priority",
      () =>
        changed((s) => {
          record(s, "MX", "python.org").records = ["70000 mail.python.org"];
        }),
      'zone "python.org" field "records"',
    ],
    [
      "a credential in a plain config var: the app's config var",
      SECRET_RULES,
      "secrets.no-credentials-in-plain-values",
      () =>
        changed((s) => {
          const app = resource(s, "heroku", "heroku_app", (b) => b.name === "bedevere");
          app.config_vars = { DATABASE_URL: "postgres://bot:hunter22@db.example.org/bot" };
        }),
      'heroku app "bedevere" field "configVars.DATABASE_URL"',
    ],
    [
      "a bucket without versioning: no inventory field, the construct's own choice",
      DATA_RULES,
      "data.bucket-versioning",
      () =>
        changed((s) => {
          delete (defined(s.get("static-sites")).resource as Body).aws_s3_bucket_versioning;
        }),
      expect.stringMatching(/^construct static-sites\/\S+ \(its own choice: no inventory field decides it\)$/),
    ],
  ] as const)("%s", (_case, rules, id, context, cause) => {
    expect(causes(byId(rules, id), context())).toEqual([cause]);
  });

  it("leads each line synthesis refuses with", () => {
    const context = changed((s) =>
      (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("docs")).inbound_rule as Body[]).push({
        protocol: "tcp",
        port_range: "110",
        source_addresses: ["::/0"],
      }),
    );
    expect(() => enforcePolicy(context, TODAY)).toThrow(
      /\n {2}- role "docs" field "worldPorts": network\.no-plaintext-mail \(digitalocean-nyc1 digitalocean_firewall\.\S+\): /,
    );
  });
});

describe("exceptions", () => {
  const docs = (exception: Partial<PolicyExceptionFacts>): EstateFacts =>
    withExceptions([
      ...facts.policy.exceptions,
      {
        subject: { kind: "role", name: "docs" },
        rule: "network.no-plaintext-mail",
        reason: "a reason of some length",
        owner: "docs",
        granted: TODAY,
        expires: TODAY,
        ...exception,
      },
    ]);
  const problemsOf = (withFacts: EstateFacts, today = TODAY): readonly string[] =>
    verdictOf({ configurations: committed.configurations, facts: withFacts }, today).exceptionProblems;
  const docsPop3 = changed((s) =>
    (resource(s, "digitalocean-nyc1", "digitalocean_firewall", firewallOf("docs")).inbound_rule as Body[]).push({
      protocol: "tcp",
      port_range: "110",
      source_addresses: ["0.0.0.0/0"],
    }),
  );

  it("fail for an unknown rule", () => {
    expect(problemsOf(docs({ rule: "network.no-such-rule" }))).toEqual([expect.stringMatching(/network\.no-such-rule on role "docs": no such rule/)]);
  });

  it("name the item they are written beside and the field, as the inventory's refusals do", () => {
    expect(problemsOf(docs({ rule: "network.no-such-rule" }))).toEqual([expect.stringMatching(/^role "docs" field "policyExceptions\[0\]\.rule": /)]);
    expect(problemsOf(docs({ granted: "2026-12-24", expires: "2027-01-01" }), "2026-12-23")).toEqual([
      expect.stringMatching(/^role "docs" field "policyExceptions\[0\]\.granted": /),
    ]);
    const [common, ...rest] = facts.policy.exceptions;
    expect(problemsOf(withExceptions([{ ...defined(common), reason: "short" }, ...rest]))).toEqual([
      expect.stringMatching(/^every host field "commonPortsPolicyExceptions\[0\]\.reason": .*give a reason$/),
    ]);
  });

  it("fail when granted after today, which an expiry more than 180 days ahead of today means", () => {
    expect(problemsOf(docs({ granted: "2027-03-01", expires: "2027-08-01" }), "2026-12-04")).toEqual([
      'role "docs" field "policyExceptions[0].granted": the exception to network.no-plaintext-mail on role "docs": granted on 2027-03-01, after today (2026-12-04): an exception counts from the day it is granted, so it would last until 2027-08-01, more than 180 days from today',
    ]);
  });

  it("count on their expiry day, then fail and stop excusing", () => {
    const dayBefore = new Date(Date.parse(`${TODAY}T00:00:00Z`) - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const lastDay = docs({ granted: "2026-11-01", expires: TODAY });
    expect(problemsOf(lastDay)).toEqual([expect.stringMatching(/on role "docs": excuses nothing/)]);
    const plaintext = (verdict: PolicyVerdict): unknown[] => verdict.violations.filter((v) => v.rule === "network.no-plaintext-mail");
    expect(plaintext(verdictOf({ configurations: docsPop3.configurations, facts: lastDay }))).toEqual([]);
    const expired = docs({ granted: "2026-11-01", expires: dayBefore });
    expect(problemsOf(expired)).toEqual([expect.stringMatching(new RegExp(`on role "docs": expired on ${dayBefore}`))]);
    expect(plaintext(verdictOf({ configurations: docsPop3.configurations, facts: expired }))).toEqual([
      expect.objectContaining({ subject: { kind: "role", name: "docs" } }),
    ]);
  });

  it("count from the day they are granted, not before", () => {
    expect(problemsOf(docs({ granted: "2026-12-24", expires: "2027-01-01" }), "2026-12-23")).toEqual([
      expect.stringMatching(/granted on 2026-12-24, after today \(2026-12-23\)/),
    ]);
  });

  it("fail when their term is not one: not a date, backwards, or longer than 180 days", () => {
    expect(problemsOf(docs({ granted: "2026-02-30" }))).toEqual([expect.stringMatching(/on role "docs": granted "2026-02-30" is not a date/)]);
    expect(problemsOf(docs({ expires: "2099-01-01" }))).toEqual([
      expect.stringMatching(/expires "2099-01-01" is \d+ days after the exception was granted .* at most 180 days/),
    ]);
    expect(problemsOf(docs({ granted: "2026-12-04", expires: "2026-12-03" }), "2026-12-04")).toEqual([
      expect.stringMatching(/expires "2026-12-03" is before the exception was granted/),
    ]);
  });

  it("fail when they excuse nothing", () => {
    expect(problemsOf(docs({}))).toEqual([expect.stringMatching(/network\.no-plaintext-mail on role "docs": excuses nothing; remove it/)]);
  });

  it("stop synthesis with every problem listed", () => {
    const context = { configurations: committed.configurations, facts: docs({ rule: "network.no-such-rule" }) };
    expect(() => enforcePolicy(context, TODAY)).toThrow(PolicyError);
    expect(() => enforcePolicy(context, TODAY)).toThrow(/breaks its policy[\s\S]*no such rule/);
  });
});

describe("judgePolicy, the review's entry point: the caller's rules, the head's data, the base's exceptions", () => {
  // The head: SPF +all on jython.org, and an exception for it beside the zone, expiring in 2099, as a pull request's
  // own synthesis would write them; read back as the review reads an untrusted output, through parseEstateFacts.
  const head = changed((s) => {
    resource(s, "dns", "aws_route53_record", (b) => b.type === "TXT" && b.name === "jython.org").records = ["v=spf1 +all"];
  });
  const plusAllException: PolicyExceptionFacts = {
    subject: { kind: "zone", name: "jython.org" },
    rule: "dns.no-spf-plus-all",
    reason: "our mail relay needs it for a while",
    owner: "infrastructure-staff",
    granted: TODAY,
    expires: "2099-12-31",
  };
  const headFacts = parseEstateFacts(
    JSON.parse(JSON.stringify(withExceptions([...facts.policy.exceptions, plusAllException]))),
    "head estate-facts.json",
  );
  const base = facts;
  const judged = judgePolicy({ configurations: head.configurations, facts: headFacts, grantedExceptions: base.policy.exceptions, today: TODAY });

  it("lists an exception only the head records as requested, with what it would excuse, and lets it excuse nothing", () => {
    expect(judged.requested).toEqual([
      {
        exception: plusAllException,
        wouldExcuse: [expect.objectContaining({ rule: "dns.no-spf-plus-all", subject: { kind: "zone", name: "jython.org" } })],
      },
    ]);
    expect(judged.violations).toEqual([
      expect.objectContaining({
        rule: "dns.no-spf-plus-all",
        severity: "error",
        stack: "dns",
        message: expect.stringMatching(/allows every sender/),
      }),
    ]);
    expect(judged.excused.map((e) => e.exception)).not.toContainEqual(plusAllException);
    expect(judged.exceptionProblems).toEqual([
      expect.stringMatching(/dns\.no-spf-plus-all on zone "jython\.org": expires "2099-12-31" is \d+ days after/),
    ]);
  });

  it("grants the base's exceptions the head keeps field for field, and no other", () => {
    // The base's own exceptions still excuse what they excused.
    expect(judged.excused.length).toBe(verdictOf(committed).excused.length);
    // A head that moves the common ports' expiry a day on asks anew: ssh open to the world is a violation again.
    const [common, ...rest] = base.policy.exceptions;
    const extended = judgePolicy({
      configurations: committed.configurations,
      facts: withExceptions([{ ...defined(common), expires: "2027-06-01" }, ...rest]),
      grantedExceptions: base.policy.exceptions,
      today: TODAY,
    });
    expect(extended.requested.map((r) => r.exception.rule)).toEqual([defined(common).rule]);
    expect(new Set(extended.violations.map((v) => v.rule))).toEqual(new Set([defined(common).rule]));
    // A head that drops an exception the base grants is judged without it.
    const dropped = judgePolicy({
      configurations: committed.configurations,
      facts: withExceptions(rest),
      grantedExceptions: base.policy.exceptions,
      today: TODAY,
    });
    expect(dropped.violations.map((v) => v.rule)).toContain(defined(common).rule);
    expect(dropped.requested).toEqual([]);
  });

  it("applies its own module's rules whatever the head's code says: no rule comes from the input", () => {
    // A head that deleted dns.no-spf-plus-all from its policy/rules/dns.ts changed code that does not run here: the
    // judge's input is data, and it has no place for rules.
    const input = { configurations: head.configurations, facts: headFacts, grantedExceptions: base.policy.exceptions, today: TODAY };
    // @ts-expect-error rules are never an input of the judge
    const withRules = judgePolicy({ ...input, rules: POLICY_RULES.filter((r) => r.id !== "dns.no-spf-plus-all") });
    expect(withRules.violations.map((v) => v.rule)).toEqual(["dns.no-spf-plus-all"]);
    // Facts that carry rules (or anything else of the head's choosing) are refused when read.
    expect(() => parseEstateFacts({ ...JSON.parse(JSON.stringify(headFacts)), rules: [] }, "head estate-facts.json")).toThrow(/Unrecognized key/i);
    expect(() => parseEstateFacts({ ...headFacts, policy: { ...headFacts.policy, rules: [] } }, "head estate-facts.json")).toThrow(/policy/);
  });

  it("is what synthesis runs, with its own exceptions all granted", () => {
    expect(() => enforcePolicy(head, TODAY)).toThrow(/dns\.no-spf-plus-all/);
    expect(enforcePolicy(committed, TODAY)).toEqual([]);
  });
});

describe("the README", () => {
  it("lists every rule with its severity and rationale", () => {
    const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");
    for (const rule of POLICY_RULES) expect(readme).toContain(`| \`${rule.id}\` | ${rule.severity} | ${rule.rationale} |`);
  });
});
