package lessons

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"gopkg.in/yaml.v3"
)

// A lesson file is Markdown with YAML front matter:
//
//	---
//	id: proxy-call
//	title: {en: "…", zh: "…"}
//	summary: {en: "…", zh: "…"}
//	nodes:
//	  - {name: alice, kind: ua, host: client.atlanta.example.com, address: "192.0.2.101:5060", …}
//	dns:
//	  - "_sip._udp.biloxi.example.com SRV 10 60 5060 ss1.biloxi.example.com"
//	links:
//	  - {between: [alice, proxy], latency: 10ms, loss: 0, transport: UDP}
//	script:
//	  - {at: 1s, node: alice, do: call, target: "sip:bob@biloxi.example.com", hangup_after: 3s}
//	faults: ["respond:bob=486"]
//	notes:
//	  - {match: "INVITE@proxy>bob", en: "… {Max-Forwards} …", zh: "…"}
//	quiz:
//	  - question: {en: "…", zh: "…"}
//	    choices: [{en: "…", zh: "…"}, {en: "…", zh: "…"}]
//	    answer: 2                      # the right choice, from 1
//	    explain: {en: "…", zh: "…"}
//	    rfc: "RFC 3261 §16.6"
//	---
//	<!-- en -->
//	The narrative, in English…
//	<!-- zh -->
//	中文的叙述……
//
// A note's {Header-Name} is replaced by that header of the message it is
// attached to (sim.FillHeaders). The body is the lesson's narrative; the comments <!-- en --> and
// <!-- zh --> mark its languages (text before any marker is English).
// ParseFile reports every problem it finds, each with the file, the line
// and the field.

// FileError is one problem in a lesson file.
type FileError struct {
	File  string
	Line  int
	Field string // "nodes[2].kind"; "" for the file as a whole
	Msg   string

	col int // orders the problems of one line
}

func (e *FileError) Error() string {
	where := e.File
	if e.Line > 0 {
		where += ":" + strconv.Itoa(e.Line)
	}
	return where + ": " + Problem{e.Field, e.Msg}.String()
}

// FileErrors is every problem of one file.
type FileErrors []*FileError

func (es FileErrors) Error() string {
	var lines []string
	for _, e := range es {
		lines = append(lines, e.Error())
	}
	return strings.Join(lines, "\n")
}

// fileDecoder walks the YAML tree, keeping the line of each field.
type fileDecoder struct {
	file  string
	errs  FileErrors
	lines map[string]filePos // field path → place: "nodes[2].kind" → line 18
}

// frontOffset is the lines of the file before the front matter's first:
// the opening "---".
const frontOffset = 1

// filePos is where a field is in the file.
type filePos struct{ line, col int }

// at records the place of the field at path.
func (d *fileDecoder) at(n *yaml.Node, path string) {
	if _, ok := d.lines[path]; !ok {
		d.lines[path] = filePos{n.Line + frontOffset, n.Column}
	}
}

func (d *fileDecoder) errorf(n *yaml.Node, field, format string, args ...any) {
	e := &FileError{File: d.file, Field: field, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.col = n.Line+frontOffset, n.Column
	}
	d.errs = append(d.errs, e)
}

// fields checks that a mapping node has only known keys and returns them.
func (d *fileDecoder) fields(n *yaml.Node, path string, known ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	d.at(n, path)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "expected a mapping (key: value lines)")
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		field := join(path, k.Value)
		d.at(v, field)
		if !slices.Contains(known, k.Value) {
			d.errorf(k, field, "unknown field (known: %s)", strings.Join(slices.Sorted(slices.Values(known)), ", "))
			continue
		}
		if _, dup := out[k.Value]; dup {
			d.errorf(k, field, "given twice")
			continue
		}
		out[k.Value] = v
	}
	return out
}

// join adds a field or a key to a path; a key that is not a plain word (a
// binding's address of record, a key holding a control character) is
// quoted: bindings["sip:bob@biloxi.example.com"].
func join(path, key string) string {
	switch {
	case !plainKey.MatchString(key):
		return path + "[" + strconv.Quote(key) + "]"
	case path == "":
		return key
	}
	return path + "." + key
}

var plainKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func (d *fileDecoder) str(n *yaml.Node, field string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, field, "expected a single value")
		return ""
	}
	return n.Value
}

