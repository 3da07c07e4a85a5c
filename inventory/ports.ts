/** How the inventory writes a port range (`tcp(443, "https")`), and how a firewall spells one. */
import type { PortRange, Protocol } from "./shape";

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
