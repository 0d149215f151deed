/**
 * Whether an address is one of ours. Mail providers deliver `support+anything@` and any letter
 * case to `support@`, so those are ours too: a mail from them is our own mail coming back.
 */
export function isOwnAddress(address: string, ownAddresses: readonly string[]): boolean {
  const canonical = canonicalAddress(address);
  return canonical !== "" && ownAddresses.some((own) => canonicalAddress(own) === canonical);
}

function canonicalAddress(address: string): string {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf("@");
  if (at <= 0) return a;
  return `${a.slice(0, at).split("+")[0]}${a.slice(at)}`;
}
