package risk

import (
	"bytes"
	"encoding/xml"
	"html"
	"io"
	"math"
	"strings"
	"testing"
)

// TestWriteTornado draws the demo's drivers: well-formed SVG, at most the
// asked number of bars, longest (by |correlation|) first.
func TestWriteTornado(t *testing.T) {
	r := simulate(t, demoModel(t))
	var b bytes.Buffer
	if err := WriteTornado(&b, r, "What drives the <finish>", 5); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(b.Bytes()))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
	svg := b.String()
	if n := strings.Count(svg, "<rect x="); n == 0 || n > 5 {
		t.Errorf("%d bars, want 1 to 5", n)
	}
	if !strings.Contains(svg, "What drives the &lt;finish&gt;") {
		t.Error("the title is not escaped")
	}
	// The first bar is the task with the largest |sensitivity|.
	best := 0.0
	name := ""
	for _, ts := range r.Tasks {
		if !ts.Summary && ts.Uncertain && math.Abs(ts.Sensitivity) > best {
			best, name = math.Abs(ts.Sensitivity), ts.Name
		}
	}
	first := svg[strings.Index(svg, "<g><title>"):]
	if name != "" && !strings.HasPrefix(first, "<g><title>"+html.EscapeString(name)) {
		t.Errorf("the first bar is not %q:\n%.200s", name, first)
	}
}
