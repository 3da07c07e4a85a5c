/*
 * The benchmark's grown estate (bench/scaled-inventory.ts) stays an estate the inventory accepts as the inventory
 * changes, so that `npm run bench -- --only scaled` keeps measuring something.
 */
import { scaledInventory } from "../bench/scaled-inventory";
import { loadEstate, PSF_INVENTORY } from "../inventory";

describe("the benchmark's grown estate", () => {
  const today = JSON.stringify(PSF_INVENTORY);
  const grown = scaledInventory(PSF_INVENTORY, 180);

  it("is today's inventory with 180 more hosts, each a copy of one of today's, and passes every check of the inventory", () => {
    expect(grown.hosts).toHaveLength(PSF_INVENTORY.hosts.length + 180);
    expect(grown.hosts.slice(0, PSF_INVENTORY.hosts.length)).toEqual(PSF_INVENTORY.hosts);
    for (const host of grown.hosts.slice(PSF_INVENTORY.hosts.length)) {
      const original = PSF_INVENTORY.hosts.find((h) => host.name.startsWith(`${h.name}-s`));
      expect({ name: host.name, role: host.role, datacenter: host.datacenter }).toEqual({
        name: host.name,
        role: original?.role,
        datacenter: original?.datacenter,
      });
    }
    expect(loadEstate(grown).hosts).toHaveLength(grown.hosts.length);
  });

  it("leaves today's inventory as it was", () => {
    expect(JSON.stringify(PSF_INVENTORY)).toBe(today);
  });
});
