import { Droplet } from "@cdktf/provider-digitalocean/lib/droplet";
import { Volume } from "@cdktf/provider-digitalocean/lib/volume";
import { VolumeAttachment } from "@cdktf/provider-digitalocean/lib/volume-attachment";
import { type TerraformResource, TerraformStack, Token } from "cdktf";
// cdktf's own naming of resources (a readable path and a hash), to name a resource's address before a rename;
// cdktf 0.21 is its last release, so the scheme is fixed, and __tests__/droplet-host.test.ts pins an address.
import { makeUniqueId } from "cdktf/lib/private/unique";
import { Construct } from "constructs";
import type { IPrivateNetwork } from "./private-network";

/** A block-storage volume for a droplet. */
export interface DropletVolumeProps {
  readonly name: string;
  readonly sizeGiB: number;
}

export interface DropletHostProps {
  /** The droplet's name at DigitalOcean, its FQDN. */
  readonly dropletName: string;
  /** DigitalOcean region slug. */
  readonly region: string;
  /** DigitalOcean size slug. */
  readonly size: string;
  /** Image slug the droplet is built from. Later image changes are ignored: Salt upgrades hosts in place. */
  readonly image: string;
  /** The private network the droplet joins. */
  readonly network: IPrivateNetwork;
  /** Fingerprints of the admin SSH keys installed at creation (later changes are Salt's job, and ignored here). */
  readonly sshKeyFingerprints: string[];
  /** Tags, `key:value` (DigitalOcean's tag rules hold for the inventory's slugs, which it checks). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The droplet holds data that exists nowhere else: DigitalOcean backups are on, and Terraform refuses
   * to destroy it (`prevent_destroy`).
   * @default false
   */
  readonly holdsData?: boolean;
  /** A block-storage volume to create and attach, protected like data. @default no volume */
  readonly volume?: DropletVolumeProps;
  /**
   * The construct id the host had before a rename, in the same stack: each of its resources declares a Terraform
   * `moved` block from its address under that id, so Terraform renames the droplet in place and keeps its volume,
   * instead of destroying them and creating new ones. A move between stacks (states) is not possible this way.
   * @default never renamed
   */
  readonly previousId?: string;
}

/** What a construct needs of a droplet: its id, to protect or admit it, and its addresses. */
export interface IDroplet {
  /** The droplet's id, as the numeric token firewalls, volume attachments and database firewalls take. */
  readonly dropletId: number;
  readonly ipv4Address: string;
  readonly ipv6Address: string;
  readonly privateIpv4Address: string;
  /** Its name at DigitalOcean. */
  readonly dropletName: string;
}

/**
 * A droplet of the estate: IPv6, monitoring agent, tags, admin keys, in its datacenter's private
 * network. Neither an image change nor a key change replaces it, and a data-holding droplet cannot be
 * destroyed by Terraform at all.
 */
export class DropletHost extends Construct implements IDroplet {
  readonly dropletId: number;
  readonly ipv4Address: string;
  readonly ipv6Address: string;
  readonly privateIpv4Address: string;
  readonly dropletName: string;

  constructor(scope: Construct, id: string, props: DropletHostProps) {
    super(scope, id);
    const holdsData = props.holdsData ?? false;
    const droplet = new Droplet(this, "droplet", {
      name: props.dropletName,
      region: props.region,
      size: props.size,
      image: props.image,
      vpcUuid: props.network.vpcId,
      ipv6: true,
      monitoring: true,
      backups: holdsData,
      sshKeys: props.sshKeyFingerprints,
      tags: Object.entries(props.tags)
        .map(([key, value]) => `${key}:${value}`)
        .sort(),
      lifecycle: {
        // Both force a new droplet in the provider; neither is worth losing a running host over.
        ignoreChanges: ["image", "ssh_keys"],
        preventDestroy: holdsData,
      },
    });
    this.dropletId = Token.asNumber(droplet.id);
    this.ipv4Address = droplet.ipv4Address;
    this.ipv6Address = droplet.ipv6Address;
    this.privateIpv4Address = droplet.ipv4AddressPrivate;
    this.dropletName = props.dropletName;

    if (props.volume !== undefined) {
      const volume = new Volume(this, "volume", {
        name: props.volume.name,
        region: props.region,
        size: props.volume.sizeGiB,
        initialFilesystemType: "ext4",
        description: `Data volume of ${props.dropletName}`,
        // The description forces a new volume in the provider, and it names the droplet: a rename must not replace the data.
        lifecycle: { preventDestroy: true, ignoreChanges: ["description"] },
      });
      const attachment = new VolumeAttachment(this, "volume-attachment", { dropletId: this.dropletId, volumeId: volume.id });
      this.keepStateFrom(props.previousId, volume, attachment);
    }
    this.keepStateFrom(props.previousId, droplet);
  }

  /** Declares that each of `resources` is the resource of the same construct path under `previousId` (a `moved` block). */
  private keepStateFrom(previousId: string | undefined, ...resources: TerraformResource[]): void {
    if (previousId === undefined || previousId === this.node.id) return;
    const stack = TerraformStack.of(this);
    for (const resource of resources) {
      const scopes = resource.node.scopes;
      const components = scopes.slice(scopes.indexOf(stack) + 1).map((scope) => (scope === this ? previousId : scope.node.id));
      resource.moveFromId(`${resource.terraformResourceType}.${makeUniqueId(components)}`);
    }
  }
}
