package render

import (
	"bytes"
	_ "embed"
	"encoding/json"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// The player of the HTML walkthrough: buttons and keys to step through the
// trace forwards and backwards, play and pause at a speed, a "messages
// only" switch, and, when the caller gives a Classroom, what `siplab step`
// shows at every step (the event explained, the message in full, the state
// of every element) and a quiz checked in the page.

var (
	//go:embed assets/player.css
	playerCSS string
	//go:embed assets/player.js
	playerJS string
)

// A Classroom is what the player shows besides the walkthrough. render
// cannot run a lesson: the stepper (lessons/stepper) computes the steps and
// the quiz (lessons/quiz) the questions.
type Classroom struct {
	// Steps[i] is what the stepper shows at step i, 0 (before the first
	// event) to the number of events.
	Steps []PlayerStep
	Quiz  []Question
}

// A PlayerStep is what the stepper shows at one step: the event explained,
// header by header; the message in full; the state of every element after
// it.
type PlayerStep struct {
	Event, Full, State []PlayerLine
}

// A PlayerLine is one line the stepper shows, with its kind (the values of
// stepper.Kind: plain, heading, label, explanation, alert, prose), which
// the page styles.
type PlayerLine struct {
	Text string
	Kind int
}

// A Question is one question of a quiz: its prompt, the choices, the
// index of the right one, and the explanation shown after an answer, with
// the RFC section it rests on.
type Question struct {
	Kind        string   `json:"kind"` // next, hop, timer or lesson
	Step        int      `json:"step"` // the step the answer is at; 0 for a lesson's own question
	Prompt      string   `json:"prompt"`
	Choices     []string `json:"choices"`
	Answer      int      `json:"answer"`
	Explanation string   `json:"explanation"`
	RFC         string   `json:"rfc,omitempty"`
}

// playerWords are the keys of the player's own words, sent to the page.
var playerWords = []string{
	"first", "prev", "next", "last", "play", "pause", "speed", "messages", "explained", "full",
	"state", "quiz", "score", "right", "wrong", "see", "keys",
}

// playerData is the player's data as the page reads it: the lines of every
// step as indexes into a table of the distinct lines (a line seen at many
// steps, such as a header's explanation or an idle element's state, is
// written once), each index times 8 plus the line's kind.
type playerData struct {
	Words map[string]string `json:"words"`
	Lines []string          `json:"lines,omitempty"`
	Steps [][3][]int        `json:"steps,omitempty"`
	Quiz  []Question        `json:"quiz,omitempty"`
}

func newPlayerData(c *Classroom, lang i18n.Lang) playerData {
	d := playerData{Words: map[string]string{}}
	for _, w := range playerWords {
		d.Words[w] = lang.T("views.player." + w)
	}
	if c == nil {
		return d
	}
	index := map[string]int{}
	encode := func(lines []PlayerLine) []int {
		out := make([]int, 0, len(lines))
		for _, l := range lines {
			i, ok := index[l.Text]
			if !ok {
				i = len(d.Lines)
				index[l.Text] = i
				d.Lines = append(d.Lines, l.Text)
			}
			out = append(out, i*8+l.Kind&7)
		}
		return out
	}
	for _, s := range c.Steps {
		d.Steps = append(d.Steps, [3][]int{encode(s.Event), encode(s.Full), encode(s.State)})
	}
	d.Quiz = c.Quiz
	return d
}

// writePlayer writes the player at the end of the page's body: its
// controls, its data and its script (which runs after the page's own).
func writePlayer(b *bytes.Buffer, c *Classroom, lang i18n.Lang) error {
	data, err := json.Marshal(newPlayerData(c, lang)) // escapes <, > and &: safe in a <script>
	if err != nil {
		return err
	}
	b.WriteString(`<nav id="player" class="player" aria-label="` + xmlText(lang.T("views.player.label")) + `"></nav>` + "\n")
	b.WriteString(`<script type="application/json" id="player-data">`)
	b.Write(data)
	b.WriteString("</script>\n<script>\n" + playerJS + "</script>\n")
	return nil
}

// HopChanges says what the element that sent the message of step seq
// changed in the message it forwards (see Markdown): the step it received
// that message at and the changes, one phrase each; 0 and nil when step seq
// forwards nothing.
func HopChanges(t *sim.Trace, seq int, lang i18n.Lang) (int, []string) {
	e := t.Get(seq)
	if e == nil || e.Type != sim.EventMessage || e.Raw == "" {
		return 0, nil
	}
	m, err := sip.Parse([]byte(e.Raw))
	if err != nil {
		return 0, nil
	}
	old, from := forwarded(t, &Row{Event: e, msg: m})
	if old == nil {
		return 0, nil
	}
	return from, diffMessages(old, m, lang).changes
}
