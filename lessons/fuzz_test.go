package lessons

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseFile: no lesson file, however broken, makes the loader or the
// network builder panic; what parses also builds.
func FuzzParseFile(f *testing.F) {
	for _, dir := range []string{"catalog", "../testdata/lessonfiles"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.md"))
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseFile("fuzz.md", data)
		if err != nil {
			return
		}
		if _, err := Build(l, RunOptions{Seed: 1}); err != nil {
			t.Fatalf("a lesson that parses does not build: %v", err)
		}
	})
}
