import type { GapSources } from "../../ports/insights-store.js";
import { type DiffLine, lineDiff } from "../text/line-diff.js";
import { editDistanceShare } from "./gaps.js";

export type ArticleEdits = {
  articleId: string;
  slug: string;
  title: string;
  /** Drafts that cited the article and were decided by a person. */
  reviewed: number;
  edited: number;
  rejected: number;
  /** Mean share of the draft's words agents replaced, over the edited drafts. */
  meanChange: number;
  corrections: { draftId: string; conversationId: string; change: number; diff: DiffLine[] }[];
};

/** Which articles' answers agents correct most: per cited article, the edits (as diffs) and rejections. */
export function summariseEdits(src: Pick<GapSources, "drafts">, maxCorrections = 3): ArticleEdits[] {
  const by = new Map<string, ArticleEdits>();
  for (const d of src.drafts) {
    if (d.status === "pending" || d.status === "sent") continue;
    for (const c of d.citations) {
      const row = by.get(c.articleId) ?? {
        articleId: c.articleId,
        slug: c.slug,
        title: c.title,
        reviewed: 0,
        edited: 0,
        rejected: 0,
        meanChange: 0,
        corrections: [],
      };
      row.reviewed++;
      if (d.status === "rejected") row.rejected++;
      if (d.editedText && d.editedText !== d.text) {
        const change = editDistanceShare(d.text, d.editedText);
        row.meanChange = (row.meanChange * row.edited + change) / (row.edited + 1);
        row.edited++;
        row.corrections.push({ draftId: d.id, conversationId: d.conversationId, change, diff: lineDiff(d.text, d.editedText).filter((l) => l.op !== "same") });
      }
      by.set(c.articleId, row);
    }
  }
  return [...by.values()]
    .filter((r) => r.edited + r.rejected > 0)
    .map((r) => ({
      ...r,
      meanChange: Math.round(r.meanChange * 100) / 100,
      corrections: r.corrections.sort((a, b) => b.change - a.change).slice(0, maxCorrections),
    }))
    .sort((a, b) => b.edited + b.rejected - (a.edited + a.rejected) || b.meanChange - a.meanChange);
}
