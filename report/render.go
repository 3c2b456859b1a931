package report

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"
)

// Glossary explains the terms a report may use, in the words a sponsor
// would use.
var Glossary = []Term{
	{"baseline", "Baseline", "The plan as agreed, saved so that the current forecast can be compared with it."},
	{"forecast", "Forecast", "When work is now expected to happen, given progress so far and the plan's links and calendars."},
	{"critical", "Critical path", "The chain of tasks with no room to slip: a day lost on any of them is a day lost at the end."},
	{"float", "Float", "How long a task can slip without delaying the project's finish. Negative float means a fixed date cannot be met."},
	{"spi", "SPI", "Schedule performance index: the value of work done divided by the value of work planned by now. 1.00 is on plan; below 1 is behind."},
	{"spit", "SPI(t)", "Earned schedule's time-based SPI: the time the work done should have taken, divided by the time it took. Unlike SPI, it stays honest near the end of a project."},
	{"cpi", "CPI", "Cost performance index: the value of work done divided by what it cost. Below 1 means each unit of money buys less than planned."},
	{"rag", "RAG", "Red, amber, green: green is on track, amber needs attention, red needs a decision."},
}

// Term is one glossary entry.
type Term struct {
	ID, Name, Meaning string
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// WriteMarkdown writes the report as Markdown, for pasting into mail, a
// wiki or a ticket.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Status report: %s (%s)\n\nPeriod %s to %s\n\n", r.Name, r.Project, r.PeriodStart, r.PeriodEnd)
	fmt.Fprintf(&b, "**Overall: %s**", strings.ToUpper(string(r.RAG.Overall.Level)))
	if o := r.RAG.Overall; o.Computed != "" {
		fmt.Fprintf(&b, " (computed %s; %s)", strings.ToUpper(string(o.Computed)), o.Justification)
	}
	fmt.Fprintf(&b, "\n\n%s\n\n", r.Summary)
	b.WriteString("| Area | Status | Why |\n| --- | --- | --- |\n")
	for _, a := range r.areas() {
		level := string(a.Status.Level)
		if a.Status.Computed != "" {
			level += fmt.Sprintf(" (computed %s; %s)", a.Status.Computed, mdCell(a.Status.Justification))
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", a.Name, level, mdCell(strings.Join(a.Status.Reasons, " ")))
	}
	b.WriteString("\n## Milestones\n\n")
	if len(r.Milestones) == 0 {
		b.WriteString("No milestones.\n")
	} else {
		b.WriteString("| Milestone | Baseline | Forecast | Variance | Deadline |\n| --- | --- | --- | --- | --- |\n")
		for _, m := range r.Milestones {
			name := mdCell(m.Name)
			if m.Done {
				name += " (done)"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", name, orDash(m.Baseline), m.Forecast, m.Note, orDash(m.Deadline))
		}
	}
	items := func(title, empty, verb string, list []Item) {
		fmt.Fprintf(&b, "\n## %s\n\n", title)
		if len(list) == 0 {
			b.WriteString(empty + "\n")
		}
		for _, it := range list {
			fmt.Fprintf(&b, "- %s %s (%s %s)\n", it.Key, it.Name, verb, it.Date)
		}
	}
	items("Accomplishments", "Nothing was finished in this period.", "finished", r.Accomplishments)
	items("Next steps", "Nothing starts in the next period.", "starts", r.NextSteps)
	b.WriteString("\n## Top risks\n\n")
	if len(r.Risks) == 0 {
		b.WriteString("No open risks are recorded.\n")
	}
	for _, k := range r.Risks {
		fmt.Fprintf(&b, "- %s: score %d of %d", k.Title, k.Score, k.MaxScore)
		if k.Owner != "" {
			fmt.Fprintf(&b, ", owner %s", k.Owner)
		}
		if k.Response != "" {
			fmt.Fprintf(&b, "; response: %s", k.Response)
		}
		b.WriteString("\n")
	}
	b.WriteString("\n## Decisions needed\n\n")
	if len(r.Decisions) == 0 {
		b.WriteString("None.\n")
	}
	for _, q := range r.Decisions {
		fmt.Fprintf(&b, "- %s\n", q)
	}
	if r.Budget != nil {
		fmt.Fprintf(&b, "\n## Budget\n\n%s.\n", r.Budget.Note)
	}
	b.WriteString("\n## Glossary\n\n")
	for _, t := range Glossary {
		fmt.Fprintf(&b, "- **%s**: %s\n", t.Name, t.Meaning)
	}
	_, err := w.Write(b.Bytes())
	return err
}

func mdCell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", "\\|"), "\n", " ") }

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

// area is one row of the status table.
type area struct {
	Name   string
	Status Status
}

func (r *Report) areas() []area {
	return []area{{"Schedule", r.RAG.Schedule}, {"Cost", r.RAG.Cost}, {"Scope", r.RAG.Scope}, {"Risk", r.RAG.Risk}}
}

//go:embed report.html
var templates embed.FS

var page = template.Must(template.New("report.html").Funcs(template.FuncMap{
	"explain": explain,
	"upper":   func(l Level) string { return strings.ToUpper(string(l)) },
}).ParseFS(templates, "report.html"))

// WriteHTML writes the report as a self-contained page that prints well
// (and so makes a PDF from the browser's print dialog).
func (r *Report) WriteHTML(w io.Writer) error {
	return page.Execute(w, struct {
		*Report
		Areas    []area
		Glossary []Term
	}{r, r.areas(), Glossary})
}

// jargon finds the glossary's terms in a sentence.
var jargon = regexp.MustCompile(`\bSPI\(t\)|\bSPI\b|\bCPI\b|\bbaseline\b|negative float|\bfloat\b|critical path`)

// explain escapes s and links each term of the glossary it uses to the
// term's explanation.
func explain(s string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range jargon.FindAllStringIndex(s, -1) {
		b.WriteString(template.HTMLEscapeString(s[last:m[0]]))
		word := s[m[0]:m[1]]
		id := map[string]string{"SPI(t)": "spit", "SPI": "spi", "CPI": "cpi", "baseline": "baseline",
			"negative float": "float", "float": "float", "critical path": "critical"}[word]
		fmt.Fprintf(&b, `<a class="term" href="#g-%s">%s</a>`, id, template.HTMLEscapeString(word))
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[last:]))
	return template.HTML(b.String()) // every piece above is escaped
}
