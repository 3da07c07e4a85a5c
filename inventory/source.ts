/**
 * How the inventory's data writes where a fact comes from (its shape: shape/sources.ts), so that a reviewer can tell a
 * fact from an assumption and whoever adopts the live estate knows what to check.
 */
import type { Source } from "./shape";

/** A section of the seed article, as its headings name it (`Infrastructure Providers > Gandi`). */
export const seed = (section: string): Source => ({ kind: "seed", section });

/** A file the PSF publishes. */
export const publicFile = (repository: string, path: string): Source => ({ kind: "public", repository, path });

/** A value nobody published, with why it was chosen. */
export const assumed = (reason: string): Source => ({ kind: "assumed", reason });

/** A file of python/psf-salt, the Salt configuration of every droplet. */
export const psfSalt = (path: string): Source => publicFile("python/psf-salt", path);

/** The public server list: one row a host, with its role, datacenter, distribution and contact. */
export const SERVER_LIST = psfSalt("docs/salt-server-list.rst");

/** The Salt firewall pillar of a role. */
export const firewallPillar = (name: string): Source => psfSalt(`pillar/base/firewall/${name}.sls`);

/** The PSF's own Terraform for the www.python.org Fastly service. */
export const PYTHONDOTORG_CDN = publicFile("python/pythondotorg", "infra/cdn/main.tf");

/** The PSF's own Terraform for PyPI's DNS: the pattern of the zones, their delegation set and DNSSEC. */
export const PYPI_DNS = publicFile("pypi/infra", "terraform/dns/main.tf");
