/*! careercoach widget: one self-contained script for a careers page. No CDN, nothing fetched but the coach's own API.
 *
 *   <script src="https://coach.example.com/widget.js" data-title="Ask our career coach"
 *           data-accent="#0a66c2" defer></script>
 *
 * Options (data- attributes): data-title, data-accent (CSS colour), data-api (base URL of the coach;
 * default: where this script came from), data-open="true" (start open), data-guide (limit to one guide).
 * Cross-site pages: the coach's operator adds the page's origin to COACH_ALLOWED_ORIGINS.
 * Everything is drawn inside a Shadow DOM, so the page's CSS cannot reach it and it cannot reach the page.
 * Answers and passages are inserted as text (textContent), never as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!script || window.__careercoachWidget) return;
  window.__careercoachWidget = true;
  var cfg = script.dataset || {};
  var api = (cfg.api || new URL(script.src, location.href).origin).replace(/\/$/, "");
  var title = cfg.title || "Ask our career coach";
  var accent = /^[#a-zA-Z0-9(),.% ]{1,40}$/.test(cfg.accent || "") ? cfg.accent : "#0a66c2";
  var storeKey = "careercoach-session:" + api;

  var host = document.createElement("div");
  host.setAttribute("data-careercoach", "");
  var root = host.attachShadow({ mode: "open" });
  var style = document.createElement("style");
  style.textContent = [
    ":host{all:initial}",
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',sans-serif}",
    ".bubble{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:" + accent + ";color:#fff;font-size:26px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000}",
    ".panel{position:fixed;right:20px;bottom:88px;width:380px;max-width:calc(100vw - 24px);height:560px;max-height:calc(100vh - 110px);background:#fff;color:#1d2433;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.25);display:none;flex-direction:column;overflow:hidden;z-index:2147483000}",
    ".panel.open{display:flex}",
    "header{background:" + accent + ";color:#fff;padding:12px 14px;font-weight:600;display:flex;justify-content:space-between;align-items:center;font-size:15px}",
    "header button{background:transparent;border:0;color:#fff;font-size:13px;cursor:pointer;text-decoration:underline}",
    ".log{flex:1;overflow-y:auto;padding:12px;font-size:14px;line-height:1.45;background:#f7f8fa}",
    ".chip{margin:2px 4px 2px 0;padding:4px 9px;border-radius:14px;border:1px solid #ccc;background:#fff;color:#222;font:inherit;cursor:pointer}",
    ".msg{margin:8px 0;padding:8px 11px;border-radius:10px;white-space:pre-wrap;word-wrap:break-word;max-width:92%}",
    ".user{background:" + accent + ";color:#fff;margin-left:auto}",
    ".bot{background:#fff;border:1px solid #e3e6ec}",
    ".bot.refused{border-style:dashed}",
    "details{margin-top:6px;font-size:12.5px}summary{cursor:pointer;color:#35507a}",
    ".passage{white-space:pre-wrap;background:#f5f7fa;padding:6px;border-radius:6px;margin-top:4px;color:#333}",
    "form{display:flex;gap:6px;padding:10px;border-top:1px solid #e3e6ec;background:#fff}",
    "textarea{flex:1;resize:none;height:42px;padding:9px;border:1px solid #c9ced8;border-radius:8px;font-size:14px}",
    "form button{background:" + accent + ";color:#fff;border:0;border-radius:8px;padding:0 14px;font-size:14px;cursor:pointer}",
    "form button:disabled{opacity:.6;cursor:wait}",
    ".note{font-size:11.5px;color:#6b7383;padding:0 12px 8px;background:#fff}",
    "header .actions{display:flex;gap:10px;align-items:center}header .close{font-size:20px;text-decoration:none;line-height:1}",
    "@media (max-width:480px){.panel{right:0;bottom:0;width:100vw;max-width:100vw;height:100vh;max-height:100vh;border-radius:0}.bubble{right:14px;bottom:14px}.panel.open+.bubble{display:none}}",
  ].join("\n");
  root.appendChild(style);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  var bubble = el("button", "bubble", "💬");
  bubble.setAttribute("aria-label", title);
  var panel = el("div", "panel");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);
  var header = el("header");
  header.appendChild(el("span", null, title));
  var actions = el("div", "actions");
  var reset = el("button", null, "New chat");
  var close = el("button", "close", "×");
  close.setAttribute("aria-label", "Close");
  actions.appendChild(reset);
  actions.appendChild(close);
  header.appendChild(actions);
  var log = el("div", "log");
  log.setAttribute("aria-live", "polite");
  var form = el("form");
  var input = el("textarea");
  input.placeholder = "Ask about pay, career paths, skills…";
  input.maxLength = 2000;
  input.setAttribute("aria-label", "Your question");
  var send = el("button", null, "Send");
  send.type = "submit";
  form.appendChild(input);
  form.appendChild(send);
  var note = el("div", "note", "Answers quote our career guides; sources are listed under each answer.");
  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(form);
  panel.appendChild(note);
  root.appendChild(panel);
  root.appendChild(bubble);

  function session() {
    try { return localStorage.getItem(storeKey) || null; } catch (e) { return null; }
  }
  function remember(id) {
    try { localStorage.setItem(storeKey, id); } catch (e) { /* private mode: session lives in memory only */ }
  }
  function greet() {
    log.textContent = "";
    log.appendChild(el("div", "msg bot", "Hi! Ask me about roles, pay, career paths or how to get started."));
    // starter questions come from the guides the coach holds (GET /api/starters)
    fetch(api + "/api/starters").then(function (r) { return r.ok ? r.json() : { starters: [] }; }).then(function (j) {
      var row = el("div", "starters");
      (j.starters || []).slice(0, 4).forEach(function (q) {
        var b = el("button", "chip", q);
        b.type = "button";
        b.addEventListener("click", function () { row.remove(); ask(q); });
        row.appendChild(b);
      });
      if (row.childNodes.length) { log.appendChild(row); }
    }).catch(function () { /* no starters: the greeting is enough */ });
  }

  function showAnswer(data) {
    var box = el("div", "msg bot" + (data.refused ? " refused" : ""), data.answer);
    (data.citations || []).forEach(function (c) {
      var d = el("details", "source");
      d.appendChild(el("summary", null, "[" + c.n + "] " + c.guide + " › " + c.section));
      d.appendChild(el("div", "passage", c.text));
      box.appendChild(d);
    });
    log.appendChild(box);
    log.scrollTop = log.scrollHeight;
  }

  function ask(text) {
    log.appendChild(el("div", "msg user", text));
    var waiting = el("div", "msg bot", "…");
    log.appendChild(waiting);
    log.scrollTop = log.scrollHeight;
    send.disabled = true;
    var body = { message: text, session_id: session() };
    if (cfg.guide) body.guide = cfg.guide;
    fetch(api + "/api/chat", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, data: j }; }); })
      .then(function (res) {
        waiting.remove();
        if (!res.ok) { log.appendChild(el("div", "msg bot", "⚠ " + (res.data.error || "The coach could not answer."))); return; }
        remember(res.data.session_id);
        showAnswer(res.data);
      })
      .catch(function () {
        waiting.remove();
        log.appendChild(el("div", "msg bot", "⚠ The coach is not reachable right now. Please try again later."));
      })
      .then(function () { send.disabled = false; input.focus(); });
  }

  bubble.addEventListener("click", function () {
    panel.classList.toggle("open");
    if (panel.classList.contains("open")) input.focus();
  });
  close.addEventListener("click", function () { panel.classList.remove("open"); bubble.focus(); });
  reset.addEventListener("click", function () {
    try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
    greet();
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || send.disabled) return;
    input.value = "";
    ask(text);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit")); }
  });

  greet();
  if (cfg.open === "true") panel.classList.add("open");
  (document.body || document.documentElement).appendChild(host);
  window.careercoach = { open: function () { panel.classList.add("open"); }, ask: ask, root: root };
})();