// word reads a field that takes one of a few words, or nothing (""); any
// other value is reported with the hint of what to use.
func (d *fileDecoder) word(n *yaml.Node, field, hint string, words ...string) string {
	w := d.str(n, field)
	if w != "" && !slices.Contains(words, w) {
		d.errorf(n, field, "%q: use %s", w, hint)
		return ""
	}
	return w
}

func (d *fileDecoder) boolean(n *yaml.Node, field string) bool {
	if n == nil {
		return false
	}
	switch d.str(n, field) {
	case "true", "yes":
		return true
	case "false", "no":
		return false
	}
	d.errorf(n, field, "%q is not true or false", n.Value)
	return false
}

func (d *fileDecoder) integer(n *yaml.Node, field string, lo, hi int) int {
	if n == nil {
		return 0
	}
	v, err := strconv.Atoi(d.str(n, field))
	if err != nil || v < lo || v > hi {
		d.errorf(n, field, "%q is not a whole number from %d to %d", n.Value, lo, hi)
		return 0
	}
	return v
}

// durationSyntax is what time.ParseDuration reads; a string of this form
// that it refuses is too long for a time.Duration.
var durationSyntax = regexp.MustCompile(`^[-+]?(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$`)

func (d *fileDecoder) duration(n *yaml.Node, field string) time.Duration {
	if n == nil {
		return 0
	}
	s := d.str(n, field)
	if s == "0" {
		return 0
	}
	v, err := time.ParseDuration(s) // its range is the lesson's rule (Problems)
	switch {
	case err != nil && durationSyntax.MatchString(s):
		d.errorf(n, field, "%q is out of range: durations go from 0 to %v", s, sim.MaxDuration)
		return 0
	case err != nil:
		d.errorf(n, field, "%q is not a duration such as 500ms, 2s or 1m30s", s)
		return 0
	}
	return v
}

func (d *fileDecoder) percent(n *yaml.Node, field string) float64 {
	if n == nil {
		return 0
	}
	s := strings.TrimSuffix(d.str(n, field), "%")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 || v > 100 {
		d.errorf(n, field, "%q is not a percentage from 0 to 100", n.Value)
		return 0
	}
	return v / 100
}

func (d *fileDecoder) list(n *yaml.Node, field string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, field, "expected a list")
		return nil
	}
	for i, item := range n.Content {
		d.at(item, fmt.Sprintf("%s[%d]", field, i+1))
	}
	return n.Content
}

func (d *fileDecoder) strings(n *yaml.Node, field string) []string {
	var out []string
	for i, v := range d.list(n, field) {
		out = append(out, d.str(v, fmt.Sprintf("%s[%d]", field, i+1)))
	}
	return out
}

func (d *fileDecoder) stringMap(n *yaml.Node, field string) map[string]string {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, field, "expected a mapping")
		return nil
	}
	out := map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		d.at(k, join(field, k.Value))
		out[k.Value] = d.str(n.Content[i+1], join(field, k.Value))
	}
	return out
}

// text reads {en: …, zh: …}.
func (d *fileDecoder) text(n *yaml.Node, field string) Text {
	if n == nil {
		return Text{}
	}
	f := d.fields(n, field, textFields...)
	return Text{EN: d.str(f["en"], field+".en"), ZH: d.str(f["zh"], field+".zh")}
}

// The fields of each part of a lesson file, as the decoder knows them;
// any other is reported as unknown. FileFields lists them for the
// reference page (siplab help lesson-format).
var (
	topFields  = []string{"id", "title", "summary", "nodes", "dns", "links", "script", "faults", "notes", "quiz"}
	textFields = []string{"en", "zh"}
	linkFields = []string{"between", "latency", "jitter", "loss", "transport"}
	noteFields = []string{"match", "en", "zh"}
	quizFields = []string{"question", "choices", "answer", "explain", "rfc"}
)

var nodeFields = []string{
	"name", "kind", "host", "address", "domain", "serves", "location",
	"user", "display", "password", "outbound", "alert_after", "ring", "reject", "no_answer", "queued", "codecs", "hide_via", "congestion_safe", "delayed_offer", "100rel", "voice_messages", "users",
	"record_route", "auth", "realm", "qop", "algorithm", "min_expires", "max_expires", "date", "rport", "bindings",
	"forking", "branch_timeout", "alg", "keepalive", "keepalives", "channels", "session_expires", "min_se",
	"inside", "timeout", "sips",
}

