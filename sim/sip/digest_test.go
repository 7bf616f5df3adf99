package sip

import (
	"bufio"
	"crypto/subtle"
	"math/rand/v2"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Published vectors (RFC 2617 §3.5, RFC 7616 §3.9.1) and SIP vectors whose
// values were computed independently with md5sum/sha256sum, e.g.
//
//	printf '%s' '1015:www.freeswitch.com:1234' | md5sum
var digestVectors = []struct {
	name string
	in   DigestInput
	want DigestSteps // fields left empty are not checked, except HA1Base* and BodyHash
}{
	{
		name: "RFC 2617 §3.5 MD5 qop=auth",
		in: DigestInput{
			Username: "Mufasa", Realm: "testrealm@host.com", Password: "Circle Of Life",
			Method: "GET", URI: "/dir/index.html",
			Nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093", CNonce: "0a4f113b", NC: "00000001", QOP: "auth",
		},
		want: DigestSteps{
			Algorithm: "MD5",
			HA1Input:  "Mufasa:testrealm@host.com:Circle Of Life",
			HA1:       "939e7578ed9e3c518a452acee763bce9",
			HA2Input:  "GET:/dir/index.html",
			HA2:       "39aff3a2bab6126f332b942af96d3366",
			ResponseInput: "939e7578ed9e3c518a452acee763bce9:dcd98b7102dd2f0e8b11d0f600bfb0c093:" +
				"00000001:0a4f113b:auth:39aff3a2bab6126f332b942af96d3366",
			Response: "6629fae49393a05397450978507c4ef1",
		},
	},
	{
		name: "RFC 7616 §3.9.1 MD5",
		in: DigestInput{
			Algorithm: "MD5",
			Username:  "Mufasa", Realm: "http-auth@example.org", Password: "Circle of Life",
			Method: "GET", URI: "/dir/index.html",
			Nonce:  "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
			CNonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", NC: "00000001", QOP: "auth",
		},
		want: DigestSteps{
			Algorithm: "MD5",
			HA1Input:  "Mufasa:http-auth@example.org:Circle of Life",
			HA2Input:  "GET:/dir/index.html",
			Response:  "8ca523f5e9506fed4657c9700eebdbec",
		},
	},
	{
		name: "RFC 7616 §3.9.1 SHA-256",
		in: DigestInput{
			Algorithm: "SHA-256",
			Username:  "Mufasa", Realm: "http-auth@example.org", Password: "Circle of Life",
			Method: "GET", URI: "/dir/index.html",
			Nonce:  "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
			CNonce: "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", NC: "00000001", QOP: "auth",
		},
		want: DigestSteps{
			Algorithm: "SHA-256",
			HA1:       "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232",
			HA2:       "9a3fdae9a622fe8de177c24fa9c070f2b181ec85e15dcbdc32e10c82ad450b04",
			Response:  "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
		},
	},
	{
		name: "SIP REGISTER qop=auth",
		in: DigestInput{
			Username: "1015", Realm: "www.freeswitch.com", Password: "1234",
			Method: "REGISTER", URI: "sip:www.freeswitch.com",
			Nonce: "3135ef65-3466-4f70-8035-ec70ff10ae75", CNonce: "be28d6ed344661886ad93c8504358936",
			NC: "00000001", QOP: "auth",
		},
		want: DigestSteps{
			Algorithm: "MD5",
			HA1Input:  "1015:www.freeswitch.com:1234",
			HA1:       "fe7632dead0ef79b9f1b0bde9d71ac7a",
			HA2Input:  "REGISTER:sip:www.freeswitch.com",
			HA2:       "357860fa5d775b1ec660c952831a065f",
			ResponseInput: "fe7632dead0ef79b9f1b0bde9d71ac7a:3135ef65-3466-4f70-8035-ec70ff10ae75:" +
				"00000001:be28d6ed344661886ad93c8504358936:auth:357860fa5d775b1ec660c952831a065f",
			Response: "d702aa1a84ecc11dc83f4a7c4e56c39a",
		},
	},
	{
		name: "SIP REGISTER without qop (RFC 2069 form, GB28181)",
		in: DigestInput{
			Username: "1015", Realm: "www.freeswitch.com", Password: "1234",
			Method: "REGISTER", URI: "sip:www.freeswitch.com",
			Nonce: "3135ef65-3466-4f70-8035-ec70ff10ae75",
			// cnonce and nc are ignored without qop
			CNonce: "ignored", NC: "ignored",
		},
		want: DigestSteps{
			Algorithm:     "MD5",
			HA1:           "fe7632dead0ef79b9f1b0bde9d71ac7a",
			HA2:           "357860fa5d775b1ec660c952831a065f",
			ResponseInput: "fe7632dead0ef79b9f1b0bde9d71ac7a:3135ef65-3466-4f70-8035-ec70ff10ae75:357860fa5d775b1ec660c952831a065f",
			Response:      "3419c7c96738e4ee845b1b74b40e864b",
		},
	},
	{
		name: "SIP MD5-sess, algorithm in odd case",
		in: DigestInput{
			Algorithm: "md5-SESS",
			Username:  "1015", Realm: "www.freeswitch.com", Password: "1234",
			Method: "REGISTER", URI: "sip:www.freeswitch.com",
			Nonce: "3135ef65-3466-4f70-8035-ec70ff10ae75", CNonce: "be28d6ed344661886ad93c8504358936",
			NC: "00000001", QOP: "auth",
		},
		want: DigestSteps{
			Algorithm:    "MD5-sess",
			HA1BaseInput: "1015:www.freeswitch.com:1234",
			HA1Base:      "fe7632dead0ef79b9f1b0bde9d71ac7a",
			HA1Input:     "fe7632dead0ef79b9f1b0bde9d71ac7a:3135ef65-3466-4f70-8035-ec70ff10ae75:be28d6ed344661886ad93c8504358936",
			HA1:          "a6ea6372c9fe8b24c4f1680d96c1cc64",
			HA2:          "357860fa5d775b1ec660c952831a065f",
			Response:     "e2c7d5c632cf15f8e880a229db5cc846",
		},
	},
	{
		name: "SIP SHA-256-sess",
		in: DigestInput{
			Algorithm: "SHA-256-sess",
			Username:  "1015", Realm: "www.freeswitch.com", Password: "1234",
			Method: "REGISTER", URI: "sip:www.freeswitch.com",
			Nonce: "3135ef65-3466-4f70-8035-ec70ff10ae75", CNonce: "be28d6ed344661886ad93c8504358936",
			NC: "00000001", QOP: "auth",
		},
		want: DigestSteps{
			Algorithm:    "SHA-256-sess",
			HA1BaseInput: "1015:www.freeswitch.com:1234",
			HA1Base:      "33a2e45f91ec23c1cbe19c6ae90c70dc320ea229686a5af2471863b0bcc53b6c",
			HA1:          "46f2b7470bb120fab5dd77670b6259afb4f91f949becf2e0b44903b261a65c7a",
			HA2:          "cc687e1007eddf33fe48a277074733af275c51ee6cbe7c9bdf6b45604a47bd62",
			Response:     "13afde6c9ca9803287911698fa55c74ce7b91a160468fd7baf72fd9c88a1a827",
		},
	},
	{
		name: "SIP SHA-256",
		in: DigestInput{
			Algorithm: "sha-256",
			Username:  "1015", Realm: "www.freeswitch.com", Password: "1234",
			Method: "REGISTER", URI: "sip:www.freeswitch.com",
			Nonce: "3135ef65-3466-4f70-8035-ec70ff10ae75", CNonce: "be28d6ed344661886ad93c8504358936",
			NC: "00000001", QOP: "auth",
		},
		want: DigestSteps{
			Algorithm: "SHA-256",
			HA1:       "33a2e45f91ec23c1cbe19c6ae90c70dc320ea229686a5af2471863b0bcc53b6c",
			Response:  "113bd6041c7692b242c6677357433fee8fb8958bf9008500e56f2c7a7c332dc7",
		},
	},
	{
		name: "SIP auth-int, empty body",
		in: DigestInput{
			Username: "1015", Realm: "www.freeswitch.com", Password: "1234",
			Method: "REGISTER", URI: "sip:www.freeswitch.com",
			Nonce: "3135ef65-3466-4f70-8035-ec70ff10ae75", CNonce: "be28d6ed344661886ad93c8504358936",
			NC: "00000001", QOP: "auth-int",
		},
		want: DigestSteps{
			Algorithm: "MD5",
			BodyHash:  "d41d8cd98f00b204e9800998ecf8427e",
			HA2Input:  "REGISTER:sip:www.freeswitch.com:d41d8cd98f00b204e9800998ecf8427e",
			HA2:       "063bb8619215f4d83149dbb72ee88b15",
			Response:  "2b9327f4d4428f4717e8d4e080e22eef",
		},
	},
	{
		name: "SIP auth-int, body hello, nc 2",
		in: DigestInput{
			Username: "1015", Realm: "www.freeswitch.com", Password: "1234",
			Method: "MESSAGE", URI: "sip:34020000001320000001@3402000000",
			Nonce: "3135ef65-3466-4f70-8035-ec70ff10ae75", CNonce: "be28d6ed344661886ad93c8504358936",
			NC: "00000002", QOP: "auth-int", Body: []byte("hello"),
		},
		want: DigestSteps{
			Algorithm: "MD5",
			BodyHash:  "5d41402abc4b2a76b9719d911017c592",
			HA2:       "81653c6cf6332837b738e0c9f69d1d4e",
			Response:  "e2e9e843cf8ce531e0d752a1d81ac9f9",
		},
	},
}

func TestDigestComputeVectors(t *testing.T) {
	for _, tc := range digestVectors {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ComputeDigest(tc.in)
			if err != nil {
				t.Fatalf("ComputeDigest: %v", err)
			}
			check := func(field, got, want string, always bool) {
				t.Helper()
				if (always || want != "") && got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			w := tc.want
			check("Algorithm", got.Algorithm, w.Algorithm, true)
			check("HA1Input", got.HA1Input, w.HA1Input, false)
			check("HA1", got.HA1, w.HA1, false)
			check("HA1BaseInput", got.HA1BaseInput, w.HA1BaseInput, true)
			check("HA1Base", got.HA1Base, w.HA1Base, true)
			check("HA2Input", got.HA2Input, w.HA2Input, false)
			check("HA2", got.HA2, w.HA2, false)
			check("BodyHash", got.BodyHash, w.BodyHash, true)
			check("ResponseInput", got.ResponseInput, w.ResponseInput, false)
			check("Response", got.Response, w.Response, true)

			// Every step is the hash of the input shown beside it.
			alg, _ := digestLookupAlgorithm(got.Algorithm)
			for _, p := range [][2]string{
				{got.HA1Input, got.HA1}, {got.HA2Input, got.HA2}, {got.ResponseInput, got.Response},
			} {
				if h := alg.sum([]byte(p[0])); h != p[1] {
					t.Errorf("H(%q) = %s, steps say %s", p[0], h, p[1])
				}
			}
			if got.HA1BaseInput != "" && alg.sum([]byte(got.HA1BaseInput)) != got.HA1Base {
				t.Errorf("HA1Base is not H(HA1BaseInput)")
			}
		})
	}
}

