package level_test

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/cairnpm/cairn/level"
)

// TestDocumentJSON checks that the streaming writer gives what
// encoding/json gives, and that each row carries the schedule document's
// fields and the levelling ones.
func TestDocumentJSON(t *testing.T) {
	p := twoOnAnn().p
	p.Project.Key = "LV"
	l, err := level.LevelPlan(context.Background(), p, level.PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	doc := level.NewDocument(p, l)
	var buf bytes.Buffer
	if err := doc.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	std, _ := json.Marshal(doc)
	var got, want map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if err := json.Unmarshal(std, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("WriteJSON:\n%s\nencoding/json:\n%s", buf.String(), std)
	}
	b := got["tasks"].([]any)[1].(map[string]any)
	if b["key"] != "LV-2" || b["early_start"] == nil || b["total_float_minutes"] == nil || b["leveling_delay_minutes"] != 960.0 {
		t.Fatalf("row of B: %v", b)
	}
	cause := b["leveling_cause"].(map[string]any)
	if cause["resource"] != "Ann" || !reflect.DeepEqual(cause["with"], []any{"LV-1"}) {
		t.Fatalf("cause of B: %v", cause)
	}
	if a := got["tasks"].([]any)[0].(map[string]any); a["leveling_cause"] != nil {
		t.Fatalf("A did not move, yet has a cause: %v", a)
	}
}
