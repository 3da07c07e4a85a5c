/**
 * Reads a prebuilt cdktf provider binding (`@cdktf/provider-aws`, `@cdktf/provider-digitalocean`) back
 * into the facts about the Terraform schema it was generated from: what `scripts/extract-prebuilt-schema.ts`
 * prints as a skeleton of a committed schema, and what `__tests__/provider-schemas.test.ts` cross-checks the
 * committed schemas with.
 *
 * Each binding's index.js carries an inline source map whose `sourcesContent` is the TypeScript that
 * cdktf's generator wrote. That source keeps, for every attribute and block, the generator's line
 * `// <name> - computed: <bool>, optional: <bool>, required: <bool>`, which are the schema's own
 * flags (for a block: optional/required from min_items; inside a `["object", …]` type the parent's
 * flags are repeated). The rest is read off the code the generator emits per schema shape:
 *
 * - `getStringAttribute` / `getNumberAttribute` / `getBooleanAttribute`: string / number / bool;
 *   `getListAttribute` (list of string), wrapped in `cdktf.Fn.tolist(…)` for a set; `getNumberListAttribute`
 *   likewise; `getStringMapAttribute` etc. for maps; a stored `cdktf.StringMap` for a computed map.
 * - `new <Struct>List(this, "name", <wrapsSet>)`: a list (false) or set (true) of objects or blocks;
 *   `new <Struct>OutputReference(this, "name")`: a block with max_items 1, or a single object.
 * - `<struct>ToHclTerraform`: `isBlock`, `type` (simple/list/set/map/struct), `storageClassType`, and
 *   `cdktf.listMapperHcl(<fn>, <isBlock>)` for a repeated block versus a max-one block (no mapper).
 *
 * What a binding cannot tell (sensitive, deprecated, max_items other than 1, min_items other than 0
 * or 1, schema version, `nested_type` versus an object type when the flags agree) must come from the
 * provider's source. The skeleton leaves those out and writes `"version": 0`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type BindingType =
  "string" | "number" | "bool" | readonly ["list" | "set" | "map", BindingType] | readonly ["object", Readonly<Record<string, BindingType>>];

export interface Flags {
  readonly computed: boolean;
  readonly optional: boolean;
  readonly required: boolean;
}

export interface BindingAttribute {
  readonly flags: Flags;
  readonly type: BindingType;
  /** For list/set/map/single of objects: the struct's members with their own flags (see nested_type). */
  readonly objectMembers?: Readonly<Record<string, BindingAttribute>>;
  /** Object-valued: list, set, map or single (a bare object). */
  readonly objectNesting?: "list" | "set" | "map" | "single";
  readonly hasSetter: boolean;
  readonly hasReset: boolean;
  /** How the config interface declares it: `name: T` (required), `name?: T` (optional), or not at all. */
  readonly config?: "required" | "optional";
}

export interface BindingBlockType {
  readonly nesting: "list" | "set" | "single";
  /** A list/set block generated as a single item: max_items is 1. */
  readonly maxOne: boolean;
  /** The generator's required flag: min_items >= 1 (list/set), every member required (single). */
  readonly required: boolean;
  readonly config?: "required" | "optional";
  readonly block: BindingBlock;
}

export interface BindingBlock {
  readonly attributes: Readonly<Record<string, BindingAttribute>>;
  readonly blocks: Readonly<Record<string, BindingBlockType>>;
}

export interface PrebuiltProvider {
  readonly name: string;
  readonly packageName: string;
  readonly fqpn: string;
}

export const PREBUILT: Readonly<Record<string, PrebuiltProvider>> = {
  aws: { name: "aws", packageName: "@cdktf/provider-aws", fqpn: "registry.terraform.io/hashicorp/aws" },
  digitalocean: {
    name: "digitalocean",
    packageName: "@cdktf/provider-digitalocean",
    fqpn: "registry.terraform.io/digitalocean/digitalocean",
  },
};

export type SchemaKind = "provider" | "resource" | "data";

const repoRoot = join(__dirname, "..");

/** lib/<module> of a type: resources drop the provider prefix, data sources get `data-<provider>-`. */
export function bindingModuleDir(provider: PrebuiltProvider, kind: SchemaKind, type: string): string {
  const lib = join(repoRoot, "node_modules", provider.packageName, "lib");
  if (kind === "provider") return join(lib, "provider");
  const kebab = type.replace(/_/g, "-");
  if (kind === "data") return join(lib, `data-${kebab}`);
  return join(lib, kebab.slice(provider.name.length + 1));
}

