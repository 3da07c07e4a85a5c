import type { PolicyExceptionSubject } from "../inventory/types";

/** How a message names the item an exception is written beside. */
export function exceptionSubjectLabel(subject: PolicyExceptionSubject): string {
  switch (subject.kind) {
    case "common-ports":
      return "the common ports";
    case "role":
      return `role "${subject.name}"`;
    case "host":
      return `host "${subject.name}"`;
    case "zone":
      return `zone "${subject.name}"`;
  }
}
