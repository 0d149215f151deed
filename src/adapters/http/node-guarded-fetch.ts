import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { Agent, fetch as undiciFetch } from "undici";
import type { GuardedFetch } from "../../ports/guarded-fetch.js";
import { guardedFetch, PrivateAddressError } from "./guarded-fetch.js";
import { isBlockedAddress } from "./ip-ranges.js";

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The socket connects to exactly the address this lookup returns, so the address that was checked
 * is the one used: a DNS answer that changes between check and connect (rebinding) cannot slip in.
 */
function checkedLookup(hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) {
  dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (err, addresses) => {
    if (err) return callback(err, []);
    // Any private answer refuses the host: a name that mixes public and private addresses is a trick.
    if (addresses.length === 0 || addresses.some((a) => isBlockedAddress(a.address))) return callback(new PrivateAddressError(hostname), []);
    const first = addresses[0] as LookupAddress;
    if (options.all) callback(null, [first]);
    else callback(null, first.address, first.family);
  });
}

/** Node: the guard plus DNS checked and pinned per connection (undici's connect.lookup hook). */
export function nodeGuardedFetch(trustedOrigins: readonly string[] = [], allowPrivateNetwork = false): GuardedFetch & { close(): Promise<void> } {
  const guarded = new Agent({ connect: { lookup: checkedLookup as never } });
  const plain = new Agent();
  const inner = guardedFetch({
    trustedOrigins,
    allowPrivateNetwork,
    hop: (url, init, trusted) => undiciFetch(url, { ...(init as object), dispatcher: trusted ? plain : guarded }) as unknown as Promise<Response>,
  });
  return {
    fetch: inner.fetch,
    async close() {
      await Promise.all([guarded.close(), plain.close()]);
    },
  };
}
