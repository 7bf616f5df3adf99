package lessons

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
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
//	links:
//	  - {between: [alice, proxy], latency: 10ms, loss: 0, transport: UDP}
//	script:
//	  - {at: 1s, node: alice, do: call, target: "sip:bob@biloxi.example.com", hangup_after: 3s}
//	faults: ["respond:bob=486"]
//	notes:
//	  - {match: "INVITE@proxy>bob", en: "…", zh: "…"}
//	---
//	<!-- en -->
//	The narrative, in English…
//	<!-- zh -->
//	中文的叙述……
//
// The body is the lesson's narrative; the comments <!-- en --> and
// <!-- zh --> mark its languages (text before any marker is English).
// ParseFile reports every problem it finds, each with the file, the line
// and the field.

// FileError is one problem in a lesson file.
type FileError struct {
	File  string
	Line  int
	Field string // "nodes[2].kind"; "" for the file as a whole
	Msg   string
}

func (e *FileError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return b.String()
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

// fileDecoder walks the YAML tree, keeping the position of each field.
type fileDecoder struct {
	file   string
	offset int // lines before the front matter's first line
	errs   FileErrors
}

func (d *fileDecoder) errorf(n *yaml.Node, field, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line + d.offset
	}
	d.errs = append(d.errs, &FileError{File: d.file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// fields checks that a mapping node has only known keys and returns them.
func (d *fileDecoder) fields(n *yaml.Node, path string, known ...string) map[string]*yaml.Node {
	out := map[string]*yaml.Node{}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "expected a mapping (key: value lines)")
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		field := join(path, k.Value)
		if !contains(known, k.Value) {
			d.errorf(k, field, "unknown field (known: %s)", strings.Join(sorted(known), ", "))
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

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sorted(list []string) []string {
	out := append([]string(nil), list...)
	sort.Strings(out)
	return out
}

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

func (d *fileDecoder) duration(n *yaml.Node, field string) time.Duration {
	if n == nil {
		return 0
	}
	s := d.str(n, field)
	if s == "0" {
		return 0
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
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
		out[n.Content[i].Value] = d.str(n.Content[i+1], join(field, n.Content[i].Value))
	}
	return out
}

// text reads {en: …, zh: …}; both languages are required.
func (d *fileDecoder) text(n *yaml.Node, field string) Text {
	if n == nil {
		return Text{}
	}
	f := d.fields(n, field, "en", "zh")
	t := Text{EN: d.str(f["en"], field+".en"), ZH: d.str(f["zh"], field+".zh")}
	if n.Kind == yaml.MappingNode && (t.EN == "" || t.ZH == "") {
		d.errorf(n, field, "needs both languages: en and zh")
	}
	return t
}

var nodeFields = []string{
	"name", "kind", "host", "address", "domain", "serves", "location",
	"user", "display", "password", "outbound", "ring", "reject", "no_answer", "queued", "codecs", "hide_via", "users",
	"record_route", "auth", "qop", "bindings",
}

var actionFields = []string{"at", "node", "do", "target", "expires", "hangup_after", "cancel_after", "content_type", "body", "codecs"}

// ParseFile reads a lesson file. name is used in error messages.
func ParseFile(name string, data []byte) (*Lesson, error) {
	d := &fileDecoder{file: name}
	front, body, frontLine, err := splitFrontMatter(data)
	if err != nil {
		return nil, FileErrors{{File: name, Line: 1, Msg: err.Error()}}
	}
	d.offset = frontLine - 1
	var root yaml.Node
	if err := yaml.Unmarshal(front, &root); err != nil {
		return nil, FileErrors{{File: name, Line: yamlErrorLine(err) + d.offset, Msg: "front matter is not valid YAML: " + yamlErrorText(err)}}
	}
	if len(root.Content) == 0 {
		return nil, FileErrors{{File: name, Line: frontLine, Msg: "the front matter is empty"}}
	}
	top := d.fields(root.Content[0], "", "id", "title", "summary", "nodes", "links", "script", "faults", "notes")
	l := &Lesson{
		ID:      d.str(top["id"], "id"),
		Title:   d.text(top["title"], "title"),
		Summary: d.text(top["summary"], "summary"),
		Intro:   splitBody(body),
		File:    name,
	}
	if l.ID != "" && !idPattern.MatchString(l.ID) {
		d.errorf(top["id"], "id", "%q: use lower-case letters, digits and '-', starting with a letter", l.ID)
	}
	for _, req := range []string{"id", "title", "summary", "nodes"} {
		if top[req] == nil {
			d.errorf(root.Content[0], req, "missing")
		}
	}
	var pos positions
	for i, n := range d.list(top["nodes"], "nodes") {
		node, f := d.node(n, fmt.Sprintf("nodes[%d]", i+1))
		l.Nodes = append(l.Nodes, node)
		pos.nodes = append(pos.nodes, posOf{n, f})
	}
	for i, n := range d.list(top["links"], "links") {
		path := fmt.Sprintf("links[%d]", i+1)
		f := d.fields(n, path, "between", "latency", "jitter", "loss", "transport")
		between := d.strings(f["between"], path+".between")
		lk := Link{Latency: d.duration(f["latency"], path+".latency"), Jitter: d.duration(f["jitter"], path+".jitter"),
			Loss: d.percent(f["loss"], path+".loss"), Transport: strings.ToUpper(d.str(f["transport"], path+".transport"))}
		if len(between) != 2 {
			d.errorf(n, path+".between", "name the two nodes the link joins: [alice, proxy]")
		} else {
			lk.A, lk.B = between[0], between[1]
		}
		l.Links = append(l.Links, lk)
		pos.links = append(pos.links, posOf{n, f})
	}
	for i, n := range d.list(top["script"], "script") {
		path := fmt.Sprintf("script[%d]", i+1)
		f := d.fields(n, path, actionFields...)
		l.Script = append(l.Script, Action{
			At: d.duration(f["at"], path+".at"), Node: d.str(f["node"], path+".node"), Do: d.str(f["do"], path+".do"),
			Target: d.str(f["target"], path+".target"), Expires: d.integer(f["expires"], path+".expires", 0, 1<<31-1),
			HangupAfter: d.duration(f["hangup_after"], path+".hangup_after"), CancelAfter: d.duration(f["cancel_after"], path+".cancel_after"),
			ContentType: d.str(f["content_type"], path+".content_type"), Body: d.str(f["body"], path+".body"),
			Codecs: d.strings(f["codecs"], path+".codecs"),
		})
		pos.script = append(pos.script, posOf{n, f})
	}
	l.Faults = d.strings(top["faults"], "faults")
	pos.faults = d.list(top["faults"], "faults")
	for i, n := range d.list(top["notes"], "notes") {
		path := fmt.Sprintf("notes[%d]", i+1)
		f := d.fields(n, path, "match", "en", "zh")
		note := StepNote{Match: d.str(f["match"], path+".match"), Text: Text{EN: d.str(f["en"], path+".en"), ZH: d.str(f["zh"], path+".zh")}}
		if _, err := sim.ParseMatch(note.Match); err != nil && f["match"] != nil {
			d.errorf(f["match"], path+".match", "%q: %v", note.Match, err)
		}
		if note.Text.EN == "" || note.Text.ZH == "" {
			d.errorf(n, path, "needs both languages: en and zh")
		}
		l.Notes = append(l.Notes, note)
	}
	if len(d.errs) == 0 {
		d.crossCheck(l, &pos)
	}
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	// crossCheck has found what Validate would; should Validate still
	// object, name the file and the entry.
	if err := l.Validate(); err != nil {
		return nil, FileErrors{{File: name, Line: d.lineOf(&root, err), Msg: err.Error()}}
	}
	return l, nil
}

// lineOf finds the line of the list entry a Validate error names
// ("node 3 (bob)", "script step 2", "link 1"), or 0.
func (d *fileDecoder) lineOf(root *yaml.Node, err error) int {
	msg := err.Error()
	top := root.Content[0]
	for i := 0; i+1 < len(top.Content); i += 2 {
		key, val := top.Content[i].Value, top.Content[i+1]
		prefix := map[string]string{"nodes": "node ", "script": "script step ", "links": "link ", "faults": "fault "}[key]
		if prefix == "" || val.Kind != yaml.SequenceNode {
			continue
		}
		for j, item := range val.Content {
			if strings.Contains(msg, prefix+strconv.Itoa(j+1)+" ") || strings.Contains(msg, prefix+strconv.Itoa(j+1)+":") ||
				(key == "faults" && strings.Contains(msg, strconv.Quote(item.Value))) {
				return item.Line + d.offset
			}
		}
	}
	return 0
}

func (d *fileDecoder) node(n *yaml.Node, path string) (Node, map[string]*yaml.Node) {
	f := d.fields(n, path, nodeFields...)
	s := func(k string) string { return d.str(f[k], path+"."+k) }
	node := Node{
		Name: s("name"), Kind: s("kind"), Host: s("host"), Address: s("address"), Domain: s("domain"),
		Serves: d.boolean(f["serves"], path+".serves"), Location: s("location"),
		User: s("user"), Display: s("display"), Password: s("password"), Outbound: s("outbound"),
		RingFor: d.duration(f["ring"], path+".ring"), NoAnswer: d.boolean(f["no_answer"], path+".no_answer"),
		Queued: d.integer(f["queued"], path+".queued", 0, 10), Codecs: d.strings(f["codecs"], path+".codecs"),
		HideVia: d.boolean(f["hide_via"], path+".hide_via"), Users: d.stringMap(f["users"], path+".users"),
		RecordRoute: d.boolean(f["record_route"], path+".record_route"), Bindings: d.stringMap(f["bindings"], path+".bindings"),
	}
	if f["reject"] != nil {
		node.AnswerCode = d.integer(f["reject"], path+".reject", 300, 699)
	}
	switch a := s("auth"); a {
	case "", "401", "www":
	case "407", "proxy":
		node.ProxyAuth = true
	default:
		d.errorf(f["auth"], path+".auth", "%q: use 401 (WWW-Authenticate) or 407 (Proxy-Authenticate)", a)
	}
	switch q := s("qop"); q {
	case "", "auth":
	case "none":
		node.NoQOP = true
	default:
		d.errorf(f["qop"], path+".qop", "%q: use auth or none", q)
	}
	if node.Name == "" {
		d.errorf(n, path+".name", "missing")
	}
	return node, f
}

// posOf is a list entry of the file and its fields, for errors found after
// decoding.
type posOf struct {
	entry  *yaml.Node
	fields map[string]*yaml.Node
}

// at returns the field's node, or the entry's when the field is absent.
func (p posOf) at(field string) *yaml.Node {
	if n := p.fields[field]; n != nil {
		return n
	}
	return p.entry
}

type positions struct {
	nodes, links, script []posOf
	faults               []*yaml.Node
}

// crossCheck checks what concerns several fields or entries — kinds,
// addresses, names and the references between them, the script, the
// faults — and reports each problem at its field (Validate checks the
// same for lessons built in Go).
func (d *fileDecoder) crossCheck(l *Lesson, pos *positions) {
	byName := map[string]*Node{}
	addrs := map[string]string{}
	for i := range l.Nodes {
		n, p := &l.Nodes[i], pos.nodes[i]
		path := fmt.Sprintf("nodes[%d]", i+1)
		switch {
		case n.Name != "" && !idPattern.MatchString(n.Name):
			d.errorf(p.at("name"), path+".name", "%q: use lower-case letters, digits and '-', starting with a letter", n.Name)
		case byName[n.Name] != nil:
			d.errorf(p.at("name"), path+".name", "%q names another node already", n.Name)
		}
		byName[n.Name] = n
		if !kinds[n.Kind] {
			d.errorf(p.at("kind"), path+".kind", "%q is not a kind of node (known: %s)", n.Kind, strings.Join(sortedSet(kinds), ", "))
			continue
		}
		if n.Kind == "location" {
			continue
		}
		ap, err := netip.ParseAddrPort(n.Address)
		switch {
		case err != nil:
			d.errorf(p.at("address"), path+".address", "%q is not an IP address and port such as \"192.0.2.10:5060\"", n.Address)
		case addrs[ap.String()] != "":
			d.errorf(p.at("address"), path+".address", "%s is also %s's address", ap, addrs[ap.String()])
		default:
			addrs[ap.String()] = n.Name
		}
		if n.Host == "" {
			d.errorf(p.at("host"), path+".host", "missing: the node's DNS name, such as client.atlanta.example.com")
		}
	}
	for i, n := range l.Nodes {
		p, path := pos.nodes[i], fmt.Sprintf("nodes[%d]", i+1)
		if n.Outbound != "" && byName[n.Outbound] == nil {
			d.errorf(p.at("outbound"), path+".outbound", "%q is not a node of the lesson", n.Outbound)
		}
		switch n.Kind {
		case "proxy", "stateless-proxy", "redirect", "registrar":
			if loc := byName[n.Location]; loc == nil || loc.Kind != "location" {
				d.errorf(p.at("location"), path+".location", "%q is not a location node of the lesson", n.Location)
			}
		}
	}
	for i, lk := range l.Links {
		p, path := pos.links[i], fmt.Sprintf("links[%d]", i+1)
		for _, end := range []string{lk.A, lk.B} {
			if end != "" && byName[end] == nil {
				d.errorf(p.at("between"), path+".between", "%q is not a node of the lesson", end)
			}
		}
		if lk.Transport != "" && lk.Transport != "UDP" && lk.Transport != "TCP" {
			d.errorf(p.at("transport"), path+".transport", "%q: use UDP or TCP", lk.Transport)
		}
	}
	for i, a := range l.Script {
		p, path := pos.script[i], fmt.Sprintf("script[%d]", i+1)
		n := byName[a.Node]
		switch {
		case n == nil:
			d.errorf(p.at("node"), path+".node", "%q is not a node of the lesson", a.Node)
		case !actions[a.Do]:
			d.errorf(p.at("do"), path+".do", "%q is not an action (known: %s)", a.Do, strings.Join(actionNames(), ", "))
		case n.Kind != "ua" && !(n.Kind == "registrar" && a.Do == "message"):
			d.errorf(p.at("node"), path+".node", "%s is a %s; only user agents act (and a registrar may send a MESSAGE)", a.Node, n.Kind)
		case a.Target == "" && !inDialog[a.Do]:
			d.errorf(p.at("target"), path+".target", "missing: %s needs a target URI", a.Do)
		}
		if a.Target != "" {
			if _, err := sip.ParseURI(a.Target); err != nil {
				d.errorf(p.at("target"), path+".target", "%v", err)
			}
		}
	}
	for i, spec := range l.Faults {
		if _, err := checkFault(spec, byName); err != nil && i < len(pos.faults) {
			d.errorf(pos.faults[i], fmt.Sprintf("faults[%d]", i+1), "%v", err)
		}
	}
}

func sortedSet(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// splitFrontMatter cuts the file into the YAML between the first two "---"
// lines and the Markdown after them; frontLine is the line the YAML starts
// on.
func splitFrontMatter(data []byte) (front, body []byte, frontLine int, err error) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return nil, nil, 0, errors.New("a lesson file starts with a line \"---\", then the YAML front matter, then \"---\"")
	}
	rest := data[4:]
	end := bytes.Index(rest, []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(rest, []byte("\n---")) {
			return rest[:len(rest)-4], nil, 2, nil
		}
		return nil, nil, 0, errors.New("the front matter has no closing \"---\" line")
	}
	return rest[:end+1], rest[end+5:], 2, nil
}

// splitBody separates the narrative's languages at <!-- en --> and
// <!-- zh --> markers.
func splitBody(body []byte) Text {
	var t Text
	lang := "en"
	var parts = map[string]*strings.Builder{"en": {}, "zh": {}}
	for _, line := range strings.Split(string(body), "\n") {
		switch strings.TrimSpace(line) {
		case "<!-- en -->":
			lang = "en"
			continue
		case "<!-- zh -->":
			lang = "zh"
			continue
		}
		parts[lang].WriteString(line + "\n")
	}
	t.EN = strings.TrimSpace(parts["en"].String())
	t.ZH = strings.TrimSpace(parts["zh"].String())
	return t
}

// yamlErrorLine pulls "line N" out of a yaml.v3 error.
func yamlErrorLine(err error) int {
	msg := err.Error()
	if i := strings.Index(msg, "line "); i >= 0 {
		n := 0
		for _, c := range msg[i+5:] {
			if c < '0' || c > '9' {
				break
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	return 0
}

func yamlErrorText(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "line ") {
		msg = msg[i+2:]
	}
	return msg
}
