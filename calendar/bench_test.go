package calendar_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
)

// benchCalendar is the Standard week with 20 holidays a year for ten years,
// and 1024 times spread over those years.
func benchCalendar(b *testing.B) (*calendar.Calendar, []time.Time) {
	rng := rand.New(rand.NewPCG(1, 2))
	first := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	c := domain.Calendar{Name: "Standard", Week: domain.StandardWeek()}
	for year := range 10 {
		jan1 := first.AddDate(year, 0, 0)
		for _, d := range rng.Perm(365)[:20] {
			c.Exceptions = append(c.Exceptions, domain.Exception{Name: "Holiday", From: jan1.AddDate(0, 0, d)})
		}
	}
	cal, err := calendar.New(c)
	if err != nil {
		b.Fatal(err)
	}
	times := make([]time.Time, 1024)
	for i := range times {
		times[i] = first.Add(time.Duration(rng.Int64N(10*365*24*60)) * time.Minute)
	}
	return cal, times
}

func BenchmarkOrdinal(b *testing.B) {
	cal, times := benchCalendar(b)
	var sink int64
	i := 0
	for b.Loop() {
		sink += cal.Ordinal(times[i&1023])
		i++
	}
	_ = sink
}

func BenchmarkStartOf(b *testing.B) {
	cal, times := benchCalendar(b)
	ords := make([]int64, len(times))
	for i, t := range times {
		ords[i] = cal.Ordinal(t)
	}
	var sink time.Time
	i := 0
	for b.Loop() {
		sink = cal.StartOf(ords[i&1023])
		i++
	}
	_ = sink
}

func BenchmarkAdd(b *testing.B) {
	cal, times := benchCalendar(b)
	var sink time.Time
	i := 0
	for b.Loop() {
		sink = cal.Add(times[i&1023], 4800)
		i++
	}
	_ = sink
}

func BenchmarkNew(b *testing.B) {
	std := domain.Calendar{Name: "Standard", Week: domain.StandardWeek()}
	for year := range 10 {
		for d := range 20 {
			std.Exceptions = append(std.Exceptions, domain.Exception{From: time.Date(2027+year, 1, 1+d*18, 0, 0, 0, 0, time.UTC)})
		}
	}
	for b.Loop() {
		if _, err := calendar.New(std); err != nil {
			b.Fatal(err)
		}
	}
}
