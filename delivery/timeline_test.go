package delivery

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/report"
)

// TestWriteTimeline checks that the timeline is well-formed, marks a
// missed deadline, escapes names, and is empty without milestones.
func TestWriteTimeline(t *testing.T) {
	var b bytes.Buffer
	err := WriteTimeline(&b, []report.Milestone{
		{Name: "Design <approved>", Baseline: "2027-04-16", Forecast: "2027-04-21", VarianceDays: 3, Note: "three days late"},
		{Name: "Cut-over", Forecast: "2027-07-02", Deadline: "2027-06-30"},
		{Name: "Closed", Forecast: "2027-07-15", Done: true},
	})
	if err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	dec := xml.NewDecoder(strings.NewReader(svg))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
	}
	for _, want := range []string{"Design &lt;approved&gt;", "deadline 2027-06-30 (missed)", "Closed (done)", `role="img"`, "3 milestones from 2027-04-16 to 2027-07-15"} {
		if !strings.Contains(svg, want) {
			t.Errorf("timeline lacks %q", want)
		}
	}
	b.Reset()
	if err := WriteTimeline(&b, nil); err != nil || b.Len() != 0 {
		t.Errorf("no milestones: %v %q", err, b.String())
	}
}
