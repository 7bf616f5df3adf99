package render

import (
	"cmp"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
)

// Every view says which faults a run injected, from the trace alone (its
// lesson_faults and faults), so that a saved trace shows as the run did:
//
//   - the heading of the text, SVG and Mermaid ladders and the summary
//     line that ends the text and SVG ladders name them all
//     (faultAside);
//   - the walkthrough warns, before the lesson's introduction, that the run
//     was changed by the faults it added to the lesson, since the
//     introduction describes the lesson's own flow (FaultBanner);
//   - siplab render puts the added faults in its file names (FaultSlug).

// faultAside is " (fault injected: drop:INVITE, down:bob)" for the faults
// trace t records, in lang's punctuation, or "" when it records none.
func faultAside(t *sim.Trace, lang i18n.Lang) string {
	if t == nil {
		return ""
	}
	all := t.AllFaults()
	if len(all) == 0 {
		return ""
	}
	for i, f := range all {
		all[i] = oneLine(f)
	}
	return lang.Aside(lang.T("cli.run.fault", strings.Join(all, ", ")))
}

// FaultBanner is the sentence that warns, before a lesson's introduction,
// that the run was changed by the faults it added to the lesson (the
// trace's Faults), or "" when it added none: the introduction describes the
// lesson as written.
func FaultBanner(t *sim.Trace, lang i18n.Lang) string {
	if t == nil || len(t.Faults) == 0 {
		return ""
	}
	specs := make([]string, len(t.Faults))
	for i, f := range t.Faults {
		specs[i] = oneLine(f)
	}
	return lang.T("views.faults.banner", strings.Join(specs, ", "))
}

// maxSlug bounds the fault part of a file name; a longer one is cut and
// ends in a hash of the whole, so that it stays distinct.
const maxSlug = 48

// FaultSlug is a file-name part made of fault specs: lower-case letters,
// digits and single hyphens, two hyphens between faults, "*" as "any":
// "respond:bob=486" → "respond-bob-486", ["drop:BYE#*", "down:bob@3s"] →
// "drop-bye-any--down-bob-3s". It is "" for no faults. The same specs
// give the same slug; one longer than 48 characters is cut and ends in 8
// hexadecimal digits of a hash of the specs.
func FaultSlug(specs []string) string {
	parts := make([]string, 0, len(specs))
	for _, spec := range specs {
		var b strings.Builder
		for _, r := range strings.ToLower(strings.ReplaceAll(spec, "*", " any ")) {
			switch {
			case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				b.WriteRune(r)
			case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
				b.WriteByte('-')
			}
		}
		parts = append(parts, cmp.Or(strings.TrimSuffix(b.String(), "-"), "fault"))
	}
	slug := strings.Join(parts, "--")
	if len(slug) > maxSlug {
		h := fnv.New32a()
		h.Write([]byte(strings.Join(specs, "\n")))
		sum := strconv.FormatUint(uint64(h.Sum32()), 16)
		slug = strings.TrimRight(slug[:maxSlug-9], "-") + "-" + strings.Repeat("0", 8-len(sum)) + sum
	}
	return slug
}

// footer is the summary line that ends a drawn ladder, followed by the
// faults the run injected, so that a picture cut from its heading still
// says it.
func (l *Ladder) footer(lang i18n.Lang) string {
	return l.Summary(lang) + faultAside(l.trace, lang)
}

// FileStem is the name siplab render gives the files of a lesson run with
// faults added to it, before the extension: the lesson id, then two
// hyphens and the FaultSlug of the faults ("proxy-call--respond-bob-486");
// the id alone without faults.
func FileStem(lesson string, faults []string) string {
	if len(faults) == 0 {
		return lesson
	}
	return cmp.Or(lesson, "ladder") + "--" + FaultSlug(faults)
}

// A LangLink is the same page in another language, for the links that
// switch between them: its language and where it is, relative to the page
// that links it ("" for the page itself).
type LangLink struct {
	Lang i18n.Lang
	Href string
}

// langLinkData is a LangLink as a template writes it.
type langLinkData struct{ Code, Name, Href string }

// langLinks lists the languages of links, each by its own name, the page's
// own (lang) without a link.
func langLinks(links []LangLink, lang i18n.Lang) []langLinkData {
	var out []langLinkData
	for _, ln := range links {
		d := langLinkData{Code: htmlLang(ln.Lang), Name: ln.Lang.T("lang.name"), Href: ln.Href}
		if ln.Lang == lang {
			d.Href = ""
		}
		out = append(out, d)
	}
	return out
}

// mdLangLinks is the Markdown line that links the other languages of a
// page, or "" when there are none.
func mdLangLinks(links []LangLink, lang i18n.Lang) string {
	var parts []string
	for _, d := range langLinks(links, lang) {
		if d.Href == "" {
			parts = append(parts, "**"+mdText(d.Name)+"**")
		} else {
			parts = append(parts, "["+mdText(d.Name)+"]("+d.Href+")")
		}
	}
	return strings.Join(parts, " · ")
}
