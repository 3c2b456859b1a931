package risk

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestWriteSVG renders the demo's finish distribution, checks that it is
// well-formed XML, and compares it with testdata/demo-finish.svg.golden.
func TestWriteSVG(t *testing.T) {
	r := simulate(t, demoModel(t))
	var buf bytes.Buffer
	if err := WriteSVG(&buf, r, "Office network upgrade — finish <P50>"); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
	for _, want := range []string{"P50", "P80", "P95", "planned", "&lt;P50&gt;"} {
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("no %q in the chart", want)
		}
	}
	golden := "testdata/demo-finish.svg.golden"
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
		t.Errorf("chart differs from %s; run go test ./risk -run TestWriteSVG -update and look at it", golden)
	}
}
