package calendar_test

import (
	"fmt"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
)

func Example() {
	day := func(d int) time.Time { return time.Date(2027, 1, d, 0, 0, 0, 0, time.UTC) }
	cal, err := calendar.New(domain.Calendar{
		Name:       "Standard",
		Week:       domain.StandardWeek(),
		Exceptions: []domain.Exception{{Name: "Team day", From: day(6)}}, // a Wednesday off
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	const layout = "Mon 2006-01-02 15:04"
	start := time.Date(2027, 1, 4, 8, 0, 0, 0, time.UTC) // Monday morning
	finish := cal.Add(start, 5*8*60)                     // five working days
	fmt.Println("finish:", finish.Format(layout))
	fmt.Println("work:", cal.WorkBetween(start, finish)/60, "hours")

	// Friday 17:00 and Monday 08:00 are the same point of working time,
	// seen as the end of one week's work and the start of the next.
	ord := cal.Ordinal(time.Date(2027, 1, 9, 12, 0, 0, 0, time.UTC)) // Saturday
	fmt.Println("finish edge:", cal.FinishOf(ord).Format(layout))
	fmt.Println("start edge:", cal.StartOf(ord).Format(layout))
	// Output:
	// finish: Mon 2027-01-11 17:00
	// work: 40 hours
	// finish edge: Fri 2027-01-08 17:00
	// start edge: Mon 2027-01-11 08:00
}
