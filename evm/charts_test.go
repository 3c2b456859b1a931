package evm_test

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/evm"
)

// TestCharts draws the cost breakdown and the CPI/SPI trend of a measured
// plan: well-formed SVG, a bar per phase with its budget, and a point per
// measured period.
func TestCharts(t *testing.T) {
	p, status := rollout(t)
	r := measure(t, p, status, evm.Options{})
	phases := r.Phases()
	if len(phases) == 0 {
		t.Fatal("no phases")
	}
	var total int64
	for _, b := range phases {
		total += b.Budget
	}
	if total != r.Project.BAC {
		t.Errorf("the phases' budgets add up to %d, the project's BAC is %d", total, r.Project.BAC)
	}
	var b bytes.Buffer
	if err := evm.WriteBreakdown(&b, "Cost <breakdown>", "GBP", []string{"By phase", "By resource"},
		[][]evm.Bar{phases, {{Label: "Alice", Budget: 120000, Forecast: -1}}}); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, b.Bytes())
	if !strings.Contains(b.String(), phases[0].Label) || !strings.Contains(b.String(), "Cost &lt;breakdown&gt;") || !strings.Contains(b.String(), ">Alice<") {
		t.Errorf("breakdown lacks its labels:\n%.600s", b.String())
	}
	b.Reset()
	if err := r.WriteTrend(&b, "Trend", evm.Day); err != nil {
		t.Fatal(err)
	}
	wellFormed(t, b.Bytes())
	if strings.Count(b.String(), "<circle") == 0 && !strings.Contains(b.String(), "no trend to show") {
		t.Errorf("trend has neither points nor the empty note:\n%.600s", b.String())
	}
}

func wellFormed(t *testing.T, svg []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() == "EOF" {
				return
			}
			t.Fatalf("not well-formed SVG: %v", err)
		}
	}
}
