package nodes

import (
	"net/netip"
	"slices"

	"github.com/siplab/siplab/sim/sip"
)

// Dialog is a peer-to-peer SIP relationship between two user agents (§12),
// identified by the Call-ID and the two tags.
type Dialog struct {
	CallID       string
	LocalTag     string
	RemoteTag    string
	LocalURI     sip.Address // From of requests we send, without its tag
	RemoteURI    sip.Address // To of requests we send, without its tag
	LocalSeq     uint32
	RemoteSeq    uint32
	RemoteTarget sip.URI       // from the peer's Contact
	RouteSet     []sip.Address // from Record-Route
	Confirmed    bool          // false while early (§12.1)
}

// ID is "Call-ID;local-tag;remote-tag".
func (d *Dialog) ID() string { return d.CallID + ";" + d.LocalTag + ";" + d.RemoteTag }

// NewUACDialog builds the dialog a UAC gets from a 1xx (with a To tag) or 2xx
// response to its INVITE (§12.1.2): the route set is the Record-Route of the
// response in reverse order, the remote target its Contact.
func NewUACDialog(req, resp *sip.Message) (*Dialog, error) {
	from, to, cseq, err := dialogHeaders(req, resp)
	if err != nil {
		return nil, err
	}
	d := &Dialog{
		CallID: req.CallID(), LocalTag: from.Tag(), RemoteTag: to.Tag(),
		LocalURI: stripTag(from), RemoteURI: stripTag(to), LocalSeq: cseq.Seq,
		Confirmed: resp.StatusCode >= 200,
	}
	rr, err := resp.RecordRoutes()
	if err != nil {
		return nil, err
	}
	slices.Reverse(rr)
	d.RouteSet = rr
	if contacts, _, err := resp.Contacts(); err == nil && len(contacts) > 0 {
		d.RemoteTarget = contacts[0].URI
	} else {
		d.RemoteTarget = req.RequestURI
	}
	return d, nil
}

// NewUASDialog builds the dialog a UAS gets when it answers an INVITE with a
// To tag of its own (§12.1.1): the route set is the request's Record-Route
// in order, the remote target its Contact.
func NewUASDialog(req *sip.Message, localTag string) (*Dialog, error) {
	from, to, cseq, err := dialogHeaders(req, req)
	if err != nil {
		return nil, err
	}
	d := &Dialog{
		CallID: req.CallID(), LocalTag: localTag, RemoteTag: from.Tag(),
		LocalURI: stripTag(to), RemoteURI: stripTag(from), RemoteSeq: cseq.Seq,
	}
	if d.RouteSet, err = req.RecordRoutes(); err != nil {
		return nil, err
	}
	if contacts, _, err := req.Contacts(); err == nil && len(contacts) > 0 {
		d.RemoteTarget = contacts[0].URI
	}
	return d, nil
}

// dialogHeaders reads what identifies a dialog: the request's From and CSeq,
// and the To of toFrom (the response for a UAC, the request for a UAS).
func dialogHeaders(req, toFrom *sip.Message) (from, to sip.Address, cseq sip.CSeq, err error) {
	if from, err = req.From(); err != nil {
		return
	}
	if to, err = toFrom.To(); err != nil {
		return
	}
	cseq, err = req.CSeq()
	return
}

func stripTag(a sip.Address) sip.Address {
	a.Params = a.Params.Del("tag")
	return a
}

// NewRequest builds a request within the dialog (§12.2.1.1): the remote
// target as Request-URI and the route set as Route when the first route is
// a loose router (lr); with a strict router, the first route becomes the
// Request-URI and the remote target goes last in Route. A new CSeq number is
// taken, except for ACK, which takes the number of its INVITE.
func (d *Dialog) NewRequest(method string) *sip.Message {
	uri := d.RemoteTarget
	var routes []string
	for _, r := range d.RouteSet {
		routes = append(routes, r.String())
	}
	if len(d.RouteSet) > 0 && !d.RouteSet[0].URI.Params.Has("lr") {
		uri = d.RouteSet[0].URI
		routes = append(routes[1:], (&sip.Address{URI: d.RemoteTarget}).String())
	}
	m := sip.NewRequest(method, uri)
	if method != sip.ACK && method != sip.CANCEL {
		d.LocalSeq++
	}
	from := d.LocalURI
	from.Params = from.Params.Set("tag", d.LocalTag)
	to := d.RemoteURI
	if d.RemoteTag != "" {
		to.Params = to.Params.Set("tag", d.RemoteTag)
	}
	m.Add("Max-Forwards", "70")
	m.Add("From", from.String())
	m.Add("To", to.String())
	m.Add("Call-ID", d.CallID)
	m.Add("CSeq", sip.CSeq{Seq: d.LocalSeq, Method: method}.String())
	addAll(m, "Route", routes)
	return m
}

// NextHop is where a request of the dialog goes first: the first route, or
// the remote target (§12.2.1.1, §8.1.2).
func (d *Dialog) NextHop(e *Element) (netip.AddrPort, bool) {
	if len(d.RouteSet) > 0 {
		return e.Resolve(d.RouteSet[0].URI)
	}
	return e.Resolve(d.RemoteTarget)
}
