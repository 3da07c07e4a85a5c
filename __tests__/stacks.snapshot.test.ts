import { synthCommittedEstate, synthEstate } from "./support/synth-estate";

const synth = synthCommittedEstate();

describe("synthesized stacks", () => {
  it("are the expected set", () => {
    expect([...synth.text.keys()]).toEqual(["datadog", "digitalocean-ams1", "digitalocean-nyc1", "digitalocean-nyc1-database", "digitalocean-nyc3", "digitalocean-sfo1", "dns", "fastly", "gandi", "heroku", "pagerduty", "pingdom", "state", "static-sites"]);
  });

  it.each([...synth.text.keys()])("%s matches its snapshot", (name) => {
    expect(synth.text.get(name)).toMatchSnapshot();
  });

  it("are byte-identical when synthesized again", () => {
    const again = synthEstate();
    expect([...again.text.entries()]).toEqual([...synth.text.entries()]);
  });
});
