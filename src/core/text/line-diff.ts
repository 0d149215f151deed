export type DiffLine = { op: "same" | "add" | "del"; text: string };

/**
 * Line diff by longest common subsequence. Articles and replies are short, so the O(n·m) table is
 * fine; past the cap the texts are shown as a whole replacement rather than spending the CPU.
 */
export function lineDiff(before: string, after: string, maxCells = 4_000_000): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length * b.length > maxCells) return [...a.map((text) => ({ op: "del" as const, text })), ...b.map((text) => ({ op: "add" as const, text }))];
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i * cols + j] = a[i] === b[j] ? (lcs[(i + 1) * cols + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * cols + j] ?? 0, lcs[i * cols + j + 1] ?? 0);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ op: "same", text: a[i] ?? "" });
      i++;
      j++;
    } else if ((lcs[(i + 1) * cols + j] ?? 0) >= (lcs[i * cols + j + 1] ?? 0)) out.push({ op: "del", text: a[i++] ?? "" });
    else out.push({ op: "add", text: b[j++] ?? "" });
  }
  while (i < a.length) out.push({ op: "del", text: a[i++] ?? "" });
  while (j < b.length) out.push({ op: "add", text: b[j++] ?? "" });
  return out;
}

export const diffChanged = (diff: DiffLine[]) => diff.some((d) => d.op !== "same");
