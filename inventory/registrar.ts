import type { Registrar } from "./shape";

/** Where the PSF's domains are registered; each zone's name servers and DS record are published there. */
export const REGISTRAR: Registrar = {
  name: "Gandi",
  source: { kind: "seed", section: "Infrastructure Providers > Gandi" },
};
