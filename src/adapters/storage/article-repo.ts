import { and, desc, eq, isNull, like, or, sql } from "drizzle-orm";
import { articleIndexForm } from "../../core/knowledge/index-form.js";
import type { ArticleStore, ArticleSummary, ArticleVersion, NewAudit } from "../../ports/store.js";
import type { Db, RunBatch } from "./db.js";
import * as s from "./schema.js";

export function articleRepo(db: Db, runBatch: RunBatch): ArticleStore {
  const audit = (a: NewAudit, now: number) => db.insert(s.auditLog).values({ ...a, detail: a.detail ?? null, createdAt: now });
  const summaryColumns = {
    id: s.articles.id,
    slug: s.articles.slug,
    status: s.articles.status,
    latestVersion: s.articles.latestVersion,
    publishedVersion: s.articles.publishedVersion,
    source: s.articles.source,
    seedHash: s.articles.seedHash,
    updatedAt: s.articles.updatedAt,
    title: s.articleVersions.title,
    tags: s.articleVersions.tags,
    body: s.articleVersions.body,
    questions: s.articleVersions.questions,
  };
  // Every version is written with its index form, which the FTS triggers copy into article_search.
  const versionRow = (v: Omit<ArticleVersion, "version">) => {
    const questions = v.questions ?? [];
    return { ...v, questions, ...articleIndexForm({ ...v, questions }) };
  };
  const latest = () =>
    db
      .select(summaryColumns)
      .from(s.articles)
      .innerJoin(s.articleVersions, and(eq(s.articleVersions.articleId, s.articles.id), eq(s.articleVersions.version, s.articles.latestVersion)));

  return {
    async getArticle(idOrSlug) {
      const [row] = await latest().where(or(eq(s.articles.id, idOrSlug), eq(s.articles.slug, idOrSlug)));
      return row ?? null;
    },
    async listArticles(f) {
      const rows = await latest()
        .where(
          and(
            f.status ? eq(s.articles.status, f.status) : undefined,
            f.q ? or(like(s.articleVersions.title, `%${f.q}%`), like(s.articles.slug, `%${f.q}%`)) : undefined,
          ),
        )
        .orderBy(s.articles.slug)
        .limit(f.limit ?? 500);
      return rows.map(({ body: _b, questions: _q, seedHash: _h, ...r }) => r as ArticleSummary);
    },
    async listVersions(articleId) {
      return db
        .select({
          version: s.articleVersions.version,
          title: s.articleVersions.title,
          body: s.articleVersions.body,
          tags: s.articleVersions.tags,
          questions: s.articleVersions.questions,
          createdBy: s.articleVersions.createdBy,
          createdAt: s.articleVersions.createdAt,
        })
        .from(s.articleVersions)
        .where(eq(s.articleVersions.articleId, articleId))
        .orderBy(desc(s.articleVersions.version));
    },
    async getVersion(articleId, version) {
      const [row] = await db
        .select({
          version: s.articleVersions.version,
          title: s.articleVersions.title,
          body: s.articleVersions.body,
          tags: s.articleVersions.tags,
          questions: s.articleVersions.questions,
          createdBy: s.articleVersions.createdBy,
          createdAt: s.articleVersions.createdAt,
        })
        .from(s.articleVersions)
        .where(and(eq(s.articleVersions.articleId, articleId), eq(s.articleVersions.version, version)));
      return row ?? null;
    },
    async createArticle({ id, slug, version, status, source, seedHash, external, audit: a }) {
      const now = version.createdAt;
      // The article is inserted unpublished and published after its version row exists, because
      // the FTS trigger reads the version when the status changes.
      await runBatch([
        db.insert(s.articles).values({
          id,
          slug,
          searchId: sql`(select coalesce(max(search_id), 0) + 1 from articles)`,
          status: status === "published" ? "draft" : status,
          latestVersion: 1,
          publishedVersion: null,
          source,
          seedHash: seedHash ?? null,
          externalSource: external?.source ?? null,
          externalId: external?.id ?? null,
          language: external?.language ?? null,
          createdAt: now,
          updatedAt: now,
        }),
        db.insert(s.articleVersions).values({ ...versionRow(version), id: `${id}:1`, articleId: id, version: 1 }),
        ...(status === "published" ? [db.update(s.articles).set({ status: "published", publishedVersion: 1 }).where(eq(s.articles.id, id))] : []),
        ...(a ? [audit(a, now)] : []),
      ]);
    },
    async addVersion({ articleId, version, publish, source, seedHash, audit: a, now }) {
      const [current] = await db.select({ latest: s.articles.latestVersion }).from(s.articles).where(eq(s.articles.id, articleId));
      if (!current) throw new Error(`article ${articleId} not found`);
      const next = current.latest + 1;
      await runBatch([
        db.insert(s.articleVersions).values({ ...versionRow(version), id: `${articleId}:${next}`, articleId, version: next }),
        db
          .update(s.articles)
          .set({
            latestVersion: next,
            source,
            ...(seedHash !== undefined ? { seedHash } : {}),
            ...(publish ? { status: "published" as const, publishedVersion: next } : {}),
            updatedAt: now,
          })
          .where(eq(s.articles.id, articleId)),
        ...(a ? [audit(a, now)] : []),
      ]);
      return next;
    },
    async setStatus(articleId, status, publishedVersion, now, a) {
      await runBatch([
        db.update(s.articles).set({ status, publishedVersion, updatedAt: now }).where(eq(s.articles.id, articleId)),
        ...(a ? [audit(a, now)] : []),
      ]);
    },
    async deleteArticle(articleId, a) {
      const now = Date.now();
      await runBatch([db.delete(s.articles).where(eq(s.articles.id, articleId)), ...(a ? [audit(a, now)] : [])]);
    },
    async analysePending() {
      const pending = await db
        .select({
          id: s.articleVersions.id,
          articleId: s.articleVersions.articleId,
          title: s.articleVersions.title,
          body: s.articleVersions.body,
          tags: s.articleVersions.tags,
          questions: s.articleVersions.questions,
        })
        .from(s.articleVersions)
        .where(isNull(s.articleVersions.analysed));
      if (pending.length === 0) return 0;
      const articleIds = [...new Set(pending.map((v) => v.articleId))];
      await runBatch([
        ...pending.map((v) => db.update(s.articleVersions).set(articleIndexForm(v)).where(eq(s.articleVersions.id, v.id))),
        // Setting published_version to itself fires the FTS update trigger, which re-reads the index form.
        ...articleIds.map((id) =>
          db
            .update(s.articles)
            .set({ publishedVersion: sql`${s.articles.publishedVersion}` })
            .where(eq(s.articles.id, id)),
        ),
      ]);
      return pending.length;
    },
    async listExternalArticles(source) {
      const rows = await db
        .select({
          id: s.articles.id,
          slug: s.articles.slug,
          externalId: s.articles.externalId,
          status: s.articles.status,
          source: s.articles.source,
          seedHash: s.articles.seedHash,
        })
        .from(s.articles)
        .where(eq(s.articles.externalSource, source));
      return rows.map((r) => ({ ...r, externalId: r.externalId ?? "" }));
    },
    async countPublished() {
      const [row] = await db.select({ n: sql<number>`count(*)` }).from(s.articles).where(eq(s.articles.status, "published"));
      return Number(row?.n ?? 0);
    },
  };
}
