package nodes

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// GB/T 28181 devices and platforms exchange commands as MANSCDP, an XML
// language carried in MESSAGE bodies (RFC 3428) with this content type.
const manscdpType = "Application/MANSCDP+xml"

// KeepaliveMisses is how many keepalive periods a platform waits without
// one before it marks the device offline: GB/T 28181-2016 §9.6.1's default
// timeout count.
const KeepaliveMisses = 3

// manscdp writes a MANSCDP document: root (Query, Notify, Response) with
// its elements in order, as name/value pairs, one per CRLF-ended line as
// GB/T 28181 devices write them.
func manscdp(root string, fields ...string) string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\r\n<" + root + ">\r\n")
	for i := 0; i+1 < len(fields); i += 2 {
		fmt.Fprintf(&b, "<%s>%s</%s>\r\n", fields[i], fields[i+1], fields[i])
	}
	b.WriteString("</" + root + ">\r\n")
	return b.String()
}

// manscdpField is the text of the first element name of a MANSCDP body,
// or "" when it has none.
func manscdpField(body []byte, name string) string {
	s := string(body)
	open, end := "<"+name+">", "</"+name+">"
	i := strings.Index(s, open)
	if i < 0 {
		return ""
	}
	s = s[i+len(open):]
	j := strings.Index(s, end)
	if j < 0 {
		return ""
	}
	return strings.TrimSpace(s[:j])
}

// startKeepalives begins a GB/T 28181 device's keepalives once its
// registration succeeds (§9.6.1): a MESSAGE with a MANSCDP Notify of
// CmdType Keepalive every Keepalive, Keepalives of them, to the registrar
// it registered with.
func (u *UA) startKeepalives(registrar sip.URI) {
	if u.Keepalive <= 0 || u.keepaliveOn {
		return
	}
	u.keepaliveOn = true
	sn := 0
	var send func()
	send = func() {
		sn++
		u.sendKeepalive(registrar, sn)
		if sn < u.Keepalives {
			u.Sim.After(u.Keepalive, send)
		}
	}
	u.Sim.After(u.Keepalive, send)
}

func (u *UA) sendKeepalive(target sip.URI, sn int) {
	body := manscdp("Notify", "CmdType", "Keepalive", "SN", strconv.Itoa(sn), "DeviceID", u.User, "Status", "OK")
	u.sendMANSCDP(target, body, Out{Reasons: []sim.Reason{u.Reason("GB/T 28181-2016 §9.6.1", "node.gb.keepalive", sn, int(u.Keepalive/time.Second))}})
}

// sendMANSCDP sends a device's MANSCDP body to the platform at target in
// a MESSAGE of its own (RFC 3428).
func (u *UA) sendMANSCDP(target sip.URI, body string, o Out) {
	if req, dest, ok := u.newMessage(target, manscdpType, body); ok {
		u.sendNonInvite(req, dest, o, nil)
	}
}

// manscdpMessage is a platform's answer to a device's MESSAGE: 200 OK
// (RFC 3428 §7); a Keepalive also tells it that the device is alive.
func (r *Registrar) manscdpMessage(in *Incoming, tx *ServerTx) {
	from, _ := in.Msg.From()
	device := from.URI.AddrOfRecord()
	resp := addToTag(r.Element, sip.NewResponse(in.Msg, sip.StatusOK, ""))
	if r.Date == DateGB28181 {
		r.date(resp)
	}
	why := r.Reason("RFC 3428 §7", "node.ua.message.received", in.Msg.ContentType(), len(in.Msg.Body))
	keepalive := r.Keepalive > 0 && manscdpField(in.Msg.Body, "CmdType") == "Keepalive"
	if keepalive {
		why = r.Reason("GB/T 28181-2016 §9.6.1", "node.gb.keepalive.ok", device, KeepaliveMisses*int(r.Keepalive/time.Second))
	}
	tx.Respond(resp, Out{Cause: in.Seq, Reasons: []sim.Reason{why}})
	if keepalive {
		r.watch(device)
	}
}

// watch (re)starts the platform's wait for a device's next keepalive: when
// KeepaliveMisses periods pass without one, the device is offline.
func (r *Registrar) watch(device string) {
	if r.Keepalive <= 0 {
		return
	}
	if r.alive == nil {
		r.alive = map[string]*sim.Timer{}
	}
	if t := r.alive[device]; t != nil {
		t.Stop()
	}
	r.alive[device] = r.Sim.After(KeepaliveMisses*r.Keepalive, func() {
		delete(r.alive, device)
		r.Note(r.T("node.gb.offline", device, KeepaliveMisses), r.T("node.gb.offline.why", int(r.Keepalive/time.Second)))
	})
}

// catalogResponse answers a platform's Catalog query (GB/T 28181-2016
// §9.5.3, A.2.4.3): after the 200 to the query's MESSAGE, a MESSAGE of
// the device's own to the platform that asked (the query's From), with a
// MANSCDP Response of CmdType Catalog, the query's SN, and the device's
// channels in a DeviceList.
func (u *UA) catalogResponse(in *Incoming) {
	from, _ := in.Msg.From()
	sn := manscdpField(in.Msg.Body, "SN")
	platform := sip.URI{Scheme: from.URI.Scheme, User: from.URI.User, Host: from.URI.Host}
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\r\n<Response>\r\n")
	n := strconv.Itoa(len(u.Channels))
	for _, kv := range [][2]string{{"CmdType", "Catalog"}, {"SN", sn}, {"DeviceID", u.User}, {"SumNum", n}} {
		fmt.Fprintf(&b, "<%s>%s</%s>\r\n", kv[0], kv[1], kv[0])
	}
	b.WriteString("<DeviceList Num=\"" + n + "\">\r\n")
	for _, ch := range u.Channels {
		fmt.Fprintf(&b, "<Item>\r\n<DeviceID>%s</DeviceID>\r\n<ParentID>%s</ParentID>\r\n<Status>ON</Status>\r\n</Item>\r\n", ch, u.User)
	}
	b.WriteString("</DeviceList>\r\n</Response>\r\n")
	u.sendMANSCDP(platform, b.String(), Out{Cause: in.Seq, Reasons: []sim.Reason{u.Reason("GB/T 28181-2016 §9.5.3", "node.gb.catalog", sn, len(u.Channels))}})
}

