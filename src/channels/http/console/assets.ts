// The console's only stylesheet and script, served from 'self' (the CSP allows no inline script).

export const consoleCss = `*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;background:#f3f4f7;color:#1c2430}
a{color:#1f4fc4;text-decoration:none}a:hover{text-decoration:underline}
.top{display:flex;align-items:center;gap:18px;padding:0 20px;height:52px;background:#17203a;color:#dfe5f3}
.top .brand{font-weight:700;color:#fff;font-size:16px;margin-right:10px}
.top nav{display:flex;gap:4px;flex:1}.top nav a{color:#c9d2e8;padding:6px 10px;border-radius:6px}
.top nav a.on,.top nav a:hover{background:#2a3658;color:#fff;text-decoration:none}
.top .who{font-size:13px;color:#aab4cc}.top form{margin:0}
.top button{background:transparent;border:1px solid #4a5679;color:#dfe5f3;padding:4px 10px}
main{max-width:1200px;margin:0 auto;padding:20px}
h1{font-size:22px;margin:4px 0 16px}h2{font-size:16px;margin:0 0 10px}h3{font-size:14px;margin:12px 0 6px}
.card{background:#fff;border:1px solid #dfe3ea;border-radius:10px;padding:16px;margin-bottom:14px}
.grid{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:16px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px;margin-bottom:14px}
.kpi{background:#fff;border:1px solid #dfe3ea;border-radius:10px;padding:12px 14px}.kpi b{display:block;font-size:22px}.kpi span{color:#5d6778;font-size:12px}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;background:#e8ecf4;color:#38445a;margin:0 4px 4px 0}
.badge.open{background:#e3f4e8;color:#17663a}.badge.waiting{background:#fff2d6;color:#8a5a00}.badge.handed_off{background:#fde4e1;color:#a3261a}.badge.resolved{background:#e6e8ee;color:#4b5565}
.badge.pending{background:#fff2d6;color:#8a5a00}.badge.sent,.badge.published{background:#e3f4e8;color:#17663a}.badge.rejected,.badge.archived{background:#fde4e1;color:#a3261a}.badge.draft{background:#e8ecf4}
.badge.high,.badge.urgent,.badge.overdue{background:#fde4e1;color:#a3261a}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:7px 8px;border-bottom:1px solid #eceff4;vertical-align:top}th{font-size:12px;color:#5d6778;font-weight:600}
input,select,textarea{font:inherit;padding:7px 9px;border:1px solid #c7cdd8;border-radius:7px;background:#fff;color:inherit}
textarea{width:100%;resize:vertical}input[type=text],input[type=password],input[type=search]{min-width:0}
button,.button{font:inherit;padding:7px 14px;border:0;border-radius:7px;background:#1f4fc4;color:#fff;cursor:pointer;display:inline-block}
button.secondary,.button.secondary{background:#e8ecf4;color:#1c2430}button.danger{background:#c0352b}
button:hover,.button:hover{filter:brightness(1.08);text-decoration:none}
.row{display:flex;gap:8px;align-items:center;flex-wrap:wrap}.row.end{justify-content:flex-end}.row.gap{margin:6px 0 10px}
.filters{display:flex;gap:8px;flex-wrap:wrap;align-items:end;margin-bottom:14px}.filters label{display:flex;flex-direction:column;font-size:12px;color:#5d6778;gap:3px}
.muted{color:#5d6778}.small{font-size:12px}
.flash{padding:10px 14px;border-radius:8px;margin-bottom:14px}.flash.ok{background:#e3f4e8;color:#17663a}.flash.error{background:#fde4e1;color:#a3261a}
.thread{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}
.msg{padding:9px 12px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word;max-width:90%}
.msg .meta{display:block;font-size:11px;color:#5d6778;margin-bottom:2px}
.msg.customer{background:#eef3ff;align-self:flex-start}.msg.assistant{background:#f1f7f2;align-self:flex-end}.msg.agent{background:#e9f1fb;align-self:flex-end;border:1px solid #c5d6f0}.msg.system{background:#fff8e1;align-self:center;font-size:13px}
.draft{border-left:4px solid #e0a100}
.draft .quote{background:#f6f7fa;border-radius:8px;padding:8px 10px;white-space:pre-wrap;margin:6px 0}
.draft textarea{min-height:110px}
.diff{font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace;background:#fafbfc;border:1px solid #eceff4;border-radius:8px;padding:6px 0;white-space:pre-wrap;word-wrap:break-word}
.diff div{padding:0 10px}.diff .add{background:#e6f6ea}.diff .add::before{content:"+ ";color:#17663a}.diff .del{background:#fdeceb;text-decoration:line-through;color:#8a2a20}.diff .del::before{content:"- "}.diff .same::before{content:"  "}
.trace dt{font-size:12px;color:#5d6778}.trace dd{margin:0 0 6px}
pre{white-space:pre-wrap;word-wrap:break-word;background:#f6f7fa;padding:8px;border-radius:6px;font-size:12px;margin:4px 0}
.editor{display:grid;grid-template-columns:1fr 1fr;gap:14px}.editor textarea{min-height:420px;font:13px/1.5 ui-monospace,Menlo,monospace}
.preview{border:1px solid #dfe3ea;border-radius:8px;padding:4px 14px;min-height:420px;background:#fcfcfd;overflow:auto}
.field{display:flex;flex-direction:column;gap:4px;margin-bottom:10px}.field label,.field .label{font-size:12px;color:#5d6778;font-weight:600}
.login{max-width:380px;margin:80px auto}
.key{font:14px ui-monospace,monospace;background:#fff8e1;padding:10px;border-radius:8px;word-break:break-all}
.chart text{font-size:11px;fill:#5d6778}
.thumb{display:block;max-width:100%;max-height:260px;margin:6px 0;border:1px solid #dfe3ea;border-radius:6px}
.empty{color:#5d6778;text-align:center;padding:30px}
@media (max-width:900px){.grid,.editor{grid-template-columns:1fr}}`;

