import { synthCommittedEstate, synthEstate } from "./support/synth-estate";

const synth = synthCommittedEstate();

describe("synthesized stacks", () => {
  it("are one per datacenter, the database cluster's, one per service, and the state store's, if the inventory has one", () => {
    // From the inventory, so a datacenter added there is a stack here without touching this test.
    const { estate } = synth;
    const expected = [
      ...estate.datacenters.map((dc) => `digitalocean-${dc.key}`),
      `digitalocean-${estate.databaseCluster.datacenter}-database`,
      ...["datadog", "dns", "fastly", "gandi", "heroku", "pagerduty", "pingdom", "static-sites"],
      ...(estate.stateStore !== undefined ? ["state"] : []),
    ];
    expect([...synth.text.keys()]).toEqual([...expected].sort());
  });

  it.each([...synth.text.keys()])("%s matches its snapshot", (name) => {
    expect(synth.text.get(name)).toMatchSnapshot();
  });

  it("are byte-identical when synthesized again", () => {
    const again = synthEstate();
    expect([...again.text.entries()]).toEqual([...synth.text.entries()]);
  });
});
