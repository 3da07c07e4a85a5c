/*
 * Terraform's plan, as `terraform show -json` writes it, read into the changes the review reports. The
 * verdict on each resource is Terraform's own: its actions, its reason for a replacement, its moves
 * (`previous_address`), imports and forgets. Nothing here predicts what Terraform would do.
 */

/** The parts of Terraform's JSON plan the review reads (plan format 1.x). */
export interface TerraformPlanJson {
  readonly resource_changes?: readonly TerraformResourceChange[];
  /** What refreshing found changed outside Terraform since the state was written (a refresh-only plan's whole content). */
  readonly resource_drift?: readonly TerraformResourceChange[];
  readonly output_changes?: Readonly<Record<string, TerraformChange>>;
  readonly planned_values?: { readonly root_module?: TerraformModuleValues };
  readonly prior_state?: { readonly values?: { readonly root_module?: TerraformModuleValues } };
  readonly errored?: boolean;
}

/** A module's resources as `terraform show -json` writes them (planned values, or a state's values). */
export interface TerraformModuleValues {
  readonly resources?: readonly { readonly address: string; readonly mode: "managed" | "data"; readonly type: string; readonly values?: unknown }[];
  readonly child_modules?: readonly TerraformModuleValues[];
}

interface TerraformChange {
  readonly actions: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
  readonly after_unknown?: unknown;
  readonly before_sensitive?: unknown;
  readonly after_sensitive?: unknown;
}

export interface TerraformResourceChange {
  readonly address: string;
  readonly previous_address?: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly action_reason?: string;
  readonly change: TerraformChange & {
    readonly replace_paths?: readonly (readonly (string | number)[])[];
    readonly importing?: { readonly id?: string };
  };
}

export type PlannedAction = "create" | "update" | "replace" | "delete" | "move" | "import" | "forget";

/** One resource instance Terraform plans to change. */
export interface PlannedChange {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  /** What Terraform will do; a move or an import may also update (see `updates`). */
  readonly action: PlannedAction;
  /** Terraform's reason, for a replacement or a deletion (e.g. "replace_because_cannot_update"). */
  readonly reason?: string;
  /** The attributes whose change forces the replacement, as Terraform names them. */
  readonly replacePaths: readonly string[];
  /** The address it had, for a move. */
  readonly previousAddress?: string;
  /** The id it is imported from. */
  readonly importId?: string;
  /** Whether a move or an import also changes attributes. */
  readonly updates: boolean;
  /** A replacement that creates the new object before destroying the old (lifecycle.create_before_destroy). @default false */
  readonly createBeforeDestroy?: boolean;
  readonly before: unknown;
  readonly after: unknown;
  readonly afterUnknown: unknown;
  readonly beforeSensitive: unknown;
  readonly afterSensitive: unknown;
}

/** The managed resources' changes in one stack's plan; no-ops and data reads are left out. */
export function plannedChanges(stack: string, plan: TerraformPlanJson): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode !== "managed") continue;
    const actions = rc.change.actions.join(",");
    const moved = rc.previous_address !== undefined && rc.previous_address !== rc.address;
    const importing = rc.change.importing !== undefined;
    let action: PlannedAction | undefined;
    switch (actions) {
      case "create":
        action = "create";
        break;
      case "delete":
        action = "delete";
        break;
      case "delete,create":
      case "create,delete":
        action = "replace";
        break;
      case "forget":
        action = "forget";
        break;
      case "update":
        action = importing ? "import" : moved ? "move" : "update";
        break;
      case "no-op":
        action = importing ? "import" : moved ? "move" : undefined;
        break;
      default:
        action = undefined;
    }
    if (action === undefined) continue;
    changes.push({
      stack,
      address: rc.address,
      type: rc.type,
      action,
      ...(rc.action_reason !== undefined ? { reason: rc.action_reason } : {}),
      replacePaths: (rc.change.replace_paths ?? []).map((path) => path.join(".")),
      ...(moved ? { previousAddress: rc.previous_address } : {}),
      ...(importing ? { importId: rc.change.importing?.id ?? "" } : {}),
      updates: actions === "update" && (moved || importing),
      ...(actions === "create,delete" ? { createBeforeDestroy: true } : {}),
      before: rc.change.before ?? null,
      after: rc.change.after ?? null,
      afterUnknown: rc.change.after_unknown ?? {},
      beforeSensitive: rc.change.before_sensitive ?? {},
      afterSensitive: rc.change.after_sensitive ?? {},
    });
  }
  return changes;
}

/** What changed outside Terraform, as a plan's `resource_drift` records it: updates (state → live) and deletions (gone live). */
export function driftedChanges(stack: string, plan: TerraformPlanJson): PlannedChange[] {
  return plannedChanges(stack, { resource_changes: plan.resource_drift ?? [] });
}

/** Terraform's words for why it replaces or deletes, for people. */
export function describeReason(reason: string | undefined): string | undefined {
  switch (reason) {
    case undefined:
      return undefined;
    case "replace_because_cannot_update":
      return "an attribute that cannot change in place changed";
    case "replace_because_tainted":
      return "the object is tainted";
    case "replace_by_request":
      return "replacement was requested";
    case "replace_by_triggers":
      return "a replace_triggered_by reference changed";
    case "delete_because_no_resource_config":
      return "its configuration is gone";
    case "delete_because_count_index":
      return "count no longer includes its index";
    case "delete_because_each_key":
      return "for_each no longer includes its key";
    case "delete_because_no_module":
      return "its module is gone";
    case "delete_because_wrong_repetition":
      return "count/for_each changed how it is repeated";
    case "delete_because_no_move_target":
      return "its move target does not exist";
    default:
      return reason;
  }
}

/** One output whose value Terraform plans to change. */
export interface PlannedOutputChange {
  readonly stack: string;
  readonly name: string;
  readonly action: "create" | "update" | "delete";
  readonly beforeSensitive: boolean;
  readonly afterSensitive: boolean;
}

/** The outputs a stack's plan changes (an output's value marked sensitive as a whole, or not). */
export function plannedOutputChanges(stack: string, plan: TerraformPlanJson): PlannedOutputChange[] {
  return Object.entries(plan.output_changes ?? {}).flatMap(([name, change]): PlannedOutputChange[] => {
    const actions = change.actions.join(",");
    const action = actions === "create" ? "create" : actions === "delete" ? "delete" : actions === "update" ? "update" : undefined;
    if (action === undefined) return [];
    return [{ stack, name, action, beforeSensitive: change.before_sensitive === true, afterSensitive: change.after_sensitive === true }];
  });
}

/** Every object a plan knows of, with its values: the prior state's, then the planned ones (known values only). */
export function planObjects(
  plan: TerraformPlanJson,
): { readonly address: string; readonly mode: "managed" | "data"; readonly type: string; readonly values: unknown }[] {
  const walk = (module: TerraformModuleValues | undefined): { address: string; mode: "managed" | "data"; type: string; values: unknown }[] =>
    module === undefined
      ? []
      : [
          ...(module.resources ?? []).map((r) => ({ address: r.address, mode: r.mode, type: r.type, values: r.values ?? {} })),
          ...(module.child_modules ?? []).flatMap(walk),
        ];
  return [...walk(plan.prior_state?.values?.root_module), ...walk(plan.planned_values?.root_module)];
}
