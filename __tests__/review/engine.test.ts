import { reviewEstates, reviewExitStatus } from "../../review/engine";
import { RESOURCE_TYPE_FACTS } from "../../provider-schemas/facts";
import type { DestructionAllowance, Estate, ResourceChange, ReviewReport, TerraformJson } from "../../review/types";
import { baseEstate, dnsStack, doStack, droplet, estate, firewall, record, TEST_FACTS } from "./fixtures/estates";

function review(base: Estate, head: Estate, allowances: readonly DestructionAllowance[] = []): ReviewReport {
  return reviewEstates(base, head, { facts: TEST_FACTS, allowances, baseLabel: "base", headLabel: "head" });
}

function only(report: ReviewReport): ResourceChange {
  const changes = report.stacks.flatMap((s) => s.changes);
  expect(changes).toHaveLength(1);
  return changes[0] as ResourceChange;
}

function withResources(json: TerraformJson, type: string, resources: Record<string, unknown>): TerraformJson {
  const resource = json["resource"] as Record<string, Record<string, unknown>>;
  return { ...json, resource: { ...resource, [type]: resources } };
}

describe("reviewEstates", () => {
  test("identical estates: no changes, every stack unchanged, exit 0", () => {
    const report = review(baseEstate(), baseEstate());
    expect(report.stacks.map((s) => [s.stack, s.status])).toEqual([
      ["digitalocean-ams1", "unchanged"],
      ["dns", "unchanged"],
    ]);
    expect(report.totals).toEqual({ create: 0, update: 0, replace: 0, delete: 0, rename: 0 });
    expect(reviewExitStatus(report)).toBe(0);
  });

  test("cdktf metadata and the backend's local path are not changes", () => {
    const head = doStack("digitalocean-ams1");
    const moved: TerraformJson = {
      ...head,
      "//": { metadata: { stackName: "digitalocean-ams1", version: "0.21.1" } },
      terraform: { backend: { local: { path: "/elsewhere/x.tfstate" } } },
      resource: { digitalocean_droplet: { web: { ...droplet("digitalocean-ams1", "web"), "//": { metadata: { path: "other/path" } } } } },
    };
    expect(review({ s: head }, { s: moved }).totals.update).toBe(0);
  });

  test("create: lists the new resource's attributes, references shown as written", () => {
    const head = estate({ ...baseEstate(), dns: dnsStack({ docs_a: record("docs.python.org", "A", ["151.101.0.223"]) }) });
    const change = only(review(baseEstate(), head));
    expect(change).toMatchObject({ kind: "create", stack: "dns", address: "aws_route53_record.docs_a", danger: null });
    const zone = change.attributes.find((a) => a.path === "zone_id");
    expect(zone?.after).toEqual({ kind: "reference", text: "${aws_route53_zone.python_org.zone_id}" });
    expect(change.attributes.find((a) => a.path === "records")?.after.text).toBe('["151.101.0.223"]');
  });

  test("update: which attribute, old → new", () => {
    const base = estate({ dns: dnsStack({ docs_a: record("docs.python.org", "A", ["151.101.0.223"], 300) }) });
    const head = estate({ dns: dnsStack({ docs_a: record("docs.python.org", "A", ["151.101.0.223"], 3600) }) });
    const change = only(review(base, head));
    expect(change.kind).toBe("update");
    expect(change.attributes).toEqual([
      { path: "ttl", before: { kind: "literal", text: "300" }, after: { kind: "literal", text: "3600" }, forcesReplacement: null, ignored: false },
    ]);
    expect(change.danger).toBeNull();
  });

  test("update inside a nested block names the block, the index and the attribute", () => {
    const stack = "digitalocean-nyc1";
    const fw = firewall(stack, "web", "digitalocean_droplet.web");
    const changed = { ...fw, inbound_rule: [(fw["inbound_rule"] as unknown[])[0], { port_range: "8443", protocol: "tcp", source_addresses: ["0.0.0.0/0", "::/0"] }] };
    const change = only(review({ [stack]: doStack(stack, { firewalls: { web: fw } }) }, { [stack]: doStack(stack, { firewalls: { web: changed } }) }));
    expect(change.kind).toBe("update");
    expect(change.attributes.map((a) => [a.path, a.before.text, a.after.text])).toEqual([["inbound_rule[1].port_range", '"443"', '"8443"']]);
  });

  test("replace: a droplet's region forces a new droplet, with the table's source", () => {
    const stack = "digitalocean-ams1";
    const head = { [stack]: doStack(stack, { droplets: { web: droplet(stack, "web", { region: "nyc3", size: "s-2vcpu-4gb" }) } }) };
    const change = only(review({ [stack]: doStack(stack) }, head));
    expect(change.kind).toBe("replace");
    expect(change.replacementForcedBy).toEqual(["region"]);
    expect(change.replacementSource).toBe("test table: droplet");
    expect(change.attributes.map((a) => [a.path, a.forcesReplacement])).toEqual([
      ["region", "region"],
      ["size", null],
    ]);
    // A plain droplet is not protected: replacing it is reported, not fatal.
    expect(change.danger).toBeNull();
  });

  test("replace of a droplet with prevent_destroy is dangerous and fails the review", () => {
    const stack = "digitalocean-ams1";
    const base = { [stack]: doStack(stack, { droplets: { mail: droplet(stack, "mail", { preventDestroy: true }) } }) };
    const head = { [stack]: doStack(stack, { droplets: { mail: droplet(stack, "mail", { preventDestroy: true, region: "nyc3" }) } }) };
    const report = review(base, head);
    expect(report.dangerous.map((c) => [c.address, c.kind])).toEqual([["digitalocean_droplet.mail", "replace"]]);
    expect(report.dangerous[0]?.danger?.protection).toMatch(/preventDestroy/);
    expect(reviewExitStatus(report)).toBe(1);
  });

  test("replace is predicted with the real table from the providers' schemas", () => {
    const stack = "digitalocean-ams1";
    const head = { [stack]: doStack(stack, { droplets: { web: droplet(stack, "web", { region: "nyc3" }) } }) };
    const report = reviewEstates({ [stack]: doStack(stack) }, head, { facts: RESOURCE_TYPE_FACTS, allowances: [] });
    const change = only(report);
    expect(change.kind).toBe("replace");
    expect(change.replacementForcedBy).toContain("region");
    expect(change.replacementSource).toMatch(/digitalocean/);
  });

  test("a forcing path into a nested block is matched through lists, and a block appearing counts", () => {
    const facts = { ...TEST_FACTS, test_thing: { forcesReplacement: ["settings.mode"], importId: "{name}", source: "test" } };
    const one = (settings: unknown): Estate => ({ s: { resource: { test_thing: { t: { name: "t", ...(settings === undefined ? {} : { settings }) } } } } });
    const kindOf = (a: Estate, b: Estate): string => only(reviewEstates(a, b, { facts, allowances: [] })).kind;
    expect(kindOf(one([{ mode: "a", size: 1 }]), one([{ mode: "b", size: 1 }]))).toBe("replace");
    expect(kindOf(one([{ mode: "a", size: 1 }]), one([{ mode: "a", size: 2 }]))).toBe("update");
    expect(kindOf(one(undefined), one([{ mode: "a" }]))).toBe("replace");
    expect(kindOf(one(undefined), one([{ size: 2 }]))).toBe("update");
  });

  test("delete: an unprotected record", () => {
    const base = estate({ dns: dnsStack({ docs_a: record("docs.python.org", "A", ["151.101.0.223"]) }) });
    const change = only(review(base, estate({ dns: dnsStack() })));
    expect(change).toMatchObject({ kind: "delete", address: "aws_route53_record.docs_a", danger: null });
  });

  test("rename: same body under a new address proposes moveFromId and the moved block", () => {
    const stack = "digitalocean-ams1";
    const base = { [stack]: doStack(stack, { droplets: { web: droplet(stack, "web") }, firewalls: { web: firewall(stack, "web", "digitalocean_droplet.web") } }) };
    const renamedBody = { ...droplet(stack, "web"), "//": { metadata: { path: `${stack}/frontend/droplet`, uniqueId: "frontend_droplet_1A2B3C4D" } } };
    const headJson = doStack(stack, {
      droplets: { frontend_droplet_1A2B3C4D: renamedBody },
      firewalls: { web: firewall(stack, "web", "digitalocean_droplet.frontend_droplet_1A2B3C4D") },
    });
    const head = { [stack]: { ...headJson, output: { web_ip: { value: "${digitalocean_droplet.frontend_droplet_1A2B3C4D.ipv4_address}" } } } };
    const report = review(base, head);
    // The firewall and the output only follow the rename: no update is reported for them.
    const change = only(report);
    expect(change.kind).toBe("rename");
    expect(change.address).toBe("digitalocean_droplet.frontend_droplet_1A2B3C4D");
    expect(change.previousAddress).toBe("digitalocean_droplet.web");
    expect(change.moveDeclared).toBe(false);
    expect(change.moveProposal?.cdktf).toContain('moveFromId("digitalocean_droplet.web")');
    expect(change.moveProposal?.cdktf).toContain(`${stack}/frontend/droplet`);
    expect(change.moveProposal?.movedBlock).toBe("moved {\n  from = digitalocean_droplet.web\n  to   = digitalocean_droplet.frontend_droplet_1A2B3C4D\n}");
    expect(report.totals).toEqual({ create: 0, update: 0, replace: 0, delete: 0, rename: 1 });
  });

  test("renames that depend on each other are found together (droplet and the firewall pointing at it)", () => {
    const stack = "s";
    const base = { [stack]: doStack(stack, { droplets: { web: droplet(stack, "web") }, firewalls: { fw: firewall(stack, "fw", "digitalocean_droplet.web") } }) };
    const head = { [stack]: doStack(stack, { droplets: { web2: droplet(stack, "web") }, firewalls: { fw2: firewall(stack, "fw", "digitalocean_droplet.web2") } }) };
    const report = review(base, { [stack]: { ...head[stack], output: {} } });
    const renames = report.stacks[0]?.changes.filter((c) => c.kind === "rename").map((c) => [c.previousAddress, c.address]);
    expect(renames).toEqual([
      ["digitalocean_droplet.web", "digitalocean_droplet.web2"],
      ["digitalocean_firewall.fw", "digitalocean_firewall.fw2"],
    ]);
  });

  test("an undeclared rename of a protected resource is dangerous until the move is declared", () => {
    const stack = "digitalocean-ams1";
    const base = { [stack]: doStack(stack, { droplets: { mail: droplet(stack, "mail", { preventDestroy: true }) } }) };
    const headJson = doStack(stack, { droplets: { mail_server: droplet(stack, "mail", { preventDestroy: true }) } });
    const undeclared = review(base, { [stack]: headJson });
    expect(undeclared.dangerous.map((c) => [c.kind, c.previousAddress])).toEqual([["rename", "digitalocean_droplet.mail"]]);
    expect(undeclared.dangerous[0]?.moveProposal).not.toBeNull();

    const declared = review(base, { [stack]: { ...headJson, moved: [{ from: "digitalocean_droplet.mail", to: "digitalocean_droplet.mail_server" }] } });
    const change = only(declared);
    expect(change).toMatchObject({ kind: "rename", moveDeclared: true, moveProposal: null, danger: null });
    expect(reviewExitStatus(declared)).toBe(0);
  });

  test("a declared move that also changes a forcing attribute is a replacement", () => {
    const stack = "s";
    const base = { [stack]: doStack(stack, { droplets: { a: droplet(stack, "a") } }) };
    const head = { [stack]: { ...doStack(stack, { droplets: { b: droplet(stack, "a", { region: "sfo2" }) } }), moved: [{ from: "digitalocean_droplet.a", to: "digitalocean_droplet.b" }] } };
    const change = only(review(base, head));
    expect(change).toMatchObject({ kind: "replace", previousAddress: "digitalocean_droplet.a", replacementForcedBy: ["region"] });
  });

  test("a droplet moved to another datacenter's stack is one replacement, flagged when protected", () => {
    const nyc = "digitalocean-nyc1";
    const ams = "digitalocean-ams1";
    const hg = (stack: string, region: string): Record<string, unknown> => droplet(stack, "hg", { region, preventDestroy: true, name: "hg.psf.io" });
    const base = { [nyc]: doStack(nyc, { droplets: { hg: hg(nyc, "nyc3"), web: droplet(nyc, "web") } }), [ams]: doStack(ams, { droplets: { web: droplet(ams, "web") } }) };
    const head = { [nyc]: doStack(nyc, { droplets: { web: droplet(nyc, "web") } }), [ams]: doStack(ams, { droplets: { hg: hg(ams, "ams3"), web: droplet(ams, "web") } }) };
    const report = review(base, head);
    const change = only(report);
    expect(change).toMatchObject({ stack: ams, previousStack: nyc, address: "digitalocean_droplet.hg", kind: "replace", replacementForcedBy: ["region"] });
    expect(report.stacks.map((s) => [s.stack, s.counts.replace, s.counts.create, s.counts.delete])).toEqual([
      [ams, 1, 0, 0],
      [nyc, 0, 0, 0],
    ]);
    expect(report.dangerous).toEqual([change]);
    expect(change.danger?.consequence).toBe(`destroyed in stack ${nyc} and created again in stack ${ams} (each stack has its own state)`);
    // The allowance names the stack and address where the droplet lives today.
    const allowed = review(base, head, [{ stack: nyc, address: "digitalocean_droplet.hg", reason: "hg moves to Amsterdam (test)" }]);
    expect(allowed.dangerous).toEqual([]);
    expect(allowed.unusedAllowances).toEqual([]);
  });

  test("protected delete: deleting a zone fails the review and names what protects it", () => {
    const base = estate({ dns: dnsStack() });
    const headJson = dnsStack();
    const head = estate({ dns: withResources(headJson, "aws_route53_zone", {}) });
    const report = review(base, head);
    expect(report.dangerous.map((c) => [c.stack, c.address, c.kind])).toEqual([["dns", "aws_route53_zone.python_org", "delete"]]);
    expect(report.dangerous[0]?.danger).toMatchObject({ allowed: false, allowanceReason: null });
    expect(report.dangerous[0]?.danger?.protection).toMatch(/Route 53 zone/);
    expect(reviewExitStatus(report)).toBe(1);
  });

  test("allowed protected delete: an allowance with a reason lets it pass and is reported", () => {
    const base = estate({ dns: dnsStack() });
    const head = estate({ dns: withResources(dnsStack(), "aws_route53_zone", {}) });
    const allowances = [
      { stack: "dns", address: "aws_route53_zone.python_org", reason: "zone moved to another account (test)" },
      { stack: "dns", address: "aws_route53_zone.unused", reason: "stale" },
    ];
    const report = review(base, head, allowances);
    expect(report.dangerous).toEqual([]);
    expect(report.allowedDangerous.map((c) => c.danger?.allowanceReason)).toEqual(["zone moved to another account (test)"]);
    expect(report.unusedAllowances.map((a) => a.address)).toEqual(["aws_route53_zone.unused"]);
    expect(reviewExitStatus(report)).toBe(0);
  });

  test("a zone rename (its name attribute) is a replacement of a protected resource", () => {
    const report = review(estate({ dns: dnsStack() }), estate({ dns: dnsStack({}, "python.net") }));
    expect(report.dangerous.map((c) => [c.kind, c.replacementForcedBy])).toEqual([["replace", ["name"]]]);
  });

  test("a removed stack deletes its resources; a new stack creates them", () => {
    const report = review(estate({ dns: dnsStack() }), estate({ "digitalocean-sfo1": doStack("digitalocean-sfo1") }));
    expect(report.stacks.map((s) => [s.stack, s.status, s.counts.create, s.counts.delete])).toEqual([
      ["digitalocean-sfo1", "added", 2, 0],
      ["dns", "removed", 0, 2],
    ]);
    expect(report.dangerous.map((c) => c.address)).toEqual(["aws_route53_zone.python_org"]);
  });

  test("a removed block that keeps the object is a forget, not a destruction", () => {
    const head = estate({ dns: { ...withResources(dnsStack(), "aws_route53_zone", {}), removed: [{ from: "aws_route53_zone.python_org", lifecycle: { destroy: false } }] } });
    const change = only(review(estate({ dns: dnsStack() }), head));
    expect(change).toMatchObject({ kind: "delete", forgotten: true, danger: null });
  });

  test("an import block turns a create into an import", () => {
    const head = estate({ dns: { ...dnsStack({ docs_a: record("docs.python.org", "A", ["1.2.3.4"]) }), import: [{ id: "Z123_docs.python.org_A", to: "aws_route53_record.docs_a" }] } });
    const change = only(review(estate({ dns: dnsStack() }), head));
    expect(change).toMatchObject({ kind: "create", importId: '"Z123_docs.python.org_A"' });
  });

  test("data sources and outputs are compared too, and never dangerous", () => {
    const base: Estate = { s: { data: { aws_route53_zone: { main: { name: "python.org" } } }, output: { a: { value: "1" } } } };
    const head: Estate = { s: { data: { aws_route53_zone: { main: { name: "python.net" } } }, output: { b: { value: "2" } } } };
    const report = review(base, head);
    expect(report.stacks[0]?.changes.map((c) => [c.address, c.kind])).toEqual([
      ["data.aws_route53_zone.main", "update"],
      ["output.a", "delete"],
      ["output.b", "create"],
    ]);
    expect(report.dangerous).toEqual([]);
  });

  test("lifecycle.ignore_changes: an ignored forcing attribute neither replaces nor counts as acting", () => {
    const stack = "s";
    const ignoring = (image: string): Estate => ({
      [stack]: doStack(stack, { droplets: { web: { ...droplet(stack, "web"), image, lifecycle: { ignore_changes: ["image", "ssh_keys"] } } } }),
    });
    const change = only(review(ignoring("ubuntu-22-04-x64"), ignoring("ubuntu-24-04-x64")));
    expect(change).toMatchObject({ kind: "update", replacementForcedBy: [] });
    expect(change.attributes).toEqual([
      { path: "image", before: { kind: "literal", text: '"ubuntu-22-04-x64"' }, after: { kind: "literal", text: '"ubuntu-24-04-x64"' }, forcesReplacement: null, ignored: true },
    ]);
  });

  test("renaming a resource renames cdktf's cross-stack outputs; references to them in other stacks are not changes", () => {
    const source = "digitalocean-nyc1";
    const outputOf = (address: string): Record<string, unknown> => ({
      [`cross-stack-output-${address.replace(".", "")}ipv4_address`]: { sensitive: true, value: `\${${address}.ipv4_address}` },
    });
    const recordUsing = (address: string): Record<string, unknown> =>
      record("hg.psf.io", "A", [`\${data.terraform_remote_state.cross-stack-reference-input-${source}.outputs.cross-stack-output-${address.replace(".", "")}ipv4_address}`]);
    const base = {
      [source]: { ...doStack(source, { droplets: { hg_droplet_1: droplet(source, "hg") } }), output: outputOf("digitalocean_droplet.hg_droplet_1") },
      dns: dnsStack({ hg_a: recordUsing("digitalocean_droplet.hg_droplet_1") }),
    };
    const head = {
      [source]: { ...doStack(source, { droplets: { hg_server_2: droplet(source, "hg") } }), output: outputOf("digitalocean_droplet.hg_server_2") },
      dns: dnsStack({ hg_a: recordUsing("digitalocean_droplet.hg_server_2") }),
    };
    const report = review(base, head);
    expect(report.stacks.flatMap((s) => s.changes.map((c) => [s.stack, c.kind, c.blockKind, c.previousAddress]))).toEqual([
      [source, "rename", "resource", "digitalocean_droplet.hg_droplet_1"],
      [source, "rename", "output", "output.cross-stack-output-digitalocean_droplethg_droplet_1ipv4_address"],
    ]);
    expect(report.stacks.find((s) => s.stack === source)?.changes[1]?.moveProposal).toBeNull();
  });

  test("types missing from the replacement table are named in a warning", () => {
    const one = (ttl: number): Estate => ({ s: { resource: { mystery_thing: { m: { ttl } } } } });
    expect(review(one(1), one(2)).warnings).toEqual([
      "No replacement facts for resource type `mystery_thing`: its updates are shown as updates, but some may be replacements.",
    ]);
  });

  test("deterministic: key order in the input does not change the report", () => {
    const head = estate({ dns: dnsStack({ b: record("b.python.org", "A", ["1.1.1.1"]), a: record("a.python.org", "A", ["2.2.2.2"]) }) });
    const reversed = estate({
      dns: Object.fromEntries(Object.entries(dnsStack({ a: record("a.python.org", "A", ["2.2.2.2"]), b: record("b.python.org", "A", ["1.1.1.1"]) })).reverse()),
    });
    expect(JSON.stringify(review(baseEstate(), head))).toBe(JSON.stringify(review(baseEstate(), reversed)));
    expect(review(baseEstate(), head).stacks[1]?.changes.map((c) => c.address)).toEqual(["aws_route53_record.a", "aws_route53_record.b"]);
  });
});
