import { type IAspect, TerraformResource, type TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { RESOURCE_TYPE_FACTS } from "../provider-schemas/facts";
import { resourceAddress } from "./resource-address";

/** Synthesis in adoption mode found resources that would be created beside their live twins. */
export class AdoptionError extends Error {
  constructor(stack: string, missing: readonly string[]) {
    super(
      `Adoption of stack "${stack}" would create ${missing.length} resource(s) that may already exist live; record their ids in adoption/import-ids.json (npm run import-plan lists what each needs):\n${missing.map((a) => `  - ${a}`).join("\n")}`,
    );
    this.name = "AdoptionError";
  }
}

export interface ImportKnownResourcesProps {
  /** Live ids by Terraform address, for this stack. */
  readonly importIds: Readonly<Record<string, string>>;
  /**
   * Adoption mode: every importable resource must have an id, so that applying never creates a
   * duplicate of a live resource. @default false
   */
  readonly requireAll?: boolean;
}

/**
 * Gives each resource whose live id is known an `import` block (cdktf `importFrom`), so that plan
 * adopts it instead of creating it. Addresses that match no resource are an error: a stale id would
 * otherwise be silently ignored.
 */
export class ImportKnownResources implements IAspect {
  constructor(
    private readonly stack: TerraformStack,
    private readonly props: ImportKnownResourcesProps,
  ) {}

  visit(node: IConstruct): void {
    // All at once when the stack itself is visited: its resources all exist by then, and every
    // problem can be reported in one message.
    if (node !== this.stack) return;
    const stackName = this.stack.node.id;
    const seen = new Set<string>();
    const missing: string[] = [];
    for (const construct of this.stack.node.findAll()) {
      if (!(construct instanceof TerraformResource)) continue;
      const address = resourceAddress(construct);
      seen.add(address);
      const id = this.props.importIds[address];
      if (id !== undefined) importWithoutVersionCheck(construct, id);
      else if (
        this.props.requireAll === true &&
        construct.forEach === undefined &&
        (RESOURCE_TYPE_FACTS[construct.terraformResourceType]?.importId ?? "") !== ""
      )
        missing.push(address);
    }
    const stale = Object.keys(this.props.importIds).filter((address) => !seen.has(address));
    if (stale.length > 0)
      throw new AdoptionError(
        stackName,
        stale.map((a) => `${a} (no such resource: a stale id in adoption/import-ids.json)`),
      );
    if (missing.length > 0) throw new AdoptionError(stackName, missing.sort());
  }
}

/**
 * `importFrom`, without the validation cdktf adds with it to every imported resource: a check that runs `terraform
 * version` in a shell at synthesis, once per resource (measured: 36 s of a 40 s synthesis that imports the whole
 * estate's 480 resources). Every stack states `required_version >= 1.10` (estate-stack.ts), which Terraform enforces
 * before it reads an import block, so the check adds nothing here.
 */
function importWithoutVersionCheck(resource: TerraformResource, id: string): void {
  const node = resource.node;
  Object.defineProperty(node, "addValidation", { value: () => undefined, configurable: true });
  try {
    resource.importFrom(id);
  } finally {
    // The prototype's method again, for anything added later.
    delete (node as { addValidation?: unknown }).addValidation;
  }
}
