import { assumed, psfSalt } from "./source";
import type { DatabaseCluster } from "./shape";

/** The Salt pillar of the PSF's PostgreSQL clusters: each cluster's host, port and TLS mode. */
const CLUSTERS = psfSalt("pillar/prod/postgres/clusters.sls");

/** The managed PostgreSQL cluster and its databases, each owned by a user of the same name. */
export const DATABASE_CLUSTER: DatabaseCluster = {
  name: "pg-nyc1-psf-io",
  datacenter: "nyc1",
  engine: "pg",
  version: "16",
  size: "db-s-2vcpu-4gb",
  nodeCount: 1,
  port: 25060,
  connectionPool: { name: "pool-pg-nyc1-psf-io", port: 25061 },
  // The salt master's postgresql.admin state creates every user and database on the cluster (salt/top.sls gives it to
  // the salt-master nodegroup; salt/postgresql/admin.sls connects with the cluster's admin user).
  administeredByRole: "salt-master",
  owner: "infrastructure-staff",
  source: psfSalt("pillar/prod/postgres/databases.sls"),
  fieldSources: {
    version: psfSalt("docs/services/postgresql.rst"),
    size: assumed("the cluster's plan is not published"),
    nodeCount: assumed("the cluster's node count is not published"),
    port: CLUSTERS,
    connectionPool: CLUSTERS,
    administeredByRole: psfSalt("salt/postgresql/admin.sls"),
    owner: assumed("the infrastructure staff run the shared cluster"),
  },
  differences: [
    {
      feature: "version",
      published: "\"Currently running hosted PostgreSQL 11 provided by DigitalOcean databases\" (docs/services/postgresql.rst, last changed 2022)",
      reason: "16: DigitalOcean no longer offers PostgreSQL 11, so the published version can neither be created nor kept; 16 is what the PSF runs on its own PostgreSQL host (salt/bugs/postgresql.sls). DigitalOcean upgrades a cluster's major version in place when it changes: read the live cluster's version before the first apply and write it here if it differs",
    },
    {
      feature: "the connection pool",
      published: "a pooled endpoint, pool-pg-nyc1-psf-io, on port 25061 of the cluster's host (pillar/prod/postgres/clusters.sls)",
      reason: "recorded, not created: which database and user it pools, its mode and its size are not published, and a pool made from guesses would not be the PSF's. It stays as it was made at DigitalOcean until it is adopted with its live settings; its clients pass the same database firewall",
    },
  ],
  databases: [
    { name: "codespeed-cpython", usedByRole: "codespeed" },
    { name: "codespeed-pypy", usedByRole: "codespeed" },
    // Listed on the cluster by psf-salt, but Roundup keeps its trackers in a PostgreSQL on the bugs host itself
    // (psf-salt salt/bugs/postgresql.sls; pillar/base/bugs.sls: rdbms host localhost): no host connects to these.
    { name: "roundup-cpython" },
    { name: "roundup-jython" },
    { name: "roundup-roundup" },
    { name: "roundup-cpython_test" },
    { name: "buildbot-master", usedByRole: "buildbot" },
    { name: "buildbot-master_test", usedByRole: "buildbot" },
  ],
};
