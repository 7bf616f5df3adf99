package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/siplab/siplab/render"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"github.com/siplab/siplab/sim/sip"
	"github.com/spf13/cobra"
)

// ParseOptions are the inputs of `siplab parse`.
type ParseOptions struct {
	IO   *IOStreams
	Lang i18n.Lang
	File string // "" or "-" reads standard input
	JSON bool
}

func newParseCmd(ios *IOStreams, g *globals) *cobra.Command {
	opts := &ParseOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "parse [FILE|-]",
		Short: "Parse one raw SIP message and explain every header",
		Long: `parse reads one SIP message (a request or a response) from FILE, or from
standard input when FILE is "-" or absent, checks it as strictly as RFC 3261
§7 and §25 ask, and lists every header with what it is for.

Line ends may be CRLF or LF. An invalid message is reported with the line
and the header at fault, and parse exits with status 1.

The input may be at most 1 MiB (1,048,576 bytes): sixteen times the largest
UDP datagram (65,535 bytes), room for a message sent over TCP with a large
body. A larger input is refused, with status 1.`,
		Example: `  siplab parse invite.txt
  siplab parse --json - < response.txt
  siplab parse --lang zh register.txt`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.File = args[0]
			}
			opts.Lang = g.Lang
			return runParse(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the message as JSON: kind, method, uri, status, reason, headers [{name, value}], body")
	return cmd
}

// maxMessageSize is the largest input parse reads (see its help).
const maxMessageSize = 1 << 20

// readInput reads a named file or, for "" and "-", the command's stdin, at
// most maxMessageSize bytes; it returns the name to use in error messages.
func readInput(ios *IOStreams, file string) ([]byte, string, error) {
	in, name := ios.In, "<stdin>"
	if file != "" && file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return nil, file, err
		}
		defer f.Close()
		in, name = f, file
	}
	data, err := sim.ReadAtMost(in, maxMessageSize, "a message for siplab parse")
	if err != nil {
		return nil, name, fmt.Errorf("%s: %w", render.Printable(name), err)
	}
	return data, name, nil
}

func runParse(opts *ParseOptions) error {
	data, name, err := readInput(opts.IO, opts.File)
	if err != nil {
		return err
	}
	m, err := sip.Parse(data)
	if err != nil {
		return fmt.Errorf("%s: %w", render.Printable(name), err)
	}
	if opts.JSON {
		return writeMessageJSON(opts.IO.Out, m)
	}
	explainMessage(opts.IO.Out, opts.Lang, m)
	return nil
}

// messageJSON is the contract of `siplab parse --json` (README: Messages and digests).
type messageJSON struct {
	Kind    string       `json:"kind"`
	Method  string       `json:"method,omitempty"`
	URI     string       `json:"uri,omitempty"`
	Status  int          `json:"status,omitempty"`
	Reason  *string      `json:"reason,omitempty"`
	Headers []headerJSON `json:"headers"`
	Body    string       `json:"body"`
}

type headerJSON struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

func writeMessageJSON(w io.Writer, m *sip.Message) error {
	out := messageJSON{Headers: make([]headerJSON, 0, len(m.Headers)), Body: string(m.Body)}
	if m.IsRequest() {
		out.Kind, out.Method, out.URI = "request", m.Method, m.RequestURI.String()
	} else {
		out.Kind, out.Status, out.Reason = "response", m.StatusCode, &m.Reason
	}
	for _, h := range m.Headers {
		out.Headers = append(out.Headers, headerJSON{h.Name, h.Value})
	}
	return writeJSON(w, out)
}

// explainMessage prints the start line, each header with its explanation,
// and the body. The message's text is escaped as every view escapes it
// (render.Printable): a quoted-pair may hold an escape character and a body
// anything, and neither may drive the terminal.
func explainMessage(w io.Writer, l i18n.Lang, m *sip.Message) {
	if m.IsRequest() {
		fmt.Fprintln(w, l.T("cli.parse.request", m.Method, render.Printable(m.RequestURI.String())))
		fmt.Fprintf(w, "    %s\n", l.T(i18n.MethodKey(m.Method)))
	} else {
		fmt.Fprintln(w, l.T("cli.parse.response", m.StatusCode, render.Printable(m.Reason)))
		fmt.Fprintf(w, "    %s: %s\n", l.T("cli.parse.class"), l.T(i18n.ClassKey(m.StatusCode)))
		if key := i18n.StatusKey(m.StatusCode); key != "status.unknown" {
			fmt.Fprintf(w, "    %s: %s\n", l.T("cli.parse.meaning"), l.T(key))
			if std := i18n.EN.T(key + ".reason"); std != m.Reason {
				fmt.Fprintf(w, "    %s\n", l.T("cli.parse.reason", l.T(key+".reason")))
			}
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, l.T("cli.parse.headers", len(m.Headers)))
	for _, h := range m.Headers {
		fmt.Fprintf(w, "  %s: %s\n", h.Name, render.Printable(h.Value))
		fmt.Fprintf(w, "      %s\n", l.T(i18n.HeaderKey(h.Name)))
	}
	fmt.Fprintln(w)
	if len(m.Body) == 0 {
		fmt.Fprintln(w, l.T("cli.parse.nobody"))
		return
	}
	fmt.Fprintln(w, l.T("cli.parse.body", len(m.Body), cmp.Or(m.ContentType(), "?")))
	if !utf8.Valid(m.Body) {
		return
	}
	body := strings.TrimRight(strings.ReplaceAll(string(m.Body), "\r\n", "\n"), "\n")
	for _, line := range strings.Split(body, "\n") {
		fmt.Fprintf(w, "  | %s\n", render.Printable(strings.TrimSuffix(line, "\r")))
	}
}
