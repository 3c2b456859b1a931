package risk

import (
	"fmt"
	"time"

	"github.com/cairnpm/cairn/domain"
)

// planBuilder builds small plans for tests, on the Standard calendar
// (8 h days, Monday to Friday), starting Monday 4 January 2027.
type planBuilder struct{ p *domain.Plan }

func newPlan() *planBuilder {
	return &planBuilder{p: &domain.Plan{Project: domain.Project{Key: "TEST", Name: "Test",
		Start: time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC), Currency: "GBP"}}}
}

// task adds a task of d working minutes (a milestone when d < 0) and
// returns its ID.
func (b *planBuilder) task(d int64) int64 {
	id := int64(len(b.p.Tasks) + 1)
	t := domain.Task{ID: id, UID: id, Name: fmt.Sprintf("T%d", id), Duration: domain.Duration{Minutes: max(d, 0)}}
	if d < 0 {
		t.Kind = domain.KindMilestone
	}
	b.p.Tasks = append(b.p.Tasks, t)
	return id
}

// link adds an FS link from a to b.
func (b *planBuilder) link(a, c int64) {
	b.p.Dependencies = append(b.p.Dependencies, domain.Dependency{ID: int64(len(b.p.Dependencies) + 1), Predecessor: a, Successor: c, Type: domain.FS})
}

// chain adds n tasks of d minutes linked one after another and returns
// their IDs.
func (b *planBuilder) chain(n int, d int64) []int64 {
	var ids []int64
	for i := range n {
		ids = append(ids, b.task(d))
		if i > 0 {
			b.link(ids[i-1], ids[i])
		}
	}
	return ids
}

// resource adds a work resource at rate minor units per hour and assigns
// it to task at units.
func (b *planBuilder) assign(task int64, rate, perUse int64, units float64) {
	id := int64(len(b.p.Resources) + 1)
	b.p.Resources = append(b.p.Resources, domain.Resource{ID: id, Name: fmt.Sprintf("R%d", id), Kind: domain.Work, StandardRate: rate, CostPerUse: perUse})
	b.p.Assignments = append(b.p.Assignments, domain.Assignment{ID: id, Task: task, Resource: id, Units: units})
}