/** The generator's TypeScript, recovered from the inline source map of index.js. */
export function bindingSource(moduleDir: string): string {
  const js = join(moduleDir, "index.js");
  if (!existsSync(js) || !existsSync(join(moduleDir, "index.d.ts"))) throw new Error(`no binding at ${moduleDir}`);
  const text = readFileSync(js, "utf8");
  const match = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/.exec(text);
  if (!match?.[1]) throw new Error(`${js} has no inline source map`);
  const map = JSON.parse(Buffer.from(match[1], "base64").toString("utf8")) as { sourcesContent?: string[] };
  const source = map.sourcesContent?.[0];
  if (source === undefined) throw new Error(`${js}: source map without sourcesContent`);
  return source;
}

// ---------------------------------------------------------------------------------------------
// Lexical reading of the generated TypeScript (its layout is fixed by cdktf's code emitter).

interface HclEntry {
  readonly value: string;
  readonly isBlock: boolean;
  readonly type: string;
  readonly storageClassType: string;
}

interface Member {
  readonly name: string;
  readonly flags: Flags;
  readonly camel: string;
  readonly storedInit?: { readonly cls: string; readonly wrapsSet?: boolean };
  readonly getterBody: string;
  readonly hasSetter: boolean;
  readonly hasReset: boolean;
}

interface Declarations {
  readonly interfaces: Map<string, string>;
  readonly classes: Map<string, string>;
  readonly functions: Map<string, string>;
}

function declarations(source: string): Declarations {
  const result: Declarations = { interfaces: new Map(), classes: new Map(), functions: new Map() };
  const re = /^export (interface|class|function) (\w+)[^\n]*\n([\s\S]*?)^}/gm;
  for (const m of source.matchAll(re)) {
    const [, kind, name, body] = m;
    if (!kind || !name || body === undefined) continue;
    const table = kind === "interface" ? result.interfaces : kind === "class" ? result.classes : result.functions;
    table.set(name, body);
  }
  return result;
}

function hclEntries(body: string): Map<string, HclEntry> {
  const out = new Map<string, HclEntry>();
  const re = /(\w+): \{\s*value: (.*),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",\s*\}/g;
  for (const m of body.matchAll(re)) {
    const [, name, value, isBlock, type, storageClassType] = m;
    if (!name || value === undefined || !type || !storageClassType) continue;
    out.set(name, { value, isBlock: isBlock === "true", type, storageClassType });
  }
  return out;
}

/** `readonly camel?: T;` members of an interface with the first line of their doc comment. */
function interfaceMembers(body: string): Map<string, { optional: boolean; type: string; doc: string }> {
  const out = new Map<string, { optional: boolean; type: string; doc: string }>();
  const re = /\/\*\*\s*\n\s*\*\s?([^\n]*)[\s\S]*?\*\/\s*\n\s*readonly (\w+)(\??): ([^;]+);/g;
  for (const m of body.matchAll(re)) {
    const [, doc, camel, optional, type] = m;
    if (!camel || type === undefined) continue;
    out.set(camel, { optional: optional === "?", type, doc: (doc ?? "").trim() });
  }
  return out;
}

/** Pairs `tf_name: <mapper>(struct!.camel…)` of a `…ToTerraform` function or `synthesizeAttributes`. */
function terraformNames(body: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of body.matchAll(/^\s+(\w+): .*\((?:struct!|this)\.(_?\w+)(?:\.internalValue)?\),$/gm)) {
    const [, name, camel] = m;
    if (name && camel) out.set(name, camel.replace(/^_/, ""));
  }
  return out;
}

