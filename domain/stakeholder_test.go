package domain

import (
	"testing"
	"time"
)

// TestScheduleOccurrence checks the due times of a Friday 15:00 London
// schedule on both sides of the change to summer time (28 March 2027).
func TestScheduleOccurrence(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	d := DeliverySchedule{Weekday: time.Friday, Minute: 15 * 60}
	for _, tc := range []struct {
		now, occurrence, next string
	}{
		{"2027-03-26T14:59:59Z", "2027-03-19T15:00:00Z", "2027-03-26T15:00:00Z"}, // GMT
		{"2027-03-26T15:00:00Z", "2027-03-26T15:00:00Z", "2027-04-02T14:00:00Z"}, // due at 15:00 on the dot; next in BST
		{"2027-04-02T14:30:00Z", "2027-04-02T14:00:00Z", "2027-04-09T14:00:00Z"}, // 15:00 BST is 14:00 UTC
		{"2027-04-05T09:00:00Z", "2027-04-02T14:00:00Z", "2027-04-09T14:00:00Z"}, // a Monday
	} {
		now, _ := time.Parse(time.RFC3339, tc.now)
		if got := d.Occurrence(now, london).UTC().Format(time.RFC3339); got != tc.occurrence {
			t.Errorf("at %s: occurrence %s, want %s", tc.now, got, tc.occurrence)
		}
		if got := d.Next(now, london).UTC().Format(time.RFC3339); got != tc.next {
			t.Errorf("at %s: next %s, want %s", tc.now, got, tc.next)
		}
	}
}

func TestStakeholderValidate(t *testing.T) {
	for _, tc := range []struct {
		s     Stakeholder
		field string
	}{
		{Stakeholder{Name: "Sam", Role: StakeholderSponsor, Power: 5, Interest: 5, Email: " Sam@Example.com "}, ""},
		{Stakeholder{Name: " ", Role: StakeholderSponsor, Power: 5, Interest: 5}, "name"},
		{Stakeholder{Name: "Sam", Role: "boss", Power: 5, Interest: 5}, "role"},
		{Stakeholder{Name: "Sam", Role: StakeholderBoard, Power: 0, Interest: 5}, "power"},
		{Stakeholder{Name: "Sam", Role: StakeholderBoard, Power: 1, Interest: 6}, "interest"},
		{Stakeholder{Name: "Sam", Role: StakeholderBoard, Power: 1, Interest: 1, Email: "sam at example"}, "email"},
	} {
		err := tc.s.Validate()
		var field string
		if e, ok := err.(*Error); ok {
			field = e.Field
		}
		if field != tc.field || (tc.field == "" && err != nil) {
			t.Errorf("%+v: %v, want a problem with %q", tc.s, err, tc.field)
		}
	}
}
