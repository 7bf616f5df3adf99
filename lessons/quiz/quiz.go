// Package quiz makes the questions of `siplab quiz` and of the HTML
// player's quiz out of a trace, not out of a list written by hand:
//
//   - next: what does an element send next? The real message among wrong
//     ones that differ from it in one thing the RFC decides: the status
//     code (100, 180, 200…), the ACK's branch (the INVITE's, or a new
//     one), Max-Forwards (70, 69…), a tag in the To or not.
//   - hop: what did a proxy change in a message it forwarded? The real
//     changes (render.HopChanges) among those of the trace's other hops.
//   - timer: which timer fires next on an element, and when?
//
// A lesson may add its own questions (lessons.Question). The same trace,
// seed and count give the same questions, in the same order, with their
// choices in the same order.
package quiz

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Options say which questions to make.
type Options struct {
	Lang  i18n.Lang
	Seed  uint64
	Count int // questions made from the trace; 0 is DefaultCount
	// Own are the lesson's own questions, asked first.
	Own []lessons.Question
}

// DefaultCount is the number of questions made from a trace when Options
// do not say.
const DefaultCount = 8

// The RFC sections the answers rest on.
const (
	rfcMaxForwards = "RFC 3261 §8.1.1.6, §16.6"
	rfcSameBranch  = "RFC 3261 §17.1.1.3"
	rfcNewBranch   = "RFC 3261 §13.2.2.4"
	rfcToTag       = "RFC 3261 §8.2.6.2"
	rfcHopRequest  = "RFC 3261 §16.6"
	rfcHopResponse = "RFC 3261 §16.7"
)

// Make returns the quiz on trace t: the lesson's own questions, then
// o.Count questions made from the trace, in the order of the steps they
// ask about.
// MaxSteps is how much of a trace the questions are drawn from: its first
// MaxSteps steps. A question compares a message with the others of its
// trace, so drawing from all of a long run (a trace of a thousand calls)
// would cost the square of its length, and a quiz needs only a few calls.
const MaxSteps = 1000

func Make(t *sim.Trace, o Options) []render.Question {
	l := o.Lang
	var out []render.Question
	for _, q := range o.Own {
		rq := render.Question{Kind: "lesson", Prompt: l.Text(q.Question), Answer: q.Answer - 1,
			Explanation: l.Text(q.Explain), RFC: q.RFC}
		for _, c := range q.Choices {
			rq.Choices = append(rq.Choices, l.Text(c))
		}
		out = append(out, rq)
	}
	if t == nil {
		return out
	}
	if len(t.Events) > MaxSteps {
		head := *t
		head.Events = t.Events[:MaxSteps]
		t = &head
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x51b1ab))
	m := maker{t: t, l: l, rng: rng}
	// One list per kind, each shuffled; then taken in turn, so that a
	// short quiz has every kind.
	kinds := [][]render.Question{m.nextQuestions(), m.hopQuestions(), m.timerQuestions()}
	for _, k := range kinds {
		rng.Shuffle(len(k), func(i, j int) { k[i], k[j] = k[j], k[i] })
	}
	var made []render.Question
	for n := cmp.Or(o.Count, DefaultCount); len(made) < n; {
		took := false
		for i := range kinds {
			if len(kinds[i]) > 0 && len(made) < n {
				made, kinds[i] = append(made, kinds[i][0]), kinds[i][1:]
				took = true
			}
		}
		if !took {
			break
		}
	}
	slices.SortStableFunc(made, func(a, b render.Question) int { return a.Step - b.Step })
	for i := range made {
		shuffleChoices(&made[i], rng)
	}
	return append(out, made...)
}

// shuffleChoices puts the right choice, first when made, among the others.
func shuffleChoices(q *render.Question, rng *rand.Rand) {
	right := q.Choices[q.Answer]
	rng.Shuffle(len(q.Choices), func(i, j int) { q.Choices[i], q.Choices[j] = q.Choices[j], q.Choices[i] })
	q.Answer = slices.Index(q.Choices, right)
}

type maker struct {
	t   *sim.Trace
	l   i18n.Lang
	rng *rand.Rand
}

// message parses the message of event e, nil for any other event or for
// one that does not parse.
func message(e *sim.Event) *sip.Message {
	if e == nil || e.Type != sim.EventMessage || e.Raw == "" {
		return nil
	}
	m, err := sip.Parse([]byte(e.Raw))
	if err != nil {
		return nil
	}
	return m
}

// question makes a question whose first choice is the right one; nil when
// the choices are not all different.
func question(kind string, step int, prompt string, choices []string, why, rfc string) *render.Question {
	if len(choices) < 2 || len(slices.Compact(slices.Sorted(slices.Values(choices)))) != len(choices) {
		return nil
	}
	return &render.Question{Kind: kind, Step: step, Prompt: prompt, Choices: choices, Explanation: why, RFC: rfc}
}

// citation is the " [RFC …]" that ends an explanation of the catalog.
var citation = regexp.MustCompile(`\s*\[(RFC [^\]]+)\]$`)