function classMembers(body: string): Map<string, Member> {
  const out = new Map<string, Member>();
  const re =
    /^ {2}\/\/ (\w+) - computed: (true|false), optional: (true|false), required: (true|false)\n([\s\S]*?)(?=^ {2}\/\/ \w+ - computed:|^ {2}\/\/ =+|(?![\s\S]))/gm;
  for (const m of body.matchAll(re)) {
    const [, name, computed, optional, required, chunk] = m;
    if (!name || chunk === undefined) continue;
    const getter = /public get (\w+)\(\) \{\n\s*return ([^\n]*);/.exec(chunk);
    if (!getter?.[1] || getter[2] === undefined) throw new Error(`member ${name}: no getter`);
    const camel = getter[1];
    const init = /private _\w+ = new (?:cdktf\.)?(\w+)\(this, "[^"]*"(?:, (true|false))?\);/.exec(chunk);
    out.set(name, {
      name,
      camel,
      flags: { computed: computed === "true", optional: optional === "true", required: required === "true" },
      ...(init?.[1] ? { storedInit: { cls: init[1], ...(init[2] ? { wrapsSet: init[2] === "true" } : {}) } } : {}),
      getterBody: getter[2],
      hasSetter: new RegExp(`public (set ${camel}|put\\w+)\\(value`).test(chunk),
      hasReset: /public reset\w*\(\)/.test(chunk),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// From the generated code back to schema facts.

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const structName = (cls: string): string => cls.replace(/(List|Map|OutputReference)$/, "");
type Docs = Map<string, { optional: boolean; type: string; doc: string }>;

function configOf(docs: Docs, camel: string): { config?: "required" | "optional" } {
  const member = docs.get(camel);
  return member === undefined ? {} : { config: member.optional ? "optional" : "required" };
}

class BindingReader {
  private readonly decl: Declarations;

  constructor(
    private readonly where: string,
    source: string,
  ) {
    this.decl = declarations(source);
  }

  /** The resource / data source / provider class whose tfResourceType is `tfType`. */
  topLevel(tfType: string): BindingBlock {
    for (const [name, body] of this.decl.classes) {
      if (!body.includes(`public static readonly tfResourceType = "${tfType}";`)) continue;
      const members = classMembers(body);
      const isProvider = body.includes("terraformProviderSource:");
      if (isProvider) members.delete("alias"); // added by cdktf's generator, not part of the provider's schema
      const config = this.decl.interfaces.get(`${name}Config`);
      const docs: Docs = config ? interfaceMembers(config) : new Map();
      return this.blockFromMembers(tfType, members, hclEntries(body), docs, isProvider);
    }
    throw new Error(`${this.where}: no class with tfResourceType "${tfType}"`);
  }

  private blockFromMembers(path: string, members: Map<string, Member>, hcl: Map<string, HclEntry>, docs: Docs, isProvider: boolean): BindingBlock {
    const attributes: Record<string, BindingAttribute> = {};
    const blocks: Record<string, BindingBlockType> = {};
    for (const member of members.values()) {
      const at = `${path}.${member.name}`;
      const entry = hcl.get(member.name);
      if (entry?.isBlock && this.isBlockEntry(entry, docs.get(member.camel)?.doc ?? "", member.name)) {
        blocks[member.name] = { ...this.blockType(at, member.flags.required, entry, isProvider), ...configOf(docs, member.camel) };
      } else {
        attributes[member.name] = { ...this.attribute(at, member, entry), ...configOf(docs, member.camel) };
      }
    }
    return { attributes, blocks };
  }

  /** Complex values are blocks when the mapper says so; a bare struct is a block if documented as one. */
  private isBlockEntry(entry: HclEntry, doc: string, name: string): boolean {
    const mapper = /^cdktf\.(?:listMapperHcl|hashMapperHcl)\(\w+, (true|false)\)/.exec(entry.value);
    if (mapper) return mapper[1] === "true";
    if (entry.type === "list" || entry.type === "set") return true; // max-one block (attributes never are)
    return entry.type === "struct" && doc === `${name} block`;
  }

  private blockType(at: string, required: boolean, entry: HclEntry, isProvider: boolean): BindingBlockType {
    const nesting = entry.type === "struct" ? "single" : entry.type;
    if (nesting !== "list" && nesting !== "set" && nesting !== "single") throw new Error(`${at}: block nesting ${entry.type}`);
    const maxOne = nesting !== "single" && !entry.value.startsWith("cdktf.listMapperHcl(");
    return { nesting, maxOne, required, block: this.structBlock(at, structName(entry.storageClassType), isProvider) };
  }

  /** A block's members: from its OutputReference class, or (provider blocks have none) its interface. */
  private structBlock(at: string, struct: string, isProvider: boolean): BindingBlock {
    const hclFn = this.decl.functions.get(`${lowerFirst(struct)}ToHclTerraform`);
    const iface = this.decl.interfaces.get(struct);
    if (hclFn === undefined || iface === undefined) throw new Error(`${at}: struct ${struct} not found`);
    const hcl = hclEntries(hclFn);
    const docs = interfaceMembers(iface);
    if (!isProvider) {
      const cls = this.decl.classes.get(`${struct}OutputReference`);
      if (cls === undefined) throw new Error(`${at}: ${struct}OutputReference not found`);
      return this.blockFromMembers(at, classMembers(cls), hcl, docs, false);
    }
    const attributes: Record<string, BindingAttribute> = {};
    const blocks: Record<string, BindingBlockType> = {};
    for (const [name, camel] of terraformNames(this.decl.functions.get(`${lowerFirst(struct)}ToTerraform`) ?? "")) {
      const entry = hcl.get(name);
      const member = docs.get(camel);
      if (!entry || !member) throw new Error(`${at}.${name}: not in ${struct}`);
      const flags = { computed: false, optional: member.optional, required: !member.optional };
      if (entry.isBlock && this.isBlockEntry(entry, member.doc, name)) {
        blocks[name] = { ...this.blockType(`${at}.${name}`, flags.required, entry, true), ...configOf(docs, camel) };
      } else {
        const type = this.hclType(`${at}.${name}`, entry);
        attributes[name] = { flags, type, hasSetter: true, hasReset: member.optional, ...configOf(docs, camel) };
      }
    }
    return { attributes, blocks };
  }

  private hclType(at: string, entry: HclEntry): BindingType {
    const primitive = (t: string): BindingType => {
      if (t === "string" || t === "number") return t;
      if (t === "boolean") return "bool";
      throw new Error(`${at}: unsupported storage class ${entry.storageClassType}`);
    };
    if (entry.type === "simple") return primitive(entry.storageClassType);
    const m = /^(string|number|boolean)(List|Map)$/.exec(entry.storageClassType);
    if ((entry.type === "list" || entry.type === "set" || entry.type === "map") && m?.[1]) {
      return [entry.type, primitive(m[1])];
    }
    throw new Error(`${at}: unsupported attribute shape ${entry.type}/${entry.storageClassType}`);
  }

  private attribute(at: string, member: Member, entry: HclEntry | undefined): BindingAttribute {
    const base = { flags: member.flags, hasSetter: member.hasSetter, hasReset: member.hasReset };
    const init = member.storedInit;
    if (init) {
      const scalarMap = /^(String|Number|Boolean)Map$/.exec(init.cls);
      if (scalarMap?.[1]) {
        const t = scalarMap[1] === "Boolean" ? "bool" : (scalarMap[1].toLowerCase() as "string" | "number");
        return { ...base, type: ["map", t] };
      }
      let nesting: "list" | "set" | "map" | "single";
      if (init.cls.endsWith("OutputReference")) nesting = "single";
      else if (init.cls.endsWith("Map")) nesting = "map";
      else if (init.cls.endsWith("List") && init.wrapsSet !== undefined) nesting = init.wrapsSet ? "set" : "list";
      else throw new Error(`${at}: unsupported stored class ${init.cls}`);
      if (entry && entry.type !== (nesting === "single" ? "struct" : nesting)) {
        throw new Error(`${at}: stored class ${init.cls} disagrees with ${entry.type}`);
      }
      return { ...base, ...this.objectAttribute(at, structName(init.cls), nesting) };
    }
    // Plain getters name the type (provider classes return the stored input instead); else the HCL mapper does.
    const fromGetter = this.getterType(member.getterBody);
    const fromHcl = entry ? this.hclType(at, entry) : undefined;
    if (fromGetter && fromHcl && JSON.stringify(fromGetter) !== JSON.stringify(fromHcl)) {
      throw new Error(`${at}: getter says ${JSON.stringify(fromGetter)}, HCL mapper ${JSON.stringify(fromHcl)}`);
    }
    const type = fromGetter ?? fromHcl;
    if (type === undefined) throw new Error(`${at}: unsupported getter ${member.getterBody}`);
    return { ...base, type };
  }

  /** An object-valued attribute: its struct's members, each with the flags the generator gave it. */
  private objectAttribute(at: string, struct: string, nesting: "list" | "set" | "map" | "single") {
    const cls = this.decl.classes.get(`${struct}OutputReference`);
    if (cls === undefined) throw new Error(`${at}: ${struct}OutputReference not found`);
    const hcl = hclEntries(this.decl.functions.get(`${lowerFirst(struct)}ToHclTerraform`) ?? "");
    const iface = this.decl.interfaces.get(struct);
    const docs: Docs = iface ? interfaceMembers(iface) : new Map();
    const objectMembers: Record<string, BindingAttribute> = {};
    const fields: Record<string, BindingType> = {};
    for (const m of classMembers(cls).values()) {
      const attr = { ...this.attribute(`${at}.${m.name}`, m, hcl.get(m.name)), ...configOf(docs, m.camel) };
      objectMembers[m.name] = attr;
      fields[m.name] = attr.type;
    }
    const object: BindingType = ["object", fields];
    return { type: nesting === "single" ? object : ([nesting, object] as const), objectMembers, objectNesting: nesting };
  }

  /** The type a plain getter names, if it names one (`getStringAttribute`, `Fn.tolist(getListAttribute)`, …). */
  private getterType(body: string): BindingType | undefined {
    const simple = /^this\.get(String|Number|Boolean)Attribute\('\w+'\)$/.exec(body);
    if (simple?.[1]) return simple[1] === "Boolean" ? "bool" : (simple[1].toLowerCase() as "string" | "number");
    if (/^this\.getListAttribute\('\w+'\)$/.test(body)) return ["list", "string"];
    if (/^this\.getNumberListAttribute\('\w+'\)$/.test(body)) return ["list", "number"];
    if (/^cdktf\.Fn\.tolist\(this\.getListAttribute\('\w+'\)\)$/.test(body)) return ["set", "string"];
    if (/^cdktf\.Token\.asNumberList\(cdktf\.Fn\.tolist\(this\.getNumberListAttribute\('\w+'\)\)\)$/.test(body)) {
      return ["set", "number"];
    }
    const map = /^this\.get(String|Number|Boolean)MapAttribute\('\w+'\)$/.exec(body);
    if (map?.[1]) return ["map", map[1] === "Boolean" ? "bool" : (map[1].toLowerCase() as "string" | "number")];
    return undefined;
  }
}

export function readBinding(provider: PrebuiltProvider, kind: SchemaKind, type: string): BindingBlock {
  const dir = bindingModuleDir(provider, kind, type);
  const tfType = kind === "provider" ? provider.name : type;
  return new BindingReader(dir, bindingSource(dir)).topLevel(tfType);
}

// ---------------------------------------------------------------------------------------------
// Skeleton: the binding's facts in `terraform providers schema -json` form.

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeysDeep(v)]));
  }
  return value;
}

