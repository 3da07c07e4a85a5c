import { TerraformVariable, type TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DropletHost, type DropletHostProps } from "../constructs/droplet-host";
import { blocksOf, newStack, onlyBlock, outputs, synthJson, type SynthJson } from "./support/construct-synth";
import { network } from "./support/stand-ins";

const docs: DropletHostProps = {
  dropletName: "docs.nyc1.psf.io",
  region: "nyc3",
  size: "s-2vcpu-4gb",
  image: "ubuntu-22-04-x64",
  network,
  sshKeyFingerprints: ["3b:16:bf:00:00:00:00:00:00:00:00:00:00:00:00:e3"],
  // Given out of order: the droplet's tags are sorted.
  tags: { role: "docs", dc: "nyc1", owner: "infrastructure-staff" },
};

const backupVolume = { name: "backup-sfo1-psf-io", sizeGiB: 1000 };

/** `build` run in a fresh stack, synthesized with the resulting host's attributes as outputs. */
function synthHost(build: (stack: TerraformStack) => DropletHost): SynthJson {
  const stack = newStack();
  const host = build(stack);
  return synthJson(stack, {
    dropletId: host.dropletId,
    ipv4Address: host.ipv4Address,
    ipv6Address: host.ipv6Address,
    privateIpv4Address: host.privateIpv4Address,
    dropletName: host.dropletName,
  });
}

const addresses = (json: SynthJson): string[] =>
  Object.entries(json.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();

describe("DropletHost", () => {
  it("is a droplet in the network with IPv6, monitoring and sorted key:value tags; no backups, destroyable, by default", () => {
    const json = synthHost((stack) => new DropletHost(stack, "docs", docs));
    expect(Object.keys(json.resource ?? {})).toEqual(["digitalocean_droplet"]);
    expect(onlyBlock(json, "digitalocean_droplet").block).toEqual({
      name: "docs.nyc1.psf.io",
      region: "nyc3",
      size: "s-2vcpu-4gb",
      image: "ubuntu-22-04-x64",
      vpc_uuid: "vpc-stand-in-4f1c",
      ipv6: true,
      monitoring: true,
      backups: false,
      ssh_keys: ["3b:16:bf:00:00:00:00:00:00:00:00:00:00:00:00:e3"],
      tags: ["dc:nyc1", "owner:infrastructure-staff", "role:docs"],
      lifecycle: { ignore_changes: ["image", "ssh_keys"], prevent_destroy: false },
    });
  });

  it("is backed up and never destroyed by Terraform when it holds data", () => {
    const droplet = onlyBlock(
      synthHost((stack) => new DropletHost(stack, "docs", { ...docs, holdsData: true })),
      "digitalocean_droplet",
    ).block;
    expect(droplet).toMatchObject({ backups: true, lifecycle: { ignore_changes: ["image", "ssh_keys"], prevent_destroy: true } });
  });

  it("takes the admin keys by reference", () => {
    const json = synthHost((stack) => {
      const keys = new TerraformVariable(stack, "admin_ssh_key_fingerprints", { type: "list(string)" }).listValue;
      return new DropletHost(stack, "docs", { ...docs, sshKeyFingerprints: keys });
    });
    expect(onlyBlock(json, "digitalocean_droplet").block.ssh_keys).toBe("${var.admin_ssh_key_fingerprints}");
  });

  it("gives firewalls, DNS and the database its droplet's id and addresses", () => {
    const json = synthHost((stack) => new DropletHost(stack, "docs", docs));
    const droplet = onlyBlock(json, "digitalocean_droplet").name;
    expect(outputs(json)).toEqual({
      dropletId: `\${digitalocean_droplet.${droplet}.id}`,
      ipv4Address: `\${digitalocean_droplet.${droplet}.ipv4_address}`,
      ipv6Address: `\${digitalocean_droplet.${droplet}.ipv6_address}`,
      privateIpv4Address: `\${digitalocean_droplet.${droplet}.ipv4_address_private}`,
      dropletName: "docs.nyc1.psf.io",
    });
  });

  it("creates and attaches its volume in its region, formatted ext4, never destroyed, even on a host that holds no data", () => {
    const json = synthHost(
      (stack) => new DropletHost(stack, "backup", { ...docs, dropletName: "backup.sfo1.psf.io", region: "sfo2", volume: backupVolume }),
    );
    const droplet = onlyBlock(json, "digitalocean_droplet").name;
    const volume = onlyBlock(json, "digitalocean_volume");
    expect(volume.block).toEqual({
      name: "backup-sfo1-psf-io",
      region: "sfo2",
      size: 1000,
      initial_filesystem_type: "ext4",
      description: "Data volume of backup.sfo1.psf.io",
      lifecycle: { prevent_destroy: true, ignore_changes: ["description"] },
    });
    expect(onlyBlock(json, "digitalocean_volume_attachment").block).toEqual({
      droplet_id: `\${digitalocean_droplet.${droplet}.id}`,
      volume_id: `\${digitalocean_volume.${volume.name}.id}`,
    });
  });

  it("has no volume unless given one", () => {
    const json = synthHost((stack) => new DropletHost(stack, "docs", { ...docs, holdsData: true }));
    expect(blocksOf(json, "digitalocean_volume")).toEqual({});
    expect(blocksOf(json, "digitalocean_volume_attachment")).toEqual({});
  });

  describe("renamed (previousId)", () => {
    const backup: DropletHostProps = { ...docs, dropletName: "backup.sfo1.psf.io", region: "sfo2", holdsData: true, volume: backupVolume };

    it("moves each resource from the address the committed estate has for it", () => {
      // The backup host's droplet, volume and attachment, as the digitalocean-sfo1 snapshot names them: cdktf's
      // naming (makeUniqueId, a readable path and a hash) of the construct path under the previous id.
      const json = synthHost((stack) => new DropletHost(stack, "backup-1", { ...backup, previousId: "backup" }));
      expect(json.moved).toHaveLength(3);
      expect(json.moved).toEqual(
        expect.arrayContaining([
          { from: "digitalocean_droplet.backup_droplet_7372FC5F", to: "digitalocean_droplet.backup-1_droplet_9236AA8E" },
          { from: "digitalocean_volume.backup_volume_6233DCA5", to: "digitalocean_volume.backup-1_volume_EAA8AABB" },
          {
            from: "digitalocean_volume_attachment.backup_volume-attachment_36EAD397",
            to: "digitalocean_volume_attachment.backup-1_volume-attachment_14AD3164",
          },
        ]),
      );
      expect((json.moved ?? []).map((m) => m.to).sort()).toEqual(addresses(json));
    });

    it("moves from the addresses the host had under its previous id, also inside another construct", () => {
      for (const parent of [undefined, "datacenter"]) {
        const scope = (stack: TerraformStack): Construct => (parent === undefined ? stack : new Construct(stack, parent));
        const before = synthHost((stack) => new DropletHost(scope(stack), "backup", backup));
        const after = synthHost((stack) => new DropletHost(scope(stack), "backup-1", { ...backup, previousId: "backup" }));
        expect((after.moved ?? []).map((m) => m.from).sort()).toEqual(addresses(before));
        expect(addresses(after)).not.toEqual(addresses(before));
      }
    });

    it("moves nothing when not renamed, or renamed to itself", () => {
      expect(synthHost((stack) => new DropletHost(stack, "backup", backup)).moved).toBeUndefined();
      expect(synthHost((stack) => new DropletHost(stack, "backup", { ...backup, previousId: "backup" })).moved).toBeUndefined();
    });
  });
});
