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

// TestLabLiveLanesFit: lanes are added only as long as they fit the width;
// the phones that register after that keep plain lines, and no row is
// wider than the width.
func TestLabLiveLanesFit(t *testing.T) {
	const width = 72 // room for the lab and two phones
	users := map[string]string{}
	for _, u := range []string{"alice", "bob", "carol", "dave"} {
		users[u] = "pw"
	}
	out := &syncBuffer{}
	srv, stop := startLab(t, Config{Users: users, Out: out, Width: width})
	for _, u := range []string{"alice", "bob", "carol", "dave"} {
		newPhone(t, u, srv.Addrs()[0]).register("pw")
	}
	stop()
	if n := maxLanes(width); n != 3 {
		t.Fatalf("maxLanes(%d) = %d, want 3", width, n)
	}
	lines := strings.Split(out.String(), "\n")
	for _, line := range lines {
		if w := len([]rune(line)); w > width {
			t.Errorf("a line of %d columns, wider than %d: %q", w, width, line)
		}
	}
	if !strings.Contains(out.String(), "lab → carol  SIP/2.0 200 OK") || !strings.Contains(out.String(), "lab → dave  SIP/2.0 200 OK") ||
		!regexp.MustCompile(`alice +lab +bob`).MatchString(out.String()) || regexp.MustCompile(`bob +carol`).MatchString(out.String()) {
		t.Errorf("alice and bob get lanes, carol and dave, registering once the width is full, plain lines:\n%s", out)
	}
}
