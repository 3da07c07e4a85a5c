/*
 * The estate grown for the benchmark: the inventory with `extraHosts` more hosts, copies of today's in turn (same
 * datacenter, role, owner, image and size; each copy `<name>-s<n>`, with a volume of its own where the original has
 * one), so that synthesis and the rehearsal can be timed at a size the estate may reach, without committing a big
 * inventory. Nothing but the benchmark and its test uses it.
 */
import type { EstateInventory, Host } from "../inventory";
import { assumed } from "../inventory/source";

/** A copy of `host` as the `n`th extra host of its kind. */
function copyOf(host: Host, n: number): Host {
  const { previously: _previously, dropletName: _dropletName, volume, ...rest } = host;
  const name = `${host.name}-s${n}`;
  return {
    ...rest,
    name,
    purpose: `${host.purpose} (benchmark copy ${n})`,
    source: assumed("a benchmark copy of a host of the inventory, never synthesized for the estate"),
    ...(volume !== undefined ? { volume: { ...volume, name: `${volume.name}-s${n}` } } : {}),
  };
}

/** The inventory with `extraHosts` hosts more. */
export function scaledInventory(inventory: EstateInventory, extraHosts: number): EstateInventory {
  const { hosts } = inventory;
  const extra = Array.from({ length: extraHosts }, (_, i) => {
    const host = hosts[i % hosts.length];
    if (host === undefined) throw new Error("the inventory to scale has no host to copy");
    return copyOf(host, Math.floor(i / hosts.length) + 1);
  });
  return { ...inventory, hosts: [...inventory.hosts, ...extra] };
}
