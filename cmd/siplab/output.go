package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Output files (`run -o FILE`, `render -o DIR`) are written safely:
//
//   - a symbolic link at the target path is refused, never written
//     through. Someone put it there on purpose (a link into shared course
//     notes, /dev/stdout): following it could write outside the directory
//     the user named, and replacing it would silently undo their set-up,
//     so siplab says so and lets them choose (remove it, or use -o -);
//   - a regular file is written to a temporary name in the same directory
//     and renamed over the target, so that a reader never sees half a file
//     and a failed write leaves the old one. The rename replaces the name
//     itself: a link that appears after the check is replaced, not
//     followed, and a hard link elsewhere keeps its old contents;
//   - a device or a pipe (-o /dev/null) is written in place: renaming over
//     it would replace the device with a file;
//   - every failure is a writeError: "cannot write PATH: why".

// writeError is an output file siplab could not write.
type writeError struct {
	Path string
	Err  error // errSymlink, or the system's reason
}

func (e *writeError) Error() string { return "cannot write " + e.Path + ": " + e.Err.Error() }
func (e *writeError) Unwrap() error { return e.Err }

// errSymlink is the reason siplab refuses a symbolic link at an output path.
var errSymlink = errors.New("it is a symbolic link, which siplab never follows (remove it first)")

// cannotWrite wraps err, which concerns path, as a writeError; of an
// *fs.PathError or *os.LinkError it keeps only the reason, since they may
// name a temporary file.
func cannotWrite(path string, err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return &writeError{Path: path, Err: err}
}

// checkTarget returns what is at path (nil when nothing is), or an error
// when siplab must not write there: a symbolic link or a directory.
func checkTarget(path string) (fs.FileInfo, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, cannotWrite(path, err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return nil, cannotWrite(path, errSymlink)
	case fi.IsDir():
		return nil, cannotWrite(path, syscall.EISDIR)
	}
	return fi, nil
}

// writeFile writes data to the file at path (see above).
func writeFile(path string, data []byte) error {
	fi, err := checkTarget(path)
	if err != nil {
		return err
	}
	if fi != nil && !fi.Mode().IsRegular() {
		return writeInPlace(path, data)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return cannotWrite(path, err)
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644) // CreateTemp's 0600 would hide course notes from their readers
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return cannotWrite(path, err)
	}
	return nil
}

// writeInPlace writes data into an existing device or pipe.
func writeInPlace(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err == nil {
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return cannotWrite(path, err)
	}
	return nil
}
