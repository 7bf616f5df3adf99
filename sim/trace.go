package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"
)

// EventType is the kind of a trace event.
type EventType string

// The event types of the trace contract (siplab help trace-format).
const (
	EventMessage EventType = "message" // a SIP message put on a link; Raw is exactly its bytes
	EventLookup  EventType = "lookup"  // a non-SIP exchange: a DNS or location-service query
	EventTimer   EventType = "timer"   // a timer fired (Timer A, B, E…)
	EventState   EventType = "state"   // an element changed state (a transaction, a dialog)
	EventNote    EventType = "note"    // anything else an element wants to explain
)

// Valid reports whether t is one of the five event types.
func (t EventType) Valid() bool {
	switch t {
	case EventMessage, EventLookup, EventTimer, EventState, EventNote:
		return true
	}
	return false
}

// A Reason says why an element acted, and where the RFC says so.
type Reason struct {
	Text Text   // "pushed Via, branch z9hG4bK…", as a catalog text
	RFC  string // "RFC 3261 §16.6 step 8"
}

// An Event is one thing that happened during a run. Its JSON form is
// described at wire.
type Event struct {
	Seq  int           // 1-based, in order of occurrence
	At   time.Duration // virtual time; for a message, when it was sent
	Type EventType

	From, To string // message and lookup events: node names
	Node     string // timer, state and note events: the node concerned
	Summary  Text   // one line: "INVITE sip:bob@biloxi.example.com SIP/2.0"

	Raw     string        // message events: exactly the bytes put on the link
	Dropped bool          // message events: the packet never reached its receiver
	Arrive  time.Duration // message events not dropped: when it reached the receiver

	Notes   []Text   // explanations: why a packet was dropped, what changed…
	Cause   int      // seq of the event that caused this one, 0 = none
	Reasons []Reason // why the element acted

	Transport      string // message events: "UDP" or "TCP" (a capture: also "TLS", "WS", "SCTP")
	Retransmission bool   // message events: set by the sender for its retransmissions
	Frame          int    // message events of a capture: the frame that completed the message
}

// NodeInfo describes a node of the trace: a host, or the pseudo-node "dns".
type NodeInfo struct {
	Name    string `json:"name"`
	Kind    Kind   `json:"kind"`
	Role    Role   `json:"role,omitempty"` // caller or callee, for the lane order
	Address string `json:"address"`
	Host    string `json:"host,omitempty"`   // DNS name: "proxy.biloxi.example.com"
	Domain  string `json:"domain,omitempty"` // the domain it belongs to or serves
	Inside  string `json:"inside,omitempty"` // a NAT's private network: "10.0.0.0/24"
}

// LinkInfo describes a link of the network, for topology views.
type LinkInfo struct {
	A         string  `json:"a"`
	B         string  `json:"b"`
	LatencyMS float64 `json:"latency_ms"`
	JitterMS  float64 `json:"jitter_ms,omitempty"`
	Loss      float64 `json:"loss,omitempty"` // 0..1
	Dup       float64 `json:"dup,omitempty"`  // 0..1
	Transport string  `json:"transport"`
}

// A Trace is the record of a run: who took part and what happened, in order.
// Its JSON form is the trace contract (siplab run --format json; siplab help
// trace-format describes every field);
// the views in package render read it back with ReadTrace.
//
// Every sentence in it is a language-neutral Text; the JSON form writes each
// in English and keeps the catalog key and arguments (or the authored text
// of every language) beside it, so that a stored trace renders in any
// language.
type Trace struct {
	Source string // "" for a lesson, "capture" for a capture file, "lab" for a live lab
	Lesson string
	Title  Text
	Intro  Text // what the lesson shows, Markdown, as its author wrote it
	Seed   uint64
	// LessonFaults are the specs of the faults the lesson itself injects
	// (its faults: field), Faults those a run added to them (--fault), each
	// as given, in order: every kind, node faults included, so that a view
	// of a saved trace names them as the run did.
	LessonFaults []string
	Faults       []string
	Nodes        []NodeInfo
	Links        []LinkInfo
	Events       []Event
}

// AllFaults returns the specs of every fault the run injected: the
// lesson's own, then the ones the run added.
func (t *Trace) AllFaults() []string {
	return append(slices.Clip(t.LessonFaults), t.Faults...)
}

