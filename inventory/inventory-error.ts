/**
 * Bad inventory input. Its message lists every problem found, one a line, each naming the item and the
 * field, so that one run of synth shows all of them and no Terraform is written.
 */
export class InventoryError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The estate inventory is invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InventoryError";
  }
}

/** Collects problems while validating; throws them together at the end. */
export class ProblemList {
  private readonly problems: string[] = [];

  /** Records a problem with `item`'s `field`. */
  add(item: string, field: string, problem: string): void {
    this.problems.push(`${item} field "${field}": ${problem}`);
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new InventoryError(this.problems);
  }
}
