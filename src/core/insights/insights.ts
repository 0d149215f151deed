import type { CoreDeps } from "../deps.js";
import { conflict, notFound } from "../errors.js";
import { createArticle, slugify } from "../knowledge/curate-article.js";
import type { StaffMember } from "../types.js";
import { summariseEdits } from "./article-edits.js";
import { findGaps, type Gap } from "./gaps.js";

type Deps = Pick<CoreDeps, "store" | "clock" | "logger">;
export type Range = { from: number; to: number };

export async function listGaps(deps: Deps, range: Range): Promise<Gap[]> {
  const [src, dismissed] = await Promise.all([deps.store.gapSources(range), deps.store.dismissedGaps()]);
  return findGaps(src, { range, dismissed });
}

async function gapById(deps: Deps, id: string, range: Range): Promise<Gap> {
  const gap = (await listGaps(deps, range)).find((g) => g.id === id);
  if (!gap) throw notFound("Knowledge gap");
  return gap;
}

/** Opens the gap's suggested article as a draft article (never published from here). */
export async function draftGapArticle(deps: Deps, staff: Pick<StaffMember, "id">, id: string, range: Range) {
  const gap = await gapById(deps, id, range);
  if (!gap.suggestedArticle) throw conflict("No agent has answered these questions yet, so there is nothing to draft from.");
  const article = await createArticle(deps, staff, { ...gap.suggestedArticle, slug: `${slugify(gap.suggestedArticle.title).slice(0, 80)}-${id.slice(4, 10)}` });
  deps.logger.info("insights.gap_drafted", { gapId: id, articleId: article.id, staffId: staff.id });
  return article;
}

export async function dismissGap(deps: Deps, staff: Pick<StaffMember, "id">, id: string, range: Range): Promise<void> {
  await gapById(deps, id, range);
  await deps.store.dismissGap(id, staff.id, deps.clock.now());
}

export async function listArticleEdits(deps: Deps, range: Range) {
  return summariseEdits(await deps.store.gapSources(range));
}
