package gantt_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/gantt"
	"github.com/cairnpm/cairn/schedule"
)

// TestInline checks the chart a web page embeds: no prolog, style sheet
// or task table, and every task's group names its task.
func TestInline(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			p, opt := tc.plan()
			r, err := schedule.Compute(p, schedule.Options{})
			if err != nil {
				t.Fatal(err)
			}
			opt.Inline = true
			var buf bytes.Buffer
			if err := gantt.Render(&buf, p, r, opt); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if !strings.HasPrefix(out, "<svg ") || strings.Contains(out, "<style") || strings.Contains(out, ">Task name<") {
				t.Fatalf("inline chart has a prolog, a style sheet or a table:\n%.400s", out)
			}
			if !strings.Contains(out, `data-origin="`) || !strings.Contains(out, `data-px-per-day="`) {
				t.Error("the root lacks data-origin or data-px-per-day")
			}
			for _, tk := range r.Tasks {
				if !strings.Contains(out, `data-task="`+strconv.FormatInt(tk.ID, 10)+`"`) {
					t.Errorf("no group for task %d %q", tk.ID, tk.Name)
				}
			}
			parse(t, buf.Bytes()) // well-formed
		})
	}
}
