import { readFileSync } from "node:fs";
import recorded from "./import-ids.json";

/** Import ids of live resources, by stack and Terraform address: `{ "dns": { "aws_route53_zone.x": "Z123" } }`. */
export type KnownImportIds = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Where adopters record the live ids they looked up (see README "Adopting the live estate"). */
export const KNOWN_IMPORT_IDS_FILE = "adoption/import-ids.json";

/** A malformed or unreadable ids file; the message names the file, the stack and the address. */
export class ImportIdsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportIdsError";
  }
}

const ADDRESS = /^[a-z0-9_]+\.[A-Za-z0-9_-]+$/;

/**
 * Checks the recorded ids (the committed file unless others are given); a malformed entry fails with its
 * stack and address named.
 */
export function loadKnownImportIds(parsed: unknown = recorded, file: string = KNOWN_IMPORT_IDS_FILE): KnownImportIds {
  const fail = (where: string, problem: string): never => {
    throw new ImportIdsError(`${file}: ${where}: ${problem}`);
  };
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) fail("top level", "must be an object of stacks");
  for (const [stack, ids] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof ids !== "object" || ids === null || Array.isArray(ids)) fail(`stack "${stack}"`, "must be an object of addresses");
    for (const [address, id] of Object.entries(ids as Record<string, unknown>)) {
      if (!ADDRESS.test(address)) fail(`stack "${stack}" address "${address}"`, "is not a Terraform resource address (<type>.<name>)");
      if (typeof id !== "string" || id.trim() === "" || id.includes("<"))
        fail(`stack "${stack}" address "${address}"`, `import id ${JSON.stringify(id)} is not a live id`);
    }
  }
  return parsed as KnownImportIds;
}

/** Names another ids file to use instead of the committed one: for rehearsing an adoption with made-up ids. */
export const IMPORT_IDS_VARIABLE = "PSF_ESTATE_IMPORT_IDS";

/** The ids file PSF_ESTATE_IMPORT_IDS names, else the committed adoption/import-ids.json. */
export function knownImportIdsFromEnvironment(env: NodeJS.ProcessEnv): KnownImportIds {
  const file = env[IMPORT_IDS_VARIABLE];
  if (file === undefined || file === "") return loadKnownImportIds();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ImportIdsError(`${IMPORT_IDS_VARIABLE}=${file}: ${(error as Error).message}`);
  }
  return loadKnownImportIds(parsed, file);
}
