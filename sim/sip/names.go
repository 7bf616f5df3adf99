package sip

import (
	"slices"
	"strings"
)

// Header names compare case-insensitively (§7.3.1); several have a compact
// one-letter form (§7.3.3, and RFC 3515, 3841, 3892, 4028, 6665 for the
// rest). CanonicalName maps both to the full form that siplab writes.

var compactNames = [26]string{
	'a' - 'a': "Accept-Contact",
	'b' - 'a': "Referred-By",
	'c' - 'a': "Content-Type",
	'd' - 'a': "Request-Disposition",
	'e' - 'a': "Content-Encoding",
	'f' - 'a': "From",
	'i' - 'a': "Call-ID",
	'j' - 'a': "Reject-Contact",
	'k' - 'a': "Supported",
	'l' - 'a': "Content-Length",
	'm' - 'a': "Contact",
	'o' - 'a': "Event",
	'r' - 'a': "Refer-To",
	's' - 'a': "Subject",
	't' - 'a': "To",
	'u' - 'a': "Allow-Events",
	'v' - 'a': "Via",
	'x' - 'a': "Session-Expires",
	'y' - 'a': "Identity",
}

// knownNames lists the canonical spelling of the headers siplab knows:
// RFC 3261 §20 and the extensions a SIP course meets.
var knownNames = []string{
	"Accept", "Accept-Contact", "Accept-Encoding", "Accept-Language", "Alert-Info", "Allow",
	"Allow-Events", "Authentication-Info", "Authorization", "Call-ID", "Call-Info", "Contact",
	"Content-Disposition", "Content-Encoding", "Content-Language", "Content-Length",
	"Content-Type", "CSeq", "Date", "Error-Info", "Event", "Expires", "From", "Hide",
	"Identity", "In-Reply-To", "Max-Breadth", "Max-Forwards", "MIME-Version", "Min-Expires",
	"Min-SE", "Organization", "P-Asserted-Identity", "P-Preferred-Identity", "Path",
	"Priority", "Privacy", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Require",
	"RAck", "Reason", "Record-Route", "Refer-To", "Referred-By", "Reject-Contact",
	"Reply-To", "Request-Disposition", "Require", "Retry-After", "Route", "RSeq", "Server",
	"Session-Expires", "Subject", "Supported", "Timestamp", "To", "Unsupported",
	"User-Agent", "Via", "Warning", "WWW-Authenticate",
}

// byLength buckets knownNames by length so that a lookup compares a handful
// of candidates with strings.EqualFold and allocates nothing.
var byLength [32][]string

func init() {
	for _, n := range knownNames {
		byLength[len(n)] = append(byLength[len(n)], n)
	}
}

// CanonicalName returns the full, canonically spelled form of a header
// name: "v" and "VIA" give "Via", "call-id" gives "Call-ID". Unknown names
// are returned as they are.
func CanonicalName(name string) string {
	n, _ := lookupName(name)
	return n
}

// lookupName is CanonicalName, also reporting whether the name is known.
func lookupName(name string) (string, bool) {
	if len(name) == 1 {
		c := name[0] | 0x20
		if 'a' <= c && c <= 'z' {
			if full := compactNames[c-'a']; full != "" {
				return full, true
			}
		}
		return name, false
	}
	if len(name) < len(byLength) {
		candidates := byLength[len(name)]
		for _, n := range candidates {
			// The first byte rules out most candidates without a call to
			// compare the rest.
			if n[0] == name[0] && n == name {
				return n, true
			}
		}
		for _, n := range candidates {
			if strings.EqualFold(n, name) {
				return n, true
			}
		}
	}
	return name, false
}

// CompactName returns the one-letter form of a canonical header name, or ""
// when it has none.
func CompactName(name string) string {
	if i := slices.Index(compactNames[:], CanonicalName(name)); i >= 0 {
		return string(rune('a' + i))
	}
	return ""
}
