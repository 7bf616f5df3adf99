package stepper

import (
	"errors"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// Search moves to the next step after the current one whose text (see
// searchText) contains text, ignoring case; past the last step it goes on
// from the first (wrapped). An empty text repeats the last search. Not
// found, it stays where it is.
func (s *Stepper) Search(text string) (found, wrapped bool, err error) {
	if text == "" {
		text = s.query
	}
	if text == "" {
		return false, false, errors.New(s.opts.Lang.T("step.err.search"))
	}
	s.query = text
	needle := strings.ToLower(text)
	from, n := s.cur, s.Total()
	for i := 1; i <= n; i++ {
		step := (from+i-1)%n + 1
		if strings.Contains(strings.ToLower(searchText(s.trace.Get(step))), needle) {
			s.cur = step
			return true, step <= from, nil
		}
	}
	return false, false, nil
}

// Query is the text searched for last.
func (s *Stepper) Query() string { return s.query }

// searchText is the text of an event that a search looks in: its summary
// in every language, so that a search matches whichever the student types,
// and, for a message, its bytes. It is the one place that says so.
func searchText(e *sim.Event) string {
	var b strings.Builder
	for _, l := range i18n.Langs() {
		b.WriteString(l.Text(e.Summary) + "\n")
	}
	return b.String() + e.Raw
}
