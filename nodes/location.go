package nodes

import (
	"net/netip"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
)

// Location is the location service (§10, §16.5): the abstract database
// that a registrar writes bindings into and that proxies and redirect
// servers read. It is not a SIP element: its exchanges with the servers
// show in the trace as lookup events, and it appears there as a node.
type Location struct {
	Name  string
	sim   *sim.Sim
	aors  map[string][]*Binding
	users map[string]bool // the domain's users, registered or not (Know)
}

// Binding ties an address-of-record to a contact address (§10.2).
type Binding struct {
	AOR     string
	Contact sip.Address // with its q parameter, if any
	Expires time.Duration
	CallID  string
	CSeq    uint32
	// Static marks a binding an administrator provisioned: it never
	// expires, and Expires is only far enough in the future.
	Static bool
	// Source is where the REGISTER came from when its Via asked for rport
	// (RFC 3581): the flow back to a contact behind a NAT.
	Source netip.AddrPort
}

// Remaining is how long the binding still lives at now.
func (b *Binding) Remaining(now time.Duration) time.Duration { return b.Expires - now }

// NewLocation adds the location service to the simulation as a node called
// name, at a (non-SIP) address shown in the trace, serving domain.
func NewLocation(s *sim.Sim, name, address, domain string) *Location {
	s.Trace.Nodes = append(s.Trace.Nodes, sim.NodeInfo{Name: name, Kind: sim.KindLocation, Address: address, Domain: domain})
	return &Location{Name: name, sim: s, aors: map[string][]*Binding{}, users: map[string]bool{}}
}

// Know makes aor a user of the domain, as an administrator configures the
// users a registrar serves (§10.3: it knows the domains it keeps bindings
// for, and authenticates its users). A user that ever had a binding is
// known too.
func (l *Location) Know(aor string) { l.users[strings.ToLower(aor)] = true }

// NoBinding is how a server answers a request for aor when the location
// service has no binding for it (§16.5): 480 Temporarily Unavailable for a
// user of the domain who is not registered now (§21.4.18), 404 Not Found
// for a user the domain does not have (§21.4.5). It returns the status,
// the RFC section and the catalog key of the reason, whose argument is
// the AOR.
func (l *Location) NoBinding(aor string) (code int, rfc, key string) {
	if l.users[strings.ToLower(aor)] {
		return sip.StatusTemporarilyUnavail, "RFC 3261 §16.5, §21.4.18", "node.location.unavailable"
	}
	return sip.StatusNotFound, "RFC 3261 §16.5, §21.4.5", "node.location.unknown"
}

// Bindings returns the live bindings of an address-of-record, best q first
// (§16.6: a proxy tries higher q first), without tracing anything.
func (l *Location) Bindings(aor string) []*Binding {
	now := l.sim.Now()
	var live []*Binding
	for _, b := range l.aors[strings.ToLower(aor)] {
		if b.Expires > now {
			live = append(live, b)
		}
	}
	sort.SliceStable(live, func(i, j int) bool { return q(live[i].Contact) > q(live[j].Contact) })
	return live
}

func q(a sip.Address) float64 {
	if v := a.Q(); v >= 0 {
		return v
	}
	return 1
}

// Lookup is a server's query (§16.5): it records the question and the
// answer as lookup events between the server and the service, and returns
// the live bindings. cause is the seq of the request that needed it.
func (l *Location) Lookup(server, aor string, cause int) []*Binding {
	q := l.sim.Record(sim.Event{Type: sim.EventLookup, From: server, To: l.Name,
		Summary: sim.T("node.location.query", aor), Cause: cause})
	found := l.Bindings(aor)
	var contacts []string
	for _, b := range found {
		contacts = append(contacts, b.Contact.URI.String())
	}
	summary := sim.T("node.location.none", aor)
	if len(found) > 0 {
		summary = sim.T("node.location.found", strings.Join(contacts, ", "))
	}
	l.sim.Record(sim.Event{Type: sim.EventLookup, From: l.Name, To: server, Summary: summary, Cause: q,
		Reasons: []sim.Reason{{Text: sim.T("node.location.why"), RFC: "RFC 3261 §10, §16.5"}}})
	return found
}

