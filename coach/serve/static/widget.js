/*! careercoach widget: one self-contained script for a careers page. No CDN, nothing fetched but the coach's own API.
 *
 *   <script src="https://coach.example.com/widget.js" data-title="Ask our career coach"
 *           data-accent="#0a66c2" defer></script>
 *
 * Options (data- attributes on the script tag):
 *   data-api            base URL of the coach (default: where this script came from)
 *   data-title          panel title                       data-button-label  the bubble's accessible label
 *   data-greeting       first message                     data-accent        CSS colour (#hex, rgb(), name)
 *   data-starters       starter questions: a JSON array or "a|b|c" (default: GET /api/starters)
 *   data-position       "right" (default) or "left"       data-max-messages  questions per conversation
 *   data-open="true"    start open                        data-guide         answer from one guide only
 * JS API: CareerCoach.open(), CareerCoach.close(), CareerCoach.ask(text). Each answer fires a
 * `careercoach:answer` CustomEvent on document: detail {question, refused, citations, message_id, session_id}.
 * Cross-site pages: the coach's operator adds the page's origin to COACH_ALLOWED_ORIGINS.
 * Everything is drawn inside a Shadow DOM, so the page's CSS cannot reach it and it cannot reach the page.
 * Server text is inserted as text nodes (textContent), never as HTML. Nothing here throws into the page.
 */
