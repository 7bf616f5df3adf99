package main

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/siplab/siplab/nodes/lab"
	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/capture"
	"github.com/spf13/cobra"
)

// LabOptions are the inputs of `siplab lab`.
type LabOptions struct {
	Listen    []string
	Domain    string
	Users     []string
	UsersFile string
	Challenge int
	Record    string
	PCAP      string
	HTTP      string
	Verbose   bool
}

func newLabCmd(ios *IOStreams, g *globals) *cobra.Command {
	o := &LabOptions{}
	cmd := &cobra.Command{
		Use:   "lab [--listen ADDR]… [--domain D] [--user NAME:PASSWORD]… [--users FILE] [--challenge 401|407] [--record FILE.json] [--pcap FILE.pcapng] [--http ADDR] [-v]",
		Short: "Serve real softphones: registrar and proxy, every message explained live",
		Long: `lab runs the elements of the lessons on real UDP and TCP sockets and the
wall clock: the registrar and record-routing stateful proxy of a domain, for
softphones (X-Lite, MicroSIP, Linphone) to register and call each other.
REGISTER is challenged with digest (401, or 407 with --challenge 407) and
calls with 407 when --user or --users is given; requests for other domains get 403 and
are never relayed. A phone behind a NAT is reached where its REGISTER came
from; a replayed digest response (its nonce count used already) is refused;
past 200 waiting messages new requests get 503 with Retry-After, and a request
over 8 KiB gets 513. Every message prints as a ladder row as it happens, a
lane per registered phone by user name (-v: in full, with the reasons;
--http: in a browser, the session so far and then live, a click on a message
explains it). Ctrl-C (SIGINT) or SIGTERM stops it and writes
--record (a trace for show, step and render) and --pcap (for Wireshark).`,
		Example: `  siplab lab --user alice:wonderland --user bob:builder --record lab.json --pcap lab.pcapng
  siplab lab --listen 192.168.1.10:5060 --domain 192.168.1.10 --user alice:wonderland --challenge 407
  siplab step lab.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runLab(cmd.Context(), ios, g, o)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.Listen, "listen", nil, "address to listen on, UDP and TCP, IP:PORT (repeatable; default 127.0.0.1:5060)")
	f.StringVar(&o.Domain, "domain", "", "the domain served (default: the first listen address's IP)")
	f.StringArrayVar(&o.Users, "user", nil, "a user of the domain, NAME:PASSWORD (repeatable; none: no authentication)")
	f.StringVar(&o.UsersFile, "users", "", "a file of users, a NAME:PASSWORD per line (# starts a comment; blank lines are skipped)")
	f.IntVar(&o.Challenge, "challenge", 401, "how REGISTER is challenged: 401 (WWW-Authenticate) or 407 (Proxy-Authenticate, as MiniSipServer)")
	f.StringVar(&o.Record, "record", "", "on exit, write the session's trace JSON here (for show, step, render)")
	f.StringVar(&o.PCAP, "pcap", "", "on exit, write the session as a capture here (.pcap or .pcapng)")
	f.StringVar(&o.HTTP, "http", "", "serve the live ladder to browsers at this address, IP:PORT (server-sent events)")
	f.BoolVarP(&o.Verbose, "verbose", "v", false, "print every message in full, with its reasons")
	return cmd
}

// labConfig checks the flags and turns them into a lab.Config.
func labConfig(o *LabOptions) (lab.Config, error) {
	var c lab.Config
	for _, a := range o.Listen {
		ap, err := netip.ParseAddrPort(a)
		if err != nil {
			return c, usageErrorf("--listen %q: want IP:PORT, such as 127.0.0.1:5060 or [::1]:5060", a)
		}
		c.Listen = append(c.Listen, ap)
	}
	for _, u := range o.Users {
		if err := addUser(&c, u, fmt.Sprintf("--user %q", u)); err != nil {
			return c, err
		}
	}
	if o.UsersFile != "" {
		if err := readUsers(&c, o.UsersFile); err != nil {
			return c, err
		}
	}
	switch o.Challenge {
	case 401:
	case 407:
		c.Register407 = true
	default:
		return c, usageErrorf("--challenge %d: want 401 or 407", o.Challenge)
	}
	if o.PCAP != "" && pcapFormat(o.PCAP) == "" {
		return c, usageErrorf("--pcap %q: the file name ends in .pcap or .pcapng", o.PCAP)
	}
	c.Domain = o.Domain
	return c, nil
}

// addUser adds a NAME:PASSWORD to c; where names it in an error.
func addUser(c *lab.Config, u, where string) error {
	name, pw, ok := strings.Cut(u, ":")
	if !ok || name == "" || pw == "" {
		return usageErrorf("%s: want NAME:PASSWORD, such as alice:wonderland", where)
	}
	if c.Users == nil {
		c.Users = map[string]string{}
	}
	if _, dup := c.Users[name]; dup {
		return usageErrorf("%s: %s is given twice", where, name)
	}
	c.Users[name] = pw
	return nil
}

// readUsers adds the users of a --users file: a NAME:PASSWORD per line,
// blank lines and lines starting with # skipped. An error names the file
// and the line.
func readUsers(c *lab.Config, path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return usageErrorf("--users: %v", err)
	}
	n := 0
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := addUser(c, line, fmt.Sprintf("--users %s:%d", path, i+1)); err != nil {
			return err
		}
		n++
	}
	if n == 0 {
		return usageErrorf("--users %s: no NAME:PASSWORD line", path)
	}
	return nil
}

func pcapFormat(path string) capture.Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pcap":
		return capture.PCAP
	case ".pcapng":
		return capture.PCAPNG
	}
	return ""
}

func runLab(ctx context.Context, ios *IOStreams, g *globals, o *LabOptions) error {
	cfg, err := labConfig(o)
	if err != nil {
		return err
	}
	for _, p := range []string{o.Record, o.PCAP} {
		if p != "" {
			if _, err := checkTarget(p); err != nil {
				return err
			}
		}
	}
	var ln net.Listener
	var web *http.Server
	if o.HTTP != "" {
		if ln, err = net.Listen("tcp", o.HTTP); err != nil {
			return fmt.Errorf("--http %s: %w", o.HTTP, err)
		}
		defer ln.Close()
		web = &http.Server{ReadHeaderTimeout: 10 * time.Second}
	}
	cfg.Out, cfg.Lang, cfg.Verbose = ios.Out, g.Lang, o.Verbose
	if f, ok := ios.Out.(*os.File); ok && onTerminal(ios.Out) {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w >= minTextWidth {
			cfg.Width = w // the live ladder fits the terminal
		}
	}
	srv, err := lab.New(cfg)
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if web != nil {
		web.Handler = srv.Handler()
		go web.Serve(ln)
		defer web.Close()
		fmt.Fprintln(ios.Out, g.Lang.T("cli.lab.http", ln.Addr()))
	}
	labBanner(ios, g, srv, cfg, o)
	t, err := srv.Run(ctx)
	if err != nil {
		return err
	}
	l := g.Lang
	fmt.Fprintln(ios.Out, l.T("cli.lab.stopped", countMessages(t.Events)))
	if o.Record != "" {
		var b bytes.Buffer
		if err := render.JSON(&b, t); err != nil {
			return err
		}
		if err := writeFile(o.Record, b.Bytes()); err != nil {
			return err
		}
		fmt.Fprintln(ios.Out, l.T("cli.lab.saved", o.Record))
	}
	if o.PCAP != "" {
		var b bytes.Buffer
		if err := render.Capture(&b, t, pcapFormat(o.PCAP), l); err != nil {
			return err
		}
		if err := writeFile(o.PCAP, b.Bytes()); err != nil {
			return err
		}
		fmt.Fprintln(ios.Out, l.T("cli.lab.saved", o.PCAP))
	}
	return nil
}

// labBanner says what the lab serves and what to type into a softphone.
func labBanner(ios *IOStreams, g *globals, srv *lab.Server, cfg lab.Config, o *LabOptions) {
	l, w := g.Lang, ios.Out
	var addrs []string
	for _, a := range srv.Addrs() {
		addrs = append(addrs, "UDP+TCP "+a.String())
	}
	fmt.Fprintln(w, l.T("cli.lab.serving", srv.Domain(), strings.Join(addrs, ", ")))
	fmt.Fprintln(w, l.T("cli.lab.softphone"))
	if len(cfg.Users) == 0 {
		fmt.Fprintln(w, "  "+l.T("cli.lab.anyuser"))
	} else {
		names := slices.Sorted(maps.Keys(cfg.Users))
		fmt.Fprintln(w, "  "+l.T("cli.lab.user", strings.Join(names, ", ")))
		fmt.Fprintln(w, "  "+l.T("cli.lab.password"))
	}
	fmt.Fprintln(w, "  "+l.T("cli.lab.domain", srv.Domain()))
	fmt.Fprintln(w, "  "+l.T("cli.lab.proxy", srv.Addrs()[0]))
	fmt.Fprintln(w, "  "+l.T("cli.lab.call", srv.Domain()))
	var files []string
	for _, f := range []string{o.Record, o.PCAP} {
		if f != "" {
			files = append(files, f)
		}
	}
	if len(files) > 0 {
		fmt.Fprintln(w, l.T("cli.lab.stop", strings.Join(files, ", ")))
	} else {
		fmt.Fprintln(w, l.T("cli.lab.nostore"))
	}
}

// countMessages counts the message events of a trace.
func countMessages(events []sim.Event) int {
	n := 0
	for _, e := range events {
		if e.Type == sim.EventMessage {
			n++
		}
	}
	return n
}
