/**
 * Open SSE streams per customer token, in this process: past the cap, the oldest is closed so a
 * leaked or scripted token cannot hold open connections without bound (and a customer's newest tab
 * always works). Workers hold streams in the conversation's Durable Object, which caps them itself.
 */
export function streamCap(maxPerToken: number) {
  const open = new Map<string, { close: () => void }[]>();
  return {
    /** Registers a stream; returns its release. Closes the oldest streams of the token beyond the cap. */
    add(tokenHash: string, close: () => void): () => void {
      const entry = { close };
      const list = [...(open.get(tokenHash) ?? []), entry];
      while (list.length > maxPerToken) list.shift()?.close();
      open.set(tokenHash, list);
      return () => {
        const rest = (open.get(tokenHash) ?? []).filter((e) => e !== entry);
        if (rest.length) open.set(tokenHash, rest);
        else open.delete(tokenHash);
      };
    },
    count: (tokenHash: string) => open.get(tokenHash)?.length ?? 0,
  };
}