var actionFields = []string{"at", "node", "do", "target", "to", "expires", "hangup_after", "cancel_after", "content_type", "body", "codecs", "q", "status", "event", "peer", "address"}

// A FieldGroup is one part of a lesson file and the fields it may have,
// in the order of the reference page.
type FieldGroup struct {
	Name   string // "" for the top level, else the field that holds the part: "nodes", "title"
	Fields []string
}

// FileFields lists every part of a lesson file with its fields: the top
// level, the bilingual texts (title, summary), a node, a link, a script
// action, a note and a quiz question.
func FileFields() []FieldGroup {
	return []FieldGroup{{"", topFields}, {"title", textFields}, {"nodes", nodeFields}, {"links", linkFields},
		{"script", actionFields}, {"notes", noteFields}, {"quiz", quizFields}}
}

// MaxFileSize is the largest lesson file ParseFile and Load read: 1 MiB. A
// lesson written by hand is a few KiB; 1 MiB is a script of 10,000 calls.
const MaxFileSize = 1 << 20

// ParseFile reads a lesson file. name is used in error messages. Every
// problem is reported, each at its line: what only the file's syntax can
// get wrong (a value that is not a duration, an unknown field, a fault spec
// that does not parse), then what the lesson's rules say (Lesson.Problems),
// sorted by line.
func ParseFile(name string, data []byte) (*Lesson, error) {
	if len(data) > MaxFileSize {
		return nil, FileErrors{{File: name, Msg: (&sim.TooLargeError{Limit: MaxFileSize, What: "a lesson file"}).Error()}}
	}
	d := &fileDecoder{file: name, lines: map[string]filePos{}}
	front, body, err := splitFrontMatter(data)
	if err != nil {
		return nil, FileErrors{{File: name, Line: 1, Msg: err.Error()}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(front, &root); err != nil {
		line, msg := yamlError(err)
		return nil, FileErrors{{File: name, Line: line + frontOffset, Msg: "front matter is not valid YAML: " + msg}}
	}
	if len(root.Content) == 0 {
		return nil, FileErrors{{File: name, Line: 1 + frontOffset, Msg: "the front matter is empty"}}
	}
	top := d.fields(root.Content[0], "", topFields...)
	l := &Lesson{
		ID:      d.str(top["id"], "id"),
		Title:   d.text(top["title"], "title"),
		Summary: d.text(top["summary"], "summary"),
		Intro:   splitBody(body),
		File:    name,
	}
	for i, n := range d.list(top["nodes"], "nodes") {
		l.Nodes = append(l.Nodes, d.node(n, fmt.Sprintf("nodes[%d]", i+1)))
	}
	for i, n := range d.list(top["dns"], "dns") {
		path := fmt.Sprintf("dns[%d]", i+1)
		text := d.str(n, path)
		if n.Kind != yaml.ScalarNode {
			continue // reported
		}
		r, err := sim.ParseRecord(text)
		if err != nil {
			d.errorf(n, path, "%v", err)
			continue
		}
		l.DNS = append(l.DNS, r)
	}
	for i, n := range d.list(top["links"], "links") {
		path := fmt.Sprintf("links[%d]", i+1)
		f := d.fields(n, path, linkFields...)
		between := d.strings(f["between"], path+".between")
		lk := Link{Latency: d.duration(f["latency"], path+".latency"), Jitter: d.duration(f["jitter"], path+".jitter"),
			Loss: d.percent(f["loss"], path+".loss"), Transport: strings.ToUpper(d.str(f["transport"], path+".transport"))}
		if len(between) != 2 {
			d.errorf(n, path+".between", "name the two nodes the link joins: [alice, proxy]")
		} else {
			lk.A, lk.B = between[0], between[1]
		}
		l.Links = append(l.Links, lk)
	}
	for i, n := range d.list(top["script"], "script") {
		path := fmt.Sprintf("script[%d]", i+1)
		f := d.fields(n, path, actionFields...)
		l.Script = append(l.Script, Action{
			At: d.duration(f["at"], path+".at"), Node: d.str(f["node"], path+".node"), Do: d.str(f["do"], path+".do"),
			Target: d.str(f["target"], path+".target"), Expires: d.integer(f["expires"], path+".expires", 0, 1<<31-1),
			HangupAfter: d.duration(f["hangup_after"], path+".hangup_after"), CancelAfter: d.duration(f["cancel_after"], path+".cancel_after"),
			To: d.str(f["to"], path+".to"), ContentType: d.str(f["content_type"], path+".content_type"), Body: d.str(f["body"], path+".body"),
			Codecs: d.strings(f["codecs"], path+".codecs"), Q: d.str(f["q"], path+".q"),
			Status: d.str(f["status"], path+".status"), Event: d.str(f["event"], path+".event"), Peer: d.str(f["peer"], path+".peer"),
			Address: d.str(f["address"], path+".address"),
		})
	}
	for i, n := range d.list(top["faults"], "faults") {
		path := fmt.Sprintf("faults[%d]", i+1)
		spec := d.str(n, path)
		f, err := sim.ParseFault(spec)
		if err != nil {
			d.errorf(n, path, "%v", err)
			f = sim.Fault{Spec: spec} // no Kind: the rules skip it
		}
		l.Faults = append(l.Faults, f)
	}
	for i, n := range d.list(top["notes"], "notes") {
		path := fmt.Sprintf("notes[%d]", i+1)
		f := d.fields(n, path, noteFields...)
		note := StepNote{Text: Text{EN: d.str(f["en"], path+".en"), ZH: d.str(f["zh"], path+".zh")}}
		if s := d.str(f["match"], path+".match"); s != "" {
			m, err := sim.ParseMatch(s)
			if err != nil {
				d.errorf(f["match"], path+".match", "%q: %v", s, err)
			}
			note.Match = m
		}
		l.Notes = append(l.Notes, note)
	}
	for i, n := range d.list(top["quiz"], "quiz") {
		path := fmt.Sprintf("quiz[%d]", i+1)
		f := d.fields(n, path, quizFields...)
		q := Question{Question: d.text(f["question"], path+".question"), Explain: d.text(f["explain"], path+".explain"),
			Answer: d.integer(f["answer"], path+".answer", 1, 26), RFC: d.str(f["rfc"], path+".rfc")}
		for j, c := range d.list(f["choices"], path+".choices") {
			q.Choices = append(q.Choices, d.text(c, fmt.Sprintf("%s.choices[%d]", path, j+1)))
		}
		l.Quiz = append(l.Quiz, q)
	}
	l.lines = d.lines
	errs := d.errs
	for _, p := range l.Problems() {
		if !d.reported(p.Path) {
			errs = append(errs, l.Locate(p))
		}
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(a, b *FileError) int { return cmp.Or(a.Line-b.Line, a.col-b.col) })
		return nil, errs
	}
	return l, nil
}

// reported tells whether the decoder has reported a problem at path, or
// at a field that holds it or that it holds: a field gets one problem, not
// the consequences of its first one.
func (d *fileDecoder) reported(path string) bool {
	within := func(inner, outer string) bool {
		return inner == outer || outer == "" ||
			strings.HasPrefix(inner, outer) && (inner[len(outer)] == '.' || inner[len(outer)] == '[')
	}
	for _, e := range d.errs {
		if within(path, e.Field) || within(e.Field, path) {
			return true
		}
	}
	return false
}

// Locate puts a problem of a lesson read from a file on its line: the
// line of its field, or of the nearest field that holds it (the list
// entry of a missing field, the front matter for a missing top-level
// one). The line is 0 for a lesson that was not read from a file.
func (l *Lesson) Locate(p Problem) *FileError {
	e := &FileError{File: l.File, Field: p.Path, Msg: p.Msg}
	for path := p.Path; l.lines != nil; path = parentPath(path) {
		if pos, ok := l.lines[path]; ok || path == "" {
			e.Line, e.col = pos.line, pos.col
			break
		}
	}
	return e
}

// parentPath cuts the last step off a field path: nodes[2].kind →
// nodes[2] → nodes → "".
func parentPath(path string) string {
	if i := strings.LastIndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return ""
}

func (d *fileDecoder) node(n *yaml.Node, path string) Node {
	f := d.fields(n, path, nodeFields...)
	s := func(k string) string { return d.str(f[k], path+"."+k) }
	node := Node{
		Name: s("name"), Kind: sim.Kind(s("kind")), Host: s("host"), Address: s("address"), Domain: s("domain"),
		Serves: d.boolean(f["serves"], path+".serves"), Location: s("location"),
		User: s("user"), Display: s("display"), Password: s("password"), Outbound: s("outbound"),
		AlertAfter: d.duration(f["alert_after"], path+".alert_after"), RingFor: d.duration(f["ring"], path+".ring"), NoAnswer: d.boolean(f["no_answer"], path+".no_answer"),
		Queued: d.integer(f["queued"], path+".queued", 0, 10), Codecs: d.strings(f["codecs"], path+".codecs"),
		HideVia: d.boolean(f["hide_via"], path+".hide_via"), CongestionSafe: d.boolean(f["congestion_safe"], path+".congestion_safe"), DelayedOffer: d.boolean(f["delayed_offer"], path+".delayed_offer"), RPort: d.boolean(f["rport"], path+".rport"),
		Rel100:        d.boolean(f["100rel"], path+".100rel"),
		Keepalive:     d.duration(f["keepalive"], path+".keepalive"),
		Keepalives:    d.integer(f["keepalives"], path+".keepalives", 1, 100),
		Channels:      d.strings(f["channels"], path+".channels"),
		VoiceMessages: s("voice_messages"),
		Users:         d.stringMap(f["users"], path+".users"),
		MinExpires:    d.integer(f["min_expires"], path+".min_expires", 0, 1<<31-1),
		MaxExpires:    d.integer(f["max_expires"], path+".max_expires", 0, 1<<31-1),
		RecordRoute:   d.boolean(f["record_route"], path+".record_route"), Bindings: d.stringMap(f["bindings"], path+".bindings"),
		SessionExpires: time.Duration(d.integer(f["session_expires"], path+".session_expires", 0, 1<<31-1)) * time.Second,
		MinSE:          time.Duration(d.integer(f["min_se"], path+".min_se", 0, 1<<31-1)) * time.Second,
		Inside:         s("inside"), Timeout: d.duration(f["timeout"], path+".timeout"), SIPS: d.boolean(f["sips"], path+".sips"),
	}
	if f["reject"] != nil {
		node.AnswerCode = d.integer(f["reject"], path+".reject", 300, 699)
	}
	auth := d.word(f["auth"], path+".auth", "401 (WWW-Authenticate) or 407 (Proxy-Authenticate)", "401", "www", "407", "proxy")
	node.ProxyAuth = auth == "407" || auth == "proxy"
	node.NoQOP = d.word(f["qop"], path+".qop", "auth or none", "auth", "none") == "none"
	node.Realm = s("realm")
	node.Algorithm = d.word(f["algorithm"], path+".algorithm", "MD5 or SHA-256", "MD5", "SHA-256")
	node.Sequential = d.word(f["forking"], path+".forking", "parallel or sequential", "parallel", "sequential") == "sequential"
	node.BranchTimeout = d.duration(f["branch_timeout"], path+".branch_timeout")
	node.ALG = d.boolean(f["alg"], path+".alg")
	node.GBDate = d.word(f["date"], path+".date", "rfc1123 or gb28181", "rfc1123", "gb28181") == "gb28181"
	return node
}

// splitFrontMatter cuts the file into the YAML between the first two "---"
// lines and the Markdown after them.
func splitFrontMatter(data []byte) (front, body []byte, err error) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, nil, errors.New("a lesson file starts with a line \"---\", then the YAML front matter, then \"---\"")
	}
	rest := data[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(rest, []byte("\n---")) {
			return rest[:len(rest)-4], nil, nil
		}
		return nil, nil, errors.New("the front matter has no closing \"---\" line")
	}
	return rest[:end+1], rest[end+5:], nil
}

// splitBody separates the narrative's languages at <!-- en --> and
// <!-- zh --> markers.
func splitBody(body []byte) Text {
	var en, zh strings.Builder
	lang := &en
	for _, line := range strings.Split(string(body), "\n") {
		switch strings.TrimSpace(line) {
		case "<!-- en -->":
			lang = &en
		case "<!-- zh -->":
			lang = &zh
		default:
			lang.WriteString(line + "\n")
		}
	}
	return Text{EN: strings.TrimSpace(en.String()), ZH: strings.TrimSpace(zh.String())}
}

// yamlError splits a yaml.v3 error into the line it names (0 for none) and
// its message without "yaml: line N: ".
func yamlError(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			line, _ = strconv.Atoi(n)
			msg = after
		}
	}
	return line, msg
}
