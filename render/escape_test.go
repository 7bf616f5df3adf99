package render

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/siplab/siplab/sim"
)

// hostileTrace is a stored trace whose every text field holds characters
// that would drive a terminal: ESC sequences, a C1 CSI, BEL, a bare CR, a
// line break, invalid UTF-8. It is read through the JSON contract, as
// `siplab show` reads a trace from elsewhere.
const hostileTrace = `{"lesson":"evil\u001b[2J","title":"title\r\nline","seed":1,
 "nodes":[{"name":"al\u001b[31mice","kind":"ua","address":"192.0.2.10:5060\u0007"},
          {"name":"bob\u009b","kind":"ua","address":"192.0.2.20:5060"}],
 "events":[
  {"seq":1,"at_ms":0,"type":"message","from":"al\u001b[31mice","to":"bob\u009b",
   "summary":"INVITE\u001b]0;x\u0007 sip:bob SIP/2.0",
   "raw":"INVITE sip:bob SIP/2.0\r\nSubject: \"a\\\u001b[2J\"\tb\r\nX: c\rd\r\n\r\nbody\u001b[5m\r\n",
   "notes":["note\u001b[1m\nsecond"],
   "reasons":[{"text":"why\u0085x","rfc":"RFC\u001b 3261"}]},
  {"seq":2,"at_ms":10,"type":"note","node":"bob\u009b","summary":"hello\u001b[0m\r\nworld"}]}`

// TestTextEscapesEveryField: `siplab run` and `siplab show` text output
// writes control characters as Go escapes (oneLine, rawLine), as the
// stepper does, whatever field of the trace holds them.
func TestTextEscapesEveryField(t *testing.T) {
	tr, err := sim.ReadTrace(strings.NewReader(hostileTrace))
	if err != nil {
		t.Fatal(err)
	}
	tr.Events[0].Raw += "\xff"
	out := render(t, tr, TextOptions{Verbose: true})
	for i, line := range strings.Split(out, "\n") {
		for j, r := range line {
			if unicode.IsControl(r) && r != '\t' || r == utf8.RuneError && !strings.HasPrefix(line[j:], "\uFFFD") {
				t.Errorf("line %d holds %U: %q", i+1, r, line)
			}
		}
	}
	for _, want := range []string{`evil\x1b[2J`, `title\r\nline`, `al\x1b[31mice`, `bob\u009b`, `INVITE\x1b]0;x\a`,
		`Subject: "a\\x1b[2J"` + "\tb", `X: c\rd`, `body\x1b[5m`, `note\x1b[1m\nsecond`, `why\u0085x`, `RFC\x1b 3261`, `hello\x1b[0m\r\nworld`, `\xff`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}
