import type { Stats } from "../../../core/stats/compute-stats.js";
import { Layout, type PageCtx } from "./layout.js";

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const usd = (n: number | null) => (n === null ? "—" : `$${n.toFixed(4)}`);
const ms = (n: number | null) => (n === null ? "—" : `${n} ms`);

/** Horizontal bars as inline SVG: no chart library, no script. */
function HBars(props: { title: string; rows: { label: string; value: number }[]; color: string }) {
  const max = Math.max(1, ...props.rows.map((r) => r.value));
  const h = 24;
  if (props.rows.length === 0) return <p class="muted">No data in this range.</p>;
  return (
    <svg class="chart" width="100%" height={props.rows.length * h + 4} viewBox={`0 0 500 ${props.rows.length * h + 4}`} role="img">
      <title>{props.title}</title>
      {props.rows.map((r, i) => (
        <g>
          <text x="0" y={i * h + 16}>
            {r.label}
          </text>
          <rect x="170" y={i * h + 4} width={Math.max(1, (r.value / max) * 280)} height="16" rx="3" fill={props.color} />
          <text x={176 + (r.value / max) * 280} y={i * h + 16}>
            {r.value}
          </text>
        </g>
      ))}
    </svg>
  );
}

function DailyChart(props: { daily: Stats["daily"] }) {
  const days = props.daily;
  if (days.length === 0) return <p class="muted">No conversations in this range.</p>;
  const max = Math.max(1, ...days.map((d) => d.conversations));
  const w = 640;
  const h = 160;
  const bw = Math.max(2, Math.min(40, (w - 40) / days.length - 4));
  const y = (n: number) => (n / max) * (h - 30);
  return (
    <svg class="chart" width="100%" height={h + 20} viewBox={`0 0 ${w} ${h + 20}`} role="img">
      <title>Conversations per day</title>
      <line x1="30" y1={h - 10} x2={w} y2={h - 10} stroke="#ccd2dc" />
      <text x="0" y="14">
        {max}
      </text>
      {days.map((d, i) => {
        const x = 34 + i * (bw + 4);
        const other = d.conversations - d.automatedResolutions - d.handoffs;
        const base = h - 10;
        return (
          <g>
            <title>
              {d.date}: {d.conversations} conversations, {d.automatedResolutions} automated, {d.handoffs} handed off
            </title>
            <rect x={x} y={base - y(d.automatedResolutions)} width={bw} height={y(d.automatedResolutions)} fill="#2f9e5b" />
            <rect x={x} y={base - y(d.automatedResolutions) - y(d.handoffs)} width={bw} height={y(d.handoffs)} fill="#d0533f" />
            <rect x={x} y={base - y(d.conversations)} width={bw} height={y(Math.max(0, other))} fill="#9aa7bd" />
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

export function StatsPage(props: { ctx: PageCtx; stats: Stats; from: string; to: string }) {
  const s = props.stats;
  const kpis: [string, string][] = [
    ["Conversations", String(s.conversations)],
    ["Automated resolution rate", pct(s.automatedResolutionRate)],
    ["Handoff rate", pct(s.handoffRate)],
    ["Cost per conversation", usd(s.costPerConversationUsd)],
    ["Cost per resolution", usd(s.costPerResolutionUsd)],
    ["Latency p50", ms(s.latencyP50Ms)],
    ["Latency p95", ms(s.latencyP95Ms)],
    ["Total model cost", usd(s.costUsd)],
    ["First reply by a person (median)", s.firstResponse.medianMinutes === null ? "–" : `${s.firstResponse.medianMinutes} min`],
    ["First replies past due", `${s.firstResponse.breaches} of ${s.firstResponse.withDueTime}`],
  ];
  return (
    <Layout ctx={props.ctx} title="Stats" active="stats">
      <h1>Stats</h1>
      <form method="get" class="filters card">
        <label>
          From
          <input type="date" name="from" value={props.from} />
        </label>
        <label>
          To (inclusive)
          <input type="date" name="to" value={props.to} />
        </label>
        <button type="submit">Show</button>
      </form>
      <div class="kpis">
        {kpis.map(([label, value]) => (
          <div class="kpi">
            <b>{value}</b>
            <span>{label}</span>
          </div>
        ))}
      </div>
      <div class="card">
        <h2>Conversations per day</h2>
        <p class="small muted">green: automated resolution · red: handed off · grey: other</p>
        <DailyChart daily={s.daily} />
      </div>
      <div class="grid">
        <div class="card">
          <h2>Handoff reasons</h2>
          <HBars title="Handoff reasons" rows={s.handoffReasons.map((r) => ({ label: r.reason, value: r.count }))} color="#d0533f" />
        </div>
        <div class="card">
          <h2>Drafts</h2>
          <HBars
            title="Drafts by outcome"
            rows={[
              { label: "sent automatically", value: s.drafts.autoSent },
              { label: "approved as is", value: s.drafts.approved },
              { label: "approved with edit", value: s.drafts.edited },
              { label: "rejected", value: s.drafts.rejected },
              { label: "pending", value: s.drafts.pending },
            ]}
            color="#1f4fc4"
          />
        </div>
      </div>
      <div class="grid">
        <div class="card">
          <h2>By channel</h2>
          <table>
            <thead>
              <tr>
                <th>Channel</th>
                <th>Conversations</th>
                <th>Automated</th>
                <th>Handoffs</th>
                <th>Cost</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(s.byChannel).map(([ch, b]) => (
                <tr>
                  <td>{ch}</td>
                  <td>{b.conversations}</td>
                  <td>{pct(b.automatedResolutionRate)}</td>
                  <td>{pct(b.handoffRate)}</td>
                  <td>{usd(b.costUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="card">
          <h2>By mode</h2>
          <table>
            <thead>
              <tr>
                <th>Mode</th>
                <th>Turns</th>
                <th>Cost</th>
                <th>p50</th>
                <th>p95</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(s.byMode).map(([mode, b]) => (
                <tr>
                  <td>{mode}</td>
                  <td>{b.turns}</td>
                  <td>{usd(b.costUsd)}</td>
                  <td>{ms(b.latencyP50Ms)}</td>
                  <td>{ms(b.latencyP95Ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Layout>
  );
}
