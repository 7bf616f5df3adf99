package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim/sip"
	"github.com/spf13/cobra"
)

// DigestOptions are the inputs of `siplab digest`.
type DigestOptions struct {
	IO   *IOStreams
	Lang i18n.Lang
	sip.DigestInput
	Opaque string
	Proxy  bool // Proxy-Authorization instead of Authorization
	JSON   bool
}

func newDigestCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &DigestOptions{IO: ios}
	var body string
	cmd := &cobra.Command{
		Use:   "digest --username U --realm R --password P --method M --uri URI --nonce N [--qop auth --nc 00000001 --cnonce C] [--algorithm A]",
		Short: "Compute a digest authentication response step by step",
		Long: `digest computes the response of HTTP digest authentication as SIP uses it
(RFC 3261 §22, RFC 2617, RFC 7616) and shows the arithmetic:

  HA1      = H(username:realm:password)
  HA2      = H(method:uri)                       (qop=auth-int: H(method:uri:H(body)))
  response = H(HA1:nonce:nc:cnonce:qop:HA2)      (no qop: H(HA1:nonce:HA2))

H is MD5 or SHA-256; the -sess algorithms hash HA1 once more with the nonce
and the cnonce. The last line is the header a client sends.`,
		Example: `  # A SIP REGISTER challenged with qop=auth
  siplab digest --username alice --realm atlanta.example.com --password wonderland \
      --method REGISTER --uri sip:atlanta.example.com \
      --nonce 84a4cc6f3082121f32b42a2187831a9e --qop auth --nc 00000001 --cnonce 0a4f113b

  # The GB28181 camera of the course's capture: no qop (RFC 2069 form)
  siplab digest --username 34020000001320000003 --realm 34020000 --password 12345678 \
      --method REGISTER --uri sip:192.168.35.165:5060 --nonce 1616570703 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lang = g.Lang
			var missing []string
			for _, f := range []string{"username", "realm", "password", "method", "uri", "nonce"} {
				if !cmd.Flags().Changed(f) {
					missing = append(missing, "--"+f)
				}
			}
			if len(missing) > 0 {
				return usageError{err: errors.New(opts.Lang.T("cli.digest.missing", strings.Join(missing, " ")))}
			}
			if opts.QOP != "" && opts.CNonce == "" {
				return usageErrorf("--qop %s needs --cnonce (the client's nonce)", opts.QOP)
			}
			if strings.HasSuffix(strings.ToLower(opts.Algorithm), "-sess") && opts.CNonce == "" {
				return usageErrorf("--algorithm %s needs --cnonce", opts.Algorithm)
			}
			if opts.QOP == "" && cmd.Flags().Changed("nc") {
				return usageErrorf("--nc is used only with --qop")
			}
			if opts.QOP == "" {
				opts.NC = ""
			}
			opts.Body = []byte(body)
			return runDigest(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Username, "username", "", "user name")
	f.StringVar(&opts.Realm, "realm", "", "realm from the challenge")
	f.StringVar(&opts.Password, "password", "", "password")
	f.StringVar(&opts.Method, "method", "", "the request's method, e.g. REGISTER or INVITE")
	f.StringVar(&opts.URI, "uri", "", "the digest-uri: the Request-URI")
	f.StringVar(&opts.Nonce, "nonce", "", "nonce from the challenge")
	f.StringVar(&opts.QOP, "qop", "", "quality of protection: auth or auth-int (empty: none)")
	f.StringVar(&opts.NC, "nc", "00000001", "nonce count, 8 hex digits (with --qop)")
	f.StringVar(&opts.CNonce, "cnonce", "", "client nonce (with --qop or a -sess algorithm)")
	f.StringVar(&opts.Algorithm, "algorithm", "MD5", "MD5, MD5-sess, SHA-256 or SHA-256-sess")
	f.StringVar(&opts.Opaque, "opaque", "", "opaque value from the challenge, echoed in the header")
	f.StringVar(&body, "body", "", "the message body (hashed with --qop auth-int)")
	f.BoolVar(&opts.Proxy, "proxy", false, "answer a 407: write Proxy-Authorization")
	f.BoolVar(&opts.JSON, "json", false, `print {"ha1","ha2","response"} as JSON`)
	return cmd
}

func runDigest(opts *DigestOptions) error {
	st, err := sip.ComputeDigest(opts.DigestInput)
	if err != nil {
		return err
	}
	w := opts.IO.Out
	if opts.JSON {
		return writeJSON(w, struct {
			HA1      string `json:"ha1"`
			HA2      string `json:"ha2"`
			Response string `json:"response"`
		}{st.HA1, st.HA2, st.Response})
	}
	explainDigest(w, opts, st)
	return nil
}

func explainDigest(w io.Writer, opts *DigestOptions, st sip.DigestSteps) {
	l := opts.Lang
	h := strings.TrimSuffix(st.Algorithm, "-sess")
	step := func(line, why string) {
		fmt.Fprintln(w, line)
		fmt.Fprintf(w, "    %s\n", why)
	}
	if st.HA1Base != "" {
		step(l.T("cli.digest.ha1", h, st.HA1BaseInput, st.HA1Base), l.T("cli.digest.ha1.why"))
		step(l.T("cli.digest.sess", h, st.HA1Input, st.HA1), l.T("cli.digest.sess.why"))
	} else {
		step(l.T("cli.digest.ha1", h, st.HA1Input, st.HA1), l.T("cli.digest.ha1.why"))
	}
	if st.BodyHash != "" {
		fmt.Fprintln(w, l.T("cli.digest.bodyhash", h, len(opts.Body), st.BodyHash))
	}
	step(l.T("cli.digest.ha2", h, st.HA2Input, st.HA2), l.T("cli.digest.ha2.why"))
	why := l.T("cli.digest.noqop")
	if opts.QOP != "" {
		why = l.T("cli.digest.qop", opts.QOP)
	}
	step(l.T("cli.digest.response", h, st.ResponseInput, st.Response), why)

	cred := &sip.Credentials{
		Username: opts.Username, Realm: opts.Realm, Nonce: opts.Nonce, URI: opts.URI,
		Response: st.Response, Algorithm: st.Algorithm, CNonce: opts.CNonce, Opaque: opts.Opaque,
		QOP: opts.QOP, NC: opts.NC,
	}
	if opts.QOP == "" && !strings.HasSuffix(st.Algorithm, "-sess") {
		cred.CNonce = ""
	}
	name := "Authorization"
	if opts.Proxy {
		name = "Proxy-Authorization"
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, l.T("cli.digest.header"))
	fmt.Fprintf(w, "%s: %s\n", name, cred)
}