// splitCitation cuts an explanation of the catalog into its text and its
// RFC section.
func splitCitation(s string) (string, string) {
	if m := citation.FindStringSubmatchIndex(s); m != nil {
		return s[:m[0]], s[m[2]:m[3]]
	}
	return s, ""
}

// nextQuestions asks, for every message an element sends (not a
// retransmission), what it sends.
func (m *maker) nextQuestions() []render.Question {
	var out []render.Question
	for i := range m.t.Events {
		e := &m.t.Events[i]
		msg := message(e)
		if msg == nil || e.Retransmission || e.From == "" {
			continue
		}
		prompt := m.l.T("views.quiz.q.first", render.FormatTime(e.At), e.From)
		if c := m.t.Get(e.Cause); c != nil {
			prompt = m.l.T("views.quiz.q.next", c.Seq, strings.TrimSpace(m.l.Text(c.Summary)), e.From)
		}
		q := m.aspect(e, msg)
		if q == nil {
			continue
		}
		q.Prompt = prompt
		if said := m.reasons(e); said != "" {
			q.Explanation = m.l.Sentences(q.Explanation, said)
		}
		out = append(out, *q)
	}
	return out
}

// reasons are the reasons the sender gave for event e, with their RFC
// sections.
func (m *maker) reasons(e *sim.Event) string {
	var rs []string
	for _, r := range e.Reasons {
		text := strings.TrimSpace(m.l.Text(r.Text))
		if r.RFC != "" {
			text += " [" + r.RFC + "]"
		}
		rs = append(rs, text)
	}
	if len(rs) == 0 {
		return ""
	}
	return m.l.T("views.quiz.why.said", e.From, m.l.Semicolons(rs))
}

// aspect picks what the choices of a next-message question differ in:
// the branch of an ACK, the Max-Forwards of another request, the To tag
// or the status code of a response.
func (m *maker) aspect(e *sim.Event, msg *sip.Message) *render.Question {
	start := msg.StartLine()
	l := m.l
	switch {
	case msg.Method == "ACK":
		via, err := msg.TopVia()
		invite := m.inviteBranch(e, msg)
		if err != nil || invite == "" {
			return nil
		}
		same := l.T("views.quiz.choice.samebranch", start, invite)
		other := l.T("views.quiz.choice.newbranch", start)
		if via.Branch() == invite {
			return question("next", e.Seq, "", []string{same, other}, l.T("views.quiz.why.samebranch"), rfcSameBranch)
		}
		return question("next", e.Seq, "", []string{other, same}, l.T("views.quiz.why.newbranch"), rfcNewBranch)
	case msg.IsRequest():
		mf, ok := msg.MaxForwards()
		if !ok {
			return m.method(e, msg)
		}
		var choices []string
		for _, v := range []int{mf, mf + 1, mf - 1, 70} {
			if c := l.T("views.quiz.choice.maxfwd", start, v); v >= 0 && !slices.Contains(choices, c) {
				choices = append(choices, c)
			}
		}
		why := l.T("views.quiz.why.maxfwd.uac", mf)
		if c := message(m.t.Get(e.Cause)); c != nil && c.IsRequest() && c.Method == msg.Method {
			if old, ok := c.MaxForwards(); ok {
				why = l.T("views.quiz.why.maxfwd", old, mf)
			}
		}
		return question("next", e.Seq, "", choices, why, rfcMaxForwards)
	}
	to, err := msg.To()
	if err == nil && (msg.StatusCode == 100 || to.Tag() != "") && m.rng.IntN(2) == 0 {
		with, without := l.T("views.quiz.choice.totag", start), l.T("views.quiz.choice.nototag", start)
		if to.Tag() != "" {
			return question("next", e.Seq, "", []string{with, without}, l.T("views.quiz.why.totag"), rfcToTag)
		}
		return question("next", e.Seq, "", []string{without, with}, l.T("views.quiz.why.nototag"), rfcToTag)
	}
	return m.status(e, msg)
}

// inviteBranch is the branch of the INVITE that an ACK acknowledges: the
// last INVITE its sender sent before it with the same Call-ID and CSeq
// number.
func (m *maker) inviteBranch(ack *sim.Event, msg *sip.Message) string {
	cseq, err := msg.CSeq()
	if err != nil {
		return ""
	}
	branch := ""
	for i := range m.t.Events[:ack.Seq-1] {
		e := &m.t.Events[i]
		inv := message(e)
		if inv == nil || e.From != ack.From || inv.Method != "INVITE" || inv.CallID() != msg.CallID() {
			continue
		}
		if c, err := inv.CSeq(); err == nil && c.Seq == cseq.Seq {
			if v, err := inv.TopVia(); err == nil {
				branch = v.Branch()
			}
		}
	}
	return branch
}

// Wrong status codes to choose from, by what they are often taken for.
var statusPool = []int{100, 180, 183, 200, 302, 401, 404, 407, 408, 481, 486, 487, 503}

