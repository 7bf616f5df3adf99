package render

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/golden"
)

// goldenDir holds the expected ladders, one file per case.
var goldenDir = filepath.Join("..", "testdata", "render")

type textCase struct {
	name  string
	trace func() *sim.Trace
	opts  TextOptions
}

var textCases = []textCase{
	{"direct-call", directCall, TextOptions{}},
	{"proxy-call", proxyCall, TextOptions{}},
	{"proxy-call-verbose", proxyCall, TextOptions{Verbose: true}},
	{"proxy-call-width100", proxyCall, TextOptions{Width: 100}},
	{"lost-invite", lostInvite, TextOptions{}},
	{"lost-invite-states", lostInvite, TextOptions{ShowStates: true}},
	{"register-timeout", registerTimeout, TextOptions{}},
	{"wide-labels", wideLabels, TextOptions{}},
	{"zh-proxy-call", chineseCall, TextOptions{Lang: i18n.ZH}},
	{"zh-proxy-call-verbose", chineseCall, TextOptions{Lang: i18n.ZH, Verbose: true}},
	{"zh-lost-invite", lostInvite, TextOptions{Lang: i18n.ZH, ShowStates: true}},
	{"odd-events", oddEvents, TextOptions{}},
}

func render(t *testing.T, tr *sim.Trace, opts TextOptions) string {
	t.Helper()
	var b bytes.Buffer
	if err := Text(&b, tr, opts); err != nil {
		t.Fatalf("Text: %v", err)
	}
	return b.String()
}

func TestTextGolden(t *testing.T) {
	for _, tc := range textCases {
		t.Run(tc.name, func(t *testing.T) {
			golden.CheckString(t, filepath.Join(goldenDir, tc.name+".golden"), render(t, tc.trace(), tc.opts))
		})
	}
}

