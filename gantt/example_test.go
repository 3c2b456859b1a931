package gantt_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/gantt"
	"github.com/cairnpm/cairn/schedule"
)

// Draw a small plan: a summary over two linked tasks, then a milestone.
// The chart would normally go to a file or an HTTP response.
func ExampleRender() {
	days := func(n int64) domain.Duration { return domain.Duration{Minutes: n * 480} }
	p := &domain.Plan{
		Project: domain.Project{Key: "NET", Name: "Switch upgrade", Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)},
		Tasks: []domain.Task{
			{ID: 1, Name: "Install", Position: 1},
			{ID: 2, Parent: 1, Name: "Rack the switches", Duration: days(2), Position: 1},
			{ID: 3, Parent: 1, Name: "Patch the floor", Duration: days(3), Position: 2},
			{ID: 4, Name: "Live", Kind: domain.KindMilestone, Position: 2},
		},
		Dependencies: []domain.Dependency{
			{Predecessor: 2, Successor: 3, Type: domain.FS},
			{Predecessor: 1, Successor: 4, Type: domain.FS},
		},
	}
	r, err := schedule.Compute(p, schedule.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	err = gantt.Render(&buf, p, r, gantt.Options{Critical: true, StatusDate: time.Date(2027, 1, 5, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	svg := buf.String()
	first, _, _ := strings.Cut(svg, "\n")
	fmt.Println(first)
	fmt.Println("bars:", strings.Count(svg, `<rect class="bar"`)-2) // less the legend's two samples
	fmt.Println("links:", strings.Count(svg, `<path class="link`))
	fmt.Println("critical path marked:", strings.Contains(svg, `class="task critical"`))
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// bars: 2
	// links: 2
	// critical path marked: true
}
