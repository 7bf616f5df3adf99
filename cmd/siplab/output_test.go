package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lessonFileWithID writes, into dir, a copy of the lesson file
// testdata/lessonfiles/good.md whose id is id, and returns its path.
func lessonFileWithID(t *testing.T, dir, id string) string {
	t.Helper()
	data := readFile(t, filepath.Join("..", "..", "testdata", "lessonfiles", "good.md"))
	data = bytes.Replace(data, []byte("\nid: my-call\n"), []byte("\nid: "+id+"\n"), 1)
	path := filepath.Join(dir, id+"-lesson.md")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRenderRefusesClashes: two lessons that would write the same file are
// an error before anything is written, in the user's language.
func TestRenderRefusesClashes(t *testing.T) {
	src := t.TempDir()
	index, a, aTopology, aAgain := lessonFileWithID(t, src, "index"), lessonFileWithID(t, src, "a"),
		lessonFileWithID(t, src, "a-topology"), lessonFileWithID(t, t.TempDir(), "a")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"same id twice", []string{"proxy-call", "direct-call", "proxy-call"},
			"siplab: lesson proxy-call is given twice: nothing was written\n"},
		{"same id from two files", []string{a, aAgain},
			"siplab: lessons " + a + " and " + aAgain + " would both write a.html: nothing was written\n"},
		{"a file with a built-in lesson's id", []string{"direct-call", lessonFileWithID(t, src, "direct-call")},
			"would both write direct-call.html"},
		{"an id equal to index", []string{index},
			"siplab: lesson " + index + " would write index.html over the index page: nothing was written\n"},
		{"a and a-topology", []string{a, aTopology, "--format", "svg"},
			"siplab: lessons " + a + " and " + aTopology + " would both write a-topology.svg: nothing was written\n"},
		{"a-topology and a, Markdown only", []string{aTopology, a, "--format", "md"},
			"would both write a-topology.svg"},
		{"in Chinese", []string{"proxy-call", "proxy-call", "--lang", "zh"},
			"siplab: 课程 proxy-call 给出了两次：未写入任何文件\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			code, out, errOut := runCLI(t, append([]string{"render", "-o", dir}, tc.args...), nil)
			if code != 1 || out != "" || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1, no output and %q", code, out, errOut, tc.want)
			}
			if _, err := os.Stat(dir); err == nil {
				t.Errorf("the directory was created: %v", listDir(t, dir))
			}
		})
	}

	// Without html there is no index page for a lesson called index to
	// clash with, only the directory's index.html.
	dir := t.TempDir()
	code, out, errOut := runCLI(t, []string{"render", "-o", dir, "--format", "svg", index}, nil)
	if code != 0 {
		t.Fatalf("index as svg: exit %d: %s", code, errOut)
	}
	if want := []string{"index.svg", "index-topology.svg", "index.html"}; !sameSet(listDir(t, dir), want) {
		t.Errorf("index as svg: wrote %v, want %v", listDir(t, dir), want)
	}
	if want := "wrote 3 files to " + dir + "\n"; out != want {
		t.Errorf("index as svg: stdout %q, want %q", out, want)
	}
}

