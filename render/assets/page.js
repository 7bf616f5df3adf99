// The walkthrough page of siplab: a click on an arrow of the ladder (or on a
// step's title) selects the step, and the arrow keys move from step to step.
// The selected step's seq is in <body data-selected>, for tools and tests.
(function () {
  "use strict";
  var headings = Array.prototype.slice.call(document.querySelectorAll("h3[data-step]"));
  var steps = [];   // seqs, in order
  var sections = {}; // seq → <section>
  headings.forEach(function (h) {
    // Each step becomes a <section>: its title and what follows it.
    var seq = h.getAttribute("data-step");
    var sec = document.createElement("section");
    sec.className = "step";
    sec.id = h.id;
    h.removeAttribute("id");
    h.parentNode.insertBefore(sec, h);
    var next = h;
    while (next && !(next !== h && /^H[1-3]$/.test(next.tagName))) {
      var after = next.nextElementSibling;
      sec.appendChild(next);
      next = after;
    }
    steps.push(seq);
    sections[seq] = sec;
  });

  // A wide transparent stroke under each arrow, so that a click needs no
  // aim.
  Array.prototype.forEach.call(document.querySelectorAll("svg .message path, svg .lookup path"), function (p) {
    var hit = p.cloneNode(false);
    hit.setAttribute("class", "hit");
    p.parentNode.insertBefore(hit, p);
  });

  var current = null;
  // mark draws step seq as selected or not: its arrow or note, its label
  // when that is written beside the arrow, and its section.
  function mark(seq, on) {
    ["step-", "label-"].forEach(function (prefix) {
      var el = document.getElementById(prefix + seq);
      if (el) { el.classList.toggle("selected", on); }
    });
    if (sections[seq]) { sections[seq].classList.toggle("selected", on); }
  }
  function select(seq) {
    if (current !== null) { mark(current, false); }
    current = seq;
    mark(seq, true);
    document.body.setAttribute("data-selected", seq);
    var arrow = document.getElementById("step-" + seq);
    if (arrow && arrow.scrollIntoView) { arrow.scrollIntoView({ block: "nearest", inline: "nearest" }); }
    if (sections[seq]) { sections[seq].scrollIntoView({ block: "nearest" }); }
  }

  window.siplabSelect = select; // for the player (player.js)

  var ladder = document.getElementById("ladder-view");
  if (ladder) {
    ladder.addEventListener("click", function (ev) {
      var g = ev.target.closest ? ev.target.closest('[id^="step-"], [id^="label-"]') : null;
      if (g) { select(g.id.slice(g.id.indexOf("-") + 1)); }
    });
  }
  headings.forEach(function (h) {
    h.addEventListener("click", function () { select(h.getAttribute("data-step")); });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || steps.length === 0) { return; }
    var t = ev.target && ev.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT") { return; }
    var i = current === null ? -1 : steps.indexOf(current);
    if (ev.key === "ArrowDown" || ev.key === "ArrowRight" || ev.key === "j") {
      i = Math.min(i + 1, steps.length - 1);
    } else if (ev.key === "ArrowUp" || ev.key === "ArrowLeft" || ev.key === "k") {
      i = Math.max(i - 1, 0);
    } else {
      return;
    }
    ev.preventDefault();
    select(steps[i]);
  });

  var m = /^#(?:event|step)-(\d+)$/.exec(window.location.hash);
  if (m && sections[m[1]]) { select(m[1]); }
})();
