package lab

import (
	"regexp"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim/golden"
)

// TestLabLiveLadder: the live view draws a lane per registered softphone
// by user name beside the lab's, added as each registers, within the
// width; before it registers, a phone's messages are plain lines. The
// output, step numbers, times and ports masked, is testdata/live.txt.
func TestLabLiveLadder(t *testing.T) {
	out := &syncBuffer{}
	srv, stop := startLab(t, Config{Users: map[string]string{"alice": "wonderland", "bob": "builder"}, Out: out, Width: 72})
	labCall(t, srv.Addrs()[0])
	stop()
	got := out.String()
	for _, line := range strings.Split(got, "\n") {
		if w := len([]rune(line)); w > 72 {
			t.Errorf("a line of %d columns, wider than 72: %q", w, line)
		}
	}
	stamp := regexp.MustCompile(`(?m)^( *)\d+(  +)\d+\.\d{3}s`)
	got = stamp.ReplaceAllStringFunc(got, func(s string) string {
		return regexp.MustCompile(`\d`).ReplaceAllString(s, "9")
	})
	got = regexp.MustCompile(`:\d{4,5}\b`).ReplaceAllString(got, ":PORT")
	golden.CheckString(t, "testdata/live.txt", got)
}