export const consoleJs = `(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]');
  csrf = csrf ? csrf.getAttribute("content") : "";

  // Destructive buttons ask first.
  document.addEventListener("submit", function (e) {
    var btn = e.submitter;
    var msg = (btn && btn.getAttribute("data-confirm")) || e.target.getAttribute("data-confirm");
    if (msg && !window.confirm(msg)) e.preventDefault();
  });

  // Review inbox: new drafts appear and decided ones disappear without a reload. Cards already on
  // the page are left alone, so an edit in progress is never overwritten.
  var inbox = document.getElementById("inbox");
  if (inbox) {
    var count = document.getElementById("pending-count");
    var poll = function () {
      fetch("/console/inbox/items", { credentials: "same-origin", headers: { accept: "text/html" } })
        .then(function (r) { if (r.status === 401) { location.href = "/console/login"; return null; } return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null) return;
          var doc = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html");
          var fresh = doc.body.querySelectorAll("[data-draft]");
          var keep = {};
          fresh.forEach(function (el) { keep[el.getAttribute("data-draft")] = true; });
          inbox.querySelectorAll("[data-draft]").forEach(function (el) {
            if (!keep[el.getAttribute("data-draft")] && !el.contains(document.activeElement)) el.remove();
          });
          fresh.forEach(function (el) {
            var id = el.getAttribute("data-draft");
            if (!inbox.querySelector('[data-draft="' + id + '"]')) inbox.appendChild(document.importNode(el, true));
          });
          var n = inbox.querySelectorAll("[data-draft]").length;
          if (count) count.textContent = String(n);
          var empty = document.getElementById("inbox-empty");
          if (empty) empty.hidden = n > 0;
        })
        .catch(function () {});
    };
    setInterval(poll, 2000);
  }

  // Knowledge editor: the preview is rendered (and escaped) by the server as you type.
  var body = document.getElementById("article-body");
  var preview = document.getElementById("preview");
  if (body && preview) {
    var timer = null;
    var render = function () {
      fetch("/console/knowledge/preview", {
        method: "POST", credentials: "same-origin",
        headers: { "content-type": "text/plain; charset=utf-8", "x-csrf-token": csrf },
        body: body.value
      }).then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) preview.innerHTML = html; })
        .catch(function () {});
    };
    body.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(render, 250); });
  }
})();
`;
