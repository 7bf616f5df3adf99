package lessons

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
)

// The built-in lessons are files in catalog/, named NN-id.md so that their
// order is the teaching order, embedded in the binary.
//
//go:embed catalog/*.md
var catalogFS embed.FS

// loadCatalog reads the catalog once: the lessons in teaching order, and
// the files that failed to load.
var loadCatalog = sync.OnceValues(func() ([]*Lesson, error) {
	entries, err := fs.ReadDir(catalogFS, "catalog") // sorted by name
	if err != nil {
		return nil, err
	}
	var catalog []*Lesson
	var errs []error
	seen := map[string]string{}
	for _, e := range entries {
		name := path.Join("catalog", e.Name())
		data, err := catalogFS.ReadFile(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		l, err := ParseFile("lessons/"+name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if want := catalogID(e.Name()); l.ID != want {
			errs = append(errs, fmt.Errorf("lessons/%s: id %q does not match the file name", name, l.ID))
			continue
		}
		if other, dup := seen[l.ID]; dup {
			errs = append(errs, fmt.Errorf("lessons/%s: id %q is also %s's", name, l.ID, other))
			continue
		}
		seen[l.ID] = name
		catalog = append(catalog, l)
	}
	return catalog, errors.Join(errs...)
})

// catalogID is the id of the lesson in the catalog file name NN-id.md.
func catalogID(name string) string {
	return strings.TrimSuffix(name[strings.IndexByte(name, '-')+1:], ".md")
}

// Source returns the file of the built-in lesson id, as it is embedded, and
// its name in the source tree.
func Source(id string) (name string, data []byte, ok bool) {
	entries, _ := fs.ReadDir(catalogFS, "catalog")
	for _, e := range entries {
		if catalogID(e.Name()) == id {
			data, err := catalogFS.ReadFile("catalog/" + e.Name())
			return "lessons/catalog/" + e.Name(), data, err == nil
		}
	}
	return "", nil, false
}

// All returns the built-in lessons in teaching order.
func All() []*Lesson {
	catalog, _ := loadCatalog()
	return catalog
}

// CatalogError reports built-in lesson files that failed to load (the tests
// keep it nil).
func CatalogError() error {
	_, err := loadCatalog()
	return err
}

// Load finds a lesson by built-in id or, when ref names a file (it ends in
// .md or contains a path separator), reads and checks that file.
func Load(ref string) (*Lesson, error) {
	if strings.HasSuffix(ref, ".md") || strings.ContainsRune(ref, os.PathSeparator) || strings.ContainsRune(ref, '/') {
		data, err := readFile(ref)
		if err != nil {
			return nil, err
		}
		return ParseFile(ref, data)
	}
	return Find(ref)
}

// readFile reads a lesson file, no more than one byte past MaxFileSize,
// which is enough for ParseFile to refuse it.
func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, MaxFileSize+1))
}

// Find returns the built-in lesson with that id.
func Find(id string) (*Lesson, error) {
	var ids []string
	for _, l := range All() {
		if l.ID == id {
			return l, nil
		}
		ids = append(ids, l.ID)
	}
	return nil, &UnknownLessonError{ID: id, Known: ids}
}

// UnknownLessonError is returned for an id that names no built-in lesson.
type UnknownLessonError struct {
	ID    string
	Known []string
}

func (e *UnknownLessonError) Error() string {
	if c := e.Closest(); c != "" {
		return fmt.Sprintf("unknown lesson %q: did you mean %s?", e.ID, c)
	}
	return fmt.Sprintf("unknown lesson %q (built-in: %s; or give a lesson file ending in .md)", e.ID, strings.Join(e.Known, ", "))
}

// Closest is the known id the unknown one was most likely meant to be: the
// nearest by edit distance, if it is at most 2 (or a third of the id's
// length) away, or else the one id that starts with it; "" when none is
// close.
func (e *UnknownLessonError) Closest() string {
	best, bestD := "", max(2, len([]rune(e.ID))/3)+1
	for _, id := range e.Known {
		if d := editDistance(strings.ToLower(e.ID), id); d < bestD {
			best, bestD = id, d
		}
	}
	if best != "" || e.ID == "" {
		return best
	}
	var prefixed []string
	for _, id := range e.Known {
		if strings.HasPrefix(id, strings.ToLower(e.ID)) {
			prefixed = append(prefixed, id)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0]
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b: the fewest
// characters to insert, delete or replace to turn one into the other.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
