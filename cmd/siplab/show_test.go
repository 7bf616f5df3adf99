package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/siplab/siplab/lessons"
)

// The trace is language-neutral: the JSON of every lesson is byte for byte
// the same whatever --lang says.
func TestRunJSONIsTheSameInEveryLanguage(t *testing.T) {
	for _, l := range lessons.All() {
		_, en, _ := runCLI(t, []string{"run", l.ID, "--format", "json", "--lang", "en"}, nil)
		code, zh, errOut := runCLI(t, []string{"run", l.ID, "--format", "json", "--lang", "zh"}, nil)
		if code != 0 || en == "" {
			t.Fatalf("%s: exit %d: %s", l.ID, code, errOut)
		}
		if en != zh {
			t.Errorf("%s: the JSON trace depends on --lang", l.ID)
		}
	}
}

// A trace saved in English shows exactly as the run itself does, in either
// language and in every view: nothing of the run's language is left in it.
// The one difference is the data of the web page's player: a run knows the
// state of its elements at every step, a saved trace does not (see
// TestPlayerOfASavedTraceInBrowser).
func TestShowRendersASavedTraceInEitherLanguage(t *testing.T) {
	dir := t.TempDir()
	for _, id := range []string{"proxy-call", "lost-invite", "hide-hop", "server-overload", "gb28181-register"} {
		trace := filepath.Join(dir, id+".json")
		if code, _, errOut := runCLI(t, []string{"run", id, "--format", "json", "-o", trace}, nil); code != 0 {
			t.Fatalf("%s: %s", id, errOut)
		}
		for _, lang := range []string{"en", "zh"} {
			for _, format := range viewFormats {
				args := []string{"--format", format, "--lang", lang, "-v"}
				_, want, _ := runCLI(t, append([]string{"run", id}, args...), nil)
				code, got, errOut := runCLI(t, append([]string{"show", trace}, args...), nil)
				if code != 0 {
					t.Fatalf("show %s %v: exit %d: %s", id, args, code, errOut)
				}
				if format == "html" {
					got, want = playerData.ReplaceAllString(got, ""), playerData.ReplaceAllString(want, "")
				}
				if got != want {
					t.Errorf("show %s %v differs from run", id, args)
				}
			}
		}
	}
}

// playerData is the data of the web page's player.
var playerData = regexp.MustCompile(`<script type="application/json" id="player-data">.*</script>`)

// No view of any lesson, in either language, shows a catalog key that is
// missing ("!{key}") or arguments that do not fit their format ("%!d").
func TestEveryViewResolvesEveryKey(t *testing.T) {
	for _, l := range lessons.All() {
		tr, err := lessons.Run(l, lessons.RunOptions{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", "zh"} {
			var o viewOptions
			if err := o.Lang.Set(lang); err != nil {
				t.Fatal(err)
			}
			for _, verbose := range []bool{false, true} {
				o.Verbose = verbose
				for _, format := range append(viewFormats, "topology") {
					if slices.Contains(binaryFormats, format) {
						continue // their bytes may hold anything; render's capture tests read their comments
					}
					var buf bytes.Buffer
					if err := writeView(&buf, format, tr, o); err != nil {
						t.Fatalf("%s %s %s: %v", l.ID, lang, format, err)
					}
					for _, marker := range []string{"!{", "%!"} {
						if i := strings.Index(buf.String(), marker); i >= 0 {
							t.Errorf("%s %s %s: %q", l.ID, lang, format, buf.String()[i:min(len(buf.String()), i+60)])
						}
					}
				}
			}
		}
	}
}

func TestShowErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"events":[{"seq":2,"type":"note"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"show", bad}, 1, "bad.json: not a siplab trace: sim: read trace: event 1 has seq 2, want 1"},
		{[]string{"show", filepath.Join(dir, "missing.json")}, 1, "missing.json"},
		{[]string{"show"}, 2, "show needs one trace file"},
		{[]string{"show", bad, "--format", "pdf"}, 2, `--format "pdf"`},
	} {
		code, _, errOut := runCLI(t, tc.args, nil)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}
