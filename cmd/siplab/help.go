package main

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"strings"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/spf13/cobra"
)

// The reference pages of `siplab help TOPIC`: cobra help topics (commands
// that only have help), written in the language of --lang from the
// definitions the code uses, so that they cannot fall behind it: the kinds
// of fault from sim.FaultKinds, the fields of a lesson file from the lesson
// decoder (lessons.FileFields), the fields of a trace from the JSON tags of
// its wire form (sim.TraceJSONFields). Each sentence is a catalog key named
// after what it describes ("help.fault.drop", "help.lesson.nodes.ring",
// "help.trace.events.seq"); the tests fail for a kind or a field without
// one.

// helpTopics are the topics, each with the catalog key of its one-line
// description and the function that writes its page.
var helpTopics = []struct {
	name, short string
	write       func(w io.Writer, l i18n.Lang)
}{
	{"faults", "help.faults.short", writeFaultsHelp},
	{"lesson-format", "help.lesson.short", writeLessonHelp},
	{"trace-format", "help.trace.short", writeTraceHelp},
}

// newHelpTopics makes the help topic commands.
func newHelpTopics(g *globals) []*cobra.Command {
	var out []*cobra.Command
	for _, topic := range helpTopics {
		cmd := &cobra.Command{Use: topic.name, Short: i18n.EN.T(topic.short)}
		cmd.SetHelpFunc(func(c *cobra.Command, _ []string) {
			var b bytes.Buffer
			topic.write(&b, g.Lang)
			c.OutOrStdout().Write(b.Bytes())
		})
		out = append(out, cmd)
	}
	return out
}

// helpWidth is where the pages' paragraphs wrap.
const helpWidth = 100

// paragraph writes text wrapped at helpWidth, indented, and a blank line.
func paragraph(w io.Writer, indent, text string) {
	for _, line := range i18n.Wrap(text, helpWidth-len(indent), i18n.WrapOptions{KeepWords: true}) {
		fmt.Fprintln(w, indent+line)
	}
	fmt.Fprintln(w)
}

// entry writes one term of a list: the term, then its description,
// wrapped, and an example, as it is, beside it (under it when the term is
// too wide).
func entry(w io.Writer, term string, col int, desc, example string) {
	pad := strings.Repeat(" ", col)
	first := "  " + term
	if len(first) >= col {
		fmt.Fprintln(w, first)
		first = ""
	}
	lines := i18n.Wrap(desc, helpWidth-col, i18n.WrapOptions{KeepWords: true})
	if example != "" {
		lines = append(lines, example)
	}
	for _, line := range lines {
		if first != "" {
			fmt.Fprintln(w, first+pad[len(first):]+line)
			first = ""
			continue
		}
		fmt.Fprintln(w, pad+line)
	}
}

// writeFaultsHelp writes `siplab help faults`.
func writeFaultsHelp(w io.Writer, l i18n.Lang) {
	paragraph(w, "", l.T("help.faults.intro"))
	for _, k := range sim.FaultKinds {
		entry(w, k.Syntax(), 24, l.T("help.fault."+string(k)), l.T("help.faults.example")+": --fault "+k.Example())
	}
	fmt.Fprintln(w)
	paragraph(w, "", l.T("help.faults.match"))
	paragraph(w, "", l.T("help.faults.durations"))
}

