package render

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim/rfccheck"
)

// Findings writes the RFC findings of one trace or capture, named name,
// one per line in l, then a summary line:
//
//	call.json: step 7: error: CSeq 1 BYE after 1 INVITE in the same dialog: … [RFC 3261 §12.2.1.1] (cseq-order; compared with step 1)
//	call.json: 1 errors, 0 warnings
//
// A finding in a capture names its frame, and its step in the trace.
func Findings(w io.Writer, l i18n.Lang, name string, fs []rfccheck.Finding) error {
	var errs, warns int
	for _, f := range fs {
		sev := l.T("cli.warning")
		if f.Severity == rfccheck.Error {
			sev, errs = l.T("cli.check.error"), errs+1
		} else {
			warns++
		}
		rule := f.Rule
		if f.Related != 0 {
			rule = l.Semicolons([]string{rule, l.T("cli.check.related", findingPlace(l, f.Related, 0))})
		}
		line := l.Colon(name) + l.Colon(findingPlace(l, f.Seq, f.Frame)) + l.Colon(sev) + l.Text(f.Text) + " [" + f.RFC + "]" + l.Aside(rule)
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	var err error
	if len(fs) == 0 {
		_, err = fmt.Fprintln(w, l.T("cli.check.clean", name))
	} else {
		_, err = fmt.Fprintln(w, l.T("cli.check.summary", name, errs, warns))
	}
	return err
}

// findingPlace is "step 7", or "frame 12 (step 7)" in a capture.
func findingPlace(l i18n.Lang, seq, frame int) string {
	if frame > 0 {
		return l.T("cli.check.frame", frame, seq)
	}
	return l.T("cli.check.step", seq)
}

// FindingsReport is the JSON form of the findings of one file, for tools:
// every sentence in both languages, beside its catalog key and arguments.
type FindingsReport struct {
	File     string        `json:"file"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
	Findings []findingJSON `json:"findings"`
}

type findingJSON struct {
	Seq      int               `json:"seq"`
	Frame    int               `json:"frame,omitempty"`
	Related  int               `json:"related,omitempty"`
	Rule     string            `json:"rule"`
	Severity rfccheck.Severity `json:"severity"`
	RFC      string            `json:"rfc"`
	Key      string            `json:"key"`
	Args     []string          `json:"args,omitempty"`
	EN       string            `json:"en"`
	ZH       string            `json:"zh"`
}

// NewFindingsReport builds the JSON form of a file's findings.
func NewFindingsReport(name string, fs []rfccheck.Finding) FindingsReport {
	r := FindingsReport{File: name, Findings: []findingJSON{}}
	for _, f := range fs {
		if f.Severity == rfccheck.Error {
			r.Errors++
		} else {
			r.Warnings++
		}
		r.Findings = append(r.Findings, findingJSON{Seq: f.Seq, Frame: f.Frame, Related: f.Related, Rule: f.Rule,
			Severity: f.Severity, RFC: f.RFC, Key: f.Text.Key, Args: f.Text.Args,
			EN: i18n.EN.Text(f.Text), ZH: i18n.ZH.Text(f.Text)})
	}
	return r
}

// FindingsJSON writes reports as an indented JSON array, raw SIP
// characters (<, >, &) unescaped.
func FindingsJSON(w io.Writer, reports []FindingsReport) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(reports)
}
