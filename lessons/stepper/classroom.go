package stepper

import "github.com/siplab/siplab/render"

// Steps is what the stepper shows at every step, 0 to Total(), for the
// player of the HTML walkthrough (render.Classroom): the event explained
// with each header's meaning on a line of its own, as on the full screen;
// the message in full; the state of every element after it. The stepper
// ends where it was.
func (s *Stepper) Steps() []render.PlayerStep {
	at := s.cur
	defer func() { s.cur = at }()
	out := make([]render.PlayerStep, 0, s.Total()+1)
	for s.cur = 0; s.cur <= s.Total(); s.cur++ {
		out = append(out, render.PlayerStep{
			Event: playerLines(s.EventLines(false)),
			Full:  playerLines(s.FullLines()),
			State: playerLines(s.StateLines()),
		})
	}
	return out
}

func playerLines(lines []Line) []render.PlayerLine {
	out := make([]render.PlayerLine, len(lines))
	for i, l := range lines {
		out[i] = render.PlayerLine{Text: l.Text, Kind: int(l.Kind)}
	}
	return out
}
