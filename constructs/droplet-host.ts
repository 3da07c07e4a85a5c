import { Droplet } from "@cdktf/provider-digitalocean/lib/droplet";
import { Volume } from "@cdktf/provider-digitalocean/lib/volume";
import { VolumeAttachment } from "@cdktf/provider-digitalocean/lib/volume-attachment";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { ConstructPropsError } from "./construct-props-error";

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
  readonly vpcId: string;
  /** Fingerprints of the admin SSH keys installed at creation (later changes are Salt's job, and ignored here). */
  readonly sshKeyFingerprints: string[];
  /** Tags, `key:value`. */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * The droplet holds data that exists nowhere else: DigitalOcean backups are on, and Terraform refuses
   * to destroy it (`prevent_destroy`).
   * @default false
   */
  readonly holdsData?: boolean;
  /** A block-storage volume to create and attach, protected like data. @default no volume */
  readonly volume?: DropletVolumeProps;
}

const TAG_PART = /^[a-z0-9][a-z0-9_.-]*$/;

/**
 * A droplet of the estate: IPv6, monitoring agent, tags, admin keys, in its datacenter's private
 * network. Neither an image change nor a key change replaces it, and a data-holding droplet cannot be
 * destroyed by Terraform at all.
 */
export class DropletHost extends Construct {
  /** The droplet's id, as the numeric token firewalls and volume attachments take. */
  readonly dropletId: number;
  readonly ipv4Address: string;
  readonly ipv6Address: string;
  readonly privateIpv4Address: string;
  readonly dropletName: string;

  constructor(scope: Construct, id: string, props: DropletHostProps) {
    super(scope, id);
    for (const [key, value] of Object.entries(props.tags)) {
      if (!TAG_PART.test(key) || !TAG_PART.test(value)) {
        throw new ConstructPropsError("DropletHost", id, "tags", `"${key}:${value}" is not a valid DigitalOcean tag`);
      }
    }
    if (props.volume !== undefined && !(Number.isInteger(props.volume.sizeGiB) && props.volume.sizeGiB > 0)) {
      throw new ConstructPropsError("DropletHost", id, "volume.sizeGiB", `${props.volume.sizeGiB} is not a positive whole number`);
    }
    const holdsData = props.holdsData ?? false;
    const droplet = new Droplet(this, "droplet", {
      name: props.dropletName,
      region: props.region,
      size: props.size,
      image: props.image,
      vpcUuid: props.vpcId,
      ipv6: true,
      monitoring: true,
      backups: holdsData,
      sshKeys: props.sshKeyFingerprints,
      tags: Object.entries(props.tags).map(([key, value]) => `${key}:${value}`).sort(),
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
        lifecycle: { preventDestroy: true },
      });
      new VolumeAttachment(this, "volume-attachment", { dropletId: this.dropletId, volumeId: volume.id });
    }
  }
}
