package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim/capture"
)

// Calls writes a capture's call list as a table, the way sngrep lists
// calls: Call-ID, From, To, the first and the last method, the state and
// the number of messages, one call per line in the order they started,
// then a line that counts what was read.
func Calls(w io.Writer, calls []capture.Call, st *capture.Stats, lang i18n.Lang) error {
	rows := [][]string{{lang.T("capture.calls.callid"), lang.T("capture.calls.from"), lang.T("capture.calls.to"),
		lang.T("capture.calls.first"), lang.T("capture.calls.last"), lang.T("capture.calls.state"), lang.T("capture.calls.msgs")}}
	for _, c := range calls {
		state := ""
		if c.State != "" {
			state = lang.T("capture.state." + string(c.State))
		}
		rows = append(rows, []string{c.CallID, c.From, c.To, c.First, c.Last, state, strconv.Itoa(c.Messages)})
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, s := range r {
			widths[i] = max(widths[i], i18n.Width(s))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		for i, s := range r {
			b.WriteString(s)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-i18n.Width(s)+2))
			}
		}
		b.WriteString("\n")
	}
	if st != nil {
		b.WriteString(lang.T("capture.calls.summary", len(calls), st.Messages, st.Frames, st.Skipped) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
