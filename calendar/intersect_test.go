package calendar_test

import (
	"testing"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
)

func TestIntersect(t *testing.T) {
	allDay := domain.Calendar{ID: 2, Name: "24 hours"}
	for d := range allDay.Week {
		allDay.Week[d] = []domain.Interval{{Start: 0, End: 24 * 60}}
	}
	allDay.Exceptions = []domain.Exception{{Name: "Shutdown", From: time.Date(2027, 1, 12, 0, 0, 0, 0, time.UTC)}}
	office := standardWith(t, holiday(t, "2027-01-08"))
	a, err := calendar.New(allDay)
	if err != nil {
		t.Fatal(err)
	}
	both, err := calendar.Intersect(a, office)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		day  string
		want int64 // working minutes
	}{
		{"2027-01-06", 480}, // Wednesday: office hours
		{"2027-01-08", 0},   // the office's holiday
		{"2027-01-09", 0},   // Saturday: the office does not work
		{"2027-01-12", 0},   // the 24-hour calendar's shutdown
		{"2027-01-13", 480},
	}
	for _, tt := range tests {
		if got := both.WorkingMinutesOn(at(t, tt.day)); got != tt.want {
			t.Errorf("%s: %d working minutes, want %d", tt.day, got, tt.want)
		}
	}
	if got := both.Add(at(t, "2027-01-07T08:00"), 2*480); !got.Equal(at(t, "2027-01-11T17:00")) {
		t.Errorf("two days from Thursday 08:00 end %s, want Monday 17:00 (Friday is a holiday)", got)
	}
	night := domain.Calendar{ID: 3, Name: "night"}
	for d := range night.Week {
		night.Week[d] = []domain.Interval{{Start: 20 * 60, End: 24 * 60}}
	}
	n, err := calendar.New(night)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := calendar.Intersect(n, office); err == nil {
		t.Error("a night shift and office hours share no time, yet Intersect succeeded")
	}
}