// Update applies a registrar's change for one contact (§10.3 step 7):
// expires 0 removes it; otherwise it is added, or refreshed when the
// Call-ID is the same and the CSeq higher. It records the write as a lookup
// event.
func (l *Location) Update(registrar, aor string, contact sip.Address, expires time.Duration, callID string, cseq uint32, cause int) {
	key := strings.ToLower(aor)
	l.users[key] = true
	now := l.sim.Now()
	list := l.aors[key]
	uri := contact.URI.String()
	idx := l.index(aor, contact.URI)
	var summary sim.Text
	switch {
	case expires == 0:
		if idx >= 0 {
			list = slices.Delete(list, idx, idx+1)
		}
		summary = sim.T("node.location.remove", aor, uri)
	case idx >= 0:
		b := list[idx]
		b.Contact, b.Expires, b.CallID, b.CSeq = contact, now+expires, callID, cseq
		summary = sim.T("node.location.refresh", aor, uri, int(expires/time.Second))
	default:
		list = append(list, &Binding{AOR: aor, Contact: contact, Expires: now + expires, CallID: callID, CSeq: cseq})
		summary = sim.T("node.location.bind", aor, uri, int(expires/time.Second))
	}
	l.aors[key] = list
	l.sim.Record(sim.Event{Type: sim.EventLookup, From: registrar, To: l.Name, Summary: summary, Cause: cause})
}

// Provision adds a binding that exists before anyone registers, as an
// administrator would configure it; it never expires and is not traced.
func (l *Location) Provision(aor string, contact sip.Address) {
	key := strings.ToLower(aor)
	l.users[key] = true
	l.aors[key] = append(l.aors[key], &Binding{AOR: aor, Contact: contact, Expires: 1 << 62, Static: true})
}

// Existing returns the binding of aor for contact, if there is one.
func (l *Location) Existing(aor string, contact sip.URI) *Binding {
	if i := l.index(aor, contact); i >= 0 {
		return l.aors[strings.ToLower(aor)][i]
	}
	return nil
}

// index is the place of the binding of aor for contact, or -1.
func (l *Location) index(aor string, contact sip.URI) int {
	uri := contact.String()
	return slices.IndexFunc(l.aors[strings.ToLower(aor)], func(b *Binding) bool { return b.Contact.URI.String() == uri })
}

// Clear removes every binding of aor (Contact: *, §10.2.2), recording the
// write.
func (l *Location) Clear(registrar, aor string, cause int) {
	delete(l.aors, strings.ToLower(aor))
	l.sim.Record(sim.Event{Type: sim.EventLookup, From: registrar, To: l.Name,
		Summary: sim.T("node.location.clear", aor), Cause: cause})
}

// Size is how many bindings the service holds, expired ones not yet
// swept (Sweep) included.
func (l *Location) Size() int {
	n := 0
	for _, list := range l.aors {
		n += len(list)
	}
	return n
}

// Sweep frees the bindings that have expired (§10.2.1.1: a binding lives as
// long as its expiration interval), as a long-running registrar must; a
// lookup already ignores them. It records nothing: nothing on the wire
// changes.
func (l *Location) Sweep() {
	now := l.sim.Now()
	for key, list := range l.aors {
		list = slices.DeleteFunc(list, func(b *Binding) bool { return b.Expires <= now })
		if len(list) == 0 {
			delete(l.aors, key)
		} else {
			l.aors[key] = list
		}
	}
}

// Flow is where requests for contact go when it registered from behind a
// NAT: the source of its REGISTER, if a live binding has one.
func (l *Location) Flow(contact sip.URI) (netip.AddrPort, bool) {
	uri := contact.String()
	now := l.sim.Now()
	for _, list := range l.aors {
		for _, b := range list {
			if b.Source.IsValid() && b.Expires > now && b.Contact.URI.String() == uri {
				return b.Source, true
			}
		}
	}
	return netip.AddrPort{}, false
}
