package quiz

import (
	"reflect"
	"strings"
	"testing"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/lessons/lessontest"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

func run(t *testing.T, id string, faults ...string) (*lessons.Lesson, *sim.Trace) {
	t.Helper()
	l, err := lessons.Find(id)
	if err != nil {
		t.Fatal(err)
	}
	var fs []sim.Fault
	for _, spec := range faults {
		f, err := sim.ParseFault(spec)
		if err != nil {
			t.Fatal(err)
		}
		fs = append(fs, f)
	}
	res, err := lessons.RunDetailed(l, lessons.RunOptions{Seed: 1, Faults: fs})
	if err != nil {
		t.Fatal(err)
	}
	return l, res.Trace
}

// TestSameSeedSameQuiz: a seed gives one quiz; another seed another.
func TestSameSeedSameQuiz(t *testing.T) {
	_, tr := run(t, "proxy-call")
	a := Make(tr, Options{Seed: 3, Count: 6})
	b := Make(tr, Options{Seed: 3, Count: 6})
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gives two quizzes")
	}
	if c := Make(tr, Options{Seed: 4, Count: 6}); reflect.DeepEqual(a, c) {
		t.Error("seeds 3 and 4 give the same quiz")
	}
	if len(a) != 6 {
		t.Errorf("%d questions, want 6", len(a))
	}
}

// TestAnswersAreTheTrace checks every question of several lessons
// against the trace it was made from: the right choice is what the
// element really did, and no wrong choice is.
func TestAnswersAreTheTrace(t *testing.T) {
	seen := map[string]bool{} // the aspects the next-message questions were about
	for _, c := range []struct {
		id     string
		faults []string
	}{{"proxy-call", nil}, {"proxy-call", []string{"drop:INVITE"}}, {"proxy-call", []string{"respond:bob=486"}},
		{"digest-register", nil}, {"redirect-call", nil}} {
		_, tr := run(t, c.id, c.faults...)
		for _, lang := range i18n.Langs() {
			qs := Make(tr, Options{Lang: lang, Seed: 1, Count: 100})
			kinds := map[string]int{}
			for _, q := range qs {
				kinds[q.Kind]++
				for _, a := range []string{"Max-Forwards", "z9hG4bK", "tag", "SIP/2.0 "} {
					if lang == i18n.EN && q.Kind == "next" && strings.Contains(q.Choices[q.Answer], a) {
						seen[a] = true
					}
				}
				checkQuestion(t, tr, q.Kind, q.Step, q.Choices, q.Answer, lang)
				if q.Explanation == "" || !strings.HasPrefix(q.RFC, "RFC ") || q.Prompt == "" {
					t.Errorf("%s step %d: prompt %q, explanation %q, RFC %q", c.id, q.Step, q.Prompt, q.Explanation, q.RFC)
				}
			}
			if kinds["next"] == 0 || len(c.faults) > 0 && kinds["timer"] == 0 {
				t.Errorf("%s %v (%s): questions by kind %v", c.id, c.faults, lang, kinds)
			}
		}
	}
	if len(seen) != 4 {
		t.Errorf("the answers were about %v only: Max-Forwards, an ACK's branch, a To tag and a status code expected", seen)
	}
}

func checkQuestion(t *testing.T, tr *sim.Trace, kind string, step int, choices []string, answer int, lang i18n.Lang) {
	t.Helper()
	e := tr.Get(step)
	right := choices[answer]
	for i, c := range choices {
		for j := range i {
			if choices[j] == c {
				t.Errorf("step %d: choice %q twice", step, c)
			}
		}
	}
	switch kind {
	case "next":
		m, err := sip.Parse([]byte(e.Raw))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(right, m.StartLine()) && !strings.HasPrefix(right, m.Method+" ") {
			t.Errorf("step %d: the answer %q is not the message %q", step, right, m.StartLine())
		}
		if mf, ok := m.MaxForwards(); ok && m.Method != "ACK" && strings.Contains(right, "Max-Forwards") {
			if want := lang.T("views.quiz.choice.maxfwd", m.StartLine(), mf); right != want {
				t.Errorf("step %d: the answer %q, want %q", step, right, want)
			}
		}
		if m.Method == "ACK" {
			via, _ := m.TopVia()
			if strings.Contains(right, "z9hG4bK") != strings.Contains(right, via.Branch()) {
				t.Errorf("step %d: the answer %q, the ACK's branch %s", step, right, via.Branch())
			}
		}
	case "timer":
		if e.Type != sim.EventTimer || right != lang.T("views.quiz.choice.timer", e.Summary.Args[0], render.FormatTime(e.At)) {
			t.Errorf("step %d: the answer %q, the event %v", step, right, e)
		}
	case "hop":
		if e.Type != sim.EventMessage || e.Cause == 0 {
			t.Errorf("step %d is no hop", step)
		}
	default:
		t.Errorf("step %d: kind %q", step, kind)
	}
}

// TestLessonQuestionsFirst: a lesson's own questions come first, in the
// language asked, with their answer counted from 0.
func TestLessonQuestionsFirst(t *testing.T) {
	_, tr := run(t, "direct-call")
	own := []lessons.Question{{Question: sim.Text{EN: "Who?", ZH: "谁？"}, Answer: 2,
		Choices: []sim.Text{{EN: "bob", ZH: "bob"}, {EN: "alice", ZH: "alice"}},
		Explain: sim.Text{EN: "Because.", ZH: "因为。"}, RFC: "RFC 3261 §15.1.1"}}
	qs := Make(tr, Options{Lang: i18n.ZH, Seed: 1, Count: 2, Own: own})
	if len(qs) != 3 || qs[0].Kind != "lesson" || qs[0].Prompt != "谁？" || qs[0].Answer != 1 || qs[0].Explanation != "因为。" {
		t.Errorf("%+v", qs)
	}
}

// A long run's questions come from its first MaxSteps steps, so that a
// quiz (and the web page that carries one) costs no more than a short run's.
func TestLongRunQuestionsComeFromItsStart(t *testing.T) {
	long := lessontest.ManyCallsTrace(t, 40)
	if len(long.Events) <= MaxSteps {
		t.Fatalf("40 calls make %d steps, not more than MaxSteps (%d)", len(long.Events), MaxSteps)
	}
	qs := Make(long, Options{Lang: i18n.EN, Seed: 1, Count: 1000})
	if len(qs) == 0 {
		t.Fatal("no questions")
	}
	for _, q := range qs {
		if q.Step > MaxSteps {
			t.Errorf("a question about step %d, past the first %d: %s", q.Step, MaxSteps, q.Prompt)
		}
	}
	head := *long
	head.Events = long.Events[:MaxSteps]
	if got, want := Make(long, Options{Lang: i18n.EN, Seed: 3}), Make(&head, Options{Lang: i18n.EN, Seed: 3}); !reflect.DeepEqual(got, want) {
		t.Error("the quiz of a long run differs from the quiz of its first MaxSteps steps")
	}
}
