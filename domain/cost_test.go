package domain

import (
	"testing"
	"time"
)

func TestParseAccrual(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Accrual
		ok   bool
	}{
		{"", AccrueProrated, true},
		{"Start", AccrueStart, true},
		{" prorated ", AccrueProrated, true},
		{"end", AccrueEnd, true},
		{"finish", AccrueEnd, true},
		{"monthly", "", false},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseAccrual(c.in)
			if (err == nil) != c.ok || got != c.want {
				t.Errorf("ParseAccrual(%q) = %q, %v; want %q (ok %v)", c.in, got, err, c.want, c.ok)
			}
		})
	}
}

func TestPlanRateChanges(t *testing.T) {
	from := time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)
	base := func() *Plan {
		return &Plan{
			Project:   Project{Key: "NET", Name: "Net", Start: from, Currency: "GBP"},
			Tasks:     []Task{{ID: 1, Name: "Cable", FixedCost: 50000, FixedCostAccrual: AccrueStart}},
			Resources: []Resource{{ID: 1, Name: "Alice", StandardRate: 8000, Accrual: AccrueEnd}},
		}
	}
	for _, c := range []struct {
		name  string
		edit  func(p *Plan)
		field string
	}{
		{"ok", func(p *Plan) { p.RateChanges = []RateChange{{Resource: 1, From: from, StandardRate: 9000}} }, ""},
		{"unknown resource", func(p *Plan) { p.RateChanges = []RateChange{{Resource: 2, From: from}} }, "rate_changes[0].resource"},
		{"no date", func(p *Plan) { p.RateChanges = []RateChange{{Resource: 1}} }, "rate_changes[0].from"},
		{"negative", func(p *Plan) { p.RateChanges = []RateChange{{Resource: 1, From: from, CostPerUse: -1}} }, "rate_changes[0].rate"},
		{"twice", func(p *Plan) {
			p.RateChanges = []RateChange{{Resource: 1, From: from}, {Resource: 1, From: from, StandardRate: 1}}
		}, "rate_changes[1].from"},
		{"bad task accrual", func(p *Plan) { p.Tasks[0].FixedCostAccrual = "weekly" }, "tasks[0].fixed_cost_accrual"},
		{"bad resource accrual", func(p *Plan) { p.Resources[0].Accrual = "weekly" }, "resources[0].accrual"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := base()
			c.edit(p)
			err := p.Validate()
			if c.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok || e.Field != c.field {
				t.Fatalf("got %v, want an error on %s", err, c.field)
			}
		})
	}
}
