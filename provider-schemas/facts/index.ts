import { AWS_FACTS } from "./aws";
import { DATADOG_FACTS } from "./datadog";
import { DIGITALOCEAN_FACTS } from "./digitalocean";
import { FASTLY_FACTS } from "./fastly";
import { GANDI_FACTS } from "./gandi";
import { HEROKU_FACTS } from "./heroku";
import { PAGERDUTY_FACTS } from "./pagerduty";
import { PINGDOM_FACTS } from "./pingdom";
import type { DataSourceFacts, ProviderFacts, ResourceTypeFacts } from "./types";

export type * from "./types";

/** Each pinned provider's facts, by the provider's local name (the prefix of its type names). */
export const PROVIDER_FACTS: Readonly<Record<string, ProviderFacts>> = {
  aws: AWS_FACTS,
  datadog: DATADOG_FACTS,
  digitalocean: DIGITALOCEAN_FACTS,
  fastly: FASTLY_FACTS,
  gandi: GANDI_FACTS,
  heroku: HEROKU_FACTS,
  pagerduty: PAGERDUTY_FACTS,
  pingdom: PINGDOM_FACTS,
};

/** Every resource type's facts, by type name. */
export const RESOURCE_TYPE_FACTS: Readonly<Record<string, ResourceTypeFacts>> = Object.assign(
  {},
  ...Object.values(PROVIDER_FACTS).map((facts) => facts.resources),
);

/** Every data source's facts, by type name. */
export const DATA_SOURCE_FACTS: Readonly<Record<string, DataSourceFacts>> = Object.assign(
  {},
  ...Object.values(PROVIDER_FACTS).map((facts) => facts.dataSources),
);
