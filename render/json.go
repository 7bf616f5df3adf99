package render

import (
	"errors"
	"io"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// JSON writes trace t in the trace format of siplab run --format json: every
// sentence in English, with its catalog key and arguments beside it
// (sim.Trace.WriteJSON). The bytes depend on the trace alone, never on the
// language a user reads the other views in; sim.ReadTrace reads them back,
// and every view then renders the trace in either language.
func JSON(w io.Writer, t *sim.Trace) error {
	if t == nil {
		return errors.New("render: json: no trace")
	}
	return t.WriteJSON(w, i18n.EN)
}
