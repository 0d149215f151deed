import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";
import { errorBody } from "../http/errors.js";
import { parseSlackRequest, type SlackRequest } from "./parse-request.js";
import { verifySlackSignature } from "./verify-signature.js";

export type SlackDispatch = (
  request: Exclude<SlackRequest, { kind: "url_verification" }>,
  meta: { retryNum?: number; retryReason?: string },
) => Promise<{ status: number; body?: unknown }>;

/**
 * POST /slack/events for Events API and interactivity. The signature is checked over the raw body
 * before anything is parsed or stored; what happens next is the runtime's `dispatch` (Bolt on
 * Node, direct calls on Workers).
 */
export function slackRoutes(o: { signingSecret: string; clock: Clock; logger: Logger; dispatch: SlackDispatch }) {
  const app = new Hono();
  app.use("*", bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json(errorBody(c, "payload_too_large", "The request body is too large."), 413) }));
  app.post("/events", async (c) => {
    const rawBody = await c.req.text();
    const check = await verifySlackSignature({
      signingSecret: o.signingSecret,
      timestamp: c.req.header("x-slack-request-timestamp"),
      signature: c.req.header("x-slack-signature"),
      rawBody,
      nowMs: o.clock.now(),
    });
    if (!check.ok) {
      o.logger.warn("slack.signature_rejected", { reason: check.reason });
      return c.json(errorBody(c, "unauthorized", "Missing or invalid Slack signature."), 401);
    }
    const request = parseSlackRequest(rawBody, c.req.header("content-type"));
    if (request.kind === "url_verification") return c.json({ challenge: request.challenge });
    const retryNum = Number(c.req.header("x-slack-retry-num") ?? "");
    const result = await o.dispatch(request, {
      retryNum: Number.isInteger(retryNum) && retryNum > 0 ? retryNum : undefined,
      retryReason: c.req.header("x-slack-retry-reason") ?? undefined,
    });
    if (result.body === undefined) return c.body(null, result.status as 200);
    return c.json(result.body, result.status as 200);
  });
  return app;
}
