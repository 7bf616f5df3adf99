package render

import (
	"bytes"
	"slices"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// A messageDiff is what an element changed in a message it forwarded: a
// proxy forwarding a request pushes its Via, takes one off Max-Forwards,
// may add Record-Route and rewrite the Request-URI (RFC 3261 §16.6); one
// forwarding a response removes its own Via (§16.7).
type messageDiff struct {
	changes []string // one sentence per change, in the reader's language
	lines   []string // the lines that differ: "-" old, "+" new, in message order
}

// forwarded returns the message that row r forwards, and its seq: the
// message that caused r's and that its sender had received, if both are
// requests with the same method or responses with the same status code.
// It returns nil for any other message (a response to a request, a request
// after a response…).
func forwarded(t *sim.Trace, r *Row) (*sip.Message, int) {
	if t == nil || r.msg == nil || r.Event.Cause == 0 {
		return nil, 0
	}
	c := t.Get(r.Event.Cause)
	if c == nil || c.Type != sim.EventMessage || c.Raw == "" || c.To != r.Event.From {
		return nil, 0
	}
	m, err := sip.Parse([]byte(c.Raw))
	if err != nil || m.IsRequest() != r.msg.IsRequest() || m.Method != r.msg.Method || m.StatusCode != r.msg.StatusCode {
		return nil, 0
	}
	return m, c.Seq
}

// diffMessages compares the message old with its forwarded copy.
func diffMessages(old, cur *sip.Message, lang i18n.Lang) messageDiff {
	var d messageDiff
	switch {
	case old.IsRequest() && cur.IsRequest() && old.Method == cur.Method:
		if o, n := old.RequestURI.String(), cur.RequestURI.String(); o != n {
			d.add(lang.T("views.diff.uri", o, n))
		}
	case old.StartLine() != cur.StartLine():
		d.add(lang.T("views.diff.startline", old.StartLine(), cur.StartLine()))
	}

	// Header by header, in the order the forwarded message has them, then
	// those it lost.
	seen := map[string]bool{}
	for _, h := range slices.Concat(cur.Headers, old.Headers) {
		if !seen[h.Name] {
			seen[h.Name] = true
			d.header(h.Name, old.Values(h.Name), cur.Values(h.Name), lang)
		}
	}
	if !bytes.Equal(old.Body, cur.Body) {
		d.add(lang.T("views.diff.body"))
	}
	d.lines = lineDiff(headLines(old), headLines(cur))
	return d
}

func (d *messageDiff) add(s string) { d.changes = append(d.changes, oneLine(s)) }

// header compares the values of one header. Via is a stack (§8.1.1.7,
// §16.6 step 8, §16.7 step 3): what was pushed or popped is at the top, and
// the values below it are compared one to one. Any other header is compared
// one to one if it has as many values on both sides, and as sets otherwise.
func (d *messageDiff) header(name string, old, cur []string, lang i18n.Lang) {
	if name == "Via" {
		for len(cur) > len(old) {
			d.add(lang.T("views.diff.pushed", name, cur[0]))
			cur = cur[1:]
		}
		for len(old) > len(cur) {
			d.add(lang.T("views.diff.popped", name, old[0]))
			old = old[1:]
		}
	}
	if len(old) == len(cur) {
		for i := range old {
			switch {
			case old[i] == cur[i]:
			case strings.HasPrefix(cur[i], old[i]+";"):
				// Parameters added, as the received parameter that the
				// receiver of a request adds to the top Via (§18.2.1).
				d.add(lang.T("views.diff.params", name, cur[i][len(old[i])+1:], old[i]))
			default:
				d.add(lang.T("views.diff.changed", name, old[i], cur[i]))
			}
		}
		return
	}
	for _, v := range without(old, cur) {
		d.add(lang.T("views.diff.removed", name, v))
	}
	for _, v := range without(cur, old) {
		d.add(lang.T("views.diff.added", name, v))
	}
}

// without returns the values of a that b lacks, counting repeats.
func without(a, b []string) []string {
	left := map[string]int{}
	for _, v := range b {
		left[v]++
	}
	var out []string
	for _, v := range a {
		if left[v] > 0 {
			left[v]--
			continue
		}
		out = append(out, v)
	}
	return out
}

// headLines returns a message's start line and header lines, as it would
// write them.
func headLines(m *sip.Message) []string {
	out := []string{m.StartLine()}
	for _, h := range m.Headers {
		out = append(out, h.Name+": "+h.Value)
	}
	return out
}

// lineDiff returns the lines that a longest common subsequence of old and
// cur leaves out: "-line" for a line of old, "+line" for one of cur, in
// order.
func lineDiff(old, cur []string) []string {
	// lcs[i][j] is the length of the longest common subsequence of old[i:]
	// and cur[j:].
	lcs := make([][]int, len(old)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(cur)+1)
	}
	for i := len(old) - 1; i >= 0; i-- {
		for j := len(cur) - 1; j >= 0; j-- {
			if old[i] == cur[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < len(old) || j < len(cur) {
		switch {
		case i < len(old) && j < len(cur) && old[i] == cur[j]:
			i++
			j++
		case i < len(old) && (j == len(cur) || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, "-"+old[i])
			i++
		default:
			out = append(out, "+"+cur[j])
			j++
		}
	}
	return out
}