// catalogQuery reports whether a MESSAGE is a MANSCDP Catalog query.
func catalogQuery(m *sip.Message) bool {
	return strings.EqualFold(m.ContentType(), manscdpType) && strings.Contains(string(m.Body), "<Query>") && manscdpField(m.Body, "CmdType") == "Catalog"
}

// platform reports whether the registrar is a GB/T 28181 platform (it
// watches keepalives or writes GB/T 28181 dates): it then accepts its
// devices' MANSCDP MESSAGEs instead of refusing the method.
func (r *Registrar) platform() bool { return r.Keepalive > 0 || r.Date == DateGB28181 }

// ---- live video (GB/T 28181-2016 §9.2, Annex F) ----

// VideoPort is where siplab's GB/T 28181 elements receive and send RTP
// video, the port of the standard's own SDP examples.
const VideoPort = 6000

// playEncodings are the RTP formats a device can send its live video in,
// as the platform names them in a=rtpmap: a PS (MPEG-2 program stream)
// over RTP, the packing GB/T 28181-2016 Annex C defines.
var playEncodings = []string{"PS/90000"}

// playOffer is a platform's offer for the live video of channel (Annex F):
// s=Play, one video stream it only receives (a=recvonly), the formats it
// can decode (96 PS, 98 H.264, 97 MPEG-4), y= the stream's SSRC and an
// empty f= (no demand on the media parameters). subject is the INVITE's
// Subject (§9.2): "sender:its stream's SSRC,receiver:0".
func (u *UA) playOffer(channel sip.URI) (offer *sip.SDP, subject, ssrc string) {
	u.plays++
	ssrc = playSSRC(u.User, u.plays)
	u.sdpVersion++
	m := sip.Media{Type: "video", Port: VideoPort, Proto: "RTP/AVP", Formats: []string{"96", "98", "97"},
		Attributes: []string{"recvonly", "rtpmap:96 PS/90000", "rtpmap:98 H264/90000", "rtpmap:97 MPEG4/90000"},
		Extra:      []string{"y=" + ssrc, "f="}}
	offer = u.sdp(m)
	offer.Name = "Play"
	return offer, channel.User + ":" + ssrc + "," + u.User + ":0", ssrc
}

// playSSRC is the SSRC of a platform's n-th live stream as Annex F builds
// it, ten decimal digits: 0 (a real-time stream; 1 is a recording), the
// 4th to 8th digits of the platform's code (its domain), and the stream's
// serial number within the domain.
func playSSRC(code string, n int) string {
	domain := "00000"
	if len(code) >= 8 {
		domain = code[3:8]
	}
	return fmt.Sprintf("0%s%04d", domain, n%10000)
}

// playStream reports whether a media stream is a GB/T 28181 one: it
// carries a y= line, the SSRC of the stream (Annex F).
func playStream(m sip.Media) (ssrc string, ok bool) {
	for _, x := range m.Extra {
		if v, found := strings.CutPrefix(x, "y="); found {
			return v, true
		}
	}
	return "", false
}

// playAnswer is a device's answer to a platform's Play offer (Annex F):
// the first offered format it can send, a=sendonly (the offer is
// recvonly), its own video port, and the offer's y= and f= lines back, so
// that both ends know the SSRC of the RTP stream. An offer of another kind
// (Playback, Download) or with no format the device sends fails with 488.
func (u *UA) playAnswer(offer *sip.SDP) (sip.Media, int) {
	in := offer.Media[0]
	if offer.Name != "Play" || in.Type != "video" {
		return sip.Media{}, 488
	}
	for _, f := range in.Formats {
		if enc := in.RTPMap(f); slices.Contains(playEncodings, enc) {
			u.sdpVersion++
			m := sip.Media{Type: "video", Port: VideoPort, Proto: "RTP/AVP", Formats: []string{f},
				Attributes: []string{"sendonly", "rtpmap:" + f + " " + enc}}
			for _, x := range in.Extra {
				if strings.HasPrefix(x, "y=") || strings.HasPrefix(x, "f=") {
					m.Extra = append(m.Extra, x)
				}
			}
			return m, 0
		}
	}
	return sip.Media{}, 488
}

// channel reports whether a device has the channel a request names: its
// own code or one of its channels'.
func (u *UA) channel(code string) bool {
	return code == u.User || slices.Contains(u.Channels, code)
}

// description is the session description a UAS answers with: its own,
// with the stream chosen; for a GB/T 28181 live stream, s=Play and the
// channel's code as the o= user, as the standard's answers have them.
func (c *Call) description() *sip.SDP {
	d := c.ua.sdp(c.answerSDP)
	if _, ok := playStream(c.answerSDP); ok {
		d.Name = "Play"
		d.Origin.Username = c.Invite.RequestURI.User
	}
	return d
}
