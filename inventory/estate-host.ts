import type { Host } from "./shape";
import { hostKey } from "./shape/servers";

/** A droplet of the estate, with the names derived from its inventory row. */
export interface EstateHost extends Host {
  /** Inventory key and construct id: `<name>.<datacenter>` (`hostKey`), unique across the estate. */
  readonly key: string;
  /** `<name>.<datacenter>.<host zone>`. */
  readonly fqdn: string;
  /** The droplet's name at DigitalOcean. */
  readonly dropletName: string;
}

/** Derives a host's key and names from its inventory row. */
export function estateHost(host: Host, hostZone: string): EstateHost {
  const key = hostKey(host);
  const fqdn = `${key}.${hostZone}`;
  return { ...host, key, fqdn, dropletName: host.dropletName ?? fqdn };
}
