package render

import (
	"bytes"
	"errors"
	"io"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
)

// Capture writes trace t as a packet capture in format f, pcap or pcapng,
// for Wireshark, tshark and sngrep (package capture says what the packets
// are). In pcapng the file's comment names the lesson and the faults the
// run injected, and every packet
// carries a comment in lang, that Wireshark shows as frame.comment:
//
//	step 7: INVITE sip:bob@biloxi.example.com SIP/2.0 — call …: INVITE with an SDP offer … [RFC 3261 §13.2.1]
//
// with " — lost in flight (fault drop:INVITE: …)" after a message lost on
// the way, the TCP segment after one of several, and for the handshake
// before a connection's first message what each of its packets does.
func Capture(w io.Writer, t *sim.Trace, f capture.Format, lang i18n.Lang) error {
	if t == nil {
		return errors.New("render: capture: no trace")
	}
	var b bytes.Buffer
	o := capture.WriteOptions{Format: f, Comment: func(p *capture.Packet) string { return packetComment(p, lang) }}
	if t.Lesson != "" {
		o.Section = lang.T("capture.section", t.Lesson, t.Seed, oneLine(lang.Text(t.Title))) + faultAside(t, lang)
	}
	if err := capture.Write(&b, t, o); err != nil {
		return err
	}
	return write(w, string(f), b.Bytes())
}

// packetComment is the comment of packet p.
func packetComment(p *capture.Packet, lang i18n.Lang) string {
	e := p.Event
	from, to := orUnknown(e.From), orUnknown(e.To)
	switch p.Kind {
	case capture.SYN:
		return lang.T("capture.syn", e.Seq, from, to)
	case capture.SYNACK:
		return lang.T("capture.synack", e.Seq, to, from)
	case capture.ACK:
		return lang.T("capture.ack", e.Seq, from, to)
	}
	s := lang.T("capture.step", e.Seq, textLine(e.Summary, lang))
	if why := reasons(e, lang, func(rfc string) string { return " [" + rfc + "]" }); len(why) > 0 {
		s = lang.Dash(s, lang.Semicolons(why))
	}
	switch n := lang.Semicolons(notes(e, lang)); {
	case e.Dropped && n == "":
		s = lang.Dash(s, lang.T("capture.lost.plain"))
	case e.Dropped:
		s = lang.Dash(s, lang.T("capture.lost", n))
	case n != "":
		s += lang.Aside(n)
	}
	if p.Segments > 1 {
		s = lang.Dash(s, lang.T("capture.segment", p.Segment, p.Segments))
	}
	return s
}
