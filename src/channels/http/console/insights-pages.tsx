import type { ArticleEdits } from "../../../core/insights/article-edits.js";
import type { Gap } from "../../../core/insights/gaps.js";
import type { WebhookDelivery } from "../../../core/webhooks/delivery-log.js";
import { Badge, Csrf, Diff, Layout, type PageCtx, when } from "./layout.js";

/** Unanswered questions per day across all gaps, as inline SVG bars (no script, no chart library). */
function GapTrendChart(props: { gaps: Gap[] }) {
  const days = props.gaps[0]?.trend.map((d) => d.date) ?? [];
  if (days.length === 0) return <p class="muted">No unanswered questions in this range.</p>;
  const totals = days.map((date, i) => ({ date, count: props.gaps.reduce((n, g) => n + (g.trend[i]?.count ?? 0), 0) }));
  const max = Math.max(1, ...totals.map((d) => d.count));
  const w = 640;
  const h = 140;
  const bw = Math.max(2, Math.min(40, (w - 40) / days.length - 4));
  return (
    <svg class="chart" width="100%" height={h + 20} viewBox={`0 0 ${w} ${h + 20}`} role="img">
      <title>Unanswered questions per day</title>
      <line x1="30" y1={h - 10} x2={w} y2={h - 10} stroke="#ccd2dc" />
      <text x="0" y="14">
        {max}
      </text>
      {totals.map((d, i) => {
        const x = 34 + i * (bw + 4);
        const bar = (d.count / max) * (h - 30);
        return (
          <g>
            <title>
              {d.date}: {d.count} unanswered
            </title>
            <rect x={x} y={h - 10 - bar} width={bw} height={bar} fill="#d0533f" />
            {days.length <= 16 || i % Math.ceil(days.length / 8) === 0 ? (
              <text x={x} y={h + 8}>
                {d.date.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

function GapCard(props: { gap: Gap; csrf: string; range: string }) {
  const g = props.gap;
  return (
    <div class="card gap" id={g.id}>
      <h3>
        {g.label} <span class="muted">· {g.count} questions</span>
      </h3>
      <p class="small muted">
        {Object.entries(g.signals)
          .map(([k, n]) => `${k.replace("_", " ")}: ${n}`)
          .join(" · ")}
      </p>
      <ul>
        {g.examples.map((e) => (
          <li>
            <a href={`/console/conversations/${e.conversationId}`}>{e.text}</a>
          </li>
        ))}
      </ul>
      {g.suggestedArticle ? (
        <details open>
          <summary>Suggested article: {g.suggestedArticle.title}</summary>
          <pre class="suggested">{g.suggestedArticle.body}</pre>
        </details>
      ) : (
        <p class="muted">No agent has answered these yet; the suggested article is written from their replies.</p>
      )}
      <div class="actions">
        {g.suggestedArticle ? (
          <form method="post" action={`/console/insights/gaps/${g.id}/draft?${props.range}`}>
            <Csrf token={props.csrf} />
            <button type="submit">Open as draft article</button>
          </form>
        ) : null}
        <form method="post" action={`/console/insights/gaps/${g.id}/dismiss?${props.range}`}>
          <Csrf token={props.csrf} />
          <button type="submit" class="secondary">
            Dismiss
          </button>
        </form>
      </div>
    </div>
  );
}

function EditsTable(props: { edits: ArticleEdits[] }) {
  if (props.edits.length === 0) return <p class="muted">No reviewed draft was edited or rejected in this range.</p>;
  return (
    <>
      <table>
        <thead>
          <tr>
            <th>Article</th>
            <th>Reviewed</th>
            <th>Edited</th>
            <th>Rejected</th>
            <th>Words changed</th>
          </tr>
        </thead>
        <tbody>
          {props.edits.map((a) => (
            <tr>
              <td>
                <a href={`/console/knowledge/${a.articleId}`}>{a.title}</a>
              </td>
              <td>{a.reviewed}</td>
              <td>{a.edited}</td>
              <td>{a.rejected}</td>
              <td>{Math.round(a.meanChange * 100)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.edits
        .filter((a) => a.corrections.length > 0)
        .map((a) => (
          <details>
            <summary>Corrections to answers from “{a.title}”</summary>
            {a.corrections.map((c) => (
              <Diff lines={c.diff} />
            ))}
          </details>
        ))}
    </>
  );
}

export function InsightsPage(props: { ctx: PageCtx; gaps: Gap[]; edits: ArticleEdits[]; from: string; to: string }) {
  const range = `from=${props.from}&to=${props.to}`;
  return (
    <Layout ctx={props.ctx} title="Insights" active="insights">
      <h1>Insights</h1>
      <form method="get" class="filters card">
        <label>
          From <input type="date" name="from" value={props.from} />
        </label>
        <label>
          To <input type="date" name="to" value={props.to} />
        </label>
        <button type="submit">Show</button>
      </form>
      <div class="card">
        <h2>Knowledge gaps</h2>
        <p class="small muted">Questions the bot could not answer from an article, grouped by the words customers used.</p>
        <GapTrendChart gaps={props.gaps} />
      </div>
      {props.gaps.map((g) => (
        <GapCard gap={g} csrf={props.ctx.csrf} range={range} />
      ))}
      <div class="card">
        <h2>Edits as signal</h2>
        <p class="small muted">Which articles' answers agents correct or reject most, with the corrections.</p>
        <EditsTable edits={props.edits} />
      </div>
    </Layout>
  );
}

export function WebhooksPage(props: { ctx: PageCtx; deliveries: WebhookDelivery[] }) {
  return (
    <Layout ctx={props.ctx} title="Webhooks" active="webhooks">
      <h1>Webhook deliveries</h1>
      <p class="muted">Each event is retried with backoff until the receiver answers 2xx; a redelivery sends the same event id again.</p>
      <div class="card">
        <table>
          <thead>
            <tr>
              <th>Event</th>
              <th>Event id</th>
              <th>Status</th>
              <th>Attempts</th>
              <th>Last error</th>
              <th>Updated</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {props.deliveries.map((d) => (
              <tr>
                <td>{d.type}</td>
                <td class="small">{d.eventId}</td>
                <td>
                  <Badge value={d.status === "done" ? "delivered" : d.status} />
                </td>
                <td>{d.attempts}</td>
                <td class="small">{d.lastError ?? ""}</td>
                <td>{when(d.updatedAt)}</td>
                <td>
                  <form method="post" action={`/console/webhooks/${d.jobId}/redeliver`}>
                    <Csrf token={props.ctx.csrf} />
                    <button type="submit">Redeliver</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {props.deliveries.length === 0 ? <p class="muted">No deliveries yet.</p> : null}
      </div>
    </Layout>
  );
}
