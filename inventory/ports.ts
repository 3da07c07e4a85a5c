/** A transport protocol a firewall rule can name. */
export type Protocol = "tcp" | "udp";

/** An inclusive range of ports on one protocol; a single port has `from === to`. */
export interface PortRange {
  readonly protocol: Protocol;
  readonly from: number;
  readonly to: number;
  /** What listens there, for readers of the inventory and of the firewall. */
  readonly service: string;
}

/** A TCP port or inclusive range, e.g. `tcp(443, "https")` or `tcp(9000, 9002, "web")`. */
export function tcp(from: number, toOrService: number | string, service?: string): PortRange {
  return range("tcp", from, toOrService, service);
}

/** A UDP port or inclusive range. */
export function udp(from: number, toOrService: number | string, service?: string): PortRange {
  return range("udp", from, toOrService, service);
}

function range(protocol: Protocol, from: number, toOrService: number | string, service?: string): PortRange {
  if (typeof toOrService === "number") {
    return { protocol, from, to: toOrService, service: service ?? "" };
  }
  return { protocol, from, to: from, service: toOrService };
}

/** The port or range as DigitalOcean's firewall API spells it: "22" or "8300-8302". */
export function portRangeLabel(port: PortRange): string {
  return port.from === port.to ? `${port.from}` : `${port.from}-${port.to}`;
}
