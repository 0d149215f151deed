import type { SearchHit } from "../core/types.js";

/** Ranked search over published articles. Any user text is a valid query. */
export interface KnowledgeSearch {
  search(query: string, opts?: { limit?: number; withBody?: boolean }): Promise<SearchHit[]>;
}
