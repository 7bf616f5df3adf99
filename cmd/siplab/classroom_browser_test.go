package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/lessons/quiz"
	"github.com/siplab/siplab/lessons/stepper"
	"github.com/siplab/siplab/render/browsertest"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

// TestPlayerInBrowser opens the page `siplab run proxy-call --format html`
// writes in headless Chromium and drives its player as a student would:
// the buttons and the keys, the state panel (which must say what `siplab
// step` says at the same step), play and pause, messages only, a link to
// #step-N, and the quiz, scored for a scripted set of answers. No console
// error may appear.
func TestPlayerInBrowser(t *testing.T) {
	browser := browsertest.Path()
	if browser == "" {
		golden.Missing(t, "no Chromium or Chrome found (apt-get install chromium, or set SIPLAB_BROWSER): the player was not tried in a browser")
	}
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		t.Run(string(lang), func(t *testing.T) { checkPlayer(t, browser, lang) })
	}
}

func checkPlayer(t *testing.T, browser string, lang i18n.Lang) {
	file := filepath.Join(t.TempDir(), "proxy-call.html")
	code, _, errOut := runCLI(t, []string{"run", "proxy-call", "--format", "html", "--lang", string(lang), "-o", file}, nil)
	if code != 0 {
		t.Fatalf("siplab run: exit %d: %s", code, errOut)
	}
	l, err := lessons.Load("proxy-call")
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := stepper.ForLesson(l, lessons.RunOptions{Seed: 1}, stepper.Options{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}

	run, problems := browsertest.Start(t, browser)
	page := "file://" + file
	if err := chromedp.Do(run, chromedp.Navigate(page), chromedp.WaitReady("#player-next")); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(run, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	selected := func() string { t.Helper(); return eval(`document.body.getAttribute("data-selected") || ""`) }
	click := func(id string) {
		t.Helper()
		if err := chromedp.Do(run, chromedp.Click("#"+id)); err != nil {
			t.Fatalf("clicking #%s: %v", id, err)
		}
	}
	key := func(k string) {
		t.Helper()
		if err := chromedp.Do(run, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
	want := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: step %q selected, want %q", what, got, want)
		}
	}

	// The page has a step for each row of the ladder, which folds some
	// state changes into the row before them.
	last := eval(`[...document.querySelectorAll("section.step")].pop().id.replace("event-", "")`)
	before := eval(`[...document.querySelectorAll("section.step")].slice(-2)[0].id.replace("event-", "")`)

	// Buttons and keys.
	click("player-next")
	want("next from nowhere", selected(), "1")
	click("player-last")
	want("last", selected(), last)
	click("player-prev")
	want("previous", selected(), before)
	key(kb.Home)
	want("Home", selected(), "1")
	key(kb.ArrowRight)
	key("j")
	want("→ then j", selected(), "3")
	key(kb.ArrowLeft)
	want("←", selected(), "2")
	key(kb.End)
	want("End", selected(), last)

	// The state panel says what siplab step says, at a few steps; the
	// event panel too, and the message in full.
	text := func(lines []stepper.Line) string {
		var b []string
		for _, l := range lines {
			b = append(b, l.Text)
		}
		return strings.Join(b, "\n")
	}
	for _, step := range []string{"2", "11", "20", last} {
		if err := s.Goto(atoi(t, step)); err != nil {
			t.Fatal(err)
		}
		eval(fmt.Sprintf(`window.siplabSelect("%s"), ""`, step))
		got := eval(`document.getElementById("player-state").textContent.replace(/\n$/, "")`)
		if w := text(s.StateLines()); got != w {
			t.Errorf("state panel at step %s:\n%s\nsiplab step says:\n%s", step, got, w)
		}
		if in := eval(`document.getElementById("player-panel").parentNode.id`); in != "event-"+step {
			t.Errorf("the panel of step %s is in %q", step, in)
		}
		got = eval(`document.getElementById("player-event").textContent.replace(/\n$/, "")`)
		if w := text(s.EventLines(false)); got != w {
			t.Errorf("event panel at step %s:\n%s\nsiplab step says:\n%s", step, got, w)
		}
		key("f")
		got = eval(`document.getElementById("player-event").textContent.replace(/\n$/, "")`)
		if w := text(s.FullLines()); got != w {
			t.Errorf("full message at step %s:\n%s\nsiplab step says:\n%s", step, got, w)
		}
		key("f")
	}

	// Play at 4 steps a second, then pause: the steps go by, then stop.
	key(kb.Home)
	if err := chromedp.Do(run, chromedp.SetValue("#player-speed", "4")); err != nil {
		t.Fatal(err)
	}
	click("player-play")
	if p := eval(`document.body.getAttribute("data-playing")`); p != "true" {
		t.Errorf("after play, data-playing=%q", p)
	}
	time.Sleep(1200 * time.Millisecond)
	click("player-play")
	paused := selected()
	if p := eval(`document.body.getAttribute("data-playing")`); p != "false" {
		t.Errorf("after pause, data-playing=%q", p)
	}
	if paused == "1" || paused == "" {
		t.Errorf("1.2 s of play at 4× moved to step %q", paused)
	}
	time.Sleep(600 * time.Millisecond)
	want("paused", selected(), paused)

	// Messages only: the next step is the next message.
	key(kb.Home)
	key("m")
	key(kb.ArrowRight)
	if c := eval(fmt.Sprintf(`document.getElementById("step-%s").getAttribute("class")`, selected())); !strings.HasPrefix(c, "message") {
		t.Errorf("messages only: → selects step %s, a %q", selected(), c)
	}
	if h := eval(`String(document.querySelectorAll("section.step.internal").length > 0 && [...document.querySelectorAll("section.step.internal")].every(s => s.offsetParent === null))`); h != "true" {
		t.Errorf("messages only: the other steps are not all hidden")
	}
	key("m")

	// A link to a step, followed in the page, then opened afresh.
	eval(`location.hash = "#step-20", ""`)
	time.Sleep(100 * time.Millisecond)
	want("#step-20, followed", selected(), "20")
	if err := chromedp.Do(run, chromedp.Navigate("about:blank"), chromedp.Navigate(page+"#step-11"),
		chromedp.WaitReady("#player-next")); err != nil {
		t.Fatal(err)
	}
	want("#step-11", selected(), "11")
	if err := s.Goto(11); err != nil {
		t.Fatal(err)
	}
	if got := eval(`document.getElementById("player-state").textContent.replace(/\n$/, "")`); got != text(s.StateLines()) {
		t.Errorf("state panel opened at #step-11:\n%s", got)
	}

	checkQuiz(t, run, eval, lang)

	// Printed: the ladder and every step, even with messages only on; no
	// controls, no panel, no quiz.
	key("m")
	if _, err := chromedp.Call(run, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	printed := eval(`(() => {
		const shown = e => e && getComputedStyle(e).display !== "none";
		return [shown(document.getElementById("ladder-view")),
			[...document.querySelectorAll("section.step")].every(shown),
			shown(document.getElementById("player")), shown(document.getElementById("player-panel")),
			shown(document.getElementById("quiz"))].join(" ");
	})()`)
	if printed != "true true false false false" {
		t.Errorf("printed: ladder, every step, controls, panel, quiz shown: %s; want true true false false false", printed)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(p, "\n"))
	}
}

// checkQuiz answers the page's quiz: the right choice for the odd
// questions, a wrong one for the even; the score must count them, and
// every answer show its explanation.
func checkQuiz(t *testing.T, run context.Context, eval func(string) string, lang i18n.Lang) {
	t.Helper()
	l, err := lessons.Load("proxy-call")
	if err != nil {
		t.Fatal(err)
	}
	qs := quiz.Make(mustTrace(t), quiz.Options{Lang: lang, Seed: 1, Own: l.Quiz})
	if len(l.Quiz) == 0 || qs[0].Kind != "lesson" {
		t.Fatal("proxy-call has no question of its own to try")
	}
	if err := chromedp.Do(run, chromedp.Click("#player-quiz")); err != nil {
		t.Fatal(err)
	}
	if n := eval(`String(document.querySelectorAll("#quiz .question").length)`); n != fmt.Sprint(len(qs)) {
		t.Fatalf("the page has %s questions, siplab quiz %d", n, len(qs))
	}
	right := 0
	for i, q := range qs {
		choice := q.Answer
		if i%2 == 1 {
			choice = (q.Answer + 1) % len(q.Choices)
		} else {
			right++
		}
		sel := fmt.Sprintf("#question-%d li:nth-child(%d) button", i+1, choice+1)
		if err := chromedp.Do(run, chromedp.Click(sel)); err != nil {
			t.Fatalf("answering question %d: %v", i+1, err)
		}
		why := eval(fmt.Sprintf(`document.querySelector("#question-%d .why").textContent`, i+1))
		if !strings.Contains(why, q.Explanation) || !strings.Contains(why, q.RFC) {
			t.Errorf("question %d explains %q, want %q [%s]", i+1, why, q.Explanation, q.RFC)
		}
		if q.Step > 0 {
			// A link to the step, when the page has a section for it.
			link := eval(fmt.Sprintf(`(document.querySelector("#question-%d .why a") || {}).hash || ""`, i+1))
			hasStep := eval(fmt.Sprintf(`String(document.querySelector("section.step#event-%d") !== null)`, q.Step))
			if hasStep == "true" && link != fmt.Sprintf("#step-%d", q.Step) {
				t.Errorf("question %d links to %q, want #step-%d", i+1, link, q.Step)
			}
		}
	}
	got := eval(`document.getElementById("quiz-score").getAttribute("data-right") + "/" + document.getElementById("quiz-score").getAttribute("data-answered")`)
	if w := fmt.Sprintf("%d/%d", right, len(qs)); got != w {
		t.Errorf("quiz score %s, want %s", got, w)
	}
	score := eval(`document.getElementById("quiz-score").textContent`)
	if w := lang.T("views.player.score", right, len(qs), len(qs)); score != w {
		t.Errorf("score reads %q, want %q", score, w)
	}
}

func mustTrace(t *testing.T) *sim.Trace {
	t.Helper()
	l, err := lessons.Load("proxy-call")
	if err != nil {
		t.Fatal(err)
	}
	res, err := lessons.RunDetailed(l, lessons.RunOptions{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return res.Trace
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPlayerOfASavedTraceInBrowser: the page of a saved trace has the
// player too, with no state to show (there is no simulation to re-run):
// the panel says so, the quiz is there, and nothing goes to the console.
func TestPlayerOfASavedTraceInBrowser(t *testing.T) {
	browser := browsertest.Path()
	if browser == "" {
		golden.Missing(t, "no Chromium or Chrome found (apt-get install chromium, or set SIPLAB_BROWSER): the player was not tried in a browser")
	}
	dir := t.TempDir()
	trace, file := filepath.Join(dir, "busy.json"), filepath.Join(dir, "busy.html")
	if code, _, errOut := runCLI(t, []string{"run", "proxy-call", "--fault", "respond:bob=486", "--format", "json", "-o", trace}, nil); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := runCLI(t, []string{"show", trace, "--format", "html", "-o", file}, nil); code != 0 {
		t.Fatal(errOut)
	}
	run, problems := browsertest.Start(t, browser)
	if err := chromedp.Do(run, chromedp.Navigate("file://"+file+"#step-11"), chromedp.WaitReady("#player-next")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(run, chromedp.Evaluate[[]string](`[document.body.getAttribute("data-selected"),
		document.getElementById("player-state").textContent.trim(),
		String(document.querySelectorAll("#quiz .question").length)]`))
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != "11" || got[1] != i18n.EN.T("step.state.none") || got[2] != fmt.Sprint(quiz.DefaultCount) {
		t.Errorf("selected %q, state %q, %s questions", got[0], got[1], got[2])
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(p, "\n"))
	}
}
