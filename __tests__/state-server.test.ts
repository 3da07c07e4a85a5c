/*
 * The rehearsal's state server (twin/rehearsal/state-server.ts): each stack's state is the file terraform.<stack>.tfstate of
 * the folder, read and written whole through Terraform's http backend, on loopback, at a path nobody else knows.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { httpBackendOverride, serveStates, type StateServer } from "../twin/rehearsal/state-server";

let folder: string;
let server: StateServer;

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), "state-server-"));
  server = await serveStates(folder);
});
afterEach(() => server.close());

const request = (url: string, init?: RequestInit): Promise<Response> => fetch(url, init);

describe("the rehearsal's state server", () => {
  it("answers 404 for a stack with no state yet (Terraform's http backend reads it as an empty state)", async () => {
    expect((await request(server.address("dns"))).status).toBe(404);
  });

  it("keeps what Terraform sends as terraform.<stack>.tfstate, readable by the owner only, and gives it back", async () => {
    const state = JSON.stringify({ version: 4, serial: 3, lineage: "l", outputs: {}, resources: [] });
    expect((await request(server.address("dns"), { method: "POST", body: state })).status).toBe(200);
    const file = join(folder, "terraform.dns.tfstate");
    expect(readFileSync(file, "utf8")).toBe(state);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const read = await request(server.address("dns"));
    expect({ status: read.status, body: await read.text() }).toEqual({ status: 200, body: state });
  });

  it("serves a state already in the folder (a review's base state), and forgets one on DELETE", async () => {
    writeFileSync(join(folder, "terraform.gandi.tfstate"), "{}");
    expect(await (await request(server.address("gandi"))).text()).toBe("{}");
    expect((await request(server.address("gandi"), { method: "DELETE" })).status).toBe(200);
    expect(existsSync(join(folder, "terraform.gandi.tfstate"))).toBe(false);
  });

  it("listens on loopback only, and answers nothing without the address's secret, outside the folder, or to a lock", async () => {
    const address = new URL(server.address("dns"));
    expect(address.hostname).toBe("127.0.0.1");
    writeFileSync(join(folder, "terraform.dns.tfstate"), "{}");
    const [, secret] = address.pathname.split("/");
    const base = `${address.protocol}//${address.host}`;
    expect((await request(`${base}/not-the-secret/dns`)).status).toBe(404);
    expect((await request(`${base}/dns`)).status).toBe(404);
    expect((await request(`${base}/${secret}/..%2Fterraform.dns`)).status).toBe(404);
    expect((await request(`${base}/${secret}/dns/extra`)).status).toBe(404);
    expect((await request(server.address("dns"), { method: "LOCK" })).status).toBe(405);
  });

  it("writes the override that points a stack's backend at it", () => {
    expect(JSON.parse(httpBackendOverride(server, "dns"))).toEqual({ terraform: { backend: { http: { address: server.address("dns") } } } });
  });
});
