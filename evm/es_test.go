package evm

import (
	"fmt"
	"math"
	"testing"
)

// TestEarnedScheduleVanhoucke checks EarnedSchedule against a worked
// example published in the earned-schedule literature: M. Vanhoucke, PM
// Knowledge Center, "Earned Value Management: Forecasting time", table 2
// (http://www.pmknowledgecenter.com/dynamic_scheduling/control/earned-value-management-forecasting-time).
// The project plans PV 5, 10, 25, 55, 85, 120, 130, 140, 150 by the end of
// weeks 1–9; the published ES for weeks 1–6, from EV 3.33, 6.67, 10.00,
// 22.50, 70.00 and 82.50, is 0.67, 1.33, 2.00, 2.83, 4.50 and 4.92 weeks.
// The money is written in hundredths, as Cairn holds it.
func TestEarnedScheduleVanhoucke(t *testing.T) {
	pv := []int64{500, 1000, 2500, 5500, 8500, 12000, 13000, 14000, 15000}
	for _, c := range []struct {
		week int
		ev   int64
		es   float64 // as published, to two decimals
	}{
		{1, 333, 0.67},
		{2, 667, 1.33},
		{3, 1000, 2.00},
		{4, 2250, 2.83},
		{5, 7000, 4.50},
		{6, 8250, 4.92},
	} {
		t.Run(fmt.Sprintf("week %d", c.week), func(t *testing.T) {
			es := EarnedSchedule(pv, c.ev)
			if got := math.Round(es*100) / 100; got != c.es {
				t.Errorf("ES %.4f, published %.2f", es, c.es)
			}
		})
	}
}

// TestEarnedScheduleEdges covers what the worked example does not: no
// earned value, earned value equal to a period's planned value (the
// period counts as earned), a flat stretch of the plan, and completion.
func TestEarnedScheduleEdges(t *testing.T) {
	pv := []int64{100, 100, 100, 300}
	for _, c := range []struct {
		name string
		ev   int64
		es   float64
	}{
		{"nothing earned", 0, 0},
		{"half the first period", 50, 0.5},
		{"a flat stretch counts whole", 100, 3},
		{"into the last period", 200, 3.5},
		{"complete", 300, 4},
		{"beyond the budget", 400, 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := EarnedSchedule(pv, c.ev); got != c.es {
				t.Errorf("ES %v, want %v", got, c.es)
			}
		})
	}
}

func TestForecasts(t *testing.T) {
	undefined := Estimate{}
	for _, c := range []struct {
		name                       string
		bac, pv, ev, ac, remaining int64
		want                       [4]Estimate
	}{
		// BAC 100,000, PV 55,000, EV 50,000, AC 45,000: CPI 1.111, SPI 0.909.
		{"under budget, behind", 100000, 55000, 50000, 45000, 60000,
			[4]Estimate{{90000, true}, {95000, true}, {45000 + 49500, true}, {105000, true}}},
		{"not started", 1000, 0, 0, 0, 1000,
			[4]Estimate{{1000, true}, {1000, true}, {1000, true}, {1000, true}}},
		{"spent, nothing earned", 1000, 500, 0, 200, 1000,
			[4]Estimate{undefined, {1200, true}, undefined, {1200, true}}},
		{"done", 1000, 1000, 1000, 1250, 0,
			[4]Estimate{{1250, true}, {1250, true}, {1250, true}, {1250, true}}},
		{"rounds half away from zero", 1001, 500, 2, 3, 0,
			[4]Estimate{{1502, true}, {1002, true}, {3 + 374625, true}, {3, true}}}, // 1001×3/2 = 1501.5; 999×3×500/2² = 374625
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := forecasts(c.bac, c.pv, c.ev, c.ac, c.remaining); got != c.want {
				t.Errorf("forecasts %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestRoundDiv(t *testing.T) {
	for _, c := range []struct{ a, b, c, d, e, want int64 }{
		{5, 1, 1, 2, 1, 3}, {-5, 1, 1, 2, 1, -3}, {4, 1, 1, 3, 1, 1}, {-4, 1, 1, 3, 1, -1},
		{1 << 62, 1 << 40, 1, 1 << 41, 1, 1 << 61}, // the product needs more than 64 bits
		{7, 1, 1, -2, 1, -4},
	} {
		if got := roundDiv3(c.a, c.b, c.c, c.d, c.e); got != c.want {
			t.Errorf("roundDiv3(%d, %d, %d, %d, %d) = %d, want %d", c.a, c.b, c.c, c.d, c.e, got, c.want)
		}
	}
}
