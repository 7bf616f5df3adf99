package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/siplab/siplab/render/i18n"
)

// An IndexEntry is one lesson on the index page of siplab render.
type IndexEntry struct {
	ID, Title, Summary string
	Faults             []string    // the specs of the faults its run injected
	Files              []IndexFile // in the order shown
}

// An IndexFile is one file written for a lesson: where it is, relative to
// the index, and what it holds.
type IndexFile struct {
	Kind FileKind
	Href string
}

// FileKind is what a file written by siplab render holds.
type FileKind string

// The files siplab render writes for a lesson.
const (
	FilePage     FileKind = "html"     // the walkthrough as a web page (HTML)
	FileLadder   FileKind = "svg"      // the ladder diagram (SVG)
	FileTopology FileKind = "topology" // the topology diagram (TopologySVG)
	FileMarkdown FileKind = "md"       // the walkthrough in Markdown
	FileDOT      FileKind = "dot"      // the topology in DOT (TopologyDOT)
	FileMermaid  FileKind = "mermaid"  // the ladder as a Mermaid diagram (Mermaid)
	FilePCAP     FileKind = "pcap"     // the packets as a pcap capture (Capture)
	FilePCAPNG   FileKind = "pcapng"   // the packets as a pcapng capture, commented (Capture)
)

// fileLabels are the catalog keys of how the index names each kind of file.
var fileLabels = map[FileKind]string{
	FilePage:     "views.index.page",
	FileLadder:   "views.index.ladder",
	FileTopology: "views.index.topology",
	FileMarkdown: "views.index.markdown",
	FileDOT:      "views.index.dot",
	FileMermaid:  "views.index.mermaid",
	FilePCAP:     "capture.index.pcap",
	FilePCAPNG:   "capture.index.pcapng",
}

// IndexOptions say how Index writes the page.
type IndexOptions struct {
	Lang i18n.Lang
	Seed uint64 // the seed the lessons ran with
	// Languages link the index of every language rendered, this one's
	// included (its Href is not followed); none when there is only one.
	Languages []LangLink
}

// Index writes the index page of a directory written by siplab render: a
// standalone HTML page with a table of the lessons, each with its title,
// summary, the faults its run injected and links to its files, and links
// to the same page in the other languages rendered.
func Index(w io.Writer, entries []IndexEntry, o IndexOptions) error {
	lang := o.Lang
	data := struct {
		Title, Intro, Seed        string
		ColID, ColTitle, ColFiles string
		Entries                   []IndexEntry
		Label                     func(FileKind) string // how the index names a kind of file
		Faults                    func([]string) string
		Languages                 []langLinkData
	}{
		Title: lang.T("views.index.title"), Intro: lang.T("views.index.intro"),
		Seed:      lang.T("views.index.generated", o.Seed),
		Languages: langLinks(o.Languages, lang),
		Faults: func(specs []string) string {
			if len(specs) == 0 {
				return ""
			}
			return lang.T("cli.run.fault", strings.Join(specs, ", "))
		},
		ColID: lang.T("views.index.lesson"), ColTitle: lang.T("views.index.lessontitle"), ColFiles: lang.T("views.index.files"),
		Entries: entries,
		Label: func(k FileKind) string {
			if key, ok := fileLabels[k]; ok {
				return lang.T(key)
			}
			return string(k)
		},
	}
	var b bytes.Buffer
	pageStart(&b, lang, data.Title, indexCSS)
	if err := indexPage.Execute(&b, data); err != nil {
		return fmt.Errorf("render: index: %w", err)
	}
	return write(w, "index", b.Bytes())
}

// indexCSS is the index page's style sheet.
const indexCSS = `body { margin: 0 auto; padding: 1rem 1.5rem; max-width: 70rem; line-height: 1.5; color: #222;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d0d7de; padding: .3rem .7rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.summary { color: #555; }
.faults { color: #b00020; }
ul { margin: 0; padding-left: 1.1rem; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
td:first-child, td li { white-space: nowrap; } /* a lesson id, a file's name: never broken at a hyphen */
table { display: block; max-width: 100%; overflow-x: auto; }
`

// indexPage is the page after pageStart.
var indexPage = template.Must(template.New("index").Parse(`{{- with .Languages}}<p class="langs">{{range .}}{{if .Href}}<a href="{{.Href}}" hreflang="{{.Code}}" lang="{{.Code}}">{{.Name}}</a>{{else}}<strong>{{.Name}}</strong>{{end}} {{end}}</p>
{{end -}}
<h1>{{.Title}}</h1>
<p>{{.Intro}} {{.Seed}}</p>
<table>
<thead><tr><th>{{.ColID}}</th><th>{{.ColTitle}}</th><th>{{.ColFiles}}</th></tr></thead>
<tbody>
{{- range .Entries}}
<tr><td><code>{{.ID}}</code></td><td>{{.Title}}<br><span class="summary">{{.Summary}}</span>{{with call $.Faults .Faults}}<br><strong class="faults">{{.}}</strong>{{end}}</td><td><ul>
{{- range .Files}}<li><a href="{{.Href}}">{{call $.Label .Kind}}</a></li>{{end -}}
</ul></td></tr>
{{- end}}
</tbody>
</table>
</body>
</html>
`))

// LanguagesIndex writes the page that siplab render --lang en,zh puts
// above the directories of the languages: a link to the index of each,
// named in its own language.
func LanguagesIndex(w io.Writer, links []LangLink) error {
	var b bytes.Buffer
	pageStart(&b, i18n.EN, "siplab", indexCSS)
	b.WriteString("<ul>\n")
	for _, ln := range links {
		d := langLinks([]LangLink{ln}, "")[0]
		fmt.Fprintf(&b, "<li><a href=\"%s\" hreflang=\"%s\" lang=\"%s\">%s</a></li>\n",
			template.HTMLEscapeString(d.Href), d.Code, d.Code, template.HTMLEscapeString(d.Name+": "+ln.Lang.T("views.index.title")))
	}
	b.WriteString("</ul>\n</body>\n</html>\n")
	return write(w, "index", b.Bytes())
}
