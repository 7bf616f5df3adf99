package render

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/siplab/siplab/render/i18n"
)

// TestPlayerDataIsCompact: a line seen at many steps is written once, and
// the page reads every step back as it was given.
func TestPlayerDataIsCompact(t *testing.T) {
	idle := PlayerLine{"  nothing in progress", 0}
	c := &Classroom{Steps: []PlayerStep{
		{Event: []PlayerLine{{"step 0 of 1", 1}}, State: []PlayerLine{{"alice · UA", 2}, idle}},
		{Event: []PlayerLine{{"step 1 of 1", 1}, {"lost", 4}}, Full: []PlayerLine{{"INVITE …", 0}},
			State: []PlayerLine{{"alice · UA", 2}, idle}},
	}}
	d := newPlayerData(c, i18n.ZH)
	if len(d.Lines) != 6 {
		t.Errorf("%d lines in the table, want 6: %q", len(d.Lines), d.Lines)
	}
	for i, s := range c.Steps {
		for j, lines := range [][]PlayerLine{s.Event, s.Full, s.State} {
			var back []PlayerLine
			for _, n := range d.Steps[i][j] {
				back = append(back, PlayerLine{d.Lines[n>>3], n & 7})
			}
			if len(back) != len(lines) || len(lines) > 0 && !equalLines(back, lines) {
				t.Errorf("step %d, part %d: %v, want %v", i, j, back, lines)
			}
		}
	}
	if d.Words["play"] != i18n.ZH.T("views.player.play") {
		t.Errorf("the player's words are not in Chinese: %v", d.Words)
	}
}

func equalLines(a, b []PlayerLine) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestPlayerDataCannotEndTheScript: text from the trace that looks like
// the end of a script stays inside the JSON.
func TestPlayerDataCannotEndTheScript(t *testing.T) {
	evil := "Subject: </script><script>alert(1)</script>"
	c := &Classroom{Steps: []PlayerStep{{Event: []PlayerLine{{evil, 0}}}},
		Quiz: []Question{{Kind: "lesson", Prompt: evil, Choices: []string{"a", "b"}, Explanation: evil}}}
	var page bytes.Buffer
	if err := HTML(&page, proxyCall(), WalkthroughOptions{Classroom: c}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(page.String(), "</script>"); n != 3 { // the page's script, the data, the player's script
		t.Errorf("%d </script> in the page, want 3", n)
	}
	m := regexp.MustCompile(`(?s)<script type="application/json" id="player-data">(.*?)</script>`).FindStringSubmatch(page.String())
	if m == nil {
		t.Fatal("no player data in the page")
	}
	var d playerData
	if err := json.Unmarshal([]byte(m[1]), &d); err != nil {
		t.Fatal(err)
	}
	if d.Lines[0] != evil || d.Quiz[0].Prompt != evil {
		t.Errorf("the data read back: %q, %q", d.Lines[0], d.Quiz[0].Prompt)
	}
}

// TestHTMLWithoutClassroom: a page without the stepper's data still has
// the player's controls, and no panel data.
func TestHTMLWithoutClassroom(t *testing.T) {
	var page bytes.Buffer
	if err := HTML(&page, proxyCall(), WalkthroughOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<nav id="player"`, `id="player-data">{"words":{`, "window.siplabSelect"} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("the page has no %s", want)
		}
	}
	if strings.Contains(page.String(), `"steps":`) {
		t.Error("the page has steps without a classroom")
	}
}