// A trace written by "siplab run --format json" reads back and draws.
func TestTextFromJSON(t *testing.T) {
	f, err := os.Open(filepath.Join(goldenDir, "redirect-call.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr, err := sim.ReadTrace(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Events) == 0 {
		t.Fatal("no events read")
	}
	got := render(t, tr, TextOptions{Verbose: true})
	golden.CheckString(t, filepath.Join(goldenDir, "redirect-call-verbose.golden"), got)
	checkLanes(t, tr, got)
}

// A JSON round trip draws the same ladder as the trace it came from.
func TestTextSameAfterJSON(t *testing.T) {
	for _, tc := range textCases {
		tr := tc.trace()
		var buf bytes.Buffer
		if err := JSON(&buf, tr); err != nil {
			t.Fatal(err)
		}
		back, err := sim.ReadTrace(&buf)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if a, b := render(t, tr, tc.opts), render(t, back, tc.opts); a != b {
			t.Errorf("%s: the ladder changed through JSON:\n%s\n---\n%s", tc.name, a, b)
		}
	}
}

// displayCols returns the runes of line keyed by the terminal column each
// starts at.
func displayCols(line string) map[int]rune {
	m := map[int]rune{}
	col := 0
	for _, r := range line {
		m[col] = r
		col += i18n.Width(string(r))
	}
	return m
}

// rowRE matches the start of an event row: step and time.
var rowRE = regexp.MustCompile(`^ *(\d+) +-?\d+\.\d{3}s `)

// laneProblems parses a ladder and checks its geometry: the lane bars found
// in the bare row under the header are where every arrow row has them, except
// the lanes an arrow crosses; arrowheads touch (or, for a lost message, stop
// short of) the receiver's lane; names are centred over their lanes; side
// notes keep the bars of the lanes up to theirs. It returns what is wrong.
func laneProblems(tr *sim.Trace, out string) []string {
	var problems []string
	fail := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	lines := strings.Split(out, "\n")
	// The bare row: the first line of nothing but bars and spaces.
	var lanes []int
	barsAt := -1
	for i, line := range lines {
		if strings.TrimSpace(line) != "" && strings.Trim(line, "| ") == "" {
			for col, r := range displayCols(line) {
				if r == '|' {
					lanes = append(lanes, col)
				}
			}
			barsAt = i
			break
		}
	}
	order := LaneOrder(tr)
	if len(lanes) != len(order) || barsAt < 1 {
		return append(problems, fmt.Sprintf("found %d lanes in the bare row, want %d (%v)", len(lanes), len(order), order))
	}
	slices.Sort(lanes)

	// Names are centred on their lanes.
	names := displayCols(lines[barsAt-1])
	if strings.Join(laneAddrs(tr, order), "") != "" {
		names = displayCols(lines[barsAt-2])
	}
	for i, name := range order {
		start := lanes[i] - i18n.Width(name)/2
		if r, _ := utf8.DecodeRuneInString(name); names[start] != r {
			fail("lane %q: name not centred on column %d", name, lanes[i])
		}
	}

	idx := laneIndex(tr, order)
	rows := 0
	for _, line := range lines[barsAt+1:] {
		m := rowRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		seq, _ := strconv.Atoi(m[1])
		e := tr.Get(seq)
		if e == nil {
			fail("row for unknown event %d: %q", seq, line)
			continue
		}
		rows++
		cols := displayCols(line)
		want := func(col int, r rune) {
			if cols[col] != r {
				fail("#%d: column %d holds %q, want %q:\n%s", seq, col, cols[col], r, line)
			}
		}
		blank := func(from, to int) {
			for c := from; c <= to; c++ {
				if r, ok := cols[c]; ok && r != ' ' {
					fail("#%d: column %d holds %q, want a blank before the receiver:\n%s", seq, c, r, line)
				}
			}
		}
		from, okF := idx[e.From]
		to, okT := idx[e.To]
		if (e.Type != sim.EventMessage && e.Type != sim.EventLookup) || !okF || !okT || e.From == "" || e.To == "" || from == to {
			// A side note: the lanes up to its own keep their bars.
			node, ok := idx[e.Node]
			if e.Node == "" || !ok {
				continue
			}
			for i := 0; i <= node; i++ {
				want(lanes[i], '|')
			}
			continue
		}
		lo, hi := min(from, to), max(from, to)
		for i, x := range lanes {
			if i <= lo || i >= hi {
				want(x, '|')
			} else if cols[x] == '|' {
				fail("#%d: the arrow does not cross lane %q:\n%s", seq, order[i], line)
			}
		}
		shaft := '-'
		if e.Type == sim.EventLookup {
			shaft = '~'
		}
		switch {
		case e.Dropped && from < to:
			want(lanes[hi]-1-lostRoom, 'X')
			blank(lanes[hi]-lostRoom, lanes[hi]-1)
		case e.Dropped:
			want(lanes[lo]+1+lostRoom, 'X')
			blank(lanes[lo]+1, lanes[lo]+lostRoom)
		case from < to:
			want(lanes[lo]+1, shaft)
			want(lanes[hi]-1, '>')
		default:
			want(lanes[lo]+1, '<')
			want(lanes[hi]-1, shaft)
		}
		// After the rightmost lane, notes keep their distance.
		if tail := line[strings.LastIndex(line, "|")+1:]; tail != "" && !strings.HasPrefix(tail, strings.Repeat(" ", marginGap-1)) {
			fail("#%d: text right after the last lane: %q", seq, line)
		}
	}
	if rows == 0 {
		fail("no event rows found")
	}
	return problems
}

func checkLanes(t *testing.T, tr *sim.Trace, out string) {
	t.Helper()
	for _, p := range laneProblems(tr, out) {
		t.Error(p)
	}
}

func laneAddrs(tr *sim.Trace, order []string) []string {
	var out []string
	for _, name := range order {
		for _, n := range tr.Nodes {
			if n.Name == name {
				out = append(out, n.Address)
				break
			}
		}
	}
	return out
}

func TestTextLinesAreClean(t *testing.T) {
	for _, tc := range textCases {
		out := render(t, tc.trace(), tc.opts)
		if !strings.HasSuffix(out, "\n") {
			t.Errorf("%s: no final newline", tc.name)
		}
		for i, line := range strings.Split(out, "\n") {
			if line != strings.TrimRight(line, " ") {
				t.Errorf("%s:%d: trailing spaces: %q", tc.name, i+1, line)
			}
			if strings.ContainsAny(line, "\r\x1b") {
				t.Errorf("%s:%d: control character: %q", tc.name, i+1, line)
			}
		}
	}
}

// Every gap between lanes is wide enough for the labels that fit under the
// cap, and no wider than needed; a label too wide for the cap goes after the
// lanes.
func TestLaneSpacing(t *testing.T) {
	two := func(labels ...string) *sim.Trace {
		tr := &sim.Trace{Nodes: []sim.NodeInfo{{Name: "a", Kind: "ua"}, {Name: "b", Kind: "ua"}}}
		for _, l := range labels {
			tr.Add(msg(0, "a", "b", l, ""))
		}
		return tr
	}
	spacing := func(tr *sim.Trace, opts TextOptions) int {
		l := newLadder(tr, opts)
		return l.x[1] - l.x[0]
	}
	for _, tc := range []struct {
		labels []string
		want   int
	}{
		{[]string{"ACK"}, minSpacing},
		{[]string{"SIP/2.0 180 Ringing"}, 11 + arrowRoom + 1}, // "180 Ringing"
		{[]string{"INVITE sip:x SIP/2.0", "ACK sip:x SIP/2.0"}, 6 + arrowRoom + 1},
		{[]string{"SIP/2.0 486 Busy Here"}, 13 + arrowRoom + 1},
		{[]string{"MESSAGE sip:x SIP/2.0 (retransmitted)"}, 7 + arrowRoom + 1},
		{[]string{"SIP/2.0 487 Request Terminated", "BYE"}, minSpacing}, // 22: too wide, ignored
		{[]string{"SIP/2.0 407 Proxy Authentication Required", "SIP/2.0 180 Ringing"}, 20},
	} {
		if got := spacing(two(tc.labels...), TextOptions{}); got != tc.want {
			t.Errorf("%q: spacing %d, want %d", tc.labels, got, tc.want)
		}
	}

	// A lost message needs room for its gap too.
	tr := two("SIP/2.0 180 Ringing")
	tr.Events[0].Dropped = true

	// The cap: "INVITE (retrans)" fits exactly, "MESSAGE (retrans)" not.
	for _, tc := range []struct {
		method string
		want   int
	}{{"INVITE", maxGap + 1}, {"MESSAGE", minSpacing}} {
		tr := two(tc.method + " sip:x SIP/2.0")
		tr.Events[0].Retransmission = true
		if got := spacing(tr, TextOptions{}); got != tc.want {
			t.Errorf("%s (retrans): spacing %d, want %d", tc.method, got, tc.want)
		}
	}
	if got, want := spacing(tr, TextOptions{}), 11+arrowRoom+1+lostRoom; got != want {
		t.Errorf("lost 180: spacing %d, want %d", got, want)
	}

	// A fixed width spreads the lanes; names still never collide.
	wide := &sim.Trace{Nodes: []sim.NodeInfo{
		{Name: "alice", Kind: "ua"}, {Name: "stateless-proxy-number-one", Kind: "proxy"}, {Name: "bob", Kind: "ua"}}}
	if got := spacing(wide, TextOptions{Width: 20}); got < 13+2+3 {
		t.Errorf("Width 20: spacing %d lets the names collide", got)
	}
	out := render(t, directCall(), TextOptions{Width: 60})
	for _, line := range strings.Split(out, "\n") {
		if rowRE.MatchString(line) && strings.LastIndex(line, "|") >= 60 {
			t.Errorf("Width 60: lane past column 60: %q", line)
		}
	}
	if !strings.Contains(out, "|--- INVITE ---") {
		t.Errorf("Width 60: want a long INVITE arrow:\n%s", out)
	}
}

func TestTextVerboseDetails(t *testing.T) {
	out := render(t, proxyCall(), TextOptions{Verbose: true})
	for _, want := range []string{
		"\n      INVITE sip:bob@192.0.2.201 SIP/2.0\n      Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK77ef4c2312983.1\n",
		"\n    why: Request-URI set to bob's registered contact [RFC 3261 §16.6 step 2]\n" +
			"         Max-Forwards decremented [RFC 3261 §16.6 step 3]\n",
		"\n    caused by #1\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verbose output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\r") {
		t.Error("CR left in the verbose output")
	}
	quiet := render(t, proxyCall(), TextOptions{})
	if strings.Contains(quiet, "why:") || strings.Contains(quiet, "Via:") {
		t.Errorf("details without Verbose:\n%s", quiet)
	}
}

func TestTextStatesOnlyWhenAsked(t *testing.T) {
	const state = "Calling → Proceeding"
	for _, tc := range []struct {
		opts TextOptions
		want bool
	}{
		{TextOptions{}, false},
		{TextOptions{ShowStates: true}, true},
		{TextOptions{Verbose: true}, true},
	} {
		if got := strings.Contains(render(t, lostInvite(), tc.opts), state); got != tc.want {
			t.Errorf("%+v: state shown = %v, want %v", tc.opts, got, tc.want)
		}
	}
}

func TestTextSummary(t *testing.T) {
	for _, tc := range []struct {
		trace *sim.Trace
		lang  i18n.Lang
		want  string
	}{
		{directCall(), i18n.EN, "6 messages, 0 lost, 6.030s of virtual time"},
		{lostInvite(), i18n.EN, "7 messages, 2 lost, 3.030s of virtual time"},
		{registerTimeout(), i18n.ZH, "共 11 条消息，丢失 11 条，虚拟时间 32.000s"},
		{&sim.Trace{}, i18n.EN, "0 messages, 0 lost, 0.000s of virtual time"},
	} {
		out := render(t, tc.trace, TextOptions{Lang: tc.lang})
		if !strings.HasSuffix(out, "\n\n"+tc.want+"\n") {
			t.Errorf("want the summary %q at the end of:\n%s", tc.want, out)
		}
	}
}

type failingWriter struct{}

var errDiskFull = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestTextErrors(t *testing.T) {
	if err := Text(&bytes.Buffer{}, nil, TextOptions{}); err == nil {
		t.Error("Text(nil trace): no error")
	}
	err := Text(failingWriter{}, directCall(), TextOptions{})
	if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "render: text ladder") {
		t.Errorf("Text to a failing writer: %v", err)
	}
}

