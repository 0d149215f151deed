import { raw } from "hono/html";
import type { VersionDiff } from "../../../core/knowledge/curate-article.js";
import type { ArticleSummary, ArticleVersion } from "../../../ports/store.js";
import { Badge, Csrf, Diff, Layout, type PageCtx, when } from "./layout.js";
import { renderMarkdown } from "./markdown.js";

export function KnowledgeListPage(props: { ctx: PageCtx; articles: ArticleSummary[]; status?: string; q?: string }) {
  return (
    <Layout ctx={props.ctx} title="Knowledge" active="knowledge">
      <div class="row">
        <h1 style="flex:1">Knowledge</h1>
        <a class="button" href="/console/knowledge/new">
          New article
        </a>
      </div>
      <form method="get" class="filters card">
        <label>
          Status
          <select name="status">
            <option value="">any</option>
            {["draft", "published", "archived"].map((s) => (
              <option value={s} selected={props.status === s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Title or slug
          <input type="search" name="q" value={props.q ?? ""} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <div class="card">
        <table>
          <thead>
            <tr>
              <th>Title</th>
              <th>Status</th>
              <th>Published</th>
              <th>Latest</th>
              <th>Source</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {props.articles.map((a) => (
              <tr>
                <td>
                  <a href={`/console/knowledge/${a.id}`}>{a.title}</a>
                  <div class="small muted">{a.slug}</div>
                </td>
                <td>
                  <Badge value={a.status} />
                </td>
                <td>{a.publishedVersion ? `v${a.publishedVersion}` : "—"}</td>
                <td>v{a.latestVersion}</td>
                <td>{a.source}</td>
                <td class="small">{when(a.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

type Editable = { id?: string; slug: string; title: string; body: string; tags: string[]; questions: string[] };

function EditorForm(props: { ctx: PageCtx; article: Editable; isNew: boolean }) {
  const a = props.article;
  return (
    <form method="post" action={props.isNew ? "/console/knowledge/new" : `/console/knowledge/${a.id}`} class="card">
      <Csrf token={props.ctx.csrf} />
      <div class="row">
        <div class="field" style="flex:2">
          <label for="title">Title</label>
          <input id="title" type="text" name="title" value={a.title} required maxlength={300} />
        </div>
        <div class="field" style="flex:1">
          <label for="slug">Slug</label>
          <input id="slug" type="text" name="slug" value={a.slug} readonly={!props.isNew} placeholder="from the title" />
        </div>
        <div class="field" style="flex:1">
          <label for="tags">Tags (comma separated)</label>
          <input id="tags" type="text" name="tags" value={a.tags.join(", ")} />
        </div>
      </div>
      <div class="field">
        <label for="questions">Example questions (one per line, as customers would ask; searched beside the title)</label>
        <textarea id="questions" name="questions" rows={4}>
          {a.questions.join("\n")}
        </textarea>
      </div>
      <div class="editor">
        <div class="field">
          <label for="article-body">Body (Markdown)</label>
          <textarea id="article-body" name="body" required>
            {a.body}
          </textarea>
        </div>
        <div class="field">
          <span class="label">Preview</span>
          <div id="preview" class="preview">
            {raw(renderMarkdown(a.body))}
          </div>
        </div>
      </div>
      <div class="row end">
        <button type="submit" name="intent" value="save" class="secondary">
          Save as new version
        </button>
        <button type="submit" name="intent" value="publish">
          Save and publish
        </button>
      </div>
    </form>
  );
}

export function ArticleNewPage(props: { ctx: PageCtx }) {
  return (
    <Layout ctx={props.ctx} title="New article" active="knowledge">
      <h1>New article</h1>
      <EditorForm ctx={props.ctx} isNew article={{ slug: "", title: "", body: "", tags: [], questions: [] }} />
    </Layout>
  );
}

export function ArticleEditPage(props: {
  ctx: PageCtx;
  article: ArticleSummary & { body: string; questions: string[] };
  versions: ArticleVersion[];
  audit: { actor: string; action: string; detail?: Record<string, unknown>; createdAt: number }[];
  names: Record<string, string>;
}) {
  const a = props.article;
  const csrf = props.ctx.csrf;
  const name = (id: string) => props.names[id] ?? id;
  return (
    <Layout ctx={props.ctx} title={a.title} active="knowledge">
      <div class="row">
        <h1 style="flex:1">{a.title}</h1>
        <Badge value={a.status} />
        <span class="badge">{a.publishedVersion ? `published v${a.publishedVersion}` : "not published"}</span>
        <span class="badge">latest v{a.latestVersion}</span>
        <span class="badge">source: {a.source}</span>
      </div>
      <EditorForm ctx={props.ctx} isNew={false} article={a} />
      <div class="grid">
        <div class="card">
          <h2>Versions</h2>
          <table>
            <thead>
              <tr>
                <th>Version</th>
                <th>Title</th>
                <th>By</th>
                <th>When</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {props.versions.map((v) => (
                <tr>
                  <td>
                    v{v.version}
                    {v.version === a.publishedVersion ? <span class="badge published">live</span> : null}
                  </td>
                  <td>{v.title}</td>
                  <td>{name(v.createdBy)}</td>
                  <td class="small">{when(v.createdAt)}</td>
                  <td class="row">
                    {v.version > 1 ? <a href={`/console/knowledge/${a.id}/diff?from=${v.version - 1}&to=${v.version}`}>diff</a> : null}
                    {v.version !== a.publishedVersion ? (
                      <form method="post" action={`/console/knowledge/${a.id}/publish`}>
                        <Csrf token={csrf} />
                        <input type="hidden" name="version" value={String(v.version)} />
                        <button type="submit" class="secondary">
                          Publish
                        </button>
                      </form>
                    ) : null}
                    {v.version !== a.latestVersion ? (
                      <form method="post" action={`/console/knowledge/${a.id}/restore`}>
                        <Csrf token={csrf} />
                        <input type="hidden" name="version" value={String(v.version)} />
                        <button type="submit" class="secondary">
                          Restore
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="row end">
            {a.status !== "archived" ? (
              <form method="post" action={`/console/knowledge/${a.id}/archive`} data-confirm="Archive this article? It leaves search at once.">
                <Csrf token={csrf} />
                <button type="submit" class="secondary">
                  Archive
                </button>
              </form>
            ) : null}
            <form method="post" action={`/console/knowledge/${a.id}/delete`} data-confirm="Delete this article and all its versions?">
              <Csrf token={csrf} />
              <button type="submit" class="danger">
                Delete
              </button>
            </form>
          </div>
        </div>
        <div class="card">
          <h2>Audit log</h2>
          {props.audit.map((e) => (
            <div class="small">
              {when(e.createdAt)} · <strong>{name(e.actor)}</strong> · {e.action}
              {e.detail?.version ? ` v${e.detail.version}` : ""}
            </div>
          ))}
        </div>
      </div>
    </Layout>
  );
}

export function ArticleDiffPage(props: { ctx: PageCtx; article: ArticleSummary; diff: VersionDiff }) {
  const { article: a, diff } = props;
  return (
    <Layout ctx={props.ctx} title={`${a.title}: diff`} active="knowledge">
      <h1>
        <a href={`/console/knowledge/${a.id}`}>{a.title}</a>: v{diff.from} → v{diff.to}
      </h1>
      <div class="card">
        <h3>Title</h3>
        <Diff lines={diff.title} />
        <h3>Tags</h3>
        <Diff lines={diff.tags} />
        <h3>Example questions</h3>
        <Diff lines={diff.questions} />
        <h3>Body</h3>
        <Diff lines={diff.body} />
      </div>
    </Layout>
  );
}
