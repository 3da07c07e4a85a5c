import { assumed, psfSalt, SERVER_LIST, seed } from "./source";
import type { Datacenter } from "./shape";

const DATA_CENTERS = seed("Infrastructure Providers > Data Centers");
const UNPUBLISHED_RANGE = { privateRange: assumed("psf-salt publishes only nyc1's internal range; this one is a DigitalOcean regional range that does not overlap it, to check at adoption") };

/**
 * The PSF's datacenters (the infrastructure overview's table, and nyc3 from the server list). The private ranges
 * are DigitalOcean's regional private networks; nyc1's 10.132.0.0/16 is the PSF's documented internal range.
 */
export const DATACENTERS: readonly Datacenter[] = [
  { key: "ams1", provider: "digitalocean", region: "ams3", privateRange: "10.133.0.0/16", source: DATA_CENTERS, fieldSources: UNPUBLISHED_RANGE },
  { key: "nyc1", provider: "digitalocean", region: "nyc3", privateRange: "10.132.0.0/16", source: DATA_CENTERS, fieldSources: { privateRange: psfSalt("pillar/prod/networking.sls") } },
  { key: "sfo1", provider: "digitalocean", region: "sfo2", privateRange: "10.138.0.0/16", source: DATA_CENTERS, fieldSources: UNPUBLISHED_RANGE },
  // Not in the seed's table: the server list puts pythontest here, outside the primary datacenter's private network,
  // and psf-salt's Salt firewall admits it by its public address.
  {
    key: "nyc3", provider: "digitalocean", region: "nyc3", privateRange: "10.136.0.0/16", source: SERVER_LIST,
    fieldSources: {
      region: assumed("the server list names the datacenter nyc3 and no region; DigitalOcean's NYC3, where nyc1 also is"),
      privateRange: assumed("pythontest's private network is not published (it is not nyc1's 10.132.0.0/16); import the live VPC and correct the range at adoption"),
    },
  },
];
