package lessons

import (
	"regexp"
	"strings"
	"testing"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// runWith runs a built-in lesson with extra fault specs.
func runWith(t *testing.T, id string, specs ...string) *sim.Trace {
	t.Helper()
	l, err := Find(id)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Run(l, RunOptions{Seed: 1, Faults: faults(t, specs...)})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// TestNotesStateTheValuesOfTheirMessage: a lesson's note that quotes
// Max-Forwards states the value of the message it is attached to, in both
// languages, so that max-forwards:alice=5 cannot make it contradict the
// bytes (issue 11, point 11).
func TestNotesStateTheValuesOfTheirMessage(t *testing.T) {
	number := regexp.MustCompile(`\b\d+\b`)
	for _, id := range []string{"two-proxies", "pager-message"} {
		tr := runWith(t, id, "max-forwards:alice=5")
		checked := 0
		for _, e := range tr.Events {
			if e.Type != sim.EventMessage {
				continue
			}
			m, err := sip.Parse([]byte(e.Raw))
			if err != nil || m.Get("Max-Forwards") == "" {
				continue
			}
			mf := m.Get("Max-Forwards")
			for _, n := range e.Notes {
				for lang, text := range map[string]string{"en": n.EN, "zh": n.ZH} {
					if !strings.Contains(text, "Max-Forwards") {
						continue
					}
					checked++
					nums := number.FindAllString(text, -1)
					if !strings.Contains(" "+strings.Join(nums, " ")+" ", " "+mf+" ") {
						t.Errorf("%s #%d (%s): Max-Forwards is %s, the note says %q", id, e.Seq, lang, mf, text)
					}
					for _, stale := range []string{"69", "68"} {
						if strings.Contains(" "+strings.Join(nums, " ")+" ", " "+stale+" ") {
							t.Errorf("%s #%d (%s): the note quotes %s, the message has %s: %q", id, e.Seq, lang, stale, mf, text)
						}
					}
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s: no note about Max-Forwards was checked", id)
		}
	}
}

// TestHideHopTeachesBothModels: the hide-hop lesson says, in both
// languages, that RFC 2543 encrypted the hidden Via with a salt (no state),
// that the table is the course's simplified model, and that an RFC 3261
// proxy passes Hide: hop on unchanged; it cites no RFC 3261 section for
// Hide, which RFC 3261 dropped (issue 11, point 9).
func TestHideHopTeachesBothModels(t *testing.T) {
	l, err := Find("hide-hop")
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string][]string{
		"en": {"encrypted", "salt", "simplified model", "RFC 3261 dropped Hide", "unchanged", "frees it"},
		"zh": {"加密", "盐值", "简化模型", "RFC 3261 取消了 Hide", "原样转发", "释放"},
	} {
		text := l.Intro.EN
		if lang == "zh" {
			text = l.Intro.ZH
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("hide-hop (%s) does not say %q", lang, w)
			}
		}
		if strings.Contains(text, "§28") {
			t.Errorf("hide-hop (%s) cites an RFC 3261 section for Hide", lang)
		}
	}
}
