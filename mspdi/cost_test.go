package mspdi

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/schedule"
)

// costs is a small plan with every cost field Read keeps: fixed costs
// and their accrual, resource accruals, a rate table with an effective
// date, a cost resource, and the values MS Project computed.
const costs = `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
<Name>Costs</Name><StartDate>2027-01-04T08:00:00</StartDate><CurrencyCode>GBP</CurrencyCode>
<Tasks>
 <Task><UID>0</UID><OutlineLevel>0</OutlineLevel><Summary>1</Summary><Cost>170000</Cost><ACWP>80000.00</ACWP></Task>
 <Task><UID>1</UID><Name>Cable</Name><OutlineLevel>1</OutlineLevel><Duration>PT16H0M0S</Duration><Work>PT16H0M0S</Work>
  <FixedCost>5000</FixedCost><FixedCostAccrual>1</FixedCostAccrual><PercentComplete>50</PercentComplete><ActualStart>2027-01-04T08:00:00</ActualStart>
  <Cost>135000</Cost><ActualCost>67500</ActualCost><BCWS>150.00</BCWS><BCWP>0</BCWP><ACWP>67500.00</ACWP>
  <Baseline><Number>0</Number><Cost>120000</Cost></Baseline><Baseline><Number>1</Number><Cost>1</Cost></Baseline></Task>
 <Task><UID>2</UID><Name>Travel</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration><FixedCostAccrual>2</FixedCostAccrual></Task>
</Tasks>
<Resources>
 <Resource><UID>1</UID><Name>Alice</Name><Type>1</Type><StandardRate>80</StandardRate><OvertimeRate>120</OvertimeRate><CostPerUse>1000</CostPerUse><AccrueAt>2</AccrueAt>
  <Rates>
   <Rate><RatesFrom>1984-01-01T00:00:00</RatesFrom><RatesTo>2027-01-04T23:59:00</RatesTo><RateTable>0</RateTable><StandardRate>80</StandardRate><OvertimeRate>120</OvertimeRate><CostPerUse>1000</CostPerUse></Rate>
   <Rate><RatesFrom>2027-01-05T00:00:00</RatesFrom><RatesTo>2049-12-31T23:59:00</RatesTo><RateTable>0</RateTable><StandardRate>90.5</StandardRate><OvertimeRate>130</OvertimeRate><CostPerUse>0</CostPerUse></Rate>
   <Rate><RatesFrom>1984-01-01T00:00:00</RatesFrom><RateTable>1</RateTable><StandardRate>200</StandardRate></Rate>
  </Rates></Resource>
 <Resource><UID>2</UID><Name>Train fares</Name><Type>2</Type><IsCostResource>1</IsCostResource><AccrueAt>1</AccrueAt></Resource>
</Resources>
<Assignments>
 <Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Work>PT16H0M0S</Work><ActualWork>PT8H0M0S</ActualWork><Cost>130000</Cost><ActualCost>67500</ActualCost></Assignment>
 <Assignment><UID>2</UID><TaskUID>2</TaskUID><ResourceUID>2</ResourceUID><Cost>35000</Cost></Assignment>
</Assignments>
</Project>`

func TestReadCosts(t *testing.T) {
	f, err := readString(costs)
	if err != nil {
		t.Fatal(err)
	}
	p := f.Plan
	if c := p.Tasks[0]; c.FixedCost != 5000 || c.FixedCostAccrual != domain.AccrueStart {
		t.Errorf("Cable: fixed cost %d accrued %q", c.FixedCost, c.FixedCostAccrual)
	}
	if tr := p.Tasks[1]; tr.FixedCost != 0 || tr.FixedCostAccrual != domain.AccrueEnd {
		t.Errorf("Travel: fixed cost %d accrued %q", tr.FixedCost, tr.FixedCostAccrual)
	}
	alice, fares := p.Resources[0], p.Resources[1]
	if alice.StandardRate != 8000 || alice.OvertimeRate != 12000 || alice.CostPerUse != 1000 || alice.Accrual != domain.AccrueEnd {
		t.Errorf("Alice %+v", alice)
	}
	if fares.Kind != domain.Cost || fares.Accrual != domain.AccrueStart {
		t.Errorf("fares %+v", fares)
	}
	want := []domain.RateChange{{Resource: 1, From: day("2027-01-05T00:00:00"), StandardRate: 9050, OvertimeRate: 13000}}
	if !reflect.DeepEqual(p.RateChanges, want) {
		t.Errorf("rate changes %+v, want %+v", p.RateChanges, want)
	}
	if p.Assignments[0].Cost != 0 || p.Assignments[1].Cost != 35000 {
		t.Errorf("assignment amounts %d %d: only a cost resource's is kept", p.Assignments[0].Cost, p.Assignments[1].Cost)
	}
	wantA := []AssignmentComputed{
		{Cost: 130000, ActualCost: 67500, ActualWork: 480, Has: HasCost | HasActualCost},
		{Cost: 35000, Has: HasCost},
	}
	if !reflect.DeepEqual(f.Assignments, wantA) {
		t.Errorf("assignment reference %+v, want %+v", f.Assignments, wantA)
	}
	c := f.Reference[1].Costs
	if wantC := (Costs{Cost: 135000, ActualCost: 67500, BaselineCost: 120000, BCWS: 150, ACWP: 67500,
		Has: HasCost | HasActualCost | HasBaselineCost | HasBCWS | HasBCWP | HasACWP}); c != wantC {
		t.Errorf("costs %+v, want %+v", c, wantC)
	}
	if c := f.Reference[2].Costs; c.Has != 0 {
		t.Errorf("Travel has no cost fields, read %+v", c)
	}
	if c := f.Reference[0].Costs; c.Cost != 170000 || c.ACWP != 80000 || c.Has != HasCost|HasACWP {
		t.Errorf("project summary costs %+v", c)
	}
	if !strings.Contains(strings.Join(f.Dropped, "\n"), "1 row of cost rate tables B–E was left out") {
		t.Errorf("Dropped %q", f.Dropped)
	}
}

// TestWriteCosts checks that what Read keeps of costs survives Write.
func TestWriteCosts(t *testing.T) {
	f, err := readString(costs)
	if err != nil {
		t.Fatal(err)
	}
	res, err := schedule.Compute(f.Plan, schedule.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, f.Plan, res); err != nil {
		t.Fatal(err)
	}
	g, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	a, b := f.Plan, g.Plan
	if !reflect.DeepEqual(a.Tasks, b.Tasks) || !reflect.DeepEqual(a.Resources, b.Resources) || !reflect.DeepEqual(a.RateChanges, b.RateChanges) {
		t.Errorf("changed through Write:\n%+v\n%+v\n%+v\nbecame\n%+v\n%+v\n%+v", a.Tasks, a.Resources, a.RateChanges, b.Tasks, b.Resources, b.RateChanges)
	}
	for i := range a.Assignments {
		if a.Assignments[i].Cost != b.Assignments[i].Cost {
			t.Errorf("assignment %d: amount %d became %d", i, a.Assignments[i].Cost, b.Assignments[i].Cost)
		}
	}
}
