// Package golden is the test plumbing that every package of siplab shares:
//
//   - golden files (golden.go): expected output kept under testdata,
//     compared byte for byte, shown as a unified diff when they differ, and
//     rewritten by `go test -update`;
//   - the external tools a test drives (tools.go): tshark, tmux, Chromium.
//     A test skips without its tool on a developer's machine, but fails in
//     CI, where a missing tool means a broken install, not a lighter test.
//
// It is imported by tests only.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	udiff "github.com/aymanbagabas/go-udiff"
)

var update = flag.Bool("update", false, "rewrite the golden files with the output the tests got")

// Updating reports whether the tests run with -update.
func Updating() bool { return *update }

// maxDiffLines bounds the diff a failure prints: enough to see what
// changed, not a whole trace when every line moved.
const maxDiffLines = 120

// Check compares got with the golden file at path. With -update it writes
// got to path instead (creating the directory), so that the change can be
// reviewed with git diff.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(path)
	if *update {
		if err == nil && bytes.Equal(got, want) {
			return
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (if the change is intended, go test -update rewrites it; review the diff):\n%s",
			path, Diff(path, "got", string(want), string(got)))
	}
}

// CheckString is Check for text.
func CheckString(t testing.TB, path, got string) {
	t.Helper()
	Check(t, path, []byte(got))
}

// Diff is the unified diff from want to got, labelled with their names,
// cut after maxDiffLines lines.
func Diff(wantName, gotName, want, got string) string {
	d := udiff.Unified(wantName, gotName, want, got)
	if d == "" {
		// Only the same text differs in bytes it cannot show (never for
		// strings, kept for safety).
		return fmt.Sprintf("--- %s\n+++ %s\n(no line differs)\n", wantName, gotName)
	}
	lines := strings.SplitAfter(d, "\n")
	if len(lines) > maxDiffLines {
		d = strings.Join(lines[:maxDiffLines], "") + fmt.Sprintf("… %d more lines of diff\n", len(lines)-maxDiffLines)
	}
	return d
}
