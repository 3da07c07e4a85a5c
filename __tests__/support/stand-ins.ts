/*
 * Stand-ins for the constructs other constructs take: plain objects with values found nowhere else, so that a
 * test sees exactly which of them lands in which attribute (a private address where the public one belongs shows).
 */
import type { IDroplet } from "../../constructs/droplet-host";
import type { IPrivateNetwork } from "../../constructs/private-network";

export const network: IPrivateNetwork = { vpcId: "vpc-stand-in-4f1c", ipRange: "10.77.16.0/20" };

export const dropletA: IDroplet = {
  dropletId: 31001,
  ipv4Address: "203.0.113.11",
  ipv6Address: "2001:db8::11",
  privateIpv4Address: "10.77.16.11",
  dropletName: "a.stand-in.example.net",
};

export const dropletB: IDroplet = {
  dropletId: 31002,
  ipv4Address: "203.0.113.12",
  ipv6Address: "2001:db8::12",
  privateIpv4Address: "10.77.16.12",
  dropletName: "b.stand-in.example.net",
};

export const dropletC: IDroplet = {
  dropletId: 31003,
  ipv4Address: "203.0.113.13",
  ipv6Address: "2001:db8::13",
  privateIpv4Address: "10.77.16.13",
  dropletName: "c.stand-in.example.net",
};
