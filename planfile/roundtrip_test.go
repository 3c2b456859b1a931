package planfile_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/planfile"
)

// roundTrip parses src, writes the plan and parses it again, and checks
// that the second plan equals the first and that writing is idempotent.
// Tasks and resources without an id get one when written (so that after:
// and assign: can name them); that is the only difference allowed.
func roundTrip(t *testing.T, name string, src []byte) {
	t.Helper()
	p1, err := planfile.Parse(name, src)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	out, err := planfile.Write(p1)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	p2, err := planfile.Parse("written.yaml", out)
	if err != nil {
		t.Fatalf("Parse(Write(p)): %v\n%s", err, out)
	}
	if diff := planfile.PlanDiff(withWrittenRefs(p1, p2), p2); diff != "" {
		t.Fatalf("Parse(Write(p)) differs from p: %s\nwritten:\n%s", diff, out)
	}
	again, err := planfile.Write(p2)
	if err != nil {
		t.Fatalf("Write(Parse(Write(p))): %v", err)
	}
	if !bytes.Equal(out, again) {
		t.Fatalf("Write is not idempotent:\nfirst:\n%s\nsecond:\n%s", out, again)
	}
}

// withWrittenRefs returns a copy of p whose tasks and resources without an
// id carry the id Write generated for them, as read back into written.
func withWrittenRefs(p, written *domain.Plan) *domain.Plan {
	c := *p
	c.Tasks = append([]domain.Task(nil), p.Tasks...)
	c.Resources = append([]domain.Resource(nil), p.Resources...)
	for i := range c.Tasks {
		if c.Tasks[i].Ref == "" && i < len(written.Tasks) && strings.HasPrefix(written.Tasks[i].Ref, "t") {
			c.Tasks[i].Ref = written.Tasks[i].Ref
		}
	}
	for i := range c.Resources {
		if c.Resources[i].Ref == "" && i < len(written.Resources) && strings.HasPrefix(written.Resources[i].Ref, "r") {
			c.Resources[i].Ref = written.Resources[i].Ref
		}
	}
	return &c
}

func TestRoundTripDemo(t *testing.T) {
	roundTrip(t, demo.File, demo.Source)
}
