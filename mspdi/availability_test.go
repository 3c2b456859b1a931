package mspdi_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/mspdi"
)

// TestAvailabilityAndContours reads a resource's availability table —
// MS Project's all-time row is its max units, dated rows are periods —
// and an assignment's work contour, and writes them back unchanged.
func TestAvailabilityAndContours(t *testing.T) {
	doc := `<?xml version="1.0"?>
<Project xmlns="http://schemas.microsoft.com/project"><Name>Avail</Name><StartDate>2027-03-01T08:00:00</StartDate>
<Tasks><Task><UID>1</UID><ID>1</ID><Name>Cabling</Name><OutlineLevel>1</OutlineLevel><Duration>PT40H0M0S</Duration></Task></Tasks>
<Resources><Resource><UID>1</UID><ID>1</ID><Name>Bob</Name><Type>1</Type><MaxUnits>1</MaxUnits>
<AvailabilityPeriods>
 <AvailabilityPeriod><AvailableFrom>1984-01-01T00:00:00</AvailableFrom><AvailableTo>2027-03-07T23:59:00</AvailableTo><AvailableUnits>1</AvailableUnits></AvailabilityPeriod>
 <AvailabilityPeriod><AvailableFrom>2027-03-08T00:00:00</AvailableFrom><AvailableTo>2027-03-19T23:59:00</AvailableTo><AvailableUnits>0.5</AvailableUnits></AvailabilityPeriod>
 <AvailabilityPeriod><AvailableFrom>2027-03-20T00:00:00</AvailableFrom><AvailableTo>2049-12-31T23:59:00</AvailableTo><AvailableUnits>2</AvailableUnits></AvailabilityPeriod>
</AvailabilityPeriods></Resource></Resources>
<Assignments><Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units><Work>PT40H0M0S</Work><WorkContour>1</WorkContour></Assignment></Assignments>
</Project>`
	f, err := mspdi.Read(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	d := func(day int) time.Time { return time.Date(2027, 3, day, 0, 0, 0, 0, time.UTC) }
	want := []domain.Availability{
		{From: time.Date(1984, 1, 1, 0, 0, 0, 0, time.UTC), To: d(8), Units: 1},
		{From: d(8), To: d(20), Units: 0.5},
		{From: d(20), Units: 2},
	}
	r := f.Plan.Resources[0]
	if !reflect.DeepEqual(r.Availability, want) {
		t.Errorf("availability %+v\nwant %+v", r.Availability, want)
	}
	if r.UnitsAt(d(10)) != 0.5 || r.UnitsAt(d(25)) != 2 {
		t.Errorf("units on 10 and 25 March: %g, %g", r.UnitsAt(d(10)), r.UnitsAt(d(25)))
	}
	if c := f.Plan.Assignments[0].Contour; c != domain.BackLoaded {
		t.Errorf("contour %q, want back-loaded", c)
	}
	var buf bytes.Buffer
	if err := mspdi.Write(&buf, f.Plan, nil); err != nil {
		t.Fatal(err)
	}
	again, err := mspdi.Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again.Plan.Resources, f.Plan.Resources) || again.Plan.Assignments[0].Contour != domain.BackLoaded {
		t.Errorf("written and read again:\n%+v\nwant\n%+v", again.Plan.Resources, f.Plan.Resources)
	}
}