// Node returns the node called name, or nil.
func (t *Trace) Node(name string) *NodeInfo {
	if i := slices.IndexFunc(t.Nodes, func(n NodeInfo) bool { return n.Name == name }); i >= 0 {
		return &t.Nodes[i]
	}
	return nil
}

// Add appends e, numbering it with the next seq, which it returns. It keeps
// e.At as given; Sim.Record stamps the current time.
func (t *Trace) Add(e Event) int {
	e.Seq = len(t.Events) + 1
	if len(t.Events) == cap(t.Events) {
		// Double the capacity: append grows large slices by only a quarter,
		// which for a long run copies the events five times over.
		t.Reserve(max(64, len(t.Events)))
	}
	t.Events = append(t.Events, e)
	return e.Seq
}

// Reserve makes room for n more events, so that a long run does not copy
// its growing trace again and again.
func (t *Trace) Reserve(n int) { t.Events = slices.Grow(t.Events, max(n, 0)) }

// Get returns the event numbered seq, or nil. The pointer is valid until the
// next Add.
func (t *Trace) Get(seq int) *Event {
	if seq < 1 || seq > len(t.Events) {
		return nil
	}
	return &t.Events[seq-1]
}

// Len returns the number of events, which is also the seq of the last one.
func (t *Trace) Len() int { return len(t.Events) }

// String formats the event on one line, for logs, tests and examples:
//
//	#1 0s message alice → bob UDP: hello (arrives 20ms)
//	#2 500ms timer alice: Timer A fired [retransmit INVITE]
func (e Event) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %v %s ", e.Seq, e.At, e.Type)
	switch {
	case e.From != "" || e.To != "":
		fmt.Fprintf(&b, "%s → %s", e.From, e.To)
	default:
		b.WriteString(e.Node)
	}
	if e.Transport != "" {
		b.WriteString(" " + e.Transport)
	}
	b.WriteString(": " + e.Summary.String())
	if e.Type == EventMessage {
		if e.Dropped {
			b.WriteString(" (dropped)")
		} else {
			fmt.Fprintf(&b, " (arrives %v)", e.Arrive)
		}
	}
	if len(e.Notes) > 0 {
		notes := make([]string, len(e.Notes))
		for i, n := range e.Notes {
			notes[i] = n.String()
		}
		b.WriteString(" [" + strings.Join(notes, "; ") + "]")
	}
	return b.String()
}

// traceJSON is the wire form of a Trace; the field order is the
// contract's, then the extensions.
type traceJSON struct {
	Source    string `json:"source,omitempty"`
	Lesson    string `json:"lesson"`
	Title     string `json:"title"`
	TitleText *Text  `json:"title_text,omitempty"`
	Intro     *Text  `json:"intro,omitempty"`
	Seed      uint64 `json:"seed"`
	// The extensions: the faults injected (see Trace).
	LessonFaults []string    `json:"lesson_faults,omitempty"`
	Faults       []string    `json:"faults,omitempty"`
	Nodes        []NodeInfo  `json:"nodes"`
	Links        []LinkInfo  `json:"links,omitempty"`
	Events       []eventJSON `json:"events"`
}

// eventJSON is the wire form of an Event; the field order is the contract's,
// then the extensions.
type eventJSON struct {
	Seq            int          `json:"seq"`
	AtMS           float64      `json:"at_ms"`
	Type           EventType    `json:"type"`
	From           string       `json:"from,omitempty"`
	To             string       `json:"to,omitempty"`
	Node           string       `json:"node,omitempty"`
	Summary        string       `json:"summary"`
	Key            string       `json:"key,omitempty"`
	Args           []string     `json:"args,omitempty"`
	Raw            *string      `json:"raw,omitempty"`
	Dropped        *bool        `json:"dropped,omitempty"`
	Notes          []string     `json:"notes,omitempty"`
	NoteTexts      []Text       `json:"note_texts,omitempty"`
	ArriveMS       *float64     `json:"arrive_ms,omitempty"`
	Transport      string       `json:"transport,omitempty"`
	Retransmission bool         `json:"retransmission,omitempty"`
	Frame          int          `json:"frame,omitempty"`
	Cause          int          `json:"cause,omitempty"`
	Reasons        []reasonJSON `json:"reasons,omitempty"`
}

