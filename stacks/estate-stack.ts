import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { applyStateBackend, type StateBackend } from "./state-backend";

/** What every stack of the estate is given. */
export interface EstateStackProps {
  /** Where the stack keeps its state. */
  readonly backend: StateBackend;
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
    applyStateBackend(this, stackName, props.backend);
  }
}