// TestOutputNeverFollowsSymlinks: a symbolic link at an output path is
// refused, whether it points at a file or nowhere; what it points at is
// left alone, and render writes nothing at all.
func TestOutputNeverFollowsSymlinks(t *testing.T) {
	outside := t.TempDir()
	victim := filepath.Join(outside, "victim")
	if err := os.WriteFile(victim, []byte("precious\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(outside, "created-through-the-link")
	for _, tc := range []struct {
		name, link, target string
		args               []string // -o DIR or -o FILE is added
		file               bool     // -o names the link itself
	}{
		{"render, a link to a file", "proxy-call.svg", victim, []string{"render", "proxy-call", "direct-call"}, false},
		{"render, a dangling link", "direct-call.md", dangling, []string{"render", "proxy-call", "direct-call"}, false},
		{"render, the index", "index.html", victim, []string{"render", "proxy-call"}, false},
		{"run -o", "trace.json", victim, []string{"run", "direct-call", "--format", "json"}, true},
		{"run -o, a dangling link", "trace.json", dangling, []string{"run", "direct-call", "--format", "json"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			link := filepath.Join(dir, tc.link)
			if err := os.Symlink(tc.target, link); err != nil {
				t.Fatal(err)
			}
			out := dir
			if tc.file {
				out = link
			}
			code, stdout, errOut := runCLI(t, append(tc.args, "-o", out), nil)
			want := "siplab: cannot write " + link + ": it is a symbolic link, which siplab never follows (remove it first)\n"
			if code != 1 || stdout != "" || errOut != want {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and %q", code, stdout, errOut, want)
			}
			if got := listDir(t, dir); !sameSet(got, []string{tc.link}) {
				t.Errorf("files in the directory: %v, want only the link", got)
			}
			if target, err := os.Readlink(link); err != nil || target != tc.target {
				t.Errorf("the link now points at %q (%v)", target, err)
			}
			if got := readFile(t, victim); string(got) != "precious\n" {
				t.Errorf("written through the link: the target now holds %d bytes", len(got))
			}
			if _, err := os.Lstat(dangling); err == nil {
				t.Error("a file was created through the dangling link")
			}
		})
	}

	// The same refusal in Chinese.
	dir := t.TempDir()
	link := filepath.Join(dir, "t.json")
	if err := os.Symlink(victim, link); err != nil {
		t.Fatal(err)
	}
	_, _, errOut := runCLI(t, []string{"run", "direct-call", "--lang", "zh", "-o", link}, nil)
	if want := "siplab: 无法写入 " + link + "：它是符号链接，siplab 从不跟随符号链接写入（请先删除它）\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
}

// TestOutputReplacesByRename: an existing file is replaced by a new one
// (written under a temporary name, then renamed), not rewritten in place:
// another name for the old file (a hard link) keeps the old contents, and
// no temporary file is left behind.
func TestOutputReplacesByRename(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	old := []byte("old contents\n")
	for _, name := range []string{"proxy-call.svg", "index.html", "trace.json"} {
		keep := filepath.Join(outside, name)
		if err := os.WriteFile(keep, old, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Link(keep, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := runCLI(t, []string{"render", "proxy-call", "--format", "svg", "-o", dir}, nil)
	if want := "wrote 3 files to " + dir + "\n"; code != 0 || out != want {
		t.Fatalf("render: exit %d, stdout %q (want %q), stderr %s", code, out, want, errOut)
	}
	if code, _, errOut := runCLI(t, []string{"run", "proxy-call", "--format", "json", "-o", filepath.Join(dir, "trace.json")}, nil); code != 0 {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	want := []string{"proxy-call.svg", "proxy-call-topology.svg", "index.html", "trace.json"}
	if got := listDir(t, dir); !sameSet(got, want) {
		t.Errorf("files: %v, want %v (a temporary file left?)", got, want)
	}
	for _, name := range []string{"proxy-call.svg", "index.html", "trace.json"} {
		if got := readFile(t, filepath.Join(outside, name)); !bytes.Equal(got, old) {
			t.Errorf("%s: the old file was rewritten in place", name)
		}
		if got := readFile(t, filepath.Join(dir, name)); bytes.Equal(got, old) {
			t.Errorf("%s: not replaced", name)
		}
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v (%v), want -rw-r--r--", name, fi.Mode(), err)
		}
	}
}

// TestOutputWriteErrors: a file that cannot be written is named, with the
// system's reason, after "cannot write" in the user's language.
func TestOutputWriteErrors(t *testing.T) {
	dir := t.TempDir()
	notADir := filepath.Join(dir, "plain-file")
	if err := os.WriteFile(notADir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	full := filepath.Join(dir, "full") // a directory where render wants a file
	if err := os.MkdirAll(filepath.Join(full, "proxy-call.svg", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing", "trace.json")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"render", "proxy-call", "direct-call", "-o", full},
			"siplab: cannot write " + filepath.Join(full, "proxy-call.svg") + ": is a directory\n"},
		{[]string{"render", "proxy-call", "-o", notADir}, "siplab: cannot write " + notADir + ": not a directory\n"},
		{[]string{"run", "direct-call", "-o", missing}, "siplab: cannot write " + missing + ": no such file or directory\n"},
		{[]string{"run", "direct-call", "-o", dir}, "siplab: cannot write " + dir + ": is a directory\n"},
		{[]string{"run", "direct-call", "--lang", "zh", "-o", missing}, "siplab: 无法写入 " + missing + "：no such file or directory\n"},
	} {
		code, out, errOut := runCLI(t, tc.args, nil)
		if code != 1 || out != "" || errOut != tc.want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 1 and %q", tc.args, code, out, errOut, tc.want)
		}
	}
	if got := listDir(t, full); !sameSet(got, []string{"proxy-call.svg"}) {
		t.Errorf("render wrote %v beside the directory in the way", got)
	}
	// A device is written in place, not replaced by a file.
	if code, _, errOut := runCLI(t, []string{"run", "direct-call", "-o", os.DevNull}, nil); code != 0 {
		t.Errorf("-o %s: exit %d: %s", os.DevNull, code, errOut)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode().IsRegular() {
		t.Errorf("%s is now %v (%v)", os.DevNull, fi.Mode(), err)
	}
}
