import type { OnCall } from "./shape";

/**
 * PagerDuty's rotation as the seed states it: "on-call rotation for PSF infrastructure staff on the front line,
 * with volunteers as backup". Who is in each rotation is not written here (no personal data in the repository):
 * each rotation's people are a Terraform variable of their PagerDuty emails, looked up at plan time.
 */
export const ON_CALL: OnCall = {
  team: "PSF Infrastructure",
  timeZone: "Etc/UTC",
  escalationPolicy: "PSF infrastructure: staff, then volunteers",
  rotations: [
    {
      key: "infrastructure-staff",
      name: "PSF infrastructure staff",
      description: "The front line: PSF infrastructure staff",
      turnLengthHours: 168,
      startsAt: "2026-01-05T09:00:00Z",
      escalateAfterMinutes: 30,
      source: { kind: "seed", section: "Infrastructure Providers > PagerDuty" },
    },
    {
      key: "volunteers",
      name: "PSF infrastructure volunteers",
      description: "The backup: infrastructure volunteers, paged when staff do not acknowledge",
      turnLengthHours: 168,
      startsAt: "2026-01-05T09:00:00Z",
      escalateAfterMinutes: 60,
      source: { kind: "seed", section: "Infrastructure Providers > PagerDuty" },
    },
  ],
  policyRepeats: 2,
  acknowledgementTimeoutSeconds: 1800,
  autoResolveTimeoutSeconds: 14400,
  source: {
    kind: "assumed",
    reason: "the seed names the two levels only; the team and policy names, weekly turns from a Monday, the time zone, the escalation delays and timeouts are this project's choice",
  },
};
