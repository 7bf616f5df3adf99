package sim

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// NAPTR and SRV records: the part of RFC 3263 §4.1 and §4.2 that finds a
// domain's SIP servers. A domain published with them is located by Locate,
// which traces every lookup; a domain without them keeps the one-server
// shortcut of AddDomain.

// Record is a NAPTR or SRV resource record, as a lesson file writes it in
// zone-file syntax (RFC 1035 §5.1, the class IN optional):
//
//	biloxi.example.com NAPTR 50 50 "s" "SIP+D2U" "" _sip._udp.biloxi.example.com
//	_sip._udp.biloxi.example.com SRV 10 60 5060 ss1.biloxi.example.com
//
// A NAPTR record (RFC 3403 §4.1, RFC 3263 §4.1) uses Order, Preference,
// Flags, Service and Replacement; an SRV record (RFC 2782) uses Priority,
// Weight, Port and Target.
type Record struct {
	Name string // owner name, canonical (lower case, no final dot)
	Type string // "NAPTR" or "SRV"

	Order, Preference uint16 // NAPTR
	Flags, Service    string // NAPTR: "s", "SIP+D2U"
	Replacement       string // NAPTR: the SRV name to query next

	Priority, Weight, Port uint16 // SRV
	Target                 string // SRV: a host name, looked up as an A record
}

// String is the record in the zone-file syntax ParseRecord reads.
func (r Record) String() string {
	if r.Type == "NAPTR" {
		return fmt.Sprintf("%s NAPTR %d %d %q %q \"\" %s", r.Name, r.Order, r.Preference, r.Flags, r.Service, r.Replacement)
	}
	return fmt.Sprintf("%s SRV %d %d %d %s", r.Name, r.Priority, r.Weight, r.Port, r.Target)
}

// ParseRecord reads a NAPTR or SRV record in zone-file syntax.
func ParseRecord(s string) (Record, error) {
	f := strings.Fields(s)
	if len(f) > 2 && strings.EqualFold(f[1], "IN") {
		f = slices.Delete(f, 1, 2)
	}
	if len(f) < 2 {
		return Record{}, errors.New(`a record is "NAME NAPTR ORDER PREF FLAGS SERVICE REGEXP REPLACEMENT" or "NAME SRV PRIORITY WEIGHT PORT TARGET"`)
	}
	r := Record{Name: canonicalName(f[0]), Type: strings.ToUpper(f[1])}
	nums := func(fields []string) ([]uint16, error) {
		var out []uint16
		for _, x := range fields {
			n, err := strconv.ParseUint(x, 10, 16)
			if err != nil {
				return nil, fmt.Errorf("%q is not a number from 0 to 65535", x)
			}
			out = append(out, uint16(n))
		}
		return out, nil
	}
	switch r.Type {
	case "NAPTR":
		if len(f) != 8 {
			return Record{}, errors.New(`a NAPTR record is "NAME NAPTR ORDER PREF FLAGS SERVICE REGEXP REPLACEMENT", such as biloxi.example.com NAPTR 50 50 "s" "SIP+D2U" "" _sip._udp.biloxi.example.com`)
		}
		n, err := nums(f[2:4])
		if err != nil {
			return Record{}, err
		}
		r.Order, r.Preference = n[0], n[1]
		r.Flags, r.Service = strings.Trim(f[4], `"`), strings.ToUpper(strings.Trim(f[5], `"`))
		if re := strings.Trim(f[6], `"`); re != "" {
			return Record{}, fmt.Errorf("regexp %q: SIP NAPTR records use a replacement, not a regular expression (RFC 3263 §4.1)", re)
		}
		r.Replacement = canonicalName(f[7])
	case "SRV":
		if len(f) != 6 {
			return Record{}, errors.New(`an SRV record is "NAME SRV PRIORITY WEIGHT PORT TARGET", such as _sip._udp.biloxi.example.com SRV 10 60 5060 ss1.biloxi.example.com`)
		}
		n, err := nums(f[2:5])
		if err != nil {
			return Record{}, err
		}
		r.Priority, r.Weight, r.Port = n[0], n[1], n[2]
		r.Target = canonicalName(f[5])
	default:
		return Record{}, fmt.Errorf("record type %q: use NAPTR or SRV (A records come from the nodes' host names)", f[1])
	}
	return r, nil
}

