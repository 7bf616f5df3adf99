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
		if want := strings.TrimSuffix(e.Name()[strings.IndexByte(e.Name(), '-')+1:], ".md"); l.ID != want {
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
	return fmt.Sprintf("unknown lesson %q (built-in: %s; or give a lesson file ending in .md)", e.ID, strings.Join(e.Known, ", "))
}
