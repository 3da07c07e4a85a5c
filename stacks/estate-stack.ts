import { Aspects, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { KnownImportIds } from "../adoption/known-import-ids";
import { ImportKnownResources } from "./import-known-resources";
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
}