func TestFormatTime(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0.000s"},
		{10 * time.Millisecond, "0.010s"},
		{ms(21.236), "0.021s"},
		{ms(21.5), "0.022s"},
		{32510 * time.Millisecond, "32.510s"},
		{ms(999.6), "1.000s"},
		{-ms(5), "-0.005s"},
	} {
		if got := FormatTime(tc.d); got != tc.want {
			t.Errorf("FormatTime(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestLanesStayStraight(t *testing.T) {
	for _, tc := range textCases {
		t.Run(tc.name, func(t *testing.T) {
			tr := tc.trace()
			checkLanes(t, tr, render(t, tr, tc.opts))
		})
	}
}

// The checker itself must notice a bent lane, and an arrowhead off its lane.
func TestLaneProblemsCatchesBentLanes(t *testing.T) {
	tr := chineseCall()
	out := render(t, tr, TextOptions{Lang: i18n.ZH})
	for _, bend := range []struct{ from, to string }{
		// One column too many, as if len had counted a Chinese name's bytes.
		{"|--- INVITE", "|---- INVITE"},
		{"-->|", "--->|"},
		{"---X   |", "----X  |"},
	} {
		bent := strings.Replace(out, bend.from, bend.to, 1)
		if bent == out {
			t.Fatalf("no %q in:\n%s", bend.from, out)
		}
		if len(laneProblems(tr, bent)) == 0 {
			t.Errorf("replacing %q by %q went unnoticed", bend.from, bend.to)
		}
	}
}

// TestLayOutText: the laid-out rows are the lines Text writes, one per event
// shown with the event's seq, and the lanes are where the bars are.
func TestLayOutText(t *testing.T) {
	for _, tc := range textCases {
		tr := tc.trace()
		lay, err := LayOutText(tr, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		out := render(t, tr, tc.opts)
		for _, part := range append([]string{lay.Title, lay.Bars, lay.Summary}, lay.Header...) {
			if !strings.Contains(out, part+"\n") {
				t.Errorf("%s: %q is not a line of the ladder", tc.name, part)
			}
		}
		shown := NewLadder(tr, LadderOptions{ShowStates: tc.opts.ShowStates || tc.opts.Verbose}).Rows
		if len(lay.Rows) != len(shown) {
			t.Fatalf("%s: %d rows for %d events shown", tc.name, len(lay.Rows), len(shown))
		}
		for i, r := range lay.Rows {
			m := rowRE.FindStringSubmatch(r.Line)
			if r.Seq != shown[i].Event.Seq || m == nil || m[1] != strconv.Itoa(r.Seq) {
				t.Errorf("%s: row %d has seq %d: %q", tc.name, i, r.Seq, r.Line)
			}
			if !strings.Contains(out, "\n"+r.Line+"\n") {
				t.Errorf("%s: row %q is not a line of the ladder", tc.name, r.Line)
			}
			if len(r.Details) > 0 && !tc.opts.Verbose {
				t.Errorf("%s: details without Verbose under %q", tc.name, r.Line)
			}
		}
		cols := displayCols(lay.Bars)
		for i, x := range lay.Lanes {
			if cols[x] != '|' {
				t.Errorf("%s: lane %d at column %d, but the bars are %q", tc.name, i, x, lay.Bars)
			}
		}
	}
	if _, err := LayOutText(nil, TextOptions{}); err == nil {
		t.Error("no trace, no error")
	}
}
