import { Hono } from "hono";
import { chatCss, chatJs, chatPageHtml, widgetJs } from "./chat-page.js";

/** The customer chat page and its assets. */
export function pageRoutes() {
  const app = new Hono();
  app.get("/", (c) => c.html(chatPageHtml));
  app.get("/chat.js", (c) => c.body(chatJs, 200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-cache" }));
  app.get("/chat.css", (c) => c.body(chatCss, 200, { "content-type": "text/css; charset=utf-8", "cache-control": "no-cache" }));
  app.get("/widget.js", (c) =>
    c.body(widgetJs, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": "public, max-age=300",
      "cross-origin-resource-policy": "cross-origin",
    }),
  );
  return app;
}
