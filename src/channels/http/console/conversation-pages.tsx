import type { ConversationView } from "../../../core/agent/conversation-view.js";
import { visibleText } from "../../../core/text/visible-text.js";
import type { Conversation, Turn } from "../../../core/types.js";
import { CustomerName, CustomerText } from "./customer-text.js";
import { EmailThreadPanel } from "./email-thread-panel.js";
import { Badge, Csrf, Diff, Layout, type PageCtx, when } from "./layout.js";

export type ConversationFilterForm = {
  status?: string;
  channel?: string;
  priority?: string;
  category?: string;
  language?: string;
  sentiment?: string;
  assignee?: string;
  sort?: string;
};

/** A person's first reply still owed after its due time. */
export const isOverdue = (c: Conversation, now: number) =>
  c.firstResponseDueAt !== null && c.firstResponseAt === null && c.firstResponseDueAt < now && c.status !== "resolved";

const Select = (props: { name: string; value?: string; options: string[] }) => (
  <select name={props.name} id={`f-${props.name}`}>
    <option value="">any</option>
    {props.options.map((o) => (
      <option value={o} selected={props.value === o}>
        {o.replace("_", " ")}
      </option>
    ))}
  </select>
);

export function ConversationListPage(props: {
  ctx: PageCtx;
  filter: ConversationFilterForm;
  rows: { conversation: Conversation; customer: string }[];
  /** The workspace profile's categories: the filter offers exactly these. */
  categories: string[];
  now: number;
}) {
  const f = props.filter;
  return (
    <Layout ctx={props.ctx} title="Conversations" active="conversations">
      <h1>Conversations</h1>
      <form method="get" class="filters card">
        <label for="f-status">
          Status
          <Select name="status" value={f.status} options={["open", "waiting", "handed_off", "resolved"]} />
        </label>
        <label for="f-channel">
          Channel
          <Select name="channel" value={f.channel} options={["web", "slack", "email"]} />
        </label>
        <label for="f-priority">
          Priority
          <Select name="priority" value={f.priority} options={["low", "normal", "high", "urgent"]} />
        </label>
        <label for="f-category">
          Category
          <Select name="category" value={f.category} options={props.categories} />
        </label>
        <label>
          Language
          <input type="text" name="language" value={f.language ?? ""} placeholder="en" size={3} maxlength={2} />
        </label>
        <label for="f-sentiment">
          Sentiment
          <Select name="sentiment" value={f.sentiment} options={["negative", "neutral", "positive"]} />
        </label>
        <label for="f-assignee">
          Assignee
          <Select name="assignee" value={f.assignee} options={["me"]} />
        </label>
        <label for="f-sort">
          Sort
          <select name="sort" id="f-sort">
            <option value="">latest activity</option>
            <option value="due" selected={f.sort === "due"}>
              first reply due
            </option>
          </select>
        </label>
        <button type="submit">Filter</button>
      </form>
      <div class="card">
        {props.rows.length === 0 ? (
          <p class="empty">No conversations match.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Customer</th>
                <th>Status</th>
                <th>Channel</th>
                <th>Priority</th>
                <th>Category</th>
                <th>Language</th>
                <th>Sentiment</th>
                <th>Assignee</th>
                <th>First reply due</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map(({ conversation: c, customer }) => (
                <tr>
                  <td>
                    <a href={`/console/conversations/${c.id}`}>
                      <CustomerText text={customer} />
                    </a>
                    {c.subject ? (
                      <div class="small muted">
                        <CustomerText text={c.subject} />
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <Badge value={c.status} />
                  </td>
                  <td>{c.channel}</td>
                  <td>
                    <Badge value={c.priority} />
                  </td>
                  <td>{c.category ?? ""}</td>
                  <td>{c.language ?? ""}</td>
                  <td>{c.sentiment ? <Badge value={c.sentiment} /> : null}</td>
                  <td>{c.assigneeId ?? ""}</td>
                  <td class="small">
                    {c.firstResponseDueAt !== null && c.firstResponseAt === null ? when(c.firstResponseDueAt) : ""}
                    {isOverdue(c, props.now) ? (
                      <>
                        {" "}
                        <Badge value="overdue" />
                      </>
                    ) : null}
                  </td>
                  <td class="small">{when(c.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Layout>
  );
}

function TraceCard(props: { turn: Turn }) {
  const t = props.turn;
  return (
    <div class="card trace" data-turn={t.id}>
      <div class="row">
        <strong style="flex:1">Turn · {when(t.createdAt)}</strong>
        <Badge value={t.route} />
      </div>
      <dl>
        <dt>Reasons</dt>
        <dd>{t.reasons.length ? t.reasons.map((r) => <span class="badge">{r}</span>) : "—"}</dd>
        <dt>Articles and scores</dt>
        <dd>
          {t.articles.length
            ? t.articles.map((a) => (
                <div class="small">
                  {a.slug} v{a.version} · {a.score}
                </div>
              ))
            : "—"}
        </dd>
        <dt>Model · effort</dt>
        <dd>
          {t.model ?? "—"} · {t.effort ?? "—"}
        </dd>
        <dt>Tokens (input / cached / output / reasoning)</dt>
        <dd>
          {t.inputTokens} / {t.cachedTokens} / {t.outputTokens} / {t.reasoningTokens}
        </dd>
        <dt>Cost · latency · time to first token</dt>
        <dd>
          ${t.costUsd.toFixed(6)} · {t.latencyMs} ms · {t.ttftMs === null ? "—" : `${t.ttftMs} ms`}
        </dd>
        {t.triage ? (
          <>
            <dt>Triage</dt>
            <dd>
              <pre>{JSON.stringify(t.triage, null, 2)}</pre>
            </dd>
          </>
        ) : null}
        {t.reasoningSummary ? (
          <>
            <dt>Reasoning summary</dt>
            <dd>
              <pre>{t.reasoningSummary}</pre>
            </dd>
          </>
        ) : null}
        {t.calls.length ? (
          <>
            <dt>Model calls</dt>
            <dd>
              {t.calls.map((c) => (
                <div class="small">
                  {c.purpose}: {c.model} ({c.effort}) {c.ok ? "ok" : `failed: ${c.error ?? ""}`} · {c.latencyMs} ms · ${c.costUsd.toFixed(6)}
                </div>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

export function ConversationPage(props: { ctx: PageCtx; view: ConversationView; names: Record<string, string>; previousContact?: string | null }) {
  const { conversation: c, contact, messages, attachments, turns, drafts, audit } = props.view;
  const csrf = props.ctx.csrf;
  const name = (id: string | null) => (id ? (props.names[id] ?? id) : "");
  const action = (path: string) => `/console/conversations/${c.id}/${path}`;
  return (
    <Layout ctx={props.ctx} title="Conversation" active="conversations">
      <div class="row">
        <h1 style="flex:1">
          <CustomerName name={contact?.name} email={contact?.email} fallback={`${c.channel} conversation`} />
        </h1>
        <Badge value={c.status} />
        <Badge value={c.channel} />
        <Badge value={c.priority} />
        {c.category ? <span class="badge">{c.category}</span> : null}
        {c.language ? (
          <span class="badge" title="language">
            {c.language}
          </span>
        ) : null}
        {c.sentiment ? <Badge value={c.sentiment} /> : null}
        {c.resolvedBy ? <span class="badge">resolved by {c.resolvedBy}</span> : null}
      </div>
      <p class="muted small">
        {contact?.email ? (
          <>
            <CustomerText text={contact.email} />
            {" · "}
          </>
        ) : null}
        started {when(c.createdAt)}
        {c.assigneeId ? ` · assigned to ${name(c.assigneeId)}` : " · unassigned"}
        {c.handoffReason ? ` · handoff: ${visibleText(c.handoffReason)}` : ""}
      </p>
      <EmailThreadPanel view={props.view} csrf={csrf} previousContact={props.previousContact ?? null} />
      <div class="row card">
        <form method="post" action={action("assign")}>
          <Csrf token={csrf} />
          <button type="submit" class="secondary">
            Assign to me
          </button>
        </form>
        <form method="post" action={action("handoff")} class="row">
          <Csrf token={csrf} />
          <input type="text" name="reason" placeholder="Handoff reason (optional)" />
          <button type="submit" class="secondary">
            Take over (hand off)
          </button>
        </form>
        <form method="post" action={action("release")}>
          <Csrf token={csrf} />
          <button type="submit" class="secondary">
            Hand back to the bot
          </button>
        </form>
        <form method="post" action={action("resolve")}>
          <Csrf token={csrf} />
          <button type="submit">Resolve</button>
        </form>
      </div>
      <div class="grid">
        <section>
          <div class="card">
            <h2>Messages</h2>
            <ol class="thread">
              {messages.map((m) => (
                <li class={`msg ${m.role}`} data-message={m.id}>
                  <span class="meta">
                    {m.role}
                    {m.authorId ? ` · ${name(m.authorId)}` : ""} · {when(m.createdAt)}
                    {props.view.emailAuth[m.id] === "fail" ? <span class="badge urgent"> DMARC failed: sender may be forged</span> : null}
                    {props.view.emailAuth[m.id] === "pass" ? <span class="badge"> sender verified (DMARC)</span> : null}
                  </span>
                  <CustomerText text={m.text} />
                  {m.citations.length ? <span class="meta">Sources: {m.citations.map((x) => `${x.title} v${x.version}`).join(", ")}</span> : null}
                </li>
              ))}
            </ol>
            <form method="post" action={action("messages")}>
              <Csrf token={csrf} />
              <h3>Reply as {props.ctx.staff.name}</h3>
              <textarea name="text" rows={4} required placeholder="Write to the customer directly…" />
              <div class="row end">
                <button type="submit">Send reply</button>
              </div>
            </form>
          </div>
          {drafts.length ? (
            <div class="card">
              <h2>Drafts</h2>
              {drafts.map((d) => (
                <div data-draft-history={d.id}>
                  <div class="row">
                    <Badge value={d.status} />
                    <span class="small muted">
                      {d.mode} · {when(d.createdAt)}
                      {d.decidedBy ? ` · decided by ${name(d.decidedBy)} ${when(d.decidedAt)}` : ""}
                    </span>
                  </div>
                  {d.diff ? <Diff lines={d.diff} /> : <pre>{d.text}</pre>}
                  {d.rejectReason ? <p class="small">Rejected: {d.rejectReason}</p> : null}
                  {d.status === "pending" ? (
                    <p class="small">
                      <a href="/console/inbox">Review it in the inbox</a>
                    </p>
                  ) : null}
                </div>
              ))}
            </div>
          ) : null}
        </section>
        <aside>
          {attachments.length ? (
            <div class="card">
              <h2>Attachments</h2>
              {attachments.map((a) => (
                <div>
                  {a.sha256 ? (
                    <a href={`/console/conversations/${c.id}/attachments/${a.id}`}>
                      <strong>
                        <CustomerText text={a.filename ?? a.id} />
                      </strong>
                    </a>
                  ) : (
                    <strong>
                      <CustomerText text={a.filename ?? a.id} />
                    </strong>
                  )}{" "}
                  <span class="small muted">
                    {a.mime} · {a.size} bytes · {a.status}
                    {a.error ? ` · ${a.error}` : ""}
                  </span>
                  {a.sha256 && a.status === "processed" && ["image/png", "image/jpeg", "image/gif", "image/webp"].includes(a.mime ?? "") ? (
                    <img class="thumb" src={`/console/conversations/${c.id}/attachments/${a.id}`} alt={a.filename ?? "attachment"} />
                  ) : null}
                  {a.extracted ? <pre>{JSON.stringify(a.extracted, null, 2)}</pre> : null}
                </div>
              ))}
            </div>
          ) : null}
          <h2>Trace</h2>
          {turns.length ? turns.map((t) => <TraceCard turn={t} />) : <p class="card muted">No turns yet.</p>}
          {audit.length ? (
            <div class="card">
              <h2>Activity</h2>
              {audit.map((a) => (
                <div class="small">
                  {when(a.createdAt)} · {name(a.actor)} · {a.action}
                </div>
              ))}
            </div>
          ) : null}
        </aside>
      </div>
    </Layout>
  );
}
