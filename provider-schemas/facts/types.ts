/*
 * Facts about the pinned providers that their schemas do not carry: which attribute changes force a new
 * resource, the id each importer expects, and the rules the provider's validators apply to literal
 * values. One table per provider (`aws.ts`, `digitalocean.ts`, `heroku.ts`, `fastly.ts`), read by the
 * offline provider twin (twin/), the review (review/) and the import planner (adoption/). Every entry
 * says where it was read: provider repository, tag or commit, file.
 *
 * Paths: a dotted path names an attribute, through nested blocks, with block elements implicit:
 * "backup_policy.plan" is `plan` in every element of the `backup_policy` block.
 */

/** A rule a provider's validator applies to one attribute's literal value (unknown values are skipped). */
export type ValueRule =
  /** StringInSlice / IntInSlice / validation.StringInSlice(..., ignoreCase). */
  | { readonly kind: "one-of"; readonly values: readonly (string | number)[]; readonly ignoreCase?: boolean }
  /** IntBetween, IntAtLeast (max omitted), IntAtMost (min omitted); FloatBetween likewise. */
  | { readonly kind: "number-range"; readonly min?: number; readonly max?: number; readonly integer?: boolean }
  /** StringLenBetween, and the length checks of StringIsNotEmpty (min 1). */
  | { readonly kind: "length"; readonly min?: number; readonly max?: number }
  /** StringMatch / a regexp the validator applies; `pattern` is a JavaScript RegExp source, anchored as the provider anchors it. */
  | { readonly kind: "pattern"; readonly pattern: string; readonly message: string }
  /** IsCIDR / IsCIDRNetwork (no host bits when `network`). */
  | { readonly kind: "cidr"; readonly network?: boolean }
  /** IsIPAddress / IsIPv4Address / IsIPv6Address. */
  | { readonly kind: "ip-address"; readonly version?: 4 | 6 }
  /** verify.ValidARN and the like. */
  | { readonly kind: "arn" }
  /** StringIsJSON / verify.ValidIAMPolicyJSON (a JSON document). */
  | { readonly kind: "json" }
  /** ListOfUniqueStrings, or a set's elements that must differ. */
  | { readonly kind: "unique-items" };

/** A validator on one attribute. */
export interface AttributeValueRule {
  /** Dotted path of the attribute (see the file comment). */
  readonly path: string;
  readonly rule: ValueRule;
  /** Where the validator is defined: file (and function) in the provider's source at the pinned tag. */
  readonly source: string;
}

/** A rule between attributes of one block (ConflictsWith, ExactlyOneOf, AtLeastOneOf, RequiredWith). */
export interface CrossAttributeRule {
  readonly kind: "conflicts-with" | "exactly-one-of" | "at-least-one-of" | "required-with";
  /** The block the attributes sit in, as a dotted path; "" for the resource's top level. */
  readonly block: string;
  /** The attributes' names within that block. For "required-with": the first needs all the others. */
  readonly attributes: readonly string[];
  readonly source: string;
}

/** A replacement that a change forces only between some values (a CustomizeDiff rule). */
export interface ConditionalReplacement {
  /** Dotted path of the attribute. */
  readonly path: string;
  /** The change that forces a new resource; a value omitted matches any value. */
  readonly from?: string | number | boolean | null;
  readonly to?: string | number | boolean | null;
  readonly source: string;
}

/**
 * How the pinned provider's data sources find a type's live objects. live/discovery-configuration.ts writes them into a
 * scratch Terraform configuration, which runs against the real providers with credentials and against the provider
 * twin answering from a snapshot (twin/live-listings.ts): the same configuration either way.
 */
export type DiscoveryDataSource =
  /** One read of `dataSource` lists every object of the account (its `lists.elements`). */
  | { readonly kind: "list"; readonly dataSource: string }
  /** One read of `dataSource` lists every object's id (its `lists.ids`); `read` reads each, its `argument` set to the id. */
  | { readonly kind: "ids"; readonly dataSource: string; readonly read: string; readonly argument: string }
  /** One read of `dataSource` for each live object of `parent` (a zone's record sets), its `argument` set to the parent's id. */
  | { readonly kind: "within"; readonly parent: string; readonly dataSource: string; readonly argument: string }
  /**
   * One read of `dataSource` for each resource the estate declares, with these arguments from its configuration:
   * `{attribute}` its literal value, `{attribute.other}` the literal `other` of the resource `attribute` refers to.
   * A read that finds nothing fails, as the provider's does: that resource is not found live.
   */
  | { readonly kind: "lookup"; readonly dataSource: string; readonly arguments: Readonly<Record<string, string>> };

