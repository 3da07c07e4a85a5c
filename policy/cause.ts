/*
 * How a policy finding names what made it: the inventory item and field, in the words of the inventory's own messages
 * (inventory/shape/item-kinds.ts), or the construct whose own choice it is. The rules read data only (the facts name roles,
 * hosts by FQDN and zones), so the labels are made here from what the facts say.
 */
import type { PolicyExceptionSubject } from "../inventory";
import type { PolicyCause } from "./types";

export const inventoryCause = (item: string, field: string): PolicyCause => ({ kind: "inventory", item, field });

/** A construct's own choice: no inventory field decides it, so only the construct's code can change it. */
export const constructCause = (construct: string): PolicyCause => ({ kind: "construct", construct });

/** `role "mail" field "worldPorts"`, or `construct StaticWebsiteBucket (its own choice: no inventory field decides it)`. */
export function causeLabel(cause: PolicyCause): string {
  switch (cause.kind) {
    case "inventory":
      return `${cause.item} field "${cause.field}"`;
    case "construct":
      return `construct ${cause.construct} (its own choice: no inventory field decides it)`;
  }
}

/** A host as the inventory names it, `host "bugs.nyc1"`, from its FQDN `<name>.<datacenter>.<host zone>` (name and datacenter are slugs). */
export function hostItem(fqdn: string): string {
  return `host "${fqdn.split(".").slice(0, 2).join(".")}"`;
}

/** The item an exception is written beside and the list it is in: `role "mail"` and `policyExceptions`. */
export function exceptionPlace(subject: PolicyExceptionSubject): { readonly item: string; readonly list: string } {
  switch (subject.kind) {
    case "common-ports":
      return { item: "every host", list: "commonPortsPolicyExceptions" };
    case "role":
      return { item: `role "${subject.name}"`, list: "policyExceptions" };
    case "host":
      return { item: hostItem(subject.name), list: "policyExceptions" };
    case "zone":
      return { item: `zone "${subject.name}"`, list: "policyExceptions" };
  }
}

/** How a message names the item an exception is written beside: `role "mail"`, `every host` for the common ports. */
export function exceptionSubjectLabel(subject: PolicyExceptionSubject): string {
  return exceptionPlace(subject).item;
}
