package lessons

import (
	"slices"
	"testing"
)

const (
	bobDesk   = "<sip:bob@client.biloxi.example.com>"
	bobLaptop = "<sip:bob@laptop.biloxi.example.com>"
)

// TestRegisterUpdate: RFC 3665 §2.2 — F1 binds a second contact to bob's
// address-of-record, with its own Call-ID, and F2 lists both bindings.
func TestRegisterUpdate(t *testing.T) {
	tr := run(t, "register-update", 1)
	f1 := one(t, tr, "bob-laptop", "registrar", "REGISTER", 1)
	if f1.Get("Contact") != bobLaptop || f1.CallID() == one(t, tr, "bob", "registrar", "REGISTER", 1).CallID() {
		t.Errorf("F1: Contact %q Call-ID %s; want the laptop's contact and a Call-ID of its own", f1.Get("Contact"), f1.CallID())
	}
	want := []string{bobDesk + ";expires=3000", bobLaptop + ";expires=3600"} // at 600 s
	if got := contactsOf(t, one(t, tr, "registrar", "bob-laptop", "200", 1)); !slices.Equal(got, want) {
		t.Errorf("F2 lists %q, want %q", got, want)
	}
}

// TestRegisterQuery: RFC 3665 §2.3 — F1 has no Contact, the same Call-ID
// and the next CSeq; F2 lists the binding with the time it has left.
func TestRegisterQuery(t *testing.T) {
	tr := run(t, "register-query", 1)
	first, f1 := one(t, tr, "bob", "registrar", "REGISTER", 1), one(t, tr, "bob", "registrar", "REGISTER", 2)
	if f1.Has("Contact") || f1.CallID() != first.CallID() || cseqOf(t, f1).Seq != 2 {
		t.Errorf("F1: Contact %q Call-ID %s CSeq %d; want no Contact, the first Call-ID and CSeq 2", f1.Get("Contact"), f1.CallID(), cseqOf(t, f1).Seq)
	}
	want := []string{bobDesk + ";expires=3000"} // at 600 s
	if got := contactsOf(t, one(t, tr, "registrar", "bob", "200", 2)); !slices.Equal(got, want) {
		t.Errorf("F2 lists %q, want %q", got, want)
	}
}

// TestRegisterRemove: RFC 3665 §2.4 — F1 has Contact: * and Expires: 0;
// F2 lists no binding, not even the laptop's.
func TestRegisterRemove(t *testing.T) {
	tr := run(t, "register-remove", 1)
	f1 := one(t, tr, "bob", "registrar", "REGISTER", 2)
	if f1.Get("Contact") != "*" || f1.Get("Expires") != "0" {
		t.Errorf("F1: Contact %q Expires %q; want * and 0", f1.Get("Contact"), f1.Get("Expires"))
	}
	if got := contactsOf(t, one(t, tr, "registrar", "bob", "200", 2)); got != nil {
		t.Errorf("F2 lists %q, want no binding", got)
	}
	want := []string{bobDesk + ";expires=3540", bobLaptop + ";expires=3600"} // before: at 60 s
	if got := contactsOf(t, one(t, tr, "registrar", "bob-laptop", "200", 1)); !slices.Equal(got, want) {
		t.Errorf("before F1 the laptop's 200 lists %q, want %q", got, want)
	}
}
