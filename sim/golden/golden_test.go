package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that records what a helper reports instead of
// ending the test, so that the helpers themselves can be tested.
type recorder struct {
	testing.TB
	errors, fatals, skips []string
}

func newRecorder(t *testing.T) *recorder { return &recorder{TB: t} }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(f string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(f, args...))
}
func (r *recorder) Fatalf(f string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(f, args...))
}
func (r *recorder) Fatal(args ...any)           { r.fatals = append(r.fatals, fmt.Sprint(args...)) }
func (r *recorder) Skipf(f string, args ...any) { r.skips = append(r.skips, fmt.Sprintf(f, args...)) }

func (r *recorder) outcome() (errors, fatals, skips int) {
	return len(r.errors), len(r.fatals), len(r.skips)
}

// writeFile puts a golden file where a test will find it.
func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckShowsAUnifiedDiff(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ladder.golden")
	writeFile(t, path, "alice\nINVITE\nbob\n")

	r := newRecorder(t)
	Check(r, path, []byte("alice\nINVITE\nbob\n"))
	if e, f, s := r.outcome(); e+f+s != 0 {
		t.Fatalf("same bytes: %v %v %v", r.errors, r.fatals, r.skips)
	}

	r = newRecorder(t)
	CheckString(r, path, "alice\nBYE\nbob\n")
	if len(r.errors) != 1 {
		t.Fatalf("different bytes: errors %q, fatals %q", r.errors, r.fatals)
	}
	for _, want := range []string{path, "-update", "--- " + path, "+++ got", "@@ -1,3 +1,3 @@", "-INVITE\n", "+BYE\n", " alice\n"} {
		if !strings.Contains(r.errors[0], want) {
			t.Errorf("the report lacks %q:\n%s", want, r.errors[0])
		}
	}
}

func TestCheckMissingFile(t *testing.T) {
	r := newRecorder(t)
	Check(r, filepath.Join(t.TempDir(), "none.golden"), []byte("x"))
	if len(r.fatals) == 0 || !strings.Contains(r.fatals[0], "-update") {
		t.Errorf("a missing golden file: fatals %q, want one that names -update", r.fatals)
	}
}

func TestCheckUpdateWritesTheFile(t *testing.T) {
	defer func(old bool) { *update = old }(*update)
	*update = true
	path := filepath.Join(t.TempDir(), "new", "dir", "trace.json")
	r := newRecorder(t)
	Check(r, path, []byte("{}\n"))
	if e, f, s := r.outcome(); e+f+s != 0 {
		t.Fatalf("-update: %v %v %v", r.errors, r.fatals, r.skips)
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != "{}\n" {
		t.Errorf("-update wrote %q, %v", got, err)
	}
	if !Updating() {
		t.Error("Updating() is false under -update")
	}
}

func TestDiffIsCut(t *testing.T) {
	var want, got strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&want, "line %d\n", i)
		fmt.Fprintf(&got, "LINE %d\n", i)
	}
	d := Diff("want", "got", want.String(), got.String())
	if n := strings.Count(d, "\n"); n > maxDiffLines+1 {
		t.Errorf("diff of %d lines, want at most %d", n, maxDiffLines+1)
	}
	if !strings.Contains(d, "more lines of diff") {
		t.Errorf("a cut diff does not say so:\n%s", d)
	}
}

func TestToolsRequired(t *testing.T) {
	for _, tc := range []struct {
		require, ci string // "-" leaves the variable unset
		want        bool
	}{
		{"-", "-", false},
		{"-", "true", true},
		{"-", "false", false},
		{"1", "-", true},
		{"true", "-", true},
		{"0", "true", false}, // the explicit variable wins
		{"", "true", false},
	} {
		setenv(t, "SIPLAB_REQUIRE_TOOLS", tc.require)
		setenv(t, "CI", tc.ci)
		if got := ToolsRequired(); got != tc.want {
			t.Errorf("SIPLAB_REQUIRE_TOOLS=%s CI=%s: ToolsRequired() = %v, want %v", tc.require, tc.ci, got, tc.want)
		}
	}
}

// TestNeedTool: a missing tool skips a test on a developer's machine and
// fails it in CI.
func TestNeedTool(t *testing.T) {
	const none = "siplab-no-such-tool"
	setenv(t, "CI", "-")

	setenv(t, "SIPLAB_REQUIRE_TOOLS", "-")
	r := newRecorder(t)
	if p := NeedTool(r, none); p != "" || len(r.skips) != 1 || len(r.fatals) != 0 || !strings.Contains(r.skips[0], none) {
		t.Errorf("locally: path %q, skips %q, fatals %q; want one skip naming the tool", p, r.skips, r.fatals)
	}

	setenv(t, "SIPLAB_REQUIRE_TOOLS", "1")
	r = newRecorder(t)
	if p := NeedTool(r, none, none+"-2"); p != "" || len(r.fatals) != 1 || len(r.skips) != 0 || !strings.Contains(r.fatals[0], none+"-2") {
		t.Errorf("required: path %q, skips %q, fatals %q; want one failure naming the tools", p, r.skips, r.fatals)
	}

	r = newRecorder(t)
	if p := NeedTool(r, none, "go"); p == "" || len(r.fatals)+len(r.skips) != 0 {
		t.Errorf("go is on $PATH: path %q, skips %q, fatals %q", p, r.skips, r.fatals)
	}
}

// setenv sets (or, for "-", unsets) an environment variable for the rest
// of the test.
func setenv(t *testing.T, name, value string) {
	t.Setenv(name, "")
	if value == "-" {
		os.Unsetenv(name)
		return
	}
	os.Setenv(name, value)
}