// reasonJSON is the wire form of a Reason.
type reasonJSON struct {
	Text string   `json:"text"`
	RFC  string   `json:"rfc,omitempty"`
	Key  string   `json:"key,omitempty"`
	Args []string `json:"args,omitempty"`
}

// wire encodes the event as the trace contract says:
//
//	{"seq":1,"at_ms":0,"type":"message","from":"alice","to":"bob",
//	 "summary":"…","raw":"…","dropped":false,"notes":["…"]}
//
// Every sentence is written in English by en; beside a catalog text stand
// its key and arguments ("key", "args" for the summary; "key", "args" in
// each reason; "note_texts" for the notes, written when one of them is not
// a literal), so that a view can translate it. at_ms is a float64 number of
// milliseconds: integral times print as integers (500), others with their
// fraction (12.5). Message events always carry raw and dropped; other events
// carry them only when set. from, to, node and notes are omitted when empty.
// The extensions are omitted when empty: arrive_ms (message events that
// arrived: the arrival time, in the same unit as at_ms), transport,
// retransmission, frame (a capture's), cause and reasons.
func (e *Event) wire(en Translator) eventJSON {
	w := eventJSON{
		Seq:            e.Seq,
		AtMS:           toMS(e.At),
		Type:           e.Type,
		From:           e.From,
		To:             e.To,
		Node:           e.Node,
		Summary:        en.Text(e.Summary),
		Key:            e.Summary.Key,
		Args:           e.Summary.Args,
		Transport:      e.Transport,
		Retransmission: e.Retransmission,
		Frame:          e.Frame,
		Cause:          e.Cause,
	}
	if len(e.Notes) > 0 {
		w.Notes = make([]string, len(e.Notes))
		literal := true
		for i, n := range e.Notes {
			w.Notes[i] = en.Text(n)
			literal = literal && n.IsLiteral()
		}
		if !literal {
			w.NoteTexts = e.Notes
		}
	}
	for _, r := range e.Reasons {
		w.Reasons = append(w.Reasons, reasonJSON{Text: en.Text(r.Text), RFC: r.RFC, Key: r.Text.Key, Args: r.Text.Args})
	}
	if e.Type == EventMessage || e.Raw != "" {
		w.Raw = &e.Raw
	}
	if e.Type == EventMessage || e.Dropped {
		w.Dropped = &e.Dropped
	}
	if e.Type == EventMessage && !e.Dropped {
		a := toMS(e.Arrive)
		w.ArriveMS = &a
	}
	return w
}

// event decodes the form wire writes. A sentence without a key (or a
// trace written by another tool) becomes a literal.
func (w *eventJSON) event() Event {
	e := Event{
		Seq:            w.Seq,
		At:             fromMS(w.AtMS),
		Type:           w.Type,
		From:           w.From,
		To:             w.To,
		Node:           w.Node,
		Summary:        neutral(w.Summary, w.Key, w.Args),
		Transport:      w.Transport,
		Retransmission: w.Retransmission,
		Frame:          w.Frame,
		Cause:          w.Cause,
	}
	if len(w.NoteTexts) == len(w.Notes) && len(w.Notes) > 0 {
		e.Notes = w.NoteTexts
	} else {
		e.Notes = Lits(w.Notes...)
	}
	for _, r := range w.Reasons {
		e.Reasons = append(e.Reasons, Reason{Text: neutral(r.Text, r.Key, r.Args), RFC: r.RFC})
	}
	if w.Raw != nil {
		e.Raw = *w.Raw
	}
	if w.Dropped != nil {
		e.Dropped = *w.Dropped
	}
	if w.ArriveMS != nil {
		e.Arrive = fromMS(*w.ArriveMS)
	}
	return e
}

// neutral is the Text that an English sentence and its key came from.
func neutral(english, key string, args []string) Text {
	if key == "" {
		return Lit(english)
	}
	return Text{Key: key, Args: args}
}

