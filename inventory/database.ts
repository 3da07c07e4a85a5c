import { assumed, psfSalt } from "./source";
import type { DatabaseCluster } from "./types";

/** The managed PostgreSQL cluster and its databases, each owned by a user of the same name. */
export const DATABASE_CLUSTER: DatabaseCluster = {
  name: "pg-nyc1-psf-io",
  datacenter: "nyc1",
  engine: "pg",
  version: "16",
  size: "db-s-2vcpu-4gb",
  nodeCount: 1,
  port: 25060,
  owner: "infrastructure-staff",
  source: psfSalt("pillar/prod/postgres/databases.sls"),
  fieldSources: {
    version: assumed("the cluster's PostgreSQL version is not published; the bugs host's own cluster runs 16 (psf-salt salt/bugs/postgresql.sls)"),
    size: assumed("the cluster's plan is not published"),
    nodeCount: assumed("the cluster's node count is not published"),
    port: assumed("DigitalOcean's port for managed PostgreSQL"),
    owner: assumed("the infrastructure staff run the shared cluster"),
  },
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
