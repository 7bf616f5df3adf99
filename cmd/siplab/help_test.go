package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/siplab/siplab/lessons"
	"github.com/siplab/siplab/render/i18n"
	"github.com/siplab/siplab/sim"
	"gopkg.in/yaml.v3"
)

// helpPage writes a help topic in lang, without its white space: a
// sentence wrapped on the page is found in it without its own.
func helpPage(write func(w *bytes.Buffer, l i18n.Lang), lang i18n.Lang) string {
	var b bytes.Buffer
	write(&b, lang)
	return squeeze(b.String())
}

// squeeze removes the white space of s.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// documented checks that key has a sentence in both languages.
func documented(t *testing.T, what, key string) {
	t.Helper()
	for _, l := range i18n.Langs() {
		if !i18n.Has(l, key) {
			t.Errorf("%s is not documented in %s: add %q to render/i18n/help.go", what, l, key)
		}
	}
}

// staleKeys checks that every catalog key under prefix describes one of
// names (besides the page's own keys), so that a removed field or kind
// leaves no sentence behind.
func staleKeys(t *testing.T, prefix string, names []string, own ...string) {
	t.Helper()
	for _, k := range i18n.Keys() {
		rest, ok := strings.CutPrefix(k, prefix)
		if ok && !slices.Contains(names, rest) && !slices.ContainsFunc(own, func(o string) bool { return strings.HasPrefix(rest, o) }) {
			t.Errorf("%q describes nothing the code has", k)
		}
	}
}

// TestHelpFaultsCoversEveryKind: every kind of fault the parser knows is
// on the page, with its form, a sentence in both languages and its example.
func TestHelpFaultsCoversEveryKind(t *testing.T) {
	var kinds []string
	for _, l := range i18n.Langs() {
		page := helpPage(func(w *bytes.Buffer, l i18n.Lang) { writeFaultsHelp(w, l) }, l)
		for _, k := range sim.FaultKinds {
			for _, want := range []string{k.Syntax(), l.T("help.fault." + string(k)), "--fault " + k.Example()} {
				if !strings.Contains(page, squeeze(want)) {
					t.Errorf("%s: the faults page lacks %q", l, want)
				}
			}
		}
	}
	for _, k := range sim.FaultKinds {
		documented(t, "fault kind "+string(k), "help.fault."+string(k))
		kinds = append(kinds, string(k))
	}
	staleKeys(t, "help.fault.", kinds)
}

// TestHelpLessonFormatCoversEveryField: every field the lesson decoder
// knows has a sentence in both languages and an example, which is YAML
// for that field; no example or sentence is left for a field it does not
// know.
func TestHelpLessonFormatCoversEveryField(t *testing.T) {
	var keys []string
	for _, g := range lessons.FileFields() {
		for _, f := range g.Fields {
			k := fieldKey(g.Name, f)
			keys = append(keys, k)
			documented(t, "lesson field "+k, "help.lesson."+k)
			ex, ok := lessonExamples[k]
			if !ok {
				t.Errorf("lesson field %s has no example in lessonExamples", k)
				continue
			}
			var m map[string]any
			if err := yaml.Unmarshal([]byte(ex), &m); err != nil || len(m) != 1 || m[f] == nil {
				t.Errorf("the example of %s is not YAML for the field %s: %q (%v)", k, f, ex, err)
			}
		}
	}
	for k := range lessonExamples {
		if !slices.Contains(keys, k) {
			t.Errorf("lessonExamples has %q, which is no field of a lesson file", k)
		}
	}
	staleKeys(t, "help.lesson.", keys, "group.", "intro", "limit", "short", "whole")
	for _, l := range i18n.Langs() {
		page := helpPage(func(w *bytes.Buffer, l i18n.Lang) { writeLessonHelp(w, l) }, l)
		for _, k := range keys {
			if !strings.Contains(page, squeeze(l.T("help.lesson."+k))) || !strings.Contains(page, squeeze(lessonExamples[k])) {
				t.Errorf("%s: the lesson-format page lacks %s", l, k)
			}
		}
		// The whole lesson it shows uses every field of a link.
		for _, want := range []string{"latency:", "jitter:", "loss:"} {
			if !strings.Contains(page[strings.Index(page, "---id:"):], want) {
				t.Errorf("%s: the whole lesson shown has no %q", l, want)
			}
		}
	}
}

// TestHelpTraceFormatCoversEveryField: every field of the trace's JSON
// form has a sentence in both languages, on the page.
func TestHelpTraceFormatCoversEveryField(t *testing.T) {
	var keys []string
	for _, o := range sim.TraceJSONFields() {
		for _, f := range o.Fields {
			keys = append(keys, o.Name+"."+f)
			documented(t, "trace field "+o.Name+"."+f, "help.trace."+o.Name+"."+f)
		}
	}
	if !slices.Contains(keys, "trace.faults") || !slices.Contains(keys, "events.seq") {
		t.Fatalf("TraceJSONFields misses fields: %v", keys)
	}
	staleKeys(t, "help.trace.", keys, "object.", "intro", "limit", "short")
	for _, l := range i18n.Langs() {
		page := helpPage(func(w *bytes.Buffer, l i18n.Lang) { writeTraceHelp(w, l) }, l)
		for _, k := range keys {
			if !strings.Contains(page, squeeze(l.T("help.trace."+k))) {
				t.Errorf("%s: the trace-format page lacks %s", l, k)
			}
		}
	}
}
