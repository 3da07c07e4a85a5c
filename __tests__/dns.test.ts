import { PSF_INVENTORY } from "../inventory";
import { describeRoute53 } from "./support/dns-invariants";
import { resourcesOf, stackJson, synthCommittedEstate, synthEstate } from "./support/synth-estate";
import { defined } from "./support/defined";

describeRoute53("Route 53", synthCommittedEstate);

describe("Route 53 and the external hosts", () => {
  const synth = synthCommittedEstate();
  const { estate } = synth;
  const dns = stackJson(synth, "dns");
  const ZONES = estate.zones.map((z) => z.name).sort();

  it("publishes no record for an external host named in another organization's zone, or with no domain name", () => {
    const foreign = estate.externalHosts.filter((h) => !ZONES.some((zone) => h.name === zone || h.name.endsWith(`.${zone}`)));
    expect(foreign.map((h) => h.name)).toEqual(expect.arrayContaining(["speed-python.osuosl.org", "cesw-gbt-r263-p30-01"]));
    const names = Object.values(resourcesOf(dns, "aws_route53_record")).map((r) => r.name);
    for (const host of foreign) expect(names).not.toContain(host.name);
    expect(Object.keys(dns.variable ?? {}).filter((name) => name.endsWith("_ipv4"))).toEqual([]);
  });

  it("asks for the address of an external host in a managed zone that the inventory does not record, instead of guessing it", () => {
    const inZone = { ...defined(PSF_INVENTORY.externalHosts[0]), name: "bench.osuosl.psf.io" };
    const pinned = { ...inZone, name: "bench2.osuosl.psf.io", ipv4: "192.0.2.7" };
    const other = synthEstate({ ...PSF_INVENTORY, externalHosts: [...PSF_INVENTORY.externalHosts, inZone, pinned] });
    const otherDns = defined(other.json.get("dns"));
    const records = Object.values(resourcesOf(otherDns, "aws_route53_record"));
    expect(records.find((r) => r.name === "bench.osuosl.psf.io" && r.type === "A")?.records).toEqual(["${var.bench_osuosl_psf_io_ipv4}"]);
    expect(otherDns.variable?.bench_osuosl_psf_io_ipv4).toMatchObject({ type: "string", nullable: false });
    expect(records.find((r) => r.name === "bench2.osuosl.psf.io" && r.type === "A")?.records).toEqual(["192.0.2.7"]);
  });
});