// WriteJSON writes the trace as indented JSON (two spaces) followed by a
// newline, its sentences in English by en (the views' English catalog)
// with their keys and arguments beside them: the same trace gives the same
// bytes whatever language a view uses. Characters such as < > & stay as
// they are, since raw SIP is full of them; the output is for files and
// tools, not for embedding in HTML.
func (t *Trace) WriteJSON(w io.Writer, en Translator) error {
	tj := traceJSON{
		Source:       t.Source,
		Lesson:       t.Lesson,
		Title:        en.Text(t.Title),
		Seed:         t.Seed,
		LessonFaults: t.LessonFaults,
		Faults:       t.Faults,
		Nodes:        t.Nodes,
		Links:        t.Links,
		Events:       make([]eventJSON, len(t.Events)),
	}
	if !t.Title.IsLiteral() {
		tj.TitleText = &t.Title
	}
	if !t.Intro.IsZero() {
		tj.Intro = &t.Intro
	}
	if tj.Nodes == nil {
		tj.Nodes = []NodeInfo{}
	}
	for i := range t.Events {
		tj.Events[i] = t.Events[i].wire(en)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(tj); err != nil {
		return fmt.Errorf("sim: write trace: %w", err)
	}
	return nil
}

// ReadTrace reads a trace written by WriteJSON (or any JSON of the same
// shape; unknown fields are ignored, so later extensions do not break old
// readers). It checks that events are numbered 1, 2, 3… and have a known
// type, and reads at most MaxTraceFile bytes.
func ReadTrace(r io.Reader) (*Trace, error) { return readTrace(r, MaxTraceFile) }

// readTrace is ReadTrace with a limit of limit bytes.
func readTrace(r io.Reader, limit int) (*Trace, error) {
	var tj traceJSON
	lr := &io.LimitedReader{R: r, N: int64(limit) + 1}
	err := json.NewDecoder(lr).Decode(&tj)
	if lr.N <= 0 { // it read past the limit
		err = &TooLargeError{Limit: limit, What: "a trace file"}
	}
	if err != nil {
		return nil, fmt.Errorf("sim: read trace: %w", err)
	}
	t := &Trace{Source: tj.Source, Lesson: tj.Lesson, Title: Lit(tj.Title), Seed: tj.Seed,
		LessonFaults: tj.LessonFaults, Faults: tj.Faults, Nodes: tj.Nodes, Links: tj.Links,
		Events: make([]Event, len(tj.Events))}
	if tj.TitleText != nil {
		t.Title = *tj.TitleText
	}
	if tj.Intro != nil {
		t.Intro = *tj.Intro
	}
	for i := range tj.Events {
		e := tj.Events[i].event()
		if e.Seq != i+1 {
			return nil, fmt.Errorf("sim: read trace: event %d has seq %d, want %d", i+1, e.Seq, i+1)
		}
		if !e.Type.Valid() {
			return nil, fmt.Errorf("sim: read trace: event %d: unknown type %q", e.Seq, e.Type)
		}
		t.Events[i] = e
	}
	return t, nil
}

// A JSONObject is one kind of object of the trace's JSON form and the
// names of its fields, in order.
type JSONObject struct {
	Name   string // "trace", "nodes", "links", "events", "reasons"
	Fields []string
}

// TraceJSONFields lists the objects of the trace's JSON form with their
// fields, read from the JSON tags of the types that write it, for the
// reference page (siplab help trace-format).
func TraceJSONFields() []JSONObject {
	return []JSONObject{{"trace", jsonNames(traceJSON{})}, {"nodes", jsonNames(NodeInfo{})},
		{"links", jsonNames(LinkInfo{})}, {"events", jsonNames(eventJSON{})}, {"reasons", jsonNames(reasonJSON{})}}
}

// jsonNames are the JSON names of the fields of struct v.
func jsonNames(v any) []string {
	t := reflect.TypeOf(v)
	var out []string
	for i := range t.NumField() {
		if name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); name != "" && name != "-" {
			out = append(out, name)
		}
	}
	return out
}

// marshal is json.Marshal without HTML escaping: raw SIP messages are full
// of <sip:…> and would otherwise read as \u003csip:…\u003e.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func toMS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func fromMS(ms float64) time.Duration {
	return time.Duration(math.Round(ms * float64(time.Millisecond)))
}