// Add adds a NAPTR or SRV record.
func (d *DNS) Add(r Record) {
	if d.records == nil {
		d.records = map[string][]Record{}
	}
	d.records[r.Name] = append(d.records[r.Name], r)
}

// lookup returns the records of the given type at name.
func (d *DNS) lookup(name, typ string) []Record {
	var out []Record
	for _, r := range d.records[canonicalName(name)] {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// Published reports whether domain has NAPTR or SRV records for SIP: a
// request for it is located by Locate.
func (d *DNS) Published(domain string) bool {
	name := canonicalName(domain)
	return len(d.lookup(name, "NAPTR")) > 0 || len(d.srvNames(name)) > 0
}

// srvNames are the SRV names of a domain without NAPTR records that have
// records, in the order the client queries them: UDP, then TCP (RFC 3263
// §4.1: one query per transport the client supports).
func (d *DNS) srvNames(domain string) []string {
	var out []string
	for _, prefix := range []string{"_sip._udp.", "_sip._tcp."} {
		if len(d.lookup(prefix+domain, "SRV")) > 0 {
			out = append(out, prefix+domain)
		}
	}
	return out
}

// clientServices are the NAPTR services a client of sip: URIs supports:
// SIP over UDP and over TCP (every element implements both, RFC 3261 §18).
var clientServices = []string{"SIP+D2U", "SIP+D2T"}

// Target is a server found by Locate: a host name and port from an SRV
// record, still to be looked up with Address.
type Target struct {
	Host string
	Port uint16
}

func (t Target) String() string { return t.Host + ":" + strconv.Itoa(int(t.Port)) }

// Locate finds the servers for a request to domain, in the order they are
// to be tried (RFC 3263 §4.1, §4.2): the NAPTR records pick the transport
// and the SRV name (or, without NAPTR records, the SRV names are built from
// the transports), the SRV records give the servers, ordered by priority
// and, within a priority, by a weighted random draw (RFC 2782) from the
// run's "dns" stream. Each lookup is a lookup event from node from to
// DNSNode, explained with its RFC section; cause is the seq of what needed
// it (0 for none). It returns nil when the domain has no SRV records.
func (d *DNS) Locate(from *Host, domain string, cause int) []Target {
	name := canonicalName(domain)
	var srvName string
	if naptrs := d.lookup(name, "NAPTR"); len(naptrs) > 0 {
		var usable []Record
		for _, r := range naptrs {
			if slices.Contains(clientServices, r.Service) && strings.EqualFold(r.Flags, "s") {
				usable = append(usable, r)
			}
		}
		slices.SortStableFunc(usable, func(a, b Record) int {
			return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.Preference, b.Preference))
		})
		summary := T("net.dns.naptr.none", name)
		if len(usable) > 0 {
			srvName = usable[0].Replacement
			summary = T("net.dns.naptr", name, usable[0].Service, srvName)
		}
		d.trace(from, summary, cause, records(naptrs), Reason{Text: T("net.dns.naptr.why"), RFC: "RFC 3263 §4.1"})
	} else {
		d.trace(from, T("net.dns.naptr.none", name), cause, nil, Reason{Text: T("net.dns.naptr.srvonly"), RFC: "RFC 3263 §4.1"})
		if names := d.srvNames(name); len(names) > 0 {
			srvName = names[0]
		}
	}
	srvs := d.lookup(srvName, "SRV")
	if len(srvs) == 0 {
		if srvName != "" {
			d.trace(from, T("net.dns.srv.none", srvName), cause, nil, Reason{Text: T("net.dns.srv.fallback"), RFC: "RFC 3263 §4.2"})
		}
		return nil
	}
	order, draws := d.orderSRV(srvs)
	var targets []string
	var out []Target
	for _, r := range order {
		out = append(out, Target{r.Target, r.Port})
		targets = append(targets, out[len(out)-1].String())
	}
	d.trace(from, T("net.dns.srv.found", srvName, strings.Join(targets, ", ")), cause, append(records(srvs), draws...),
		Reason{Text: T("net.dns.srv.order"), RFC: "RFC 2782, RFC 3263 §4.2"})
	return out
}

