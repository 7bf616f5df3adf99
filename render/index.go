package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"

	"github.com/siplab/siplab/render/i18n"
)

// An IndexEntry is one lesson on the index page of siplab render.
type IndexEntry struct {
	ID, Title, Summary string
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

// Index writes the index page of a directory written by siplab render: a
// standalone HTML page with a table of the lessons, each with its title,
// summary and links to its files. seed is the seed the lessons ran with.
func Index(w io.Writer, entries []IndexEntry, seed uint64, lang i18n.Lang) error {
	data := struct {
		Title, Intro, Seed        string
		ColID, ColTitle, ColFiles string
		Entries                   []IndexEntry
		Label                     func(FileKind) string // how the index names a kind of file
	}{
		Title: lang.T("views.index.title"), Intro: lang.T("views.index.intro"),
		Seed:  lang.T("views.index.generated", seed),
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
ul { margin: 0; padding-left: 1.1rem; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; }
td:first-child, td li { white-space: nowrap; } /* a lesson id, a file's name: never broken at a hyphen */
table { display: block; max-width: 100%; overflow-x: auto; }
`

// indexPage is the page after pageStart.
var indexPage = template.Must(template.New("index").Parse(`<h1>{{.Title}}</h1>
<p>{{.Intro}} {{.Seed}}</p>
<table>
<thead><tr><th>{{.ColID}}</th><th>{{.ColTitle}}</th><th>{{.ColFiles}}</th></tr></thead>
<tbody>
{{- range .Entries}}
<tr><td><code>{{.ID}}</code></td><td>{{.Title}}<br><span class="summary">{{.Summary}}</span></td><td><ul>
{{- range .Files}}<li><a href="{{.Href}}">{{call $.Label .Kind}}</a></li>{{end -}}
</ul></td></tr>
{{- end}}
</tbody>
</table>
</body>
</html>
`))
