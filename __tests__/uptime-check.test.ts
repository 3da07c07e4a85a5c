import { TerraformStack, Testing } from "cdktf";
import { PingdomProvider } from "../.gen/providers/pingdom/provider";
import { UptimeCheck, type UptimeCheckProps } from "../constructs/uptime-check";
import { defined } from "./support/defined";

type Block = Record<string, unknown>;

function newStack(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "test");
  new PingdomProvider(stack, "pingdom", {});
  return stack;
}

function synthCheck(props: UptimeCheckProps): Block {
  const stack = newStack();
  const check = new UptimeCheck(stack, "www", props);
  const json = JSON.parse(Testing.synth(stack)) as { resource: { pingdom_check: Record<string, Block> } };
  expect(Object.keys(json.resource.pingdom_check)).toEqual([check.check.friendlyUniqueId]);
  return defined(json.resource.pingdom_check[check.check.friendlyUniqueId]);
}

const www: UptimeCheckProps = {
  hostName: "www.python.org",
  intervalMinutes: 5,
  alertAfterFailures: 2,
  certificateWarningDays: 14,
  alertIntegrationIds: [42, 7],
};

describe("UptimeCheck", () => {
  it("requests https://<name>/ verifying the certificate, alerting the integrations when down and back up", () => {
    expect(synthCheck({ ...www, tags: ["psf", "infra-team", "static_site"] })).toEqual({
      name: "www.python.org",
      type: "http",
      host: "www.python.org",
      url: "/",
      encryption: true,
      verify_certificate: true,
      ssl_down_days_before: 14,
      resolution: 5,
      sendnotificationwhendown: 2,
      notifywhenbackup: true,
      integrationids: [42, 7],
      tags: "infra-team,psf,static_site",
    });
  });

  it("requests plain http://<name><path> for a name that serves no HTTPS, with no certificate to verify or watch", () => {
    const check = synthCheck({ ...www, hostName: "pythontest.net", protocol: "http", path: "/unicode/" });
    expect(check).toMatchObject({ host: "pythontest.net", url: "/unicode/", encryption: false, verify_certificate: false });
    expect(check).not.toHaveProperty("ssl_down_days_before");
  });

  it("requests https without verifying a certificate that is self-signed on purpose", () => {
    const check = synthCheck({ ...www, hostName: "self-signed.pythontest.net", verifyCertificate: false });
    expect(check).toMatchObject({ encryption: true, verify_certificate: false });
    expect(check).not.toHaveProperty("ssl_down_days_before");
  });

  it("fails on a plain HTTP check that would verify a certificate", () => {
    expect(() => new UptimeCheck(newStack(), "www", { ...www, protocol: "http", verifyCertificate: true })).toThrow(
      /UptimeCheck "www\.python\.org" prop "verifyCertificate": is true, but a plain HTTP check has no certificate/,
    );
  });

  it("fails on a path without its slash", () => {
    expect(() => new UptimeCheck(newStack(), "www", { ...www, path: "status" })).toThrow(
      /UptimeCheck "www\.python\.org" prop "path": "status" does not start with "\/"/,
    );
  });

  it("writes no tags when given none", () => {
    expect(synthCheck(www)).not.toHaveProperty("tags");
  });

  it("fails on no integrations to alert", () => {
    expect(() => new UptimeCheck(newStack(), "www", { ...www, alertIntegrationIds: [] })).toThrow(
      /UptimeCheck "www\.python\.org" prop "alertIntegrationIds": is empty/,
    );
  });

  it.each(["Infra", "a,b", "has space", ""])("fails on the tag %j", (tag) => {
    expect(() => new UptimeCheck(newStack(), "www", { ...www, tags: ["psf", tag] })).toThrow(
      `UptimeCheck "www.python.org" prop "tags": "${tag}" is not lowercase letters`,
    );
  });
});
