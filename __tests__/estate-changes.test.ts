/*
 * Changes a volunteer makes to the inventory, and what the estate makes of them: a second host beside a role's
 * first, extra TXT values at a zone apex, a renamed host that keeps its droplet.
 */
import { App, Testing, TerraformStack } from "cdktf";
import { DropletHost, type DropletHostProps } from "../constructs/droplet-host";
import { InventoryError, loadEstate, PSF_INVENTORY } from "../inventory";
import type { EstateInventory, Host } from "../inventory";
import { resourcesOf, stackJson, synthEstate, type TerraformJson } from "./support/synth-estate";
import { defined } from "./support/defined";

const withHosts = (hosts: readonly Host[]): EstateInventory => ({ ...PSF_INVENTORY, hosts });
/** A name for a second host beside `first`, as the README writes it (`docs-2`), that no host of its datacenter has yet. */
const secondName = (first: Host): string => {
  const base = first.name.replace(/-\d+$/, "");
  for (let n = 2; ; n++) {
    const name = `${base}-${n}`;
    if (!PSF_INVENTORY.hosts.some((h) => h.name === name && h.datacenter === first.datacenter)) return name;
  }
};
/** A copy of `host` under another name: without what is the first host's own (its volume, droplet name, history). */
const beside = (host: Host, name: string): Host => {
  const { volume: _volume, previously: _previously, dropletName: _dropletName, ...rest } = host;
  return { ...rest, name };
};

