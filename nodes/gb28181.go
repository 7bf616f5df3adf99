package nodes

import (
	"fmt"
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
