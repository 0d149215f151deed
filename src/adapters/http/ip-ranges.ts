import ipaddr from "ipaddr.js";

// Addresses an outbound request from a URL we were given must never reach: this machine, the local
// network, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT and the reserved
// ranges. Only ordinary public unicast passes. ipaddr.js is plain JS, so Workers can use this too.

export const isIpLiteral = (host: string): boolean => ipaddr.isValid(host.replace(/^\[|\]$/g, ""));

/** Whether an IP address (v4 or v6) is anything but public unicast; an unparsable one counts as blocked. */
export function isBlockedAddress(ip: string): boolean {
  const raw = ip.replace(/^\[|\]$/g, "").split("%")[0] ?? "";
  if (!ipaddr.isValid(raw)) return true;
  // ::ffff:127.0.0.1 is 127.0.0.1; NAT64 (64:ff9b::/96) embeds an IPv4 address the same way.
  let addr = ipaddr.process(raw);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).range() === "rfc6052") {
    const bytes = (addr as ipaddr.IPv6).toByteArray().slice(-4);
    addr = ipaddr.fromByteArray(bytes);
  }
  return addr.range() !== "unicast";
}
