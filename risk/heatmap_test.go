package risk

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"strings"
	"testing"
)

// TestWriteHeatmap draws a 5×5 matrix with four risks (one off the
// matrix), checks that it is well-formed XML with a titled cell for every
// score, and compares it with testdata/heatmap.svg.golden.
func TestWriteHeatmap(t *testing.T) {
	h := Heatmap{Title: "NET risks <current>", Size: 5, Medium: 5, High: 12, Risks: []HeatmapRisk{
		{Key: "R1", Title: "Switches arrive late", Probability: 4, Impact: 4},
		{Key: "R2", Title: "Asbestos & delays", Probability: 4, Impact: 4},
		{Key: "R3", Title: "Key engineer leaves", Probability: 1, Impact: 2},
		{Key: "R4", Title: "Not scored"},
	}}
	var buf bytes.Buffer
	if err := WriteHeatmap(&buf, h); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	titles := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "title" {
			titles++
		}
	}
	if titles != 1+25 {
		t.Errorf("%d titles, want one for the chart and one per cell (26)", titles)
	}
	s := buf.String()
	for _, want := range []string{
		"Probability 4, impact 4 (score 16, high): R1 Switches arrive late; R2 Asbestos &amp; delays",
		"Probability 1, impact 2 (score 2, low): R3 Key engineer leaves",
		"Probability 2, impact 3 (score 6, medium): no risks",
		"3 risks on a 5×5 matrix", "&lt;current&gt;", `aria-labelledby="heat-title heat-desc"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in the heat map", want)
		}
	}
	golden := "testdata/heatmap.svg.golden"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("heat map differs from %s; run go test ./risk -run TestWriteHeatmap -update and look at it", golden)
	}
	if err := WriteHeatmap(io.Discard, Heatmap{}); err == nil {
		t.Error("a matrix of size 0 drew without an error")
	}
}