func TestDigestComputeErrors(t *testing.T) {
	base := DigestInput{
		Username: "alice", Realm: "atlanta.example.com", Password: "wonderland",
		Method: "REGISTER", URI: "sip:atlanta.example.com",
		Nonce: "n", CNonce: "c", NC: "00000001", QOP: "auth",
	}
	tests := []struct {
		name   string
		change func(*DigestInput)
		want   string
	}{
		{"unknown algorithm", func(in *DigestInput) { in.Algorithm = "SHA-512-256" }, `unsupported algorithm "SHA-512-256"`},
		{"unknown qop", func(in *DigestInput) { in.QOP = "auth-conf" }, `unsupported qop "auth-conf"`},
		{"qop without cnonce", func(in *DigestInput) { in.CNonce = "" }, "qop=auth needs a cnonce and an nc"},
		{"qop without nc", func(in *DigestInput) { in.NC = "" }, "qop=auth needs a cnonce and an nc"},
		{"short nc", func(in *DigestInput) { in.NC = "1" }, `nc "1" is not 8 hex digits`},
		{"sess without cnonce", func(in *DigestInput) { in.Algorithm, in.QOP, in.CNonce = "MD5-sess", "", "" }, "MD5-sess needs a cnonce"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base
			tc.change(&in)
			_, err := ComputeDigest(in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	if _, err := ComputeDigest(base); err != nil {
		t.Fatalf("base input: %v", err)
	}
}

// digestCase is one case of testdata/digest/*.txt.
type digestCase struct {
	line    int
	in      string
	out     string // canonical String(), if wantErr is false
	wantErr bool
	err     string // substring of the error
}

func digestReadCases(t testing.TB, name string) []digestCase {
	t.Helper()
	path := "../../testdata/digest/" + name
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []digestCase
	var cur *digestCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		key, rest, _ := strings.Cut(line, ":")
		rest = strings.TrimLeft(rest, " ")
		switch {
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
		case key == "in" || key == "inq":
			if cur != nil {
				t.Fatalf("%s:%d: new input before the result of line %d", path, n, cur.line)
			}
			cur = &digestCase{line: n, in: rest}
			if key == "inq" {
				if cur.in, err = strconv.Unquote(rest); err != nil {
					t.Fatalf("%s:%d: %v", path, n, err)
				}
			}
		case (key == "out" || key == "err") && cur != nil:
			cur.out, cur.wantErr, cur.err = rest, key == "err", rest
			cases = append(cases, *cur)
			cur = nil
		default:
			t.Fatalf("%s:%d: cannot read %q", path, n, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur != nil {
		t.Fatalf("%s:%d: input without a result", path, cur.line)
	}
	if len(cases) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return cases
}

func TestDigestParseChallengeCases(t *testing.T) {
	for _, tc := range digestReadCases(t, "challenges.txt") {
		c, err := ParseChallenge(tc.in)
		if tc.wantErr {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("challenges.txt:%d: ParseChallenge(%q) error = %v, want %q", tc.line, tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("challenges.txt:%d: ParseChallenge(%q): %v", tc.line, tc.in, err)
			continue
		}
		if got := c.String(); got != tc.out {
			t.Errorf("challenges.txt:%d: String()\n got %s\nwant %s", tc.line, got, tc.out)
		}
		digestCheckChallengeRoundTrip(t, tc.in, c)
	}
}

func TestDigestParseCredentialsCases(t *testing.T) {
	for _, tc := range digestReadCases(t, "credentials.txt") {
		c, err := ParseCredentials(tc.in)
		if tc.wantErr {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("credentials.txt:%d: ParseCredentials(%q) error = %v, want %q", tc.line, tc.in, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("credentials.txt:%d: ParseCredentials(%q): %v", tc.line, tc.in, err)
			continue
		}
		if got := c.String(); got != tc.out {
			t.Errorf("credentials.txt:%d: String()\n got %s\nwant %s", tc.line, got, tc.out)
		}
		digestCheckCredentialsRoundTrip(t, tc.in, c)
	}
}

func TestDigestParseChallengeFields(t *testing.T) {
	in := "digest realm=\"atlanta.com\",\tdomain = \"sip:ss1.carrier.com sip:ss2.carrier.com\" ," +
		" NONCE=\"a\\\"b\", opaque=\"\", stale=TRUE, algorithm=md5-sess, qop=\"auth, auth-int ,\", ext=1"
	got, err := ParseChallenge(in)
	if err != nil {
		t.Fatal(err)
	}
	want := &Challenge{
		Scheme:      "Digest",
		Realm:       "atlanta.com",
		Domain:      "sip:ss1.carrier.com sip:ss2.carrier.com",
		Nonce:       `a"b`,
		Stale:       true,
		Algorithm:   "md5-sess",
		QOP:         []string{"auth", "auth-int"},
		Other:       []AuthParam{{Name: "ext", Value: "1"}},
		emptyOpaque: true,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseChallenge:\n got %#v\nwant %#v", got, want)
	}
	const canon = `Digest realm="atlanta.com", domain="sip:ss1.carrier.com sip:ss2.carrier.com", nonce="a\"b", ` +
		`opaque="", stale=true, algorithm=md5-sess, qop="auth,auth-int", ext=1`
	if s := got.String(); s != canon {
		t.Errorf("String()\n got %s\nwant %s", s, canon)
	}
}

func TestDigestParseCredentialsFields(t *testing.T) {
	in := `Digest username="alice", realm="atlanta.example.com", nonce="n", uri="sip:atlanta.example.com",` +
		` response="0123", algorithm=SHA-256, cnonce="c", opaque="o", qop=auth-int, nc=000000ff, userhash=false, x="1"`
	got, err := ParseCredentials(in)
	if err != nil {
		t.Fatal(err)
	}
	want := &Credentials{
		Scheme: "Digest", Username: "alice", Realm: "atlanta.example.com", Nonce: "n",
		URI: "sip:atlanta.example.com", Response: "0123", Algorithm: "SHA-256", CNonce: "c",
		Opaque: "o", QOP: "auth-int", NC: "000000ff",
		Other: []AuthParam{{Name: "x", Value: "1", Quoted: true}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseCredentials:\n got %#v\nwant %#v", got, want)
	}
}

// TestDigestStringUnparseable checks String on values that did not come from
// the parser: CR/LF and control characters, non-token "bare" fields, nil.
func TestDigestStringUnparseable(t *testing.T) {
	c := &Challenge{Realm: "a\r\nb", Nonce: "x\x01y", Algorithm: "MD5 sess", QOP: []string{"auth"}}
	const want = "Digest realm=\"a  b\", nonce=\"x\\\x01y\", algorithm=\"MD5 sess\", qop=\"auth\""
	if got := c.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	back, err := ParseChallenge(c.String())
	if err != nil {
		t.Fatal(err)
	}
	if back.Nonce != "x\x01y" || back.Algorithm != "MD5 sess" {
		t.Errorf("reparsed %#v", back)
	}
	if (*Challenge)(nil).String() != "" || (*Credentials)(nil).String() != "" {
		t.Error("nil String() is not empty")
	}
	if got := (&Credentials{Other: []AuthParam{{Name: "x", Value: ""}}}).String(); got != `Digest x=""` {
		t.Errorf("empty bare value: %s", got)
	}
}

func digestCheckChallengeRoundTrip(t *testing.T, in string, c *Challenge) {
	t.Helper()
	s := c.String()
	c2, err := ParseChallenge(s)
	if err != nil {
		t.Fatalf("input %q: String() = %q does not parse: %v", in, s, err)
	}
	if !reflect.DeepEqual(c, c2) {
		t.Fatalf("input %q: round trip through %q:\n got %#v\nwant %#v", in, s, c2, c)
	}
	if s2 := c2.String(); s2 != s {
		t.Fatalf("input %q: String() not stable: %q then %q", in, s, s2)
	}
}

func digestCheckCredentialsRoundTrip(t *testing.T, in string, c *Credentials) {
	t.Helper()
	s := c.String()
	c2, err := ParseCredentials(s)
	if err != nil {
		t.Fatalf("input %q: String() = %q does not parse: %v", in, s, err)
	}
	if !reflect.DeepEqual(c, c2) {
		t.Fatalf("input %q: round trip through %q:\n got %#v\nwant %#v", in, s, c2, c)
	}
	if s2 := c2.String(); s2 != s {
		t.Fatalf("input %q: String() not stable: %q then %q", in, s, s2)
	}
}

// TestDigestParsePrefixes feeds every prefix of every case to both parsers:
// truncated input must give an error or a value, never a panic.
func TestDigestParsePrefixes(t *testing.T) {
	for _, file := range []string{"challenges.txt", "credentials.txt"} {
		for _, tc := range digestReadCases(t, file) {
			for i := 0; i <= len(tc.in); i++ {
				if c, err := ParseChallenge(tc.in[:i]); err == nil {
					digestCheckChallengeRoundTrip(t, tc.in[:i], c)
				}
				if c, err := ParseCredentials(tc.in[:i]); err == nil {
					digestCheckCredentialsRoundTrip(t, tc.in[:i], c)
				}
			}
		}
	}
}

func digestFuzzSeeds(f *testing.F) {
	for _, file := range []string{"challenges.txt", "credentials.txt"} {
		for _, tc := range digestReadCases(f, file) {
			f.Add(tc.in)
		}
	}
	for _, s := range []string{"", "Digest", `Digest a="\`, "Digest a=\"\r\n", "Digest ,,,", `Digest opaque=""`} {
		f.Add(s)
	}
}

func FuzzParseChallenge(f *testing.F) {
	digestFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseChallenge(s)
		if err != nil {
			return
		}
		digestCheckChallengeRoundTrip(t, s, c)
	})
}

func FuzzParseCredentials(f *testing.F) {
	digestFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCredentials(s)
		if err != nil {
			return
		}
		digestCheckCredentialsRoundTrip(t, s, c)
	})
}

func TestDigestAuthorizeRFC7616(t *testing.T) {
	for _, tc := range []struct{ alg, response string }{
		{"MD5", "8ca523f5e9506fed4657c9700eebdbec"},
		{"SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"},
	} {
		ch, err := ParseChallenge(`Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=` + tc.alg +
			`, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`)
		if err != nil {
			t.Fatal(err)
		}
		cr, steps, err := Authorize(ch, "Mufasa", "Circle of Life", "GET", "/dir/index.html",
			"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1, nil)
		if err != nil {
			t.Fatal(err)
		}
		if cr.Response != tc.response || steps.Response != tc.response {
			t.Errorf("%s: response %s, want %s", tc.alg, cr.Response, tc.response)
		}
		want := `Digest username="Mufasa", realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", ` +
			`uri="/dir/index.html", response="` + tc.response + `", algorithm=` + tc.alg + `, ` +
			`cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", qop=auth, nc=00000001`
		if got := cr.String(); got != want {
			t.Errorf("%s: String()\n got %s\nwant %s", tc.alg, got, want)
		}
	}
}

func TestDigestAuthorizeQOPChoice(t *testing.T) {
	tests := []struct {
		offered []string
		want    string // chosen qop, or "error"
		nc      string
	}{
		{nil, "", ""},
		{[]string{"auth"}, "auth", "0000002a"},
		{[]string{"auth-int", "auth"}, "auth", "0000002a"},
		{[]string{"auth-int"}, "auth-int", "0000002a"},
		{[]string{"AUTH"}, "auth", "0000002a"},
		{[]string{"auth-conf"}, "error", ""},
	}
	for _, tc := range tests {
		ch := &Challenge{Scheme: "Digest", Realm: "r", Nonce: "n", QOP: tc.offered}
		cr, _, err := Authorize(ch, "u", "p", "INVITE", "sip:bob@biloxi.example.com", "c", 42, nil)
		if tc.want == "error" {
			if err == nil {
				t.Errorf("qop %q: no error", tc.offered)
			}
			continue
		}
		if err != nil {
			t.Errorf("qop %q: %v", tc.offered, err)
			continue
		}
		if cr.QOP != tc.want || cr.NC != tc.nc {
			t.Errorf("qop %q: chose qop %q nc %q, want %q %q", tc.offered, cr.QOP, cr.NC, tc.want, tc.nc)
		}
		if tc.want == "" && cr.CNonce != "" {
			t.Errorf("qop %q: cnonce %q sent without qop", tc.offered, cr.CNonce)
		}
	}
}

func TestDigestAuthorizeSIP(t *testing.T) {
	// The brief's SIP example, answered from a parsed 401.
	ch, err := ParseChallenge(`Digest realm="www.freeswitch.com", nonce="3135ef65-3466-4f70-8035-ec70ff10ae75", algorithm=MD5, qop="auth", opaque=""`)
	if err != nil {
		t.Fatal(err)
	}
	cr, steps, err := Authorize(ch, "1015", "1234", "REGISTER", "sip:www.freeswitch.com", "be28d6ed344661886ad93c8504358936", 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if steps.HA1 != "fe7632dead0ef79b9f1b0bde9d71ac7a" || cr.Response != "d702aa1a84ecc11dc83f4a7c4e56c39a" {
		t.Errorf("HA1 %s response %s", steps.HA1, cr.Response)
	}
	// opaque="" is echoed (RFC 7616 §3.4).
	if !strings.Contains(cr.String(), `opaque=""`) {
		t.Errorf("opaque not echoed: %s", cr)
	}
	digestCheckCredentialsRoundTrip(t, "Authorize", cr)

	// Without qop: the response of the RFC 2069 form, no cnonce or nc.
	ch.QOP = nil
	cr, _, err = Authorize(ch, "1015", "1234", "REGISTER", "sip:www.freeswitch.com", "be28d6ed344661886ad93c8504358936", 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if cr.Response != "3419c7c96738e4ee845b1b74b40e864b" || cr.CNonce != "" || cr.NC != "" {
		t.Errorf("no-qop credentials: %s", cr)
	}
}

func TestDigestAuthorizeErrors(t *testing.T) {
	ok := &Challenge{Scheme: "Digest", Realm: "r", Nonce: "n", QOP: []string{"auth"}}
	tests := []struct {
		name string
		ch   *Challenge
		nc   uint32
		want string
	}{
		{"nil", nil, 1, "no challenge"},
		{"basic", &Challenge{Scheme: "Basic", Realm: "r", Nonce: "n"}, 1, `cannot answer a "Basic" challenge`},
		{"no nonce", &Challenge{Scheme: "Digest", Realm: "r"}, 1, "no nonce"},
		{"bad algorithm", &Challenge{Scheme: "Digest", Nonce: "n", Algorithm: "SHA-1"}, 1, `unsupported algorithm "SHA-1"`},
		{"nc zero", ok, 0, "nc counts requests from 1"},
	}
	for _, tc := range tests {
		_, _, err := Authorize(tc.ch, "u", "p", "REGISTER", "sip:r", "c", tc.nc, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// digestTestServer returns a server on a fake clock that the test moves.
func digestTestServer(qop []string) (*DigestServer, *time.Duration) {
	now := new(time.Duration)
	rng := rand.New(rand.NewPCG(1, 2))
	users := map[string]string{"alice": "wonderland", "bob": "builder"}
	return &DigestServer{
		Realm:  "atlanta.example.com",
		QOP:    qop,
		Now:    func() time.Duration { return *now },
		Random: rng.Uint64,
		Password: func(u string) (string, bool) {
			p, ok := users[u]
			return p, ok
		},
	}, now
}

func digestAuthorize(t *testing.T, ch *Challenge, user, password string, nc uint32) *Credentials {
	t.Helper()
	cr, _, err := Authorize(ch, user, password, "REGISTER", "sip:atlanta.example.com", "0a4f113b", nc, nil)
	if err != nil {
		t.Fatal(err)
	}
	return cr
}

func digestExpectVerdict(t *testing.T, s *DigestServer, c *Credentials, body []byte, want DigestVerdict, reason string) {
	t.Helper()
	got, why := s.Verify("REGISTER", c, body)
	if got != want || !strings.Contains(why, reason) {
		t.Errorf("Verify = %v %q, want %v %q", got, why, want, reason)
	}
}

func TestDigestServerOK(t *testing.T) {
	s, _ := digestTestServer([]string{"auth"})
	ch := s.Challenge(false)
	if ch.Scheme != "Digest" || ch.Realm != s.Realm || ch.Stale || !reflect.DeepEqual(ch.QOP, []string{"auth"}) {
		t.Fatalf("challenge %s", ch)
	}
	// Through the wire: format, parse, then verify.
	wire := digestAuthorize(t, ch, "alice", "wonderland", 1).String()
	cr, err := ParseCredentials(wire)
	if err != nil {
		t.Fatal(err)
	}
	digestExpectVerdict(t, s, cr, nil, DigestOK, "response matches")
}

func TestDigestServerWrongPassword(t *testing.T) {
	s, _ := digestTestServer([]string{"auth"})
	ch := s.Challenge(false)
	digestExpectVerdict(t, s, digestAuthorize(t, ch, "alice", "Wonderland", 1), nil, DigestBadCredentials, "response mismatch: wrong password?")
	// A wrong password does not burn the nonce count: the right one with nc 1 passes.
	digestExpectVerdict(t, s, digestAuthorize(t, ch, "alice", "wonderland", 1), nil, DigestOK, "")
}

func TestDigestServerStale(t *testing.T) {
	s, now := digestTestServer([]string{"auth"})
	s.NonceTTL = 30 * time.Second
	*now = 10 * time.Second
	ch := s.Challenge(false)
	digestExpectVerdict(t, s, digestAuthorize(t, ch, "alice", "wonderland", 1), nil, DigestOK, "")

	*now += 30*time.Second - 1
	digestExpectVerdict(t, s, digestAuthorize(t, ch, "alice", "wonderland", 2), nil, DigestOK, "")

	*now++ // exactly NonceTTL after issue
	digestExpectVerdict(t, s, digestAuthorize(t, ch, "alice", "wonderland", 3), nil, DigestStale, "nonce expired: issued 30s ago, lifetime 30s")
	// Stale only when the password is right (RFC 7616 §3.3).
	digestExpectVerdict(t, s, digestAuthorize(t, ch, "alice", "nope", 3), nil, DigestBadCredentials, "")

	ch2 := s.Challenge(true)
	if !ch2.Stale || !strings.Contains(ch2.String(), "stale=true") || ch2.Nonce == ch.Nonce {
		t.Fatalf("re-challenge %s", ch2)
	}
	if len(s.nonces) != 1 {
		t.Errorf("expired nonce still remembered: %d nonces", len(s.nonces))
	}
	digestExpectVerdict(t, s, digestAuthorize(t, ch2, "alice", "wonderland", 1), nil, DigestOK, "")
}

func TestDigestServerDefaultTTL(t *testing.T) {
	s, now := digestTestServer(nil)
	ch := s.Challenge(false)
	*now = 5*time.Minute - time.Millisecond
	digestExpectVerdict(t, s, digestAuthorize(t, ch, "bob", "builder", 1), nil, DigestOK, "")
	*now = 5 * time.Minute
	digestExpectVerdict(t, s, digestAuthorize(t, ch, "bob", "builder", 1), nil, DigestStale, "expired")
}

func TestDigestServerNonceCount(t *testing.T) {
	s, _ := digestTestServer([]string{"auth"})
	ch := s.Challenge(false)
	steps := []struct {
		nc   uint32
		want DigestVerdict
		why  string
	}{
		{1, DigestOK, ""},
		{1, DigestReplay, "nc 00000001 already used: highest so far 00000001"},
		{2, DigestOK, ""},
		{5, DigestOK, ""}, // gaps are fine: requests get lost
		{3, DigestReplay, "highest so far 00000005"},
		{5, DigestReplay, ""},
		{6, DigestOK, ""},
	}
	for _, st := range steps {
		digestExpectVerdict(t, s, digestAuthorize(t, ch, "alice", "wonderland", st.nc), nil, st.want, st.why)
	}
	// Counts are per nonce: a second nonce starts again at 1.
	digestExpectVerdict(t, s, digestAuthorize(t, s.Challenge(false), "alice", "wonderland", 1), nil, DigestOK, "")
}

func TestDigestServerNoQOP(t *testing.T) {
	s, now := digestTestServer(nil) // GB28181-style
	ch := s.Challenge(false)
	if len(ch.QOP) != 0 || strings.Contains(ch.String(), "qop") {
		t.Fatalf("challenge offers qop: %s", ch)
	}
	cr := digestAuthorize(t, ch, "alice", "wonderland", 1)
	if cr.QOP != "" || cr.NC != "" || cr.CNonce != "" {
		t.Fatalf("credentials carry qop fields: %s", cr)
	}
	// No nonce count: the same credentials are accepted until the nonce expires.
	digestExpectVerdict(t, s, cr, nil, DigestOK, "")
	digestExpectVerdict(t, s, cr, nil, DigestOK, "")
	*now = time.Hour
	digestExpectVerdict(t, s, cr, nil, DigestStale, "expired")
	// qop where none was offered.
	withQOP := digestAuthorize(t, &Challenge{Realm: ch.Realm, Nonce: ch.Nonce, QOP: []string{"auth"}}, "alice", "wonderland", 1)
	digestExpectVerdict(t, s, withQOP, nil, DigestMalformed, "qop=auth was not offered")
}

func TestDigestServerAuthInt(t *testing.T) {
	s, _ := digestTestServer([]string{"auth-int"})
	s.Algorithm = "SHA-256"
	ch := s.Challenge(false)
	body := []byte("<?xml version=\"1.0\"?>\r\n<Query><CmdType>Catalog</CmdType></Query>\r\n")
	cr, _, err := Authorize(ch, "alice", "wonderland", "MESSAGE", "sip:atlanta.example.com", "c", 1, body)
	if err != nil {
		t.Fatal(err)
	}
	if cr.QOP != "auth-int" || cr.Algorithm != "SHA-256" || len(cr.Response) != 64 {
		t.Fatalf("credentials %s", cr)
	}
	if v, why := s.Verify("MESSAGE", cr, []byte("tampered")); v != DigestBadCredentials {
		t.Errorf("tampered body: %v %s", v, why)
	}
	if v, why := s.Verify("MESSAGE", cr, body); v != DigestOK {
		t.Errorf("body: %v %s", v, why)
	}
	// The method is part of HA2.
	cr2, _, _ := Authorize(ch, "alice", "wonderland", "MESSAGE", "sip:atlanta.example.com", "c", 2, body)
	if v, _ := s.Verify("INVITE", cr2, body); v != DigestBadCredentials {
		t.Errorf("other method: %v", v)
	}
}

func TestDigestServerMalformed(t *testing.T) {
	s, _ := digestTestServer([]string{"auth"})
	var ch *Challenge // a fresh challenge for each case
	other, _ := digestTestServer([]string{"auth"})
	other.Random = rand.New(rand.NewPCG(3, 4)).Uint64
	foreign := other.Challenge(false)

	tests := []struct {
		name   string
		change func(c *Credentials) *Credentials
		want   DigestVerdict
		why    string
	}{
		{"nil", func(*Credentials) *Credentials { return nil }, DigestMalformed, "no credentials"},
		{"scheme", func(c *Credentials) *Credentials { c.Scheme = "Basic"; return c }, DigestMalformed, `scheme "Basic" is not Digest`},
		{"username", func(c *Credentials) *Credentials { c.Username = ""; return c }, DigestMalformed, "missing username"},
		{"realm missing", func(c *Credentials) *Credentials { c.Realm = ""; return c }, DigestMalformed, "missing realm"},
		{"nonce", func(c *Credentials) *Credentials { c.Nonce = ""; return c }, DigestMalformed, "missing nonce"},
		{"uri", func(c *Credentials) *Credentials { c.URI = ""; return c }, DigestMalformed, "missing uri"},
		{"response", func(c *Credentials) *Credentials { c.Response = ""; return c }, DigestMalformed, "missing response"},
		{"realm", func(c *Credentials) *Credentials { c.Realm = "biloxi.example.com"; return c }, DigestMalformed, `realm "biloxi.example.com", want "atlanta.example.com"`},
		{"algorithm", func(c *Credentials) *Credentials { c.Algorithm = "SHA-256"; return c }, DigestMalformed, "algorithm SHA-256 was not offered (this server uses MD5)"},
		{"qop missing", func(c *Credentials) *Credentials { c.QOP, c.NC, c.CNonce = "", "", ""; return c }, DigestMalformed, "qop missing"},
		{"qop other", func(c *Credentials) *Credentials { c.QOP = "auth-int"; return c }, DigestMalformed, "qop=auth-int was not offered"},
		{"cnonce", func(c *Credentials) *Credentials { c.CNonce = ""; return c }, DigestMalformed, "qop without cnonce"},
		{"nc", func(c *Credentials) *Credentials { c.NC = "1"; return c }, DigestMalformed, `nc "1" is not 8 hex digits`},
		{"nc zero", func(c *Credentials) *Credentials { c.NC = "00000000"; return c }, DigestMalformed, "count starts at 00000001"},
		{"userhash", func(c *Credentials) *Credentials { c.Userhash = true; return c }, DigestMalformed, "userhash"},
		{"unknown user", func(c *Credentials) *Credentials {
			return digestAuthorize(t, ch, "mallory", "x", 1)
		}, DigestMalformed, `unknown user "mallory"`},
		{"nonce format", func(c *Credentials) *Credentials {
			return digestAuthorize(t, &Challenge{Realm: ch.Realm, Nonce: "3135ef65-3466-4f70-8035-ec70ff10ae75", QOP: ch.QOP}, "alice", "wonderland", 1)
		}, DigestMalformed, "nonce is not in this server's format"},
		{"foreign nonce", func(c *Credentials) *Credentials {
			return digestAuthorize(t, foreign, "alice", "wonderland", 1)
		}, DigestStale, "nonce unknown: not issued by this server"},
		{"upper-case response accepted", func(c *Credentials) *Credentials {
			c.Response = strings.ToUpper(c.Response)
			return c
		}, DigestOK, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch = s.Challenge(false)
			c := digestAuthorize(t, ch, "alice", "wonderland", 1)
			digestExpectVerdict(t, s, tc.change(c), nil, tc.want, tc.why)
		})
	}
}

func TestDigestServerConstantTimeCompare(t *testing.T) {
	if reflect.ValueOf(digestConstantTimeCompare).Pointer() != reflect.ValueOf(subtle.ConstantTimeCompare).Pointer() {
		t.Fatal("digestConstantTimeCompare is not crypto/subtle.ConstantTimeCompare")
	}
	calls := 0
	digestConstantTimeCompare = func(x, y []byte) int {
		calls++
		return subtle.ConstantTimeCompare(x, y)
	}
	defer func() { digestConstantTimeCompare = subtle.ConstantTimeCompare }()

	s, _ := digestTestServer([]string{"auth"})
	ch := s.Challenge(false)
	digestExpectVerdict(t, s, digestAuthorize(t, ch, "alice", "wonderland", 1), nil, DigestOK, "")
	digestExpectVerdict(t, s, digestAuthorize(t, ch, "alice", "wrong", 2), nil, DigestBadCredentials, "")
	if calls != 2 {
		t.Errorf("response compared %d times through crypto/subtle, want 2", calls)
	}
}

func TestDigestServerNonces(t *testing.T) {
	s, now := digestTestServer([]string{"auth"})
	*now = 1500 * time.Millisecond
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		n := s.Challenge(false).Nonce
		if len(n) != 40 || !strings.HasPrefix(n, "0000000059682f00") {
			t.Fatalf("nonce %q: want 40 hex digits starting with the issue time", n)
		}
		if seen[n] {
			t.Fatalf("nonce %q issued twice", n)
		}
		seen[n] = true
	}
	// Deterministic: the same seed gives the same nonces.
	a, _ := digestTestServer(nil)
	b, _ := digestTestServer(nil)
	for i := 0; i < 3; i++ {
		if na, nb := a.Challenge(false).Nonce, b.Challenge(false).Nonce; na != nb {
			t.Fatalf("same seed, different nonces %s %s", na, nb)
		}
	}
	// A constant Random still gives distinct nonces at the same instant.
	c, _ := digestTestServer(nil)
	c.Random = func() uint64 { return 7 }
	if c.Challenge(false).Nonce == c.Challenge(false).Nonce {
		t.Fatal("constant Random: same nonce twice")
	}
	// A tampered MAC makes a well-formed but unknown nonce: stale.
	ch := s.Challenge(false)
	last := "0"
	if strings.HasSuffix(ch.Nonce, "0") {
		last = "1"
	}
	ch.Nonce = ch.Nonce[:39] + last
	digestExpectVerdict(t, s, digestAuthorize(t, ch, "alice", "wonderland", 1), nil, DigestStale, "not issued by this server")
}

func TestDigestServerRequiredFuncs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*DigestServer)
		verify bool
	}{
		{"Now", func(s *DigestServer) { s.Now = nil }, false},
		{"Random", func(s *DigestServer) { s.Random = nil }, false},
		{"Password", func(s *DigestServer) { s.Password = nil }, true},
	} {
		s, _ := digestTestServer(nil)
		tc.change(s)
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "DigestServer."+tc.name+" is nil") {
					t.Errorf("%s nil: recovered %v", tc.name, r)
				}
			}()
			if tc.verify {
				s.Verify("REGISTER", &Credentials{}, nil)
			} else {
				s.Challenge(false)
			}
		}()
	}
}

func TestDigestVerdictString(t *testing.T) {
	for v, want := range map[DigestVerdict]string{
		0: "DigestVerdict(0)", DigestOK: "ok", DigestBadCredentials: "bad credentials",
		DigestStale: "stale", DigestReplay: "replay", DigestMalformed: "malformed", 9: "DigestVerdict(9)",
	} {
		if got := v.String(); got != want {
			t.Errorf("DigestVerdict(%d).String() = %q, want %q", int(v), got, want)
		}
	}
}

// TestDigestServerNoncesBounded: the table of nonces keeps at most
// MaxNonces, the oldest forgotten first (a request answering one gets
// stale=true), and none once they all expired.
func TestDigestServerNoncesBounded(t *testing.T) {
	s, now := digestTestServer([]string{"auth"})
	s.MaxNonces = 3
	var chs []*Challenge
	for i := range 10 {
		*now = time.Duration(i) * time.Second
		chs = append(chs, s.Challenge(false))
	}
	if n := s.Nonces(); n != 3 {
		t.Errorf("%d nonces remembered, want MaxNonces 3", n)
	}
	if v, why := s.Verify("REGISTER", digestAuthorize(t, chs[0], "alice", "wonderland", 1), nil); v != DigestStale {
		t.Errorf("the oldest nonce, forgotten: %v (%s), want stale", v, why)
	}
	if v, why := s.Verify("REGISTER", digestAuthorize(t, chs[9], "alice", "wonderland", 1), nil); v != DigestOK {
		t.Errorf("the newest nonce: %v (%s), want ok", v, why)
	}
	*now += s.ttl()
	if n := s.Nonces(); n != 0 {
		t.Errorf("%d nonces remembered after they all expired, want 0", n)
	}
}
