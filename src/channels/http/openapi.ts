import { Hono } from "hono";
import { html } from "hono/html";
import { z } from "zod";
import { PostMessage, StartConversation } from "./routes/chat.js";

type Operation = {
  method: "get" | "post" | "put" | "delete";
  path: string;
  summary: string;
  auth: "none" | "customer" | "agent" | "admin" | "slack" | "email";
  body?: z.ZodType;
  status?: number;
};

const schema = (s: z.ZodType) => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(s, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

const text = z.object({ text: z.string() });
// The HTTP contract of ../shared/API.md, one line per operation; bodies come from the zod schemas the routes validate with.
const OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/api/chat/conversations",
    summary: "Start a web chat conversation; returns its id and a customer token (shown once).",
    auth: "none",
    body: StartConversation,
    status: 201,
  },
  {
    method: "post",
    path: "/api/chat/conversations/{id}/messages",
    summary: "Send a customer message (JSON or multipart with `text` and `files`). Idempotency-Key makes retries safe.",
    auth: "customer",
    body: PostMessage,
    status: 202,
  },
  {
    method: "get",
    path: "/api/chat/conversations/{id}/messages",
    summary: "Messages of the conversation (`?after=<messageId>`) and its status.",
    auth: "customer",
  },
  {
    method: "get",
    path: "/api/chat/conversations/{id}/stream",
    summary: "Server-Sent Events: status, delta, message. Token in the header or `?token=`.",
    auth: "customer",
  },
  { method: "get", path: "/api/kb/search", summary: "Search published articles (`q`, `limit`).", auth: "none" },
  { method: "get", path: "/api/agent/conversations", summary: "List conversations (`status`, `channel`, `priority`, `category`).", auth: "agent" },
  {
    method: "get",
    path: "/api/agent/conversations/{id}",
    summary: "A conversation with messages, attachments (extracted fields) and turns (the trace).",
    auth: "agent",
  },
  { method: "post", path: "/api/agent/conversations/{id}/messages", summary: "Reply to the customer directly.", auth: "agent", body: text },
  { method: "post", path: "/api/agent/conversations/{id}/assign", summary: "Assign the conversation.", auth: "agent" },
  { method: "post", path: "/api/agent/conversations/{id}/handoff", summary: "Take the conversation over from the bot.", auth: "agent" },
  { method: "post", path: "/api/agent/conversations/{id}/resolve", summary: "Mark resolved.", auth: "agent" },
  { method: "post", path: "/api/agent/conversations/{id}/release", summary: "Hand the conversation back to the bot.", auth: "agent" },
  { method: "get", path: "/api/agent/drafts", summary: "Drafts waiting for review (`status=pending`).", auth: "agent" },
  {
    method: "post",
    path: "/api/agent/drafts/{id}/approve",
    summary: "Send the draft, or an edited text (both are kept).",
    auth: "agent",
    body: z.object({ text: z.string().optional() }),
  },
  {
    method: "post",
    path: "/api/agent/drafts/{id}/reject",
    summary: "Reject the draft; the conversation goes to a person.",
    auth: "agent",
    body: z.object({ reason: z.string() }),
  },
  { method: "get", path: "/api/admin/articles", summary: "List articles.", auth: "admin" },
  { method: "post", path: "/api/admin/articles", summary: "Create an article.", auth: "admin" },
  { method: "get", path: "/api/admin/articles/{id}", summary: "An article with its latest version.", auth: "admin" },
  { method: "put", path: "/api/admin/articles/{id}", summary: "Save a new version.", auth: "admin" },
  { method: "delete", path: "/api/admin/articles/{id}", summary: "Delete an article.", auth: "admin" },
  { method: "post", path: "/api/admin/articles/{id}/publish", summary: "Publish a version; search updates at once.", auth: "admin" },
  { method: "get", path: "/api/admin/articles/{id}/versions", summary: "Version history.", auth: "admin" },
  { method: "get", path: "/api/admin/staff", summary: "List staff.", auth: "admin" },
  { method: "post", path: "/api/admin/staff", summary: "Create a staff member; the API key is shown once.", auth: "admin" },
  { method: "get", path: "/api/admin/stats", summary: "Resolution rate, handoffs, drafts, cost and latency (`from`, `to`).", auth: "admin" },
  { method: "post", path: "/api/admin/contacts/{id}/export", summary: "Everything stored about a contact.", auth: "admin" },
  { method: "delete", path: "/api/admin/contacts/{id}", summary: "Erase a contact and their conversations.", auth: "admin" },
  { method: "post", path: "/slack/events", summary: "Slack Events API and interactivity (signed by Slack).", auth: "slack" },
  { method: "post", path: "/email/inbound", summary: "One raw RFC 5322 message (Content-Type: message/rfc822).", auth: "email" },
  { method: "get", path: "/health", summary: "Liveness: database and model kind.", auth: "none" },
];

const ErrorBody = {
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: { code: { type: "string" }, message: { type: "string" }, requestId: { type: "string" } },
      required: ["code", "message"],
    },
  },
};

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const security = {
      none: [],
      customer: [{ customerToken: [] }],
      agent: [{ staffKey: [] }],
      admin: [{ staffKey: [] }],
      slack: [],
      email: [{ inboundSecret: [] }],
    }[op.auth];
    const operations = paths[op.path] ?? {};
    paths[op.path] = operations;
    operations[op.method] = {
      summary: op.summary,
      tags: [op.path.split("/")[2] ?? "ops"],
      security,
      ...(op.path.includes("{id}") ? { parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }] } : {}),
      ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: schema(op.body) } } } } : {}),
      responses: {
        [String(op.status ?? 200)]: { description: "OK" },
        "4XX": {
          description: "Bad input, credentials, role, missing or conflicting resource, too large, rate limited",
          content: { "application/json": { schema: ErrorBody } },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "frontdesk",
      version: "0.1.0",
      description: "Customer-support triage backend: web chat, Slack and email in; knowledge answers at two effort levels; humans for the rest.",
    },
    components: {
      securitySchemes: {
        customerToken: { type: "http", scheme: "bearer", description: "The conversation's customer token" },
        staffKey: { type: "http", scheme: "bearer", description: "A staff API key (agent or admin)" },
        inboundSecret: { type: "http", scheme: "bearer", description: "EMAIL_INBOUND_SECRET" },
      },
    },
    paths,
  };
}

/** GET /openapi.json and a readable /docs page (no external scripts: the CSP allows none). */
export function openApiRoutes() {
  const app = new Hono();
  const doc = openApiDocument();
  app.get("/openapi.json", (c) => c.json(doc));
  app.get("/docs", (c) =>
    c.html(
      html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>frontdesk API</title><link rel="stylesheet" href="/chat.css"></head>
<body><main style="max-width:900px;margin:0 auto;padding:16px"><h1>frontdesk API</h1><p>Machine-readable: <a href="/openapi.json">/openapi.json</a>. Errors are <code>{ "error": { "code", "message", "requestId" } }</code>.</p>
<table style="border-collapse:collapse;width:100%">${OPERATIONS.map(
        (op) =>
          html`<tr style="border-top:1px solid #e3e6ea"><td style="padding:6px"><code>${op.method.toUpperCase()}</code></td><td style="padding:6px"><code>${op.path}</code></td><td style="padding:6px">${op.summary}</td><td style="padding:6px">${op.auth}</td></tr>`,
      )}</table></main></body></html>`,
    ),
  );
  return app;
}
