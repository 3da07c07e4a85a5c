/**
 * Heroku add-on plans that hold data (a database, a key-value store, a stream): deleting the add-on deletes
 * the data. Source: Heroku's Elements marketplace and Dev Center (Heroku Postgres, Heroku Key-Value Store,
 * formerly Heroku Redis, and Apache Kafka on Heroku); the plan is `<service>:<tier>`.
 */
const HEROKU_DATA_ADDON = /^heroku-(postgresql|redis|kafka|key-value-store)(:|$)/;

export function isHerokuDataAddonPlan(plan: string): boolean {
  return HEROKU_DATA_ADDON.test(plan);
}
