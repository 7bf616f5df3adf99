// The player of siplab's walkthrough page (render/player.go), run after the
// page's own script (page.js), whose select() it calls: buttons and keys to
// go to the first, previous, next or last step; play and pause at a speed;
// "messages only", which hides the other steps and skips them; and, when
// the page has the stepper's data, the selected step's panel (the event
// explained header by header, or the message in full, and the state of
// every element after it) and the quiz. The selected step is in the URL
// (#step-N), so that a link opens it. <body> carries data-playing, for
// tools and tests.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("player-data").textContent);
  var W = data.words;
  var nav = document.getElementById("player");
  var select = window.siplabSelect;
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.step"));
  if (!nav || !select || sections.length === 0) { return; }
  var seqs = sections.map(function (s) { return s.id.slice("event-".length); });
  sections.forEach(function (s, i) {
    var g = document.getElementById("step-" + seqs[i]);
    if (!g || !g.classList.contains("message")) { s.classList.add("internal"); }
  });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function button(id, label, title, act) {
    var b = el("button", { type: "button", id: id, title: title }, label);
    b.addEventListener("click", act);
    nav.appendChild(b);
    return b;
  }

  // Moving.
  var messagesOnly = false;
  function visible() {
    return seqs.filter(function (s, i) { return !messagesOnly || !sections[i].classList.contains("internal"); });
  }
  function current() { return document.body.getAttribute("data-selected"); }
  function go(where) {
    var v = visible();
    if (v.length === 0) { return false; }
    var cur = current(), i = seqs.indexOf(cur), target = null;
    if (where === "first") { target = v[0]; }
    if (where === "last") { target = v[v.length - 1]; }
    if (where === "next") {
      target = v.filter(function (s) { return cur === null || seqs.indexOf(s) > i; })[0] || null;
    }
    if (where === "prev") {
      var before = v.filter(function (s) { return cur !== null && seqs.indexOf(s) < i; });
      target = cur === null ? v[0] : before[before.length - 1] || null;
    }
    if (target === null || target === cur) { return false; }
    select(target);
    return true;
  }

  // Playing.
  var timer = null;
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    document.body.setAttribute("data-playing", "false");
    playButton.textContent = "▶ " + W.play;
  }
  function play() {
    if (timer !== null) { stop(); return; }
    var v = visible();
    if (current() === null || current() === v[v.length - 1]) { go("first"); }
    timer = setInterval(function () { if (!go("next")) { stop(); } }, 1000 / Number(speed.value));
    document.body.setAttribute("data-playing", "true");
    playButton.textContent = "❚❚ " + W.pause;
  }

  button("player-first", "«", W.first, function () { go("first"); });
  button("player-prev", "◀", W.prev, function () { go("prev"); });
  var playButton = button("player-play", "", W.play + " (space)", play);
  button("player-next", "▶", W.next, function () { go("next"); });
  button("player-last", "»", W.last, function () { go("last"); });
  var speedLabel = el("label", {}, W.speed + " ");
  var speed = el("select", { id: "player-speed" });
  ["0.5", "1", "2", "4"].forEach(function (x) {
    var o = el("option", { value: x }, x + "×");
    if (x === "1") { o.selected = true; }
    speed.appendChild(o);
  });
  speed.addEventListener("change", function () { if (timer !== null) { stop(); play(); } });
  speedLabel.appendChild(speed);
  nav.appendChild(speedLabel);
  var onlyLabel = el("label", {});
  var only = el("input", { type: "checkbox", id: "player-messages" });
  only.addEventListener("change", function () {
    messagesOnly = only.checked;
    document.body.classList.toggle("messages-only", messagesOnly);
    var i = seqs.indexOf(current());
    if (messagesOnly && i >= 0 && sections[i].classList.contains("internal") && !go("next")) { go("prev"); }
  });
  onlyLabel.appendChild(only);
  onlyLabel.appendChild(document.createTextNode(" " + W.messages));
  nav.appendChild(onlyLabel);
  var position = el("span", { id: "player-position" });
  nav.appendChild(position);
  nav.appendChild(el("span", { class: "keys" }, W.keys));
  stop();

  // The panel of the selected step: what `siplab step` shows there.
  var panel = null, full = false;
  if (data.steps) {
    panel = el("div", { id: "player-panel" });
    var tabs = el("div", { class: "tabs" });
    var explainedTab = el("button", { type: "button", id: "player-explained" }, W.explained);
    var fullTab = el("button", { type: "button", id: "player-full" }, W.full);
    explainedTab.addEventListener("click", function () { full = false; show(); });
    fullTab.addEventListener("click", function () { full = true; show(); });
    tabs.appendChild(explainedTab);
    tabs.appendChild(fullTab);
    panel.appendChild(tabs);
    var eventLines = el("pre", { id: "player-event", class: "lines" });
    panel.appendChild(eventLines);
    panel.appendChild(el("h4", {}, W.state));
    var stateLines = el("pre", { id: "player-state", class: "lines" });
    panel.appendChild(stateLines);
  }
  var kinds = ["plain", "heading", "label", "explain", "alert", "prose"];
  function fill(pre, lines) {
    pre.textContent = "";
    lines.forEach(function (n) {
      pre.appendChild(el("span", { class: "k-" + kinds[n & 7] }, data.lines[n >> 3]));
      pre.appendChild(document.createTextNode("\n"));
    });
  }
  function show() {
    var seq = current(), i = seqs.indexOf(seq);
    position.textContent = (i + 1) + " / " + seqs.length;
    if (seq !== null && window.location.hash !== "#step-" + seq && history.replaceState) {
      history.replaceState(null, "", "#step-" + seq);
    }
    if (!panel || seq === null) { return; }
    var step = data.steps[Number(seq)];
    if (!step) { return; }
    explainedTab.setAttribute("aria-pressed", String(!full));
    fullTab.setAttribute("aria-pressed", String(full));
    fill(eventLines, full ? step[1] : step[0]);
    fill(stateLines, step[2]);
    var sec = sections[i];
    if (panel.parentNode !== sec) { sec.appendChild(panel); }
  }
  new MutationObserver(show).observe(document.body, { attributes: true, attributeFilter: ["data-selected"] });
  show();

  window.addEventListener("hashchange", function () {
    var m = /^#(?:event|step)-(\d+)$/.exec(window.location.hash);
    if (m && seqs.indexOf(m[1]) >= 0 && m[1] !== current()) { select(m[1]); }
  });

  // The keys; they go before the page's own, which move through every step.
  window.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    var t = ev.target && ev.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT" || t === "BUTTON" && ev.key === " ") { return; }
    var k = ev.key;
    if (k === "ArrowDown" || k === "ArrowRight" || k === "j" || k === "n") { go("next"); }
    else if (k === "ArrowUp" || k === "ArrowLeft" || k === "k" || k === "p") { go("prev"); }
    else if (k === "Home") { go("first"); }
    else if (k === "End") { go("last"); }
    else if (k === " ") { play(); }
    else if (k === "m") { only.click(); }
    else if (k === "f" && panel) { full = !full; show(); }
    else { return; }
    ev.preventDefault();
    ev.stopPropagation();
  }, true);

  // The quiz: each answer is checked at once, its explanation shown, and
  // the score kept.
  if (!data.quiz || data.quiz.length === 0) { return; }
  var quiz = el("section", { id: "quiz", hidden: "" });
  quiz.appendChild(el("h2", {}, W.quiz));
  var score = el("p", { id: "quiz-score", "data-right": "0", "data-answered": "0" });
  var right = 0, answered = 0;
  // format fills the %d and %[n]d of a catalog text as Go's fmt does.
  function format(s, args) {
    var n = 0;
    return s.replace(/%(?:\[(\d+)\])?d/g, function (_, i) {
      if (i) { n = Number(i); return String(args[n - 1]); }
      return String(args[n++]);
    });
  }
  function tally() {
    score.setAttribute("data-right", String(right));
    score.setAttribute("data-answered", String(answered));
    score.textContent = format(W.score, [right, answered, data.quiz.length]);
  }
  data.quiz.forEach(function (q, n) {
    var box = el("div", { class: "question", id: "question-" + (n + 1) });
    box.appendChild(el("p", { class: "prompt" }, (n + 1) + ". " + q.prompt));
    var list = el("ol", { class: "choices", type: "a" });
    var why = el("p", { class: "why", hidden: "" });
    q.choices.forEach(function (c, i) {
      var li = el("li");
      var b = el("button", { type: "button", class: "choice" }, c);
      b.addEventListener("click", function () {
        if (box.hasAttribute("data-answered")) { return; }
        var ok = i === q.answer;
        box.setAttribute("data-answered", ok ? "right" : "wrong");
        b.classList.add(ok ? "right" : "wrong");
        list.children[q.answer].firstChild.classList.add("answer");
        answered++;
        if (ok) { right++; }
        why.textContent = (ok ? W.right : W.wrong) + " " + q.explanation + (q.rfc ? " [" + q.rfc + "]" : "") + " ";
        if (q.step > 0 && seqs.indexOf(String(q.step)) >= 0) {
          why.appendChild(el("a", { href: "#step-" + q.step }, format(W.see, [q.step])));
        }
        why.hidden = false;
        tally();
      });
      li.appendChild(b);
      list.appendChild(li);
    });
    box.appendChild(list);
    box.appendChild(why);
    quiz.appendChild(box);
  });
  quiz.appendChild(score);
  tally();
  document.querySelector("main").appendChild(quiz);
  button("player-quiz", W.quiz, W.quiz, function () {
    stop();
    quiz.hidden = !quiz.hidden;
    if (!quiz.hidden) { quiz.scrollIntoView({ block: "start" }); }
  });
})();
