import { choicePressFrom, handleChoicePress } from "./choices.js";
import type { SlackContext } from "./context.js";
import { ingestSlackEvent } from "./ingest-event.js";
import { buttonPressFrom, submissionFrom } from "./interactions.js";
import { handleReviewButton, handleReviewSubmission } from "./review.js";
import type { SlackDispatch } from "./routes.js";

/**
 * The same handling as the Bolt app, without Bolt: for runtimes where Bolt does not run
 * (Cloudflare Workers). Plug it into slackRoutes({ dispatch }).
 */
export function directDispatch(ctx: SlackContext): SlackDispatch {
  return async (request) => {
    if (request.kind === "event_callback") {
      try {
        await ingestSlackEvent(ctx, request.envelope);
        return { status: 200 };
      } catch (error) {
        ctx.deps.logger.error("slack.dispatch_failed", { error: String(error) });
        return { status: 500, body: { error: { code: "internal", message: "Could not store the event; Slack will retry." } } };
      }
    }
    if (request.kind === "interaction") {
      const choice = choicePressFrom(request.payload);
      if (choice) {
        ctx.background(handleChoicePress(ctx, choice));
        return { status: 200 };
      }
      const press = buttonPressFrom(request.payload);
      if (press) {
        ctx.background(handleReviewButton(ctx, press));
        return { status: 200 };
      }
      const submission = submissionFrom(request.payload);
      if (submission) {
        const result = await handleReviewSubmission(ctx, submission);
        if (result.after) ctx.background(result.after());
        return { status: 200, body: result.response };
      }
      return { status: 404, body: { error: { code: "not_found", message: "No handler for this interaction." } } };
    }
    return { status: 200 };
  };
}
