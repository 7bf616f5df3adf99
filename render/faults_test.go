package render

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
)

// TestFaultSlug: a fault's spec becomes a safe part of a file name, the
// same for the same specs, distinct for #1 and #*, bounded in length.
func TestFaultSlug(t *testing.T) {
	for _, tc := range []struct {
		specs []string
		want  string
	}{
		{nil, ""},
		{[]string{"respond:bob=486"}, "respond-bob-486"},
		{[]string{"drop:BYE#*", "down:bob@3s"}, "drop-bye-any--down-bob-3s"},
		{[]string{"drop:INVITE@alice>proxy#2"}, "drop-invite-alice-proxy-2"},
		{[]string{"password:alice=../../etc"}, "password-alice-etc"},
		{[]string{"password:alice=密码"}, "password-alice"},
		{[]string{"delay:*=1.5s"}, "delay-any-1-5s"},
	} {
		if got := FaultSlug(tc.specs); got != tc.want {
			t.Errorf("FaultSlug(%q) = %q, want %q", tc.specs, got, tc.want)
		}
	}
	long := []string{"drop:INVITE@alice>proxy#1", "drop:INVITE@alice>proxy#2", "delay:180@bob>proxy=3s"}
	got := FaultSlug(long)
	if len(got) > maxSlug || !regexp.MustCompile(`^[a-z0-9]+(-{1,2}[a-z0-9]+)*$`).MatchString(got) {
		t.Errorf("FaultSlug(%q) = %q: too long or not a safe name", long, got)
	}
	if other := FaultSlug(append(long[:2:2], "delay:180@bob>proxy=4s")); other == got {
		t.Errorf("two sets of faults share the slug %q", got)
	}
	if FileStem("proxy-call", []string{"respond:bob=486"}) != "proxy-call--respond-bob-486" || FileStem("proxy-call", nil) != "proxy-call" {
		t.Error("FileStem")
	}
}

// TestFaultBanner: the walkthrough warns about the faults the run added,
// not about the lesson's own, which its introduction describes.
func TestFaultBanner(t *testing.T) {
	tr := &sim.Trace{Lesson: "busy", LessonFaults: []string{"respond:bob=486"}}
	if b := FaultBanner(tr, i18n.EN); b != "" {
		t.Errorf("banner for the lesson's own faults: %q", b)
	}
	if a := faultAside(tr, i18n.EN); a != " (fault injected: respond:bob=486)" {
		t.Errorf("aside %q", a)
	}
	tr.Faults = []string{"down:bob"}
	if b := FaultBanner(tr, i18n.ZH); !strings.Contains(b, "down:bob") || strings.Contains(b, "respond") {
		t.Errorf("banner %q", b)
	}
}

// TestCaptureSectionNamesFaults: the pcapng file's comment names the
// faults of the run.
func TestCaptureSectionNamesFaults(t *testing.T) {
	tr := lostInvite()
	tr.Lesson, tr.Faults = "lost-invite", []string{"respond:bob=486"}
	var b bytes.Buffer
	if err := Capture(&b, tr, capture.PCAPNG, i18n.ZH); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte("（注入故障：respond:bob=486）")) {
		t.Error("the section comment does not name the fault")
	}
}
