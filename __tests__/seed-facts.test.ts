/*
 * The facts the seed article and the facts sheet state about the estate, pinned one a test, each test named
 * after its fact: a change of the inventory that contradicts one fails with that fact's name. Every other test
 * takes its expectations from the inventory, so adding a host, a name or an app touches data and snapshots only.
 * The facts themselves are __tests__/support/seed-facts.ts, which the README's recipes are held to as well.
 */
import { loadEstate } from "../inventory";
import { seedFacts } from "./support/seed-facts";

describe("the seed's facts", () => {
  it.each(seedFacts(loadEstate()))("%s", (_fact, check) => check());
});