describe("a second host in a role", () => {
  it("is accepted beside the first, in every role, whatever the first is called", () => {
    const accepted: string[] = [];
    for (const role of PSF_INVENTORY.roles) {
      const first = PSF_INVENTORY.hosts.find((h) => h.role === role.name);
      if (first === undefined) continue;
      const second = beside(first, secondName(first));
      expect(() => loadEstate(withHosts([...PSF_INVENTORY.hosts, second]))).not.toThrow();
      accepted.push(role.name);
    }
    expect(accepted).toEqual(PSF_INVENTORY.roles.filter((r) => PSF_INVENTORY.hosts.some((h) => h.role === r.name)).map((r) => r.name));
  });

  it("gets its droplet and names, while the first keeps the role's name in the datacenter", () => {
    // A role whose first host has the role's name, and the hosts it has already (docs has one today).
    const docs = defined(PSF_INVENTORY.hosts.find((h) => h.name === "docs" && h.role === "docs"));
    const before = PSF_INVENTORY.hosts.filter((h) => h.role === "docs" && h.datacenter === docs.datacenter).length;
    const name = secondName(docs);
    const synth = synthEstate(withHosts([...PSF_INVENTORY.hosts, beside(docs, name)]));
    const dc = stackJson(synth, `digitalocean-${docs.datacenter}`);
    const droplets = Object.values(resourcesOf(dc, "digitalocean_droplet")).map((d) => d.name);
    expect(droplets).toEqual(expect.arrayContaining([`docs.${docs.datacenter}.psf.io`, `${name}.${docs.datacenter}.psf.io`]));
    const records = Object.values(resourcesOf(stackJson(synth, "dns"), "aws_route53_record"));
    const valuesOf = (recordName: string, type: string): unknown =>
      records.filter((r) => r.name === recordName && r.type === type).map((r) => r.records);
    // docs.<dc>.psf.io stays the first host's own name; docs.psf.io is every host of the role.
    expect(valuesOf(`docs.${docs.datacenter}.psf.io`, "A")).toHaveLength(1);
    expect((valuesOf(`docs.${docs.datacenter}.psf.io`, "A") as string[][])[0]).toHaveLength(1);
    expect((valuesOf(`${name}.${docs.datacenter}.psf.io`, "A") as string[][])[0]).toHaveLength(1);
    expect((valuesOf("docs.psf.io", "A") as string[][])[0]).toHaveLength(PSF_INVENTORY.hosts.filter((h) => h.role === "docs").length + 1);
    // The firewall of the role takes them all.
    const firewall = defined(Object.values(resourcesOf(dc, "digitalocean_firewall")).find((f) => f.name === `psf-${docs.datacenter}-docs`));
    expect(firewall.droplet_ids).toHaveLength(before + 1);
  }, 60_000);

  it("is refused where Fastly reaches the role by its name in the datacenter, which would be one host's", () => {
    const lb = defined(PSF_INVENTORY.hosts.find((h) => h.role === "loadbalancer"));
    const roles = PSF_INVENTORY.roles.map((r) => (r.name === "loadbalancer" ? { ...r, shortName: undefined } : r));
    const inventory = { ...withHosts([...PSF_INVENTORY.hosts, beside(lb, "loadbalancer")]), roles };
    try {
      loadEstate(inventory);
      throw new Error("accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(InventoryError);
      expect((error as InventoryError).problems).toEqual(
        PSF_INVENTORY.fastlyServices
          .filter((f) => f.backends.some((b) => b.name === "loadbalancer"))
          .map(
            (f) =>
              `fastly service "${f.name}" field "backends.loadbalancer.origin": "loadbalancer.nyc1.psf.io", the name of role "loadbalancer" in nyc1, is a host's own name, so Fastly would reach that host alone: give the role a shortName`,
          ),
      );
    }
  });
});

describe("TXT values at a zone apex beside SPF", () => {
  const zones = PSF_INVENTORY.zones.map((z) =>
    z.name === "pypy.org"
      ? {
          ...z,
          txt: ["google-site-verification=0123456789abcdef"],
          records: [{ name: "_dmarc.pypy.org", type: "TXT" as const, values: ["v=DMARC1; p=reject; rua=mailto:postmaster@python.org"] }],
        }
      : z,
  );

  it("are one TXT record set with the SPF policy first, and a _dmarc policy is an ordinary record", () => {
    const estate = loadEstate({ ...PSF_INVENTORY, zones });
    const txt = estate.recordsIn("pypy.org").filter((r) => r.type === "TXT");
    expect(txt.map((r) => [r.name, r.target])).toEqual([
      ["_dmarc.pypy.org", { kind: "literal", values: ["v=DMARC1; p=reject; rua=mailto:postmaster@python.org"] }],
      ["pypy.org", { kind: "literal", values: ["v=spf1 -all", "google-site-verification=0123456789abcdef"] }],
    ]);
  });

  it("reach Route 53 as such", () => {
    const records = Object.values(resourcesOf(stackJson(synthEstate({ ...PSF_INVENTORY, zones }), "dns"), "aws_route53_record"));
    expect(records.filter((r) => r.name === "pypy.org" && r.type === "TXT").map((r) => r.records)).toEqual([
      ["v=spf1 -all", "google-site-verification=0123456789abcdef"],
    ]);
    expect(records.filter((r) => r.name === "_dmarc.pypy.org").map((r) => [r.type, r.records])).toEqual([
      ["TXT", ["v=DMARC1; p=reject; rua=mailto:postmaster@python.org"]],
    ]);
  }, 60_000);
});

describe("a renamed host", () => {
  /** A DropletHost with the stack name and construct id a datacenter stack gives it, synthesized. */
  function synthDroplet(id: string, props: Partial<DropletHostProps> = {}): TerraformJson {
    const app = Testing.app() as App;
    const stack = new TerraformStack(app, "digitalocean-sfo1");
    new DropletHost(stack, id, {
      dropletName: `${id}.sfo1.psf.io`,
      region: "sfo2",
      size: "s-2vcpu-4gb",
      image: "ubuntu-24-04-x64",
      network: { vpcId: "vpc", ipRange: "10.0.0.0/16" },
      sshKeyFingerprints: [],
      tags: { role: "backup-server", dc: "sfo1", owner: "infrastructure-staff" },
      holdsData: true,
      volume: { name: "backup-sfo1-psf-io", sizeGiB: 1000 },
      ...props,
    });
    return JSON.parse(Testing.synth(stack)) as TerraformJson;
  }
  const addresses = (json: TerraformJson): string[] =>
    Object.entries(json.resource ?? {})
      .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
      .sort();

  it("is accepted with its previous name, and the estate keeps it", () => {
    const hosts = PSF_INVENTORY.hosts.map((h) => (h.name === "docs" ? { ...h, name: "docs-1", previously: { name: "docs" } } : h));
    expect(loadEstate(withHosts(hosts)).host("docs-1.nyc1").previously).toEqual({ name: "docs" });
  });

  it("moves the droplet, its volume and the attachment from their addresses under the old name", () => {
    const before = addresses(synthDroplet("backup"));
    const after = synthDroplet("backup-1", { previousId: "backup" }) as TerraformJson & { moved?: { from: string; to: string }[] };
    expect((after.moved ?? []).map((m) => m.from).sort()).toEqual(before);
    expect((after.moved ?? []).map((m) => m.to).sort()).toEqual(addresses(after));
    expect(addresses(after)).not.toEqual(before);
  });

  it("names the old addresses as the committed estate has them", () => {
    // bugs.nyc1's droplet, as the digitalocean-nyc1 snapshot names it.
    const app = Testing.app() as App;
    const stack = new TerraformStack(app, "digitalocean-nyc1");
    new DropletHost(stack, "bugs-1", {
      dropletName: "bugs-1.nyc1.psf.io",
      region: "nyc3",
      size: "s-4vcpu-8gb",
      image: "ubuntu-22-04-x64",
      network: { vpcId: "vpc", ipRange: "10.0.0.0/16" },
      sshKeyFingerprints: [],
      tags: {},
      previousId: "bugs",
    });
    const json = JSON.parse(Testing.synth(stack)) as { moved?: { from: string }[] };
    expect(json.moved?.map((m) => m.from)).toEqual(["digitalocean_droplet.bugs_droplet_86B1A2B2"]);
  });

  it("keeps its volume: a new description (it names the droplet) does not replace it", () => {
    const volume = defined(Object.values(resourcesOf(synthDroplet("backup"), "digitalocean_volume"))[0]);
    expect(volume.lifecycle).toEqual({ prevent_destroy: true, ignore_changes: ["description"] });
  });

  it("declares no move when it was not renamed", () => {
    expect((synthDroplet("backup", { previousId: "backup" }) as { moved?: unknown }).moved).toBeUndefined();
  });
});