(function () {
  "use strict";
  try {
    var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
    if (!script || window.__careercoachWidget) return;
    window.__careercoachWidget = true;
    start(script);
  } catch (e) {
    if (window.console) console.warn("careercoach widget failed to start", e);
  }

  function start(script) {
    var cfg = script.dataset || {};
    var api = (cfg.api || new URL(script.src, location.href).origin).replace(/\/+$/, "");
    var title = cfg.title || "Ask our career coach";
    var buttonLabel = cfg.buttonLabel || "Open the career coach";
    var greeting = cfg.greeting || "Hi! Ask me about roles, pay, career paths or how to get started.";
    var accent = /^[#a-zA-Z0-9(),.% ]{1,40}$/.test(cfg.accent || "") ? cfg.accent : "#0a66c2";
    var side = cfg.position === "left" ? "left" : "right";
    var maxMessages = parseInt(cfg.maxMessages || "0", 10) || 0;
    var storeKey = "careercoach-session:" + api;
    var LOW = "These passages are only loosely related to your question; check them before relying on the answer.";
    var SVG = "http://www.w3.org/2000/svg";
    var ICONS = {
      chat: "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z",
      close: "M6 6l12 12M18 6L6 18",
      up: "M7 11v9H4v-9h3zm0 0l4-7a2 2 0 0 1 3 2l-1 4h5a2 2 0 0 1 2 2l-2 6a2 2 0 0 1-2 2H7",
      down: "M17 13V4h3v9h-3zm0 0l-4 7a2 2 0 0 1-3-2l1-4H6a2 2 0 0 1-2-2l2-6a2 2 0 0 1 2-2h9",
    };

    var host = document.createElement("careercoach-widget");
    host.setAttribute("data-careercoach", "");
    var root = host.attachShadow({ mode: "open" });
    var style = document.createElement("style");
    // `!important` inside the shadow beats the page's `!important` on the host: the page's CSS stops here
    style.textContent = [
      ":host{all:initial !important;display:block !important;position:static !important;font-size:16px !important}",
      "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;letter-spacing:normal}",
      "button{font:inherit;cursor:pointer}",
      "svg{width:1.2em;height:1.2em;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round;vertical-align:middle;flex:none}",
      ".bubble{position:fixed;z-index:2147483647;width:56px;height:56px;border-radius:50%;border:0;padding:0;background:" + accent + ";color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.3);display:flex;align-items:center;justify-content:center;transform-origin:0 0}",
      ".bubble svg{width:28px;height:28px}",
      ".bubble[hidden],.panel[hidden]{display:none}",
      ".panel{position:fixed;z-index:2147483647;background:#fff;color:#1d2433;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.3);display:flex;flex-direction:column;overflow:hidden;font-size:14px;line-height:1.45;transform-origin:0 0}",
      ".panel.phone{border-radius:0}",
      "header{background:" + accent + ";color:#fff;padding:10px 12px 10px 14px;font-weight:600;display:flex;justify-content:space-between;align-items:center;gap:8px;font-size:15px}",
      "header h2{font:inherit;margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}",
      "header .actions{display:flex;gap:6px;align-items:center;flex:none}",
      "header button{background:transparent;border:1px solid rgba(255,255,255,.7);color:#fff;border-radius:6px;padding:4px 8px;font-size:13px;min-height:32px}",
      "header button.close{border:0;padding:4px;min-width:36px;display:flex;align-items:center;justify-content:center}",
      ".log{flex:1;overflow-y:auto;padding:10px 12px;background:#f4f6f9;overscroll-behavior:contain}",
      ".msg{margin:8px 0;padding:8px 11px;border-radius:10px;white-space:pre-wrap;overflow-wrap:anywhere;max-width:92%;font-size:14px;color:#1d2433}",
      ".user{background:" + accent + ";color:#fff;margin-left:auto;width:fit-content}",
      ".bot{background:#fff;border:1px solid #d9dde5}",
      ".bot.refused{border-style:dashed}",
      ".bot.error{border-color:#b3261e;background:#fff7f6}",
      ".banner{margin:0 0 6px;padding:6px 8px;border-radius:6px;background:#fff4d6;color:#4d3800;font-size:12.5px;white-space:normal}",
      ".cite{border:0;background:#e3ecfa;color:#0b3d91;border-radius:4px;padding:0 3px;margin:0 1px;font-size:12px;font-weight:600;line-height:1.4}",
      ".cite[aria-expanded=true]{background:#0b3d91;color:#fff}",
      ".sources{margin-top:8px;display:flex;flex-direction:column;gap:4px;white-space:normal}",
      ".source{border:0;background:none;color:#1f4b8e;text-align:left;padding:2px 0;font-size:12.5px;text-decoration:underline}",
      ".passage{white-space:pre-wrap;background:#f4f6f9;border-left:3px solid " + accent + ";padding:6px 8px;border-radius:4px;margin:2px 0 4px;color:#2b3140;font-size:12.5px;max-height:40vh;overflow:auto}",
      ".passage mark{background:#ffe066;color:#1d2433;border-radius:2px;padding:0 1px}",
      ".passage a{color:#1f4b8e;display:inline-block;margin-top:4px}",
      ".chips{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}",
      ".chips .caption{width:100%;font-size:12px;color:#4a5161}",
      ".chip{padding:5px 10px;border-radius:14px;border:1px solid #8a94a6;background:#fff;color:#1d2433;font-size:13px;text-align:left}",
      ".rate{display:flex;gap:6px;align-items:center;margin-top:6px;flex-wrap:wrap;white-space:normal;font-size:12.5px;color:#4a5161}",
      ".rate button{border:1px solid #8a94a6;background:#fff;color:#2b3140;border-radius:6px;padding:3px 6px;display:flex;align-items:center;gap:4px;font-size:12.5px}",
      ".rate button[aria-pressed=true]{background:#2b3140;color:#fff}",
      ".rate input{flex:1;min-width:120px;padding:4px 6px;border:1px solid #8a94a6;border-radius:6px;font-size:13px;color:#1d2433;background:#fff}",
      ".retry{margin-top:6px;border:1px solid #b3261e;background:#fff;color:#b3261e;border-radius:6px;padding:3px 10px;display:block}",
      "form{display:flex;gap:6px;padding:8px 10px;border-top:1px solid #d9dde5;background:#fff}",
      "textarea{flex:1;resize:none;height:42px;padding:9px;border:1px solid #8a94a6;border-radius:8px;font-size:16px;color:#1d2433;background:#fff;font-family:inherit}",
      "form button{background:" + accent + ";color:#fff;border:0;border-radius:8px;padding:0 14px;font-size:14px;min-width:64px}",
      "form button:disabled,textarea:disabled{opacity:.6;cursor:not-allowed}",
      ".note{font-size:11.5px;color:#4a5161;padding:0 12px 8px;background:#fff;margin:0}",
      ":focus-visible{outline:3px solid #ffbf47;outline-offset:1px}",
      ".probe{position:fixed;visibility:hidden;pointer-events:none;padding:env(safe-area-inset-top,0px) env(safe-area-inset-right,0px) env(safe-area-inset-bottom,0px) env(safe-area-inset-left,0px)}",
    ].join("\n");
    root.appendChild(style);

    function el(tag, cls, text) {
      var e = document.createElement(tag);
      if (cls) e.className = cls;
      if (text != null) e.textContent = String(text);
      return e;
    }
    function icon(name) {
      var s = document.createElementNS(SVG, "svg");
      s.setAttribute("viewBox", "0 0 24 24");
      s.setAttribute("aria-hidden", "true");
      s.setAttribute("focusable", "false");
      var p = document.createElementNS(SVG, "path");
      p.setAttribute("d", ICONS[name]);
      s.appendChild(p);
      return s;
    }
    function button(cls, text, label) {
      var b = el("button", cls, text);
      b.type = "button";
      if (label) b.setAttribute("aria-label", label);
      return b;
    }

    var bubble = button("bubble", null, buttonLabel);
    bubble.appendChild(icon("chat"));
    bubble.setAttribute("aria-haspopup", "dialog");
    bubble.setAttribute("aria-expanded", "false");
    var panel = el("div", "panel");
    panel.hidden = true;
    panel.id = "careercoach-panel";
    bubble.setAttribute("aria-controls", panel.id);
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "true");
    panel.setAttribute("aria-labelledby", "careercoach-title");
    var header = el("header");
    var heading = el("h2", null, title);
    heading.id = "careercoach-title";
    header.appendChild(heading);
    var actions = el("div", "actions");
    var reset = button("new", "New chat");
    var close = button("close", null, "Close the career coach");
    close.appendChild(icon("close"));
    actions.appendChild(reset);
    actions.appendChild(close);
    header.appendChild(actions);
    var log = el("div", "log");
    log.setAttribute("role", "log");
    log.setAttribute("aria-live", "polite");
    log.setAttribute("aria-label", "Conversation");
    log.tabIndex = 0;
    var form = el("form");
    form.setAttribute("aria-label", "Ask a question");
    var input = el("textarea");
    input.placeholder = "Ask about pay, paths, skills…";
    input.maxLength = 2000;
    input.rows = 1;
    input.setAttribute("aria-label", "Your question");
    var send = el("button", null, "Send");
    send.type = "submit";
    form.appendChild(input);
    form.appendChild(send);
    var note = el("p", "note", "Answers quote our career guides; open a [n] to see the passage.");
    var probe = el("div", "probe");
    panel.appendChild(header);
    panel.appendChild(log);
    panel.appendChild(form);
    panel.appendChild(note);
    root.appendChild(panel);
    root.appendChild(bubble);
    root.appendChild(probe);

    var busy = false;
    var asked = 0;
    var chips = null;

    // --- layout: by the visual viewport (the screen), not the page's width ------------------------
    function insets() {
      var s = getComputedStyle(probe);
      return { t: parseFloat(s.paddingTop) || 0, r: parseFloat(s.paddingRight) || 0, b: parseFloat(s.paddingBottom) || 0, l: parseFloat(s.paddingLeft) || 0 };
    }
    function place(node, x, y, w, h) {
      // x, y, w, h in screen pixels from the visible area's top-left; fixed boxes sit in the layout viewport
      var vv = window.visualViewport;
      var s = vv && vv.scale > 0 ? vv.scale : 1;
      node.style.left = ((vv ? vv.offsetLeft : 0) + x / s) + "px";
      node.style.top = ((vv ? vv.offsetTop : 0) + y / s) + "px";
      node.style.right = "auto";
      node.style.bottom = "auto";
      if (w != null) { node.style.width = w + "px"; node.style.height = h + "px"; }
      node.style.transform = s !== 1 ? "scale(" + 1 / s + ")" : "none";
    }
    function layout() {
      try {
        var vv = window.visualViewport;
        var W = vv ? vv.width * vv.scale : window.innerWidth;
        var H = vv ? vv.height * vv.scale : window.innerHeight;
        var i = insets();
        var phone = W < 600 || H < 500;
        var gap = phone ? 14 : 20;
        var bx = side === "left" ? i.l + gap : W - i.r - gap - 56;
        place(bubble, bx, H - i.b - gap - 56);
        panel.classList.toggle("phone", phone);
        if (phone) {
          place(panel, 0, 0, W, H);
          panel.style.padding = i.t + "px " + i.r + "px " + i.b + "px " + i.l + "px";
          bubble.hidden = !panel.hidden;
        } else {
          var w = Math.min(400, W - 2 * gap), h = Math.min(600, H - 56 - 3 * gap);
          place(panel, side === "left" ? i.l + gap : W - i.r - gap - w, H - i.b - 56 - 2 * gap - h, w, h);
          panel.style.padding = "0";
          bubble.hidden = false;
        }
      } catch (e) { /* layout is best effort */ }
    }
    if (window.visualViewport) {
      window.visualViewport.addEventListener("resize", layout);
      window.visualViewport.addEventListener("scroll", layout);
    }
    window.addEventListener("resize", layout);
    window.addEventListener("orientationchange", layout);

    // --- open, close, focus --------------------------------------------------------------------
    function open() {
      panel.hidden = false;
      bubble.setAttribute("aria-expanded", "true");
      layout();
      if (!input.disabled) input.focus(); else close.focus();
    }
    function shut() {
      if (panel.hidden) return;
      panel.hidden = true;
      bubble.setAttribute("aria-expanded", "false");
      layout();
      bubble.focus();
    }
    function focusables() {
      return Array.prototype.filter.call(
        panel.querySelectorAll("button,textarea,input,a[href],[tabindex]"),
        function (n) { return !n.disabled && n.tabIndex >= 0 && n.getClientRects().length; }
      );
    }
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { e.preventDefault(); e.stopPropagation(); shut(); return; }
      if (e.key !== "Tab") return;
      var list = focusables();
      if (!list.length) return;
      var first = list[0], last = list[list.length - 1], now = root.activeElement;
      if (e.shiftKey && (now === first || list.indexOf(now) < 0)) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && (now === last || list.indexOf(now) < 0)) { e.preventDefault(); first.focus(); }
    });
    bubble.addEventListener("click", function () { if (panel.hidden) open(); else shut(); });
    close.addEventListener("click", shut);

    // --- session -------------------------------------------------------------------------------
    function session() {
      try { return localStorage.getItem(storeKey) || null; } catch (e) { return null; }
    }
    function remember(id) {
      try { if (id) localStorage.setItem(storeKey, id); } catch (e) { /* private mode: the session lives in memory only */ }
    }
    function forget() {
      try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
    }
    function scroll() { log.scrollTop = log.scrollHeight; }
    function limitReached() { return maxMessages > 0 && asked >= maxMessages; }
    function lock() {
      var full = limitReached();
      input.disabled = full;
      send.disabled = busy || full;
      input.placeholder = full ? "Start a new chat to ask more" : "Ask about pay, paths, skills…";
      if (full && !log.querySelector(".limit")) {
        if (chips) { chips.remove(); chips = null; }
        log.appendChild(el("p", "msg bot limit", "This conversation reached its limit of " + maxMessages +
          " question" + (maxMessages === 1 ? "" : "s") + ". Press New chat to ask more."));
      }
    }

    function starters() {
      var given = cfg.starters;
      if (given) {
        var list = null;
        try { list = JSON.parse(given); } catch (e) { list = given.split("|"); }
        return Promise.resolve(Array.isArray(list) ? list : []);
      }
      return fetch(api + "/api/starters")
        .then(function (r) { return r.ok ? r.json() : {}; })
        .then(function (j) { return (j && j.starters) || []; })
        .catch(function () { return []; });
    }
    function showChips(questions, label) {
      if (chips) chips.remove();
      chips = null;
      var list = (questions || []).map(function (q) { return String(q).trim(); }).filter(Boolean).slice(0, 4);
      if (!list.length || limitReached()) return;
      chips = el("div", "chips");
      chips.appendChild(el("span", "caption", label));
      chips.setAttribute("role", "group");
      chips.setAttribute("aria-label", label);
      list.forEach(function (q) {
        var b = button("chip", q);
        b.addEventListener("click", function () { ask(q); });
        chips.appendChild(b);
      });
      log.appendChild(chips);
      scroll();
    }
    function greet() {
      log.textContent = "";
      asked = 0;
      lock();
      log.appendChild(el("div", "msg bot", greeting));
      starters().then(function (list) { if (!asked) showChips(list, "Try asking"); });
    }
    function restore() {
      var id = session();
      if (!id) { greet(); return; }
      fetch(api + "/api/sessions/" + encodeURIComponent(id))
        .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
        .then(function (j) {
          var messages = (j && j.messages) || [];
          if (!messages.length) throw new Error("empty");
          log.textContent = "";
          log.appendChild(el("div", "msg bot", greeting));
          var last = null;
          messages.forEach(function (m) {
            if (m.role === "user") { asked += 1; log.appendChild(el("div", "msg user", m.content)); }
            else { last = m.result || { answer: m.content }; showAnswer(last, m.message_id, m.content); }
          });
          if (last) showChips(last.suggestions, "You could also ask");
          lock();
          scroll();
        })
        .catch(function () { forget(); greet(); });
    }

    // --- answers ------------------------------------------------------------------------------
    function passage(c) {
      var box = el("div", "passage");
      box.tabIndex = 0;  // it may scroll: keyboard users reach it too
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Passage " + c.n + (c.guide ? " from " + c.guide : ""));
      var text = String(c.text || "");
      var spans = (Array.isArray(c.spans) ? c.spans : [])
        .map(function (s) { return [Math.max(0, s[0] | 0), Math.min(text.length, s[1] | 0)]; })
        .filter(function (s) { return s[1] > s[0]; })
        .sort(function (a, b) { return a[0] - b[0]; });
      var joined = [];  // overlapping or touching spans become one mark
      spans.forEach(function (s) {
        var last = joined[joined.length - 1];
        if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]); else joined.push(s.slice());
      });
      var at = 0;
      joined.forEach(function (s) {
        if (s[0] > at) box.appendChild(document.createTextNode(text.slice(at, s[0])));
        box.appendChild(el("mark", null, text.slice(s[0], s[1])));
        at = s[1];
      });
      if (at < text.length) box.appendChild(document.createTextNode(text.slice(at)));
      if (typeof c.url === "string" && /^https?:\/\//i.test(c.url)) {
        var a = el("a", null, "Open the guide");
        a.href = c.url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        box.appendChild(el("br"));
        box.appendChild(a);
      }
      return box;
    }
    function showAnswer(data, messageId, fallbackText) {
      var citations = Array.isArray(data.citations) ? data.citations : [];
      var box = el("div", "msg bot" + (data.refused ? " refused" : ""));
      if (data.low_relevance) {
        var banner = el("p", "banner", LOW);
        banner.setAttribute("role", "note");
        box.appendChild(banner);
      }
      var byN = {};
      citations.forEach(function (c) { byN[String(c.n)] = c; });
      var sources = el("div", "sources");
      var toggles = {};
      function toggle(n) {
        var t = toggles[n];
        if (!t) return;
        var show = !t.view.isConnected;
        if (show) t.button.after(t.view); else t.view.remove();
        t.markers.concat([t.button]).forEach(function (b) { b.setAttribute("aria-expanded", String(show)); });
        if (show) t.view.scrollIntoView({ block: "nearest" });
      }
      citations.forEach(function (c) {
        var n = String(c.n);
        var b = button("source", "[" + n + "] " + (c.guide || c.source || "Guide") + (c.section ? " › " + c.section : ""));
        b.setAttribute("aria-expanded", "false");
        b.addEventListener("click", function () { toggle(n); });
        sources.appendChild(b);
        toggles[n] = { button: b, view: passage(c), markers: [] };
      });
      var text = String(data.answer != null ? data.answer : fallbackText || "");
      var parts = text.split(/(\[\d+\])/);
      parts.forEach(function (part) {
        var m = /^\[(\d+)\]$/.exec(part);
        if (m && byN[m[1]]) {
          var c = byN[m[1]];
          var b = button("cite", part, part + " source: " + (c.guide || c.source || "guide"));
          b.setAttribute("aria-expanded", "false");
          b.addEventListener("click", function () { toggle(m[1]); });
          toggles[m[1]].markers.push(b);
          box.appendChild(b);
        } else if (part) {
          box.appendChild(document.createTextNode(part));
        }
      });
      if (citations.length) box.appendChild(sources);
      if (messageId) box.appendChild(rating(messageId));
      log.appendChild(box);
      return box;
    }
    function rating(messageId) {
      var row = el("div", "rate");
      row.setAttribute("role", "group");
      row.setAttribute("aria-label", "Rate this answer");
      var up = button(null, null, "Helpful");
      up.appendChild(icon("up"));
      var down = button(null, null, "Not helpful");
      down.appendChild(icon("down"));
      [up, down].forEach(function (b) { b.setAttribute("aria-pressed", "false"); row.appendChild(b); });
      var status = el("span");
      status.setAttribute("role", "status");
      function post(value, reason) {
        up.setAttribute("aria-pressed", String(value === "up"));
        down.setAttribute("aria-pressed", String(value === "down"));
        status.textContent = "Sending…";
        fetch(api + "/api/feedback", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ session_id: session(), message_id: messageId, rating: value, reason: reason || null }),
        })
          .then(function (r) { status.textContent = r.ok ? "Thanks for the feedback." : "Feedback could not be saved."; })
          .catch(function () { status.textContent = "Feedback could not be sent."; });
      }
      up.addEventListener("click", function () { post("up"); });
      down.addEventListener("click", function () {
        if (row.querySelector("input")) return;
        var why = el("input");
        why.type = "text";
        why.maxLength = 1000;
        why.placeholder = "What was missing? (optional)";
        why.setAttribute("aria-label", "What was missing? (optional)");
        var go = button(null, "Send feedback");
        var submit = function () { why.remove(); go.remove(); post("down", why.value.trim()); };
        go.addEventListener("click", submit);
        why.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); submit(); } });
        row.insertBefore(why, status);
        row.insertBefore(go, status);
        why.focus();
      });
      row.appendChild(status);
      return row;
    }

    // --- asking: stream, fall back, fail gently ---------------------------------------------------
    function problem(status, body) {
      if (status === 429) return "Too many questions right now. Wait a moment, then retry.";
      if (status >= 500) return "The coach had a problem answering. Please retry.";
      if (status === 0) return "The coach is not reachable right now. Check your connection and retry.";
      return (body && typeof body.error === "string" && body.error.slice(0, 300)) || "The coach could not answer that. Please retry.";
    }
    function readJson(r) {
      return r.text().then(function (t) { try { return JSON.parse(t); } catch (e) { return null; } });
    }
    function events(r, onToken) {
      // parse server-sent events from a fetch body; resolves with the `done` object, rejects if cut short
      var done = null, failed = null, buffer = "";
      function handle(block) {
        var name = "message", data = "";
        block.split("\n").forEach(function (line) {
          if (line.indexOf("event:") === 0) name = line.slice(6).trim();
          else if (line.indexOf("data:") === 0) data += line.slice(5).trim();
        });
        if (!data) return;
        var j = JSON.parse(data);
        if (name === "token") onToken(String(j.text || ""));
        else if (name === "done") done = j;
        else if (name === "error") failed = j;
      }
      function drain(final) {
        buffer = buffer.replace(/\r\n/g, "\n");
        var cut = buffer.lastIndexOf("\n\n");
        if (final) cut = buffer.length;
        if (cut < 0) return;
        buffer.slice(0, cut).split("\n\n").forEach(function (b) { if (b.trim()) handle(b); });
        buffer = buffer.slice(cut);
      }
      function finish() {
        if (failed) return Promise.reject({ status: 503, body: failed });
        if (!done) return Promise.reject({ status: 0, cut: true });
        return done;
      }
      if (!r.body || !r.body.getReader) return r.text().then(function (t) { buffer = t; drain(true); return finish(); });
      var reader = r.body.getReader(), decoder = new TextDecoder();
      function pump() {
        return reader.read().then(function (step) {
          if (step.done) { buffer += decoder.decode(); drain(true); return finish(); }
          buffer += decoder.decode(step.value, { stream: true });
          drain(false);
          return pump();
        });
      }
      return pump();
    }
    function post(path, body, signal) {
      return fetch(api + path, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: path.indexOf("stream") > 0 ? "text/event-stream" : "application/json" },
        body: JSON.stringify(body),
        signal: signal,
      });
    }
    function ask(question) {
      var text = String(question || "").trim();
      if (!text || busy || limitReached()) return;
      if (panel.hidden) open();
      if (chips) { chips.remove(); chips = null; }
      busy = true;
      asked += 1;
      lock();
      var mine = el("div", "msg user", text);
      log.appendChild(mine);
      var live = el("div", "msg bot", "…");
      live.setAttribute("aria-busy", "true");
      log.appendChild(live);
      log.setAttribute("aria-busy", "true");
      scroll();
      var body = { message: text, session_id: session() };
      if (cfg.guide) body.guide = cfg.guide;
      var abort = window.AbortController ? new AbortController() : null;
      var timer = setTimeout(function () { if (abort) abort.abort(); }, 60000);
      var streamed = "";
      post("/api/chat/stream", body, abort && abort.signal)
        .then(function (r) {
          if (r.status === 404 || r.status === 405) {
            return post("/api/chat", body, abort && abort.signal).then(function (r2) {
              return readJson(r2).then(function (j) { if (!r2.ok || !j) throw { status: r2.ok ? 502 : r2.status, body: j }; return j; });
            });
          }
          if (!r.ok) return readJson(r).then(function (j) { throw { status: r.status, body: j }; });
          return events(r, function (piece) {
            streamed += piece;
            live.textContent = streamed;
            scroll();
          });
        })
        .then(function (data) {
          live.remove();
          remember(data.session_id);
          showAnswer(data, data.message_id);
          showChips(data.suggestions, "You could also ask");
          scroll();
          try {
            document.dispatchEvent(new CustomEvent("careercoach:answer", {
              detail: {
                question: text,
                refused: !!data.refused,
                citations: (data.citations || []).length,
                message_id: data.message_id || null,
                session_id: data.session_id || null,
              },
            }));
          } catch (e) { /* a listener's error is the page's own */ }
        })
        .catch(function (err) {
          live.remove();
          asked -= 1;
          var status = err && typeof err.status === "number" ? err.status : 0;
          var message = err && err.cut ? "The answer was cut off before it finished. Please retry." : problem(status, err && err.body);
          failure(message, text, mine);
        })
        .then(function () {
          clearTimeout(timer);
          busy = false;
          log.removeAttribute("aria-busy");
          lock();
          if (!panel.hidden && !input.disabled && root.activeElement !== input && !root.activeElement) input.focus();
        });
    }
    function failure(message, text, mine) {
      var box = el("div", "msg bot error");
      box.setAttribute("role", "alert");
      box.appendChild(el("span", null, message));
      var again = button("retry", "Retry");
      again.addEventListener("click", function () {
        box.remove();
        mine.remove();
        if (input.value.trim() === text) input.value = "";
        ask(text);
      });
      box.appendChild(again);
      log.appendChild(box);
      if (!input.value.trim()) input.value = text;  // what the person typed is kept
      scroll();
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var text = input.value.trim();
      if (!text || busy || limitReached()) return;
      input.value = "";
      ask(text);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event("submit", { cancelable: true }));
      }
    });
    reset.addEventListener("click", function () {
      if (busy) return;
      var old = session();
      if (old) {
        // a new chat deletes the old one on the server too: nothing of it is kept
        fetch(api + "/api/sessions/" + encodeURIComponent(old), { method: "DELETE" }).catch(function () {});
      }
      forget();
      greet();
      lock();
      input.focus();
    });

    (document.body || document.documentElement).appendChild(host);
    restore();
    layout();
    if (cfg.open === "true") open();
    var apiObject = {
      open: function () { try { open(); } catch (e) { /* never into the page */ } },
      close: function () { try { shut(); } catch (e) { /* never into the page */ } },
      ask: function (text) { try { ask(text); } catch (e) { /* never into the page */ } },
      root: root,
    };
    window.CareerCoach = apiObject;
    window.careercoach = apiObject;
  }
})();
