/** The customer chat page at `/` (also what the widget embeds). Plain HTML; logic in /chat.js. */
export const chatPageHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Support chat</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/chat.css">
</head>
<body>
<main class="chat">
  <header><h1>Support</h1><span id="status" class="status">Ready</span></header>
  <ol id="messages" class="messages" aria-live="polite"></ol>
  <form id="composer" class="composer">
    <label class="sr" for="text">Message</label>
    <textarea id="text" name="text" rows="2" maxlength="8000" placeholder="Ask us anything…" required></textarea>
    <label class="file" title="Attach a screenshot or receipt"><svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M21 11.5l-8.5 8.5a5 5 0 0 1-7-7L14 4.5a3.3 3.3 0 0 1 4.7 4.7L10.2 17.7a1.7 1.7 0 0 1-2.4-2.4L15.5 7.6"/></svg><span class="sr">Attach files</span><input id="files" type="file" accept="image/*" multiple></label>
    <button id="send" type="submit">Send</button>
  </form>
  <p id="error" class="error" role="alert" hidden></p>
</main>
<script src="/chat.js" defer></script>
</body>
</html>`;

export const chatCss = `*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;background:#f4f5f7;color:#1d2430}
.chat{max-width:720px;margin:0 auto;height:100vh;display:flex;flex-direction:column;background:#fff;box-shadow:0 0 0 1px #e3e6ea}
header{display:flex;justify-content:space-between;align-items:center;padding:12px 16px;border-bottom:1px solid #e3e6ea}
h1{font-size:18px;margin:0}.status{font-size:13px;color:#5b6676}
.messages{list-style:none;margin:0;padding:16px;flex:1;overflow-y:auto;display:flex;flex-direction:column;gap:10px}
.msg{max-width:85%;padding:10px 12px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word}
.msg.customer{align-self:flex-end;background:#2457d6;color:#fff}
.msg.assistant,.msg.agent{align-self:flex-start;background:#eef1f5}
.msg.system{align-self:center;background:#fff6db;font-size:14px;max-width:95%}
.msg.provisional{opacity:.75}
.msg .who{display:block;font-size:12px;opacity:.7;margin-bottom:2px}
.msg .sources{margin:6px 0 0;padding-left:18px;font-size:13px}
.composer{display:flex;gap:8px;padding:12px;border-top:1px solid #e3e6ea;align-items:flex-end}
textarea{flex:1;resize:vertical;font:inherit;padding:8px;border:1px solid #c9cfd8;border-radius:8px}
button{font:inherit;padding:9px 16px;border:0;border-radius:8px;background:#2457d6;color:#fff;cursor:pointer}
button:disabled{opacity:.5}.file{cursor:pointer;color:#5b6676;display:flex;align-items:center;padding:6px}.file input{display:none}
.choices{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}.choices button{background:#fff;color:#2457d6;border:1px solid #2457d6;padding:6px 12px;font-size:14px}
.error{color:#b42318;padding:0 16px}.sr{position:absolute;left:-9999px}`;

export const chatJs = `(function () {
  "use strict";
  var list = document.getElementById("messages");
  var form = document.getElementById("composer");
  var input = document.getElementById("text");
  var files = document.getElementById("files");
  var statusEl = document.getElementById("status");
  var errorEl = document.getElementById("error");
  var sendBtn = document.getElementById("send");
  var KEY = "frontdesk.chat";
  var session = null;
  var seen = {};
  var lastId = "";
  var provisional = {};
  var STATES = { thinking: "Looking into it…", escalating: "Taking a closer look…", handed_off: "A teammate will reply here", waiting_review: "A teammate is checking the answer", idle: "Ready" };
  var WHO = { customer: "You", assistant: "Automated answer", agent: "Support team", system: "" };

  function showError(text) { errorEl.textContent = text; errorEl.hidden = !text; }
  function setStatus(state) { statusEl.textContent = STATES[state] || state; }

  function render(m) {
    if (seen[m.id]) return;
    seen[m.id] = true;
    var old = provisional[m.id];
    if (old) { old.remove(); delete provisional[m.id]; }
    var li = document.createElement("li");
    li.className = "msg " + m.role;
    li.dataset.id = m.id;
    if (WHO[m.role]) { var who = document.createElement("span"); who.className = "who"; who.textContent = WHO[m.role]; li.appendChild(who); }
    li.appendChild(document.createTextNode(m.text));
    if (m.citations && m.citations.length) {
      var ul = document.createElement("ul"); ul.className = "sources";
      m.citations.forEach(function (cit) { var s = document.createElement("li"); s.textContent = "Source: " + cit.title; ul.appendChild(s); });
      li.appendChild(ul);
    }
    // Quick replies: a click sends the choice's value as the customer's message. A newer customer
    // message makes earlier choices lapse, so their buttons go.
    if (m.choices && m.choices.length) {
      var box = document.createElement("div"); box.className = "choices";
      m.choices.forEach(function (c) {
        var b = document.createElement("button"); b.type = "button"; b.textContent = c.label;
        b.addEventListener("click", function () { send(c.value, [], false); });
        box.appendChild(b);
      });
      li.appendChild(box);
    }
    if (m.role === "customer") Array.prototype.forEach.call(list.querySelectorAll(".choices"), function (el) { if (el.parentNode.dataset.id < m.id) el.remove(); });
    // Ids sort by creation time; a fast reply can arrive on the stream before the poll that
    // brings the customer's own message, so each message goes in its place, not at the end.
    var next = null;
    Array.prototype.forEach.call(list.children, function (el) { if (!next && el.dataset.id && el.dataset.id > m.id) next = el; });
    list.insertBefore(li, next);
    list.scrollTop = list.scrollHeight;
  }

  function delta(d) {
    var li = provisional[d.messageId];
    if (!li) {
      li = document.createElement("li"); li.className = "msg assistant provisional";
      provisional[d.messageId] = li; list.appendChild(li);
    }
    li.textContent += d.text;
    list.scrollTop = list.scrollHeight;
  }

  function dropProvisional() { Object.keys(provisional).forEach(function (k) { provisional[k].remove(); delete provisional[k]; }); }

  function api(path, opts) {
    opts = opts || {};
    opts.headers = opts.headers || {};
    if (session) opts.headers.Authorization = "Bearer " + session.customerToken;
    return fetch(path, opts).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) throw new Error((body.error && body.error.message) || ("Request failed (" + r.status + ")"));
        return body;
      });
    });
  }

  function poll() {
    if (!session) return Promise.resolve();
    return api("/api/chat/conversations/" + session.conversationId + "/messages" + (lastId ? "?after=" + lastId : "")).then(function (body) {
      // Only a poll moves the cursor: a reply pushed on the stream can be newer than the customer's
      // own message, which the next poll must still fetch.
      body.messages.forEach(function (m) { render(m); if (m.id > lastId) lastId = m.id; });
      if (body.status === "handed_off") setStatus("handed_off");
      if (body.hasMore) return poll();
    });
  }

  function connect() {
    var es = new EventSource("/api/chat/conversations/" + session.conversationId + "/stream?token=" + encodeURIComponent(session.customerToken));
    es.addEventListener("message", function (e) { render(JSON.parse(e.data)); });
    es.addEventListener("delta", function (e) { delta(JSON.parse(e.data)); });
    // The server ended this stream for good (token no longer valid, or a newer tab took its place).
    es.addEventListener("closed", function () { es.close(); });
    es.addEventListener("status", function (e) {
      var s = JSON.parse(e.data).state; setStatus(s);
      // "thinking" again mid-answer: that answer was overtaken by a newer message and will not come.
      if (s === "waiting_review" || s === "handed_off" || s === "escalating" || s === "thinking") dropProvisional();
    });
    es.onopen = function () { poll(); };
  }

  function start() {
    try { session = JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { session = null; }
    if (session) return poll().then(connect).catch(function () { session = null; localStorage.removeItem(KEY); return start(); });
    return api("/api/chat/conversations", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }).then(function (s) {
      session = s; localStorage.setItem(KEY, JSON.stringify(s)); connect();
    });
  }

  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve({ filename: file.name, contentType: file.type || "application/octet-stream", dataBase64: String(reader.result).split(",")[1] || "" }); };
      reader.onerror = reject;
      reader.readAsDataURL(file);
    });
  }

  function send(text, chosen, fromComposer) {
    sendBtn.disabled = true; showError("");
    var key = "web-" + Date.now() + "-" + Math.random().toString(36).slice(2);
    Promise.all(chosen.map(readFile)).then(function (attachments) {
      var body = { text: text };
      if (attachments.length) body.attachments = attachments;
      return api("/api/chat/conversations/" + session.conversationId + "/messages", { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": key }, body: JSON.stringify(body) });
    }).then(function (res) {
      render({ id: res.messageId, role: "customer", text: text, citations: [] });
      if (fromComposer) { input.value = ""; files.value = ""; }
      return poll();
    })
      .catch(function (err) { showError(err.message); })
      .then(function () { sendBtn.disabled = false; input.focus(); });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    var chosen = Array.prototype.slice.call(files.files || []);
    if (!text && !chosen.length) return;
    send(text, chosen, true);
  });
  input.addEventListener("keydown", function (e) { if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); } });
  setInterval(function () { poll().catch(function () {}); }, 15000);
  start().catch(function (err) { showError("Could not start the chat: " + err.message); });
})();`;

/** Embeddable widget: `<script src="https://support.example.com/widget.js" async></script>`. */
export const widgetJs = `(function () {
  "use strict";
  var origin = (document.currentScript && new URL(document.currentScript.src).origin) || "";
  var open = false;
  var btn = document.createElement("button");
  btn.textContent = "Chat with support";
  btn.setAttribute("style", "position:fixed;right:20px;bottom:20px;z-index:2147483647;padding:12px 18px;border-radius:24px;border:0;background:#2457d6;color:#fff;font:15px system-ui;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.2)");
  var frame = document.createElement("iframe");
  frame.title = "Support chat";
  frame.src = origin + "/";
  frame.setAttribute("style", "position:fixed;right:20px;bottom:76px;z-index:2147483647;width:380px;height:560px;max-height:80vh;border:0;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:none;background:#fff");
  btn.addEventListener("click", function () { open = !open; frame.style.display = open ? "block" : "none"; });
  document.body.appendChild(frame);
  document.body.appendChild(btn);
})();`;
