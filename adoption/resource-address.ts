import { TerraformResource } from "cdktf";
import type { IConstruct } from "constructs";

/** A resource's address in its stack's configuration and state: `<type>.<name>`. */
export function resourceAddress(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/** The address of every resource in `scope` and below it, sorted. */
export function resourceAddresses(scope: IConstruct): string[] {
  return scope.node
    .findAll()
    .filter((c): c is TerraformResource => c instanceof TerraformResource)
    .map(resourceAddress)
    .sort();
}
