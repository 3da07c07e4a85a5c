/*
 * Which zone a name lies in (values/dns-names.ts): the lookup the stacks, the policy's DNS rules and the review's
 * ownership all ask. The estate holds planetpython.org beside python.org, so a lookup that forgets the dot would call
 * a stranger's `evilpython.org` ours.
 */
import { isInZone, isRecordName, zoneContaining } from "../values/dns-names";

describe("isInZone", () => {
  it.each([
    ["python.org", "python.org"],
    ["www.python.org", "python.org"],
    ["a.b.python.org", "python.org"],
    ["planetpython.org", "planetpython.org"],
  ])("%s lies in %s", (name, zone) => expect(isInZone(name, zone)).toBe(true));

  it.each([
    ["planetpython.org", "python.org"],
    ["www.planetpython.org", "python.org"],
    ["evilpython.org", "python.org"],
    ["python.org", "www.python.org"],
    ["python.org.evil.example", "python.org"],
  ])("%s does not lie in %s", (name, zone) => expect(isInZone(name, zone)).toBe(false));
});

describe("zoneContaining", () => {
  const zones = ["python.org", "planetpython.org", "pycon.python.org"];

  it("finds the most specific zone, whatever the order the zones come in", () => {
    for (const order of [zones, [...zones].reverse()]) {
      expect(zoneContaining("www.planetpython.org", order)).toBe("planetpython.org");
      expect(zoneContaining("us.pycon.python.org", order)).toBe("pycon.python.org");
      expect(zoneContaining("docs.python.org", order)).toBe("python.org");
    }
  });

  it("finds none for a name outside every zone, even one that ends like a zone", () => {
    expect(zoneContaining("evilpython.org", zones)).toBeUndefined();
    expect(zoneContaining("example.org", zones)).toBeUndefined();
  });
});

describe("isRecordName", () => {
  it("takes lower-case names with service labels, and refuses what Route 53 would store differently", () => {
    expect(["_dmarc.python.org", "www.python.org", "a-b.python.org"].every(isRecordName)).toBe(true);
    expect(["Www.python.org", "python", "-a.python.org", "a..python.org", "python.org."].some(isRecordName)).toBe(false);
  });
});