function flagsJson(flags: Flags): Record<string, true> {
  const out: Record<string, true> = {};
  if (flags.required) out.required = true;
  if (flags.optional) out.optional = true;
  if (flags.computed) out.computed = true;
  return out;
}

const sameFlags = (a: Flags, b: Flags): boolean => a.computed === b.computed && a.optional === b.optional && a.required === b.required;

function attributeJson(attr: BindingAttribute): Record<string, unknown> {
  const members = attr.objectMembers;
  // Members with flags of their own can only come from nested attributes (plugin framework).
  if (members && attr.objectNesting && Object.values(members).some((m) => !sameFlags(m.flags, attr.flags))) {
    const attributes = Object.fromEntries(Object.entries(members).map(([n, m]) => [n, attributeJson(m)]));
    return { nested_type: { attributes, nesting_mode: attr.objectNesting }, ...flagsJson(attr.flags) };
  }
  return { type: attr.type, ...flagsJson(attr.flags) };
}

export function skeletonBlock(block: BindingBlock): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Object.keys(block.attributes).length > 0) {
    out.attributes = Object.fromEntries(Object.entries(block.attributes).map(([n, a]) => [n, attributeJson(a)]));
  }
  if (Object.keys(block.blocks).length > 0) {
    out.block_types = Object.fromEntries(
      Object.entries(block.blocks).map(([n, b]) => [
        n,
        {
          nesting_mode: b.nesting,
          block: skeletonBlock(b.block),
          ...(b.nesting !== "single" && b.required ? { min_items: 1 } : {}),
          ...(b.maxOne ? { max_items: 1 } : {}),
        },
      ]),
    );
  }
  return out;
}