// lessonExamples are an example of every field of a lesson file, by its
// group and name ("nodes.ring"; a top-level field by its name alone).
var lessonExamples = map[string]string{
	"id":      "id: proxy-call",
	"title":   `title: {en: "A call through a proxy", zh: "经代理服务器的呼叫"}`,
	"summary": `summary: {en: "alice calls bob through a proxy.", zh: "alice 经代理呼叫 bob。"}`,
	"nodes":   "nodes: [{name: alice, kind: ua, …}, {name: proxy, kind: proxy, …}]",
	"dns":     `dns: ["_sip._udp.biloxi.example.com SRV 10 60 5060 ss1.biloxi.example.com"]`,
	"links":   "links: [{between: [alice, proxy], latency: 30ms, jitter: 5ms, loss: 10}]",
	"script":  `script: [{at: 1s, node: alice, do: call, target: "sip:bob@biloxi.example.com"}]`,
	"faults":  `faults: ["drop:INVITE@alice>proxy#1"]`,
	"notes":   `notes: [{match: "INVITE@proxy>bob", en: "…", zh: "…"}]`,
	"quiz":    `quiz: [{question: {en: "…", zh: "…"}, choices: […], answer: 1, explain: {…}, rfc: "RFC 3261 §16.6"}]`,

	"title.en": `en: "A call through a proxy"`,
	"title.zh": `zh: "经代理服务器的呼叫"`,

	"nodes.name":            "name: alice",
	"nodes.kind":            "kind: proxy",
	"nodes.host":            "host: proxy.biloxi.example.com",
	"nodes.address":         `address: "192.0.2.20:5060"`,
	"nodes.domain":          "domain: biloxi.example.com",
	"nodes.serves":          "serves: true",
	"nodes.location":        "location: location",
	"nodes.user":            "user: alice",
	"nodes.display":         `display: "Alice"`,
	"nodes.password":        `password: "wonderland"`,
	"nodes.outbound":        "outbound: proxy",
	"nodes.alert_after":     "alert_after: 500ms",
	"nodes.ring":            "ring: 2s",
	"nodes.reject":          "reject: 486",
	"nodes.no_answer":       "no_answer: true",
	"nodes.queued":          "queued: 2",
	"nodes.codecs":          "codecs: [0, 3, 4]",
	"nodes.hide_via":        "hide_via: true",
	"nodes.congestion_safe": "congestion_safe: true",
	"nodes.delayed_offer":   "delayed_offer: true",
	"nodes.100rel":          "100rel: true",
	"nodes.voice_messages":  `voice_messages: "2/8 (0/2)"`,
	"nodes.session_expires": "session_expires: 1800",
	"nodes.min_se":          "min_se: 90",
	"nodes.users":           "users: {alice: wonderland, bob: builder}",
	"nodes.record_route":    "record_route: true",
	"nodes.auth":            "auth: 407",
	"nodes.realm":           "realm: atlanta.example.com",
	"nodes.qop":             "qop: none",
	"nodes.algorithm":       "algorithm: SHA-256",
	"nodes.min_expires":     "min_expires: 1800",
	"nodes.max_expires":     "max_expires: 7200",
	"nodes.date":            "date: gb28181",
	"nodes.rport":           "rport: true",
	"nodes.inside":          `inside: "10.0.0.0/24"`,
	"nodes.timeout":         "timeout: 30s",
	"nodes.sips":            "sips: true",
	"nodes.bindings":        `bindings: {"sip:bob@biloxi.example.com": "sip:bob@client.biloxi.example.com"}`,
	"nodes.forking":         "forking: sequential",
	"nodes.branch_timeout":  "branch_timeout: 6s",
	"nodes.alg":             "alg: true",
	"nodes.keepalive":       "keepalive: 10s",
	"nodes.keepalives":      "keepalives: 5",
	"nodes.channels":        `channels: ["34020000001310000001"]`,

	"links.between":   "between: [alice, proxy]",
	"links.latency":   "latency: 30ms",
	"links.jitter":    "jitter: 5ms",
	"links.loss":      "loss: 10",
	"links.transport": "transport: TCP",

	"script.at":           "at: 1s",
	"script.node":         "node: alice",
	"script.do":           "do: call",
	"script.target":       `target: "sip:bob@biloxi.example.com"`,
	"script.to":           `to: "Bob <sip:bob@biloxi.example.com>"`,
	"script.expires":      "expires: 3600",
	"script.hangup_after": "hangup_after: 3s",
	"script.cancel_after": "cancel_after: 1s",
	"script.content_type": "content_type: text/plain",
	"script.body":         `body: "Hello, bob"`,
	"script.codecs":       "codecs: [8]",
	"script.q":            `q: "0.5"`,
	"script.peer":         `peer: "sip:bob@biloxi.example.com"`,
	"script.status":       "status: closed",
	"script.event":        "event: message-summary",
	"script.address":      `address: "192.0.2.150:5060"`,

	"notes.match": `match: "INVITE@proxy>bob"`,
	"notes.en":    `en: "Max-Forwards is now {Max-Forwards}."`,
	"notes.zh":    `zh: "Max-Forwards 现在是 {Max-Forwards}。"`,

	"quiz.question": `question: {en: "Why does the proxy add a Record-Route?", zh: "代理为什么加入 Record-Route？"}`,
	"quiz.choices":  `choices: [{en: "To stay on the dialog's path", zh: "为了留在对话的路径上"}, {en: "…", zh: "…"}]`,
	"quiz.answer":   "answer: 1",
	"quiz.explain":  `explain: {en: "Record-Route puts the proxy in the route set.", zh: "Record-Route 把代理放进路由集。"}`,
	"quiz.rfc":      `rfc: "RFC 3261 §16.6"`,
}

// fieldKey is the name of a field of a lesson file in lessonExamples and
// in the catalog ("help.lesson." + fieldKey).
func fieldKey(group, field string) string {
	if group == "" {
		return field
	}
	return group + "." + field
}

// exampleLesson is the built-in lesson the lesson-format page shows whole:
// its links have a latency, a jitter and a loss.
const exampleLesson = "lost-invite"

// writeLessonHelp writes `siplab help lesson-format`.
func writeLessonHelp(w io.Writer, l i18n.Lang) {
	paragraph(w, "", l.T("help.lesson.intro"))
	paragraph(w, "", l.T("help.lesson.limit", lessons.MaxFileSize>>20, sim.DefaultMaxTraceBytes>>20, sim.DefaultMaxEvents))
	for _, g := range lessons.FileFields() {
		fmt.Fprintln(w, l.T("help.lesson.group."+cmp.Or(g.Name, "top")))
		for _, f := range g.Fields {
			k := fieldKey(g.Name, f)
			entry(w, f, 20, l.T("help.lesson."+k), lessonExamples[k])
		}
		fmt.Fprintln(w)
	}
	if name, data, ok := lessons.Source(exampleLesson); ok {
		fmt.Fprintln(w, l.T("help.lesson.whole", exampleLesson, name))
		fmt.Fprintln(w)
		w.Write(data)
	}
}

// writeTraceHelp writes `siplab help trace-format`.
func writeTraceHelp(w io.Writer, l i18n.Lang) {
	paragraph(w, "", l.T("help.trace.intro"))
	paragraph(w, "", l.T("help.trace.limit", sim.MaxTraceFile>>20))
	for _, o := range sim.TraceJSONFields() {
		fmt.Fprintln(w, l.T("help.trace.object."+o.Name))
		for _, f := range o.Fields {
			entry(w, f, 20, l.T("help.trace."+o.Name+"."+f), "")
		}
		fmt.Fprintln(w)
	}
}
