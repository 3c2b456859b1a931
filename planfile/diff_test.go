package planfile

import (
	"fmt"
	"reflect"

	"github.com/cairnpm/cairn/domain"
)

// PlanDiff describes the first difference between two plans, or "".
func PlanDiff(a, b *domain.Plan) string {
	if !reflect.DeepEqual(a.Project, b.Project) {
		return fmt.Sprintf("project:\n %+v\n %+v", a.Project, b.Project)
	}
	parts := []struct {
		name string
		a, b any
	}{
		{"calendars", a.Calendars, b.Calendars},
		{"tasks", a.Tasks, b.Tasks},
		{"dependencies", a.Dependencies, b.Dependencies},
		{"resources", a.Resources, b.Resources},
		{"assignments", a.Assignments, b.Assignments},
	}
	for _, p := range parts {
		va, vb := reflect.ValueOf(p.a), reflect.ValueOf(p.b)
		if va.Len() != vb.Len() {
			return fmt.Sprintf("%s: %d vs %d", p.name, va.Len(), vb.Len())
		}
		for i := range va.Len() {
			if !reflect.DeepEqual(va.Index(i).Interface(), vb.Index(i).Interface()) {
				return fmt.Sprintf("%s[%d]:\n %+v\n %+v", p.name, i, va.Index(i).Interface(), vb.Index(i).Interface())
			}
		}
	}
	if !reflect.DeepEqual(a, b) {
		return "plans differ"
	}
	return ""
}
