package stakeholder

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/cairnpm/cairn/domain"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestQuadrantOf(t *testing.T) {
	for _, tc := range []struct {
		power, interest int
		want            Quadrant
	}{
		{5, 5, ManageClosely}, {4, 4, ManageClosely}, {5, 3, KeepSatisfied}, {3, 5, KeepInformed}, {3, 3, Monitor}, {1, 1, Monitor},
	} {
		if got := QuadrantOf(domain.Stakeholder{Power: tc.power, Interest: tc.interest}); got != tc.want {
			t.Errorf("power %d, interest %d: %s, want %s", tc.power, tc.interest, got.Name, tc.want.Name)
		}
	}
}

// TestWriteGrid checks the grid against a golden file, that it is
// well-formed XML, and that names are escaped.
func TestWriteGrid(t *testing.T) {
	ss := []domain.Stakeholder{
		{Name: "Sam Sponsor", Organisation: "Acme & Co", Role: domain.StakeholderSponsor, Power: 5, Interest: 5},
		{Name: "Bea <Board>", Role: domain.StakeholderBoard, Power: 5, Interest: 5},
		{Name: "Cleo Client", Role: domain.StakeholderClient, Power: 2, Interest: 5},
		{Name: "Vic Vendor", Role: domain.StakeholderSupplier, Power: 1, Interest: 1},
	}
	var b bytes.Buffer
	if err := WriteGrid(&b, "NET", ss); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(b.Bytes()))
	for {
		if _, err := dec.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed XML: %v", err)
			}
			break
		}
	}
	golden := filepath.Join("testdata", "grid.svg.golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("grid differs from %s (run go test ./stakeholder -update and review the diff)", golden)
	}
	for _, s := range []string{"Bea &lt;Board&gt;", "Acme &amp; Co", "manage closely", `role="img"`, "1. Sam Sponsor (Acme &amp; Co), sponsor: power 5, interest 5"} {
		if !bytes.Contains(b.Bytes(), []byte(s)) {
			t.Errorf("grid lacks %q", s)
		}
	}
}