// status asks which response an element sends: the real code among three
// others.
func (m *maker) status(e *sim.Event, msg *sip.Message) *render.Question {
	pool := slices.DeleteFunc(slices.Clone(statusPool), func(c int) bool { return c == msg.StatusCode })
	m.rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	choices := []string{msg.StartLine()}
	for _, c := range pool[:3] {
		choices = append(choices, fmt.Sprintf("SIP/2.0 %d %s", c, i18n.EN.T(fmt.Sprintf("status.%d.reason", c))))
	}
	key := i18n.StatusKey(msg.StatusCode)
	if key == "status.unknown" {
		key = i18n.ClassKey(msg.StatusCode)
	}
	why, rfc := splitCitation(m.l.T(key))
	return question("next", e.Seq, "", choices, m.l.Colon(msg.StartLine())+why, rfc)
}

// Methods to choose from.
var methodPool = []string{"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "MESSAGE", "INFO"}

// method asks which request an element sends: the real method among three
// others.
func (m *maker) method(e *sim.Event, msg *sip.Message) *render.Question {
	pool := slices.DeleteFunc(slices.Clone(methodPool), func(s string) bool { return s == msg.Method })
	m.rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	uri := msg.RequestURI.String()
	choices := []string{msg.Method + " " + uri}
	for _, s := range pool[:3] {
		choices = append(choices, s+" "+uri)
	}
	why, rfc := splitCitation(m.l.T(i18n.MethodKey(msg.Method)))
	return question("next", e.Seq, "", choices, m.l.Colon(msg.Method)+why, rfc)
}

// hopQuestions asks, for every message a proxy forwards, what it changed:
// the real changes among those of three other hops of the trace.
func (m *maker) hopQuestions() []render.Question {
	type hop struct {
		e       *sim.Event
		from    int
		changes string
	}
	var hops []hop
	for i := range m.t.Events {
		e := &m.t.Events[i]
		if e.Retransmission {
			continue
		}
		if from, changes := render.HopChanges(m.t, e.Seq, m.l); len(changes) > 0 {
			hops = append(hops, hop{e, from, m.l.Semicolons(changes)})
		}
	}
	var out []render.Question
	for _, h := range hops {
		choices := []string{h.changes}
		for _, o := range hops {
			if !slices.Contains(choices, o.changes) {
				choices = append(choices, o.changes)
			}
		}
		if len(choices) < 2 {
			continue
		}
		rest := choices[1:]
		m.rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
		choices = choices[:min(len(choices), 4)]
		msg := message(h.e)
		label, rfc := msg.StartLine(), rfcHopResponse
		if msg.IsRequest() {
			label, rfc = msg.Method, rfcHopRequest
		}
		prompt := m.l.T("views.quiz.q.hop", h.e.Seq, h.e.From, label, h.from)
		why := m.l.T("views.quiz.why.hop", h.e.From, h.changes)
		if q := question("hop", h.e.Seq, prompt, choices, why, rfc); q != nil {
			out = append(out, *q)
		}
	}
	return out
}

// The timers of each kind of transaction (RFC 3261 §17): a wrong answer
// names another timer of the same transaction.
var timerGroups = [][]string{{"A", "B", "D"}, {"E", "F", "K"}, {"G", "H", "I"}, {"J", "K"}}

// timerQuestions asks, for every timer that fires, which timer fires next
// on its element, and when: the real one among the same timer at other
// times and another timer of the same transaction.
func (m *maker) timerQuestions() []render.Question {
	var out []render.Question
	for i := range m.t.Events {
		e := &m.t.Events[i]
		if e.Type != sim.EventTimer || !strings.HasPrefix(e.Summary.Key, "node.timer.") || len(e.Summary.Args) == 0 {
			continue
		}
		letter := e.Summary.Args[0]
		group := slices.IndexFunc(timerGroups, func(g []string) bool { return slices.Contains(g, letter) })
		// The question is asked after the last step before the timer's
		// instant.
		k := i - 1
		for k >= 0 && m.t.Events[k].At >= e.At {
			k--
		}
		if group < 0 || k < 0 {
			continue
		}
		before := &m.t.Events[k]
		d := max(e.At-before.At, 500*time.Millisecond)
		at := func(x string, t time.Duration) string {
			return m.l.T("views.quiz.choice.timer", x, render.FormatTime(t))
		}
		choices := []string{at(letter, e.At), at(letter, e.At+d)}
		if e.At-d/2 > before.At {
			choices = append(choices, at(letter, e.At-d/2))
		}
		others := slices.DeleteFunc(slices.Clone(timerGroups[group]), func(x string) bool { return x == letter })
		choices = append(choices, at(others[m.rng.IntN(len(others))], e.At))
		what, rfc := splitCitation(m.l.T("timer." + letter))
		why := m.l.T("views.quiz.why.timer", letter, e.Node, render.FormatTime(e.At), what)
		prompt := m.l.T("views.quiz.q.timer", before.Seq, strings.TrimSpace(m.l.Text(before.Summary)), e.Node)
		if q := question("timer", e.Seq, prompt, choices, why, rfc); q != nil {
			out = append(out, *q)
		}
	}
	return out
}
