import { Aspects, TerraformElement, TerraformStack, type TerraformRemoteState } from "cdktf";
import type { Construct, Node } from "constructs";
import type { KnownImportIds } from "../adoption/known-import-ids";
import { ImportKnownResources } from "../adoption/import-known-resources";
import { resourceAddresses } from "../adoption/resource-address";
import { CrossStackReads } from "./cross-stack-reads";
import { prepareStackOnce, stackConfiguration, type ResolvedFragments } from "./single-resolution";
import { applyStateBackend, type StateBackend } from "./state-backend";

/**
 * The Terraform every stack needs: S3-native state locking (`use_lockfile`) and the plugin protocol the
 * rehearsal's provider twin speaks arrived in 1.10.
 */
export const REQUIRED_TERRAFORM_VERSION = ">= 1.10";

/** What every stack of the estate is given. */
export interface EstateStackProps {
  /** Where the stack keeps its state. */
  readonly backend: StateBackend;
  /** Live ids of resources to adopt, by stack and address. @default none: every resource is new */
  readonly importIds?: KnownImportIds;
  /** Adoption mode: refuse to synthesize a stack with an importable resource whose id is unknown. @default false */
  readonly adopting?: boolean;
}

/**
 * A state boundary of the estate. Its construct id is its stack name, which names its state (file,
 * Terraform Cloud workspace or S3 key): renaming a stack orphans its state.
 */
export class EstateStack extends TerraformStack {
  readonly stackName: string;
  readonly #handedOver = new Set<string>();
  /** Each element resolved by prepareStack, for the toTerraform that follows it (stacks/single-resolution.ts). */
  #prepared: ResolvedFragments | undefined;
  readonly #crossStackReads = new CrossStackReads(this);

  constructor(scope: Construct, stackName: string, props: EstateStackProps) {
    super(scope, stackName);
    this.stackName = stackName;
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
    applyStateBackend(this, stackName, props.backend);
    const importIds = props.importIds?.[stackName] ?? {};
    if (props.adopting === true || Object.keys(importIds).length > 0) {
      Aspects.of(this).add(new ImportKnownResources(this, { importIds, requireAll: props.adopting ?? false }));
    }
  }

  /**
   * cdktf's logical id of an element, made a name Terraform takes: one that would start with a digit (from a name
   * such as `2027.us.pycon.org`) gets a leading underscore, since Terraform's names start with a letter or one.
   */
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const id = super.allocateLogicalId(element);
    return /^[0-9]/.test(id) ? `_${id}` : id;
  }

  /** cdktf's preparation, its resolution of every element kept for writing the stack (stacks/single-resolution.ts). */
  override prepareStack(): void {
    this.#prepared = prepareStackOnce(this);
  }

  /** cdktf's configuration of the stack, byte for byte, without resolving again what preparing resolved. */
  override toTerraform(): Record<string, unknown> {
    const prepared = this.#prepared;
    // Once: a later call (a test's Testing.synth) resolves afresh, as cdktf would.
    this.#prepared = undefined;
    return stackConfiguration(this, prepared);
  }

  /**
   * cdktf's remote state through which this stack reads `fromStack`, its outputs read through a local value holding
   * them: Terraform decodes the remote state once, not once per expression (stacks/cross-stack-reads.ts).
   */
  override registerIncomingCrossStackReference(fromStack: TerraformStack): TerraformRemoteState {
    return this.#crossStackReads.throughLocal(super.registerIncomingCrossStackReference(fromStack));
  }

  /**
   * Hands resources this stack's state may still hold over to another stack's state: a top-level `removed` block
   * with `lifecycle { destroy = false }` for each address, so that Terraform forgets them here instead of
   * destroying them, while `toStack` adopts them (import blocks, or `terraform state mv`: README, "Moving
   * resources between states"). Terraform's `moved` cannot cross states, and cdktf 0.21 has no class for
   * `removed`. The addresses must no longer exist in this stack.
   */
  handOver(addresses: readonly string[], toStack: string): void {
    for (const address of [...addresses].sort()) {
      if (this.#handedOver.has(address)) throw new Error(`${this.stackName}: ${address} is handed over twice`);
      this.#handedOver.add(address);
      new RemovedFromState(this, `handed-over-to-${toStack}-${address}`, address);
    }
  }
}

/** A `removed` block that keeps the object: Terraform forgets `from` and leaves it alone. */
class RemovedFromState extends TerraformElement {
  constructor(
    scope: TerraformStack,
    id: string,
    private readonly from: string,
  ) {
    super(scope, id);
    // A `removed` block for an address the configuration still declares is an error Terraform reports late.
    this.node.addValidation({
      validate: () =>
        resourceAddresses(scope).includes(from) ? [`${from} is handed over to another state but still declared in ${scope.node.id}`] : [],
    });
  }

  override toTerraform(): unknown {
    return { removed: [{ from: this.from, lifecycle: { destroy: false } }] };
  }

  override toHclTerraform(): unknown {
    return this.toTerraform();
  }
}