/** How a type's live objects are listed and told apart. */
export interface Discovery {
  /**
   * The attributes whose values (as the configuration and the provider's state write them) pick the object out.
   * @default none: the type is listed (for whether an id that follows from others exists, and for what no stack
   * declares) but its ids follow from others' (a zone's record sets)
   */
  readonly by?: readonly string[];
  /** The API call that lists the type's objects, with where it is documented. */
  readonly list: string;
  /** The data source(s) of the pinned provider that read the listing. */
  readonly dataSource: DiscoveryDataSource;
  /**
   * The import id of a listed object, from its attributes (named as in the resource's state): `{attribute}`, and
   * `[…]` for a part left out when an attribute in it is empty. @default "{id}"
   */
  readonly importId?: string;
}

export interface ResourceTypeFacts {
  /** Top-level attribute names, or dotted paths into nested blocks (e.g. "backup_policy.plan"), whose change forces Terraform to destroy and recreate the resource (ForceNew in the provider's schema, or RequiresReplace in plugin-framework resources). */
  readonly forcesReplacement: readonly string[];
  /** Changes that force replacement only between some values, e.g. a droplet's `ipv6` going from true to false. @default none */
  readonly conditionalReplacements?: readonly ConditionalReplacement[];
  /** The id `terraform import` expects, as a template: `{attr}` is read from the resource's synthesized configuration (a literal value), `<live ...>` marks a value only the live account knows, e.g. "<live droplet id>" or "{zone_id}_{name}_{type}". An empty string: the type has no importer. */
  readonly importId: string;
  /**
   * How an adopter's tools find the live object from what the configuration says (live/discovery.ts): the attributes
   * that pick it out among the objects its cloud lists (each a literal of the configuration, or a reference to the id
   * of a resource found before it), and the API call that lists them. @default not discoverable: its id is given by
   * hand in adoption/import-ids.json
   */
  readonly discovery?: Discovery;
  /** For a type whose ids must be given by hand (no data source lists it): where an adopter looks an id up. @default none */
  readonly findByHand?: string;
  /** The provider's validators on literal values. @default none */
  readonly valueRules?: readonly AttributeValueRule[];
  /** The provider's rules between attributes. @default none */
  readonly crossRules?: readonly CrossAttributeRule[];
  /**
   * Computed attributes that say where the cloud placed the object: its addresses, its DNS target, its name servers.
   * A destination one of the estate's own objects holds there, where its configuration leaves the value to the cloud,
   * is the estate's, whoever wrote the reference to it (review/verdict/ownership.ts). @default none
   */
  readonly reachableAt?: readonly string[];
  /** Where these facts come from: provider repository, version/tag or commit, file path(s). */
  readonly source: string;
}

/** A data source's argument that picks live objects: the resource attribute it compares with, or one of the object another attribute names. */
export type ListingMatch = string | { readonly via: string; readonly of: string; readonly attribute: string };

/**
 * What a data source that discovery reads shows: live objects of a resource type. The provider twin answers it from a
 * snapshot's objects of that type (twin/live-listings.ts), and discovery reads its answer back into the resource's
 * terms (live/discovery-run.ts), both by these facts.
 */
export interface Listing {
  /** The resource type whose objects it shows. */
  readonly resource: string;
  /** The attribute that holds the objects (a list or set of objects). @default the data source reads one object */
  readonly elements?: string;
  /** The attribute that holds the objects' ids (their state's `id`). @default none */
  readonly ids?: string;
  /** The data source's arguments that pick objects, each compared with what the object holds. @default none: all of them */
  readonly matches?: Readonly<Record<string, ListingMatch>>;
  /** Attributes the data source names otherwise than the resource's state: the data source's name → the state's. @default none */
  readonly renamed?: Readonly<Record<string, string>>;
  /** Attributes that hold a DNS name as the cloud's API writes it, with the root's dot (Route 53's record sets). @default none */
  readonly fullyQualified?: readonly string[];
  /** What the provider says when a read that must find one object finds none or several. @default the twin's own words */
  readonly notFound?: string;
}

/** Value rules of a data source. */
export interface DataSourceFacts {
  readonly valueRules?: readonly AttributeValueRule[];
  readonly crossRules?: readonly CrossAttributeRule[];
  /** What discovery reads from it. @default discovery does not read it */
  readonly lists?: Listing;
  readonly source: string;
}

/** Everything one provider's table holds. */
export interface ProviderFacts {
  readonly resources: Readonly<Record<string, ResourceTypeFacts>>;
  readonly dataSources: Readonly<Record<string, DataSourceFacts>>;
  /** Value rules of the provider block itself. @default none */
  readonly providerValueRules?: readonly AttributeValueRule[];
}
