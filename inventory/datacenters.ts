import type { Datacenter } from "./types";

/**
 * The PSF's datacenters (the infrastructure overview's table). The private ranges are DigitalOcean's
 * regional private networks; nyc1's 10.132.0.0/16 is the PSF's documented internal range.
 */
export const DATACENTERS: readonly Datacenter[] = [
  { key: "ams1", provider: "digitalocean", region: "ams3", privateRange: "10.133.0.0/16" },
  { key: "nyc1", provider: "digitalocean", region: "nyc3", privateRange: "10.132.0.0/16" },
  { key: "sfo1", provider: "digitalocean", region: "sfo2", privateRange: "10.138.0.0/16" },
];
