package sip_test

import (
	"fmt"
	"time"

	"github.com/siplab/siplab/sim/sip"
)

// The response to a registrar's 401, step by step, as a student would work
// it out by hand.
func ExampleComputeDigest() {
	steps, err := sip.ComputeDigest(sip.DigestInput{
		Username: "1015", Realm: "www.freeswitch.com", Password: "1234",
		Method: "REGISTER", URI: "sip:www.freeswitch.com",
		Nonce:  "3135ef65-3466-4f70-8035-ec70ff10ae75",
		CNonce: "be28d6ed344661886ad93c8504358936", NC: "00000001", QOP: "auth",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("HA1 = %s(%q)\n    = %s\n", steps.Algorithm, steps.HA1Input, steps.HA1)
	fmt.Printf("HA2 = %s(%q)\n    = %s\n", steps.Algorithm, steps.HA2Input, steps.HA2)
	fmt.Printf("response = %s(\"HA1:nonce:nc:cnonce:qop:HA2\")\n         = %s\n", steps.Algorithm, steps.Response)
	// Output:
	// HA1 = MD5("1015:www.freeswitch.com:1234")
	//     = fe7632dead0ef79b9f1b0bde9d71ac7a
	// HA2 = MD5("REGISTER:sip:www.freeswitch.com")
	//     = 357860fa5d775b1ec660c952831a065f
	// response = MD5("HA1:nonce:nc:cnonce:qop:HA2")
	//          = d702aa1a84ecc11dc83f4a7c4e56c39a
}

// With MD5-sess, HA1 is computed in two stages.
func ExampleComputeDigest_sess() {
	steps, err := sip.ComputeDigest(sip.DigestInput{
		Algorithm: "MD5-sess",
		Username:  "1015", Realm: "www.freeswitch.com", Password: "1234",
		Method: "REGISTER", URI: "sip:www.freeswitch.com",
		Nonce:  "3135ef65-3466-4f70-8035-ec70ff10ae75",
		CNonce: "be28d6ed344661886ad93c8504358936", NC: "00000001", QOP: "auth",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(steps.HA1BaseInput, "->", steps.HA1Base)
	fmt.Println(steps.HA1Input, "->", steps.HA1)
	fmt.Println(steps.Response)
	// Output:
	// 1015:www.freeswitch.com:1234 -> fe7632dead0ef79b9f1b0bde9d71ac7a
	// fe7632dead0ef79b9f1b0bde9d71ac7a:3135ef65-3466-4f70-8035-ec70ff10ae75:be28d6ed344661886ad93c8504358936 -> a6ea6372c9fe8b24c4f1680d96c1cc64
	// e2c7d5c632cf15f8e880a229db5cc846
}

// ParseChallenge accepts any case, odd spacing and stale=FALSE; String gives
// the canonical form, keeping the empty opaque the client must echo.
func ExampleParseChallenge() {
	ch, err := sip.ParseChallenge(`digest  REALM="atlanta.com" , qop="auth,auth-int",nonce = "f84f1cec41e6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("realm %s, qop %q, stale %v\n", ch.Realm, ch.QOP, ch.Stale)
	fmt.Println(ch)

	_, err = sip.ParseChallenge(`Digest realm="atlanta.com", nonce="f84f1cec`)
	fmt.Println(err)
	// Output:
	// realm atlanta.com, qop ["auth" "auth-int"], stale false
	// Digest realm="atlanta.com", nonce="f84f1cec41e6cbe5aea9c8e88d359", opaque="", algorithm=MD5, qop="auth,auth-int"
	// digest challenge: parameter nonce: unterminated quoted string
}

// Answering a 407 Proxy-Authenticate with a Proxy-Authorization.
func ExampleAuthorize() {
	ch, err := sip.ParseChallenge(`Digest realm="atlanta.example.com", nonce="wf84f1ceczx41ae6cbe5aea9c8e88d359", qop="auth"`)
	if err != nil {
		fmt.Println(err)
		return
	}
	cr, _, err := sip.Authorize(ch, "alice", "wonderland", "INVITE", "sip:bob@biloxi.example.com", "0a4f113b", 1, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("Proxy-Authorization:", cr)
	// Output:
	// Proxy-Authorization: Digest username="alice", realm="atlanta.example.com", nonce="wf84f1ceczx41ae6cbe5aea9c8e88d359", uri="sip:bob@biloxi.example.com", response="2fb98cb89527215b4e81af927ed70132", cnonce="0a4f113b", qop=auth, nc=00000001
}

// A registrar challenges, alice answers, and a replay of her request is caught.
func ExampleDigestServer() {
	var now time.Duration // the simulation's virtual clock
	var seed uint64 = 1
	s := &sip.DigestServer{
		Realm:  "atlanta.example.com",
		QOP:    []string{"auth"},
		Now:    func() time.Duration { return now },
		Random: func() uint64 { seed = seed*6364136223846793005 + 1442695040888963407; return seed },
		Password: func(user string) (string, bool) {
			return "wonderland", user == "alice"
		},
	}
	ch := s.Challenge(false) // goes into 401 WWW-Authenticate
	cr, _, err := sip.Authorize(ch, "alice", "wonderland", "REGISTER", "sip:atlanta.example.com", "0a4f113b", 1, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Verify("REGISTER", cr, nil))
	fmt.Println(s.Verify("REGISTER", cr, nil)) // the same nc again

	now += 10 * time.Minute
	cr, _, _ = sip.Authorize(ch, "alice", "wonderland", "REGISTER", "sip:atlanta.example.com", "0a4f113b", 2, nil)
	fmt.Println(s.Verify("REGISTER", cr, nil))
	fmt.Println(s.Challenge(true).Stale) // the next 401 says stale=true
	// Output:
	// ok response matches
	// replay nc 00000001 already used: highest so far 00000001
	// stale nonce expired: issued 10m0s ago, lifetime 5m0s
	// true
}
