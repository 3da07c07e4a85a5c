/*
 * The configuration synthesized for a deploy against the one the review judged: whether it may be deployed, and in
 * which order the selected stacks go.
 */
import { differingStacks, type ConfigurationHashes, type StateDeparture } from "../review/reviewed-configuration";
import { DeployStop, EXIT } from "./stop";

/**
 * Why the configuration synthesized here may not be deployed against `reviewed`, or undefined when it may: a state
 * departing from the convention (anywhere: the hashes replace only the convention), or a selected stack whose hash
 * differs; with every stack selected, the whole estate's hash must match, so a stack added or removed counts too.
 */
export function refusalReason(
  reviewed: ConfigurationHashes,
  synthesized: { readonly hashes: ConfigurationHashes; readonly departures: readonly StateDeparture[] },
  selection: readonly string[],
): string | undefined {
  if (synthesized.departures.length > 0) {
    return `the state of ${synthesized.departures.map((d) => `${d.stack} (${d.subject} ${d.detail})`).join("; ")} departs from the estate's convention, so it is not what any review judged`;
  }
  const all = selection.length === 0;
  const differing = all
    ? differingStacks(reviewed, synthesized.hashes)
    : selection.filter((stack) => reviewed.stacks[stack] !== synthesized.hashes.stacks[stack]);
  if (differing.length === 0 && (!all || reviewed.configuration === synthesized.hashes.configuration)) return undefined;
  if (differing.length === 0)
    return "the whole estate's hash differs from the reviewed one although every stack's matches: the report is not a review's";
  const described = differing.map((stack) =>
    reviewed.stacks[stack] === undefined
      ? `${stack} (not in the reviewed configuration)`
      : synthesized.hashes.stacks[stack] === undefined
        ? `${stack} (reviewed, but not synthesized here)`
        : stack,
  );
  return `${described.join(", ")} ${differing.length === 1 ? "differs" : "differ"} from the configuration the review judged`;
}

/** The selected stacks, each after the selected stacks it reads (by the manifest's dependencies), in name order otherwise. */
export function deployOrder(selected: readonly string[], dependencies: ReadonlyMap<string, readonly string[]>): string[] {
  const chosen = new Set(selected);
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (stack: string, path: readonly string[]): void => {
    if (state.get(stack) === "done") return;
    if (state.get(stack) === "visiting")
      throw new DeployStop(EXIT.couldNotRun, `the stacks read each other in a cycle: ${[...path, stack].join(" → ")}`);
    state.set(stack, "visiting");
    for (const read of [...(dependencies.get(stack) ?? [])].sort()) if (chosen.has(read)) visit(read, [...path, stack]);
    state.set(stack, "done");
    order.push(stack);
  };
  for (const stack of [...chosen].sort()) visit(stack, []);
  return order;
}
