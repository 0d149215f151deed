import type { CoreDeps } from "../../core/deps.js";
import type { ChannelModule } from "../../ports/channel.js";
import type { Logger } from "../../ports/logger.js";
import { DEFAULT_FILE_HOSTS, memoryPlaceholders, type SlackContext } from "./context.js";
import { directDispatch } from "./dispatch.js";
import { draftHeldHandler } from "./review.js";
import { type SlackDispatch, slackRoutes } from "./routes.js";
import type { SlackApi } from "./slack-api.js";
import { slackSender } from "./slack-sender.js";

export type SlackChannelOptions = {
  signingSecret: string;
  api: SlackApi;
  /** Web API base URL when not Slack's (a test server): its host may receive the bot token for files. */
  apiUrl?: string;
  reviewChannel?: string;
  maxFileBytes: number;
  logger: Logger;
  /** Runs work after the acknowledgement; Workers pass ctx.waitUntil. By default a tracked detached promise. */
  background?: (work: Promise<unknown>) => void;
  /** What handles a verified request: Bolt on Node; the same logic called directly by default (Workers). */
  dispatch?: (context: () => SlackContext) => SlackDispatch;
};

/**
 * Slack, assembled once for both runtimes: the context the Slack logic shares, the sender, POST
 * /slack/events and the `draft_held` job that posts a held draft to the review channel.
 */
export function slackChannel(o: SlackChannelOptions) {
  let ctx: SlackContext | undefined;
  const pending = new Set<Promise<unknown>>();
  const fileHosts = [...DEFAULT_FILE_HOSTS, ...(o.apiUrl ? [new URL(o.apiUrl).host] : [])];
  const logLate = (error: unknown) => o.logger.error("slack.after_ack_failed", { error: String(error) });
  const connect = (deps: CoreDeps): SlackContext =>
    (ctx ??= {
      deps,
      api: o.api,
      reviewChannel: o.reviewChannel,
      placeholders: memoryPlaceholders(),
      fileHosts,
      maxFileBytes: o.maxFileBytes,
      background:
        o.background ??
        ((work) => {
          const p = work.catch(logLate).finally(() => pending.delete(p));
          pending.add(p);
        }),
    });
  const context = (): SlackContext => {
    if (!ctx) throw new Error("Slack is not connected to the core yet");
    return ctx;
  };
  const dispatch = o.dispatch ? o.dispatch(context) : (((request, meta) => directDispatch(context())(request, meta)) satisfies SlackDispatch);
  return {
    name: "slack",
    capabilities: { streamsDeltas: false, buttons: true, offPeakTier: false, firstReplyNeedsReview: false, deliversNotices: true },
    sender: (deps) => slackSender(connect(deps)),
    routes: (deps) => {
      connect(deps);
      return [{ path: "/slack", app: slackRoutes({ signingSecret: o.signingSecret, clock: deps.clock, logger: o.logger, dispatch }) }];
    },
    jobs: (deps) => ({ draft_held: draftHeldHandler(connect(deps)) }),
    context,
    /** Waits for work started after acknowledgements (Node shutdown). */
    drain: () => Promise.allSettled([...pending]),
  } satisfies ChannelModule & Record<string, unknown>;
}
