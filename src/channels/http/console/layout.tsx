import type { Child } from "hono/jsx";
import type { DiffLine } from "../../../core/text/line-diff.js";
import type { StaffMember } from "../../../core/types.js";

export type Flash = { kind: "ok" | "error"; text: string };
export type PageCtx = { staff: StaffMember; csrf: string; flash?: Flash | null };

const NAV = [
  { href: "/console/inbox", label: "Review inbox", key: "inbox", admin: false },
  { href: "/console/conversations", label: "Conversations", key: "conversations", admin: false },
  { href: "/console/knowledge", label: "Knowledge", key: "knowledge", admin: true },
  { href: "/console/stats", label: "Stats", key: "stats", admin: true },
  { href: "/console/insights", label: "Insights", key: "insights", admin: true },
  { href: "/console/webhooks", label: "Webhooks", key: "webhooks", admin: true },
  { href: "/console/staff", label: "Staff", key: "staff", admin: true },
];

export function Document(props: { title: string; csrf?: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {props.csrf ? <meta name="csrf-token" content={props.csrf} /> : null}
        <title>{props.title} · frontdesk console</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/console.js" defer />
      </head>
      <body>{props.children}</body>
    </html>
  );
}

export function Layout(props: { ctx: PageCtx; title: string; active: string; children: Child }) {
  const { staff, csrf, flash } = props.ctx;
  return (
    <Document title={props.title} csrf={csrf}>
      <header class="top">
        <span class="brand">frontdesk</span>
        <nav>
          {NAV.filter((n) => !n.admin || staff.role === "admin").map((n) => (
            <a href={n.href} class={n.key === props.active ? "on" : ""}>
              {n.label}
            </a>
          ))}
        </nav>
        <span class="who">
          {staff.name} · {staff.role}
        </span>
        <form method="post" action="/console/logout">
          <Csrf token={csrf} />
          <button type="submit">Sign out</button>
        </form>
        <form method="post" action="/console/logout-everywhere">
          <Csrf token={csrf} />
          <button type="submit" class="secondary" title="Ends every console session of yours, on every device">
            Sign out everywhere
          </button>
        </form>
      </header>
      <main>
        {flash ? <div class={`flash ${flash.kind}`}>{flash.text}</div> : null}
        {props.children}
      </main>
    </Document>
  );
}

export const Csrf = (props: { token: string }) => <input type="hidden" name="_csrf" value={props.token} />;

export function Diff(props: { lines: DiffLine[] }) {
  return (
    <div class="diff">
      {props.lines.map((l) => (
        <div class={l.op}>{l.text || " "}</div>
      ))}
    </div>
  );
}

export const Badge = (props: { value: string | null | undefined }) =>
  props.value ? <span class={`badge ${props.value}`}>{props.value.replace("_", " ")}</span> : null;

export const when = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString().replace("T", " ").slice(0, 16) : "");