// Address is the A/AAAA lookup of a server Locate found, traced like its
// lookups.
func (d *DNS) Address(from *Host, t Target, cause int) (netip.AddrPort, bool) {
	a, ok := d.names[canonicalName(t.Host)]
	if !ok {
		d.trace(from, T("net.dns.notfound", t.Host), cause, nil, Reason{Text: T("net.dns.target.none"), RFC: "RFC 3263 §4.2"})
		return netip.AddrPort{}, false
	}
	ap := netip.AddrPortFrom(a, t.Port)
	d.trace(from, T("net.dns.a.found", t.Host, ap.String()), cause, nil, Reason{Text: T("net.dns.target", t.Port), RFC: "RFC 3263 §4.2"})
	return ap, true
}

// orderSRV sorts SRV records as RFC 2782 says a client uses them: lowest
// priority first; within a priority, records are drawn one at a time at
// random, each with a chance proportional to its weight (a record of
// weight 0 has a very small chance, RFC 2782). It
// returns the order, and a note on each draw that had a choice.
func (d *DNS) orderSRV(srvs []Record) ([]Record, []Text) {
	sorted := slices.Clone(srvs)
	slices.SortStableFunc(sorted, func(a, b Record) int { return cmp.Compare(a.Priority, b.Priority) })
	if d.rng == nil {
		d.rng = d.sim.Stream("dns")
	}
	var out []Record
	var draws []Text
	for len(sorted) > 0 {
		n := 1
		for n < len(sorted) && sorted[n].Priority == sorted[0].Priority {
			n++
		}
		group := sorted[:n:n]
		sorted = sorted[n:]
		// RFC 2782: the records of weight 0 go first in the list, so
		// that they are only chosen when the sum leaves no other.
		slices.SortStableFunc(group, func(a, b Record) int { return cmp.Compare(min(a.Weight, 1), min(b.Weight, 1)) })
		for len(group) > 1 {
			i, pick, sum := drawWeighted(d.rng, group)
			draws = append(draws, T("net.dns.srv.draw", int(group[0].Priority), pick, sum, group[i].Target))
			out = append(out, group[i])
			group = slices.Delete(group, i, i+1)
		}
		out = append(out, group...)
	}
	return out, draws
}

// drawWeighted is one RFC 2782 selection: a number from 0 to the sum of the
// weights, and the first record whose running sum reaches it.
func drawWeighted(rng *rand.Rand, group []Record) (i, pick, sum int) {
	for _, r := range group {
		sum += int(r.Weight)
	}
	pick = rng.IntN(sum + 1)
	running := 0
	for j, r := range group {
		running += int(r.Weight)
		if running >= pick {
			return j, pick, sum
		}
	}
	return len(group) - 1, pick, sum
}

// records are the answer's records, as notes of the lookup event.
func records(rs []Record) []Text {
	out := make([]Text, len(rs))
	for i, r := range rs {
		out[i] = Lit(r.String())
	}
	return out
}

// trace records one lookup from node from to DNSNode.
func (d *DNS) trace(from *Host, summary Text, cause int, notes []Text, why Reason) {
	d.listed()
	e := Event{Type: EventLookup, To: DNSNode, Summary: summary, Cause: cause, Notes: notes, Reasons: []Reason{why}}
	if from != nil {
		e.From = from.Name
	}
	d.sim.Record(e)
}
