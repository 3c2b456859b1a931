package calendar_test

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/cairnpm/cairn/calendar"
	"github.com/cairnpm/cairn/domain"
)

// The reference answers the calendar's questions the slow way: it decides
// for every minute of a window whether it is working, straight from the
// rules of domain.Calendar, and counts.

const windowDays = 15

type reference struct {
	lo     time.Time // midnight starting the window
	work   []bool    // per minute of the window
	prefix []int64   // prefix[m]: working minutes in [lo, lo+m); one longer than work
	pos    []int     // pos[k]: the minute of the window holding working minute #k
}

func newReference(chain []domain.Calendar, lo time.Time) *reference {
	n := windowDays * 1440
	r := &reference{lo: lo, work: make([]bool, n), prefix: make([]int64, n+1)}
	for d := range windowDays {
		for _, iv := range refDay(chain, lo.AddDate(0, 0, d)) {
			for m := iv.Start; m < iv.End; m++ {
				r.work[d*1440+m] = true
			}
		}
	}
	for m, w := range r.work {
		r.prefix[m+1] = r.prefix[m]
		if w {
			r.prefix[m+1]++
			r.pos = append(r.pos, m)
		}
	}
	return r
}

// refDay is the working time of date: the first exception covering it,
// looking through c and then its bases; else the first weekday set.
func refDay(chain []domain.Calendar, date time.Time) []domain.Interval {
	for _, c := range chain {
		for _, ex := range c.Exceptions {
			to := ex.To
			if to.IsZero() {
				to = ex.From
			}
			if !date.Before(ex.From) && !date.After(to) {
				return ex.Working
			}
		}
	}
	for _, c := range chain {
		if w := c.Week[date.Weekday()]; w != nil {
			return w
		}
	}
	return nil
}

// refValid says whether New should accept the chain.
func refValid(chain []domain.Calendar) bool {
	for _, c := range chain {
		seen := map[time.Time]bool{}
		for _, ex := range c.Exceptions {
			for d := ex.From; !d.After(ex.To) || d.Equal(ex.From); d = d.AddDate(0, 0, 1) {
				if seen[d] {
					return false
				}
				seen[d] = true
			}
		}
	}
	week, root := 0, 0
	for wd := range 7 {
		for _, c := range chain {
			if c.Week[wd] != nil {
				for _, iv := range c.Week[wd] {
					week += iv.End - iv.Start
				}
				break
			}
		}
		for _, iv := range chain[len(chain)-1].Week[wd] {
			root += iv.End - iv.Start
		}
	}
	return week > 0 && root > 0
}

func (r *reference) at(m int) time.Time { return r.lo.Add(time.Duration(m) * time.Minute) }

// randomChain builds a calendar and its bases, nearest first, with
// exceptions around the window starting at lo.
func randomChain(rng *rand.Rand, lo time.Time) []domain.Calendar {
	levels := 1 + rng.IntN(3)
	chain := make([]domain.Calendar, levels)
	for i := range chain {
		c := &chain[i]
		c.ID = int64(i + 1)
		if i+1 < levels {
			c.BaseID = int64(i + 2)
		}
		for wd := range c.Week {
			switch rng.IntN(4) {
			case 0:
				if c.BaseID != 0 {
					continue // inherit
				}
				fallthrough
			case 1:
				c.Week[wd] = []domain.Interval{}
			default:
				c.Week[wd] = randomIntervals(rng)
			}
		}
		cursor := lo.AddDate(0, 0, -3)
		for range rng.IntN(6) {
			from := cursor.AddDate(0, 0, rng.IntN(5))
			ex := domain.Exception{From: from}
			if rng.IntN(2) == 0 {
				ex.To = from.AddDate(0, 0, rng.IntN(9))
				cursor = ex.To.AddDate(0, 0, 1)
			} else {
				cursor = from.AddDate(0, 0, 1)
			}
			if rng.IntN(15) == 0 {
				cursor = from // the next one may overlap
			}
			if rng.IntN(2) == 0 {
				ex.Working = randomIntervals(rng)
			}
			c.Exceptions = append(c.Exceptions, ex)
		}
	}
	return chain
}

// randomIntervals returns 0–3 valid intervals, often touching midnight
// and sometimes touching each other.
func randomIntervals(rng *rand.Rand) []domain.Interval {
	points := make([]int, 2*rng.IntN(4))
	for i := range points {
		switch rng.IntN(8) {
		case 0:
			points[i] = 0
		case 1:
			points[i] = 1440
		case 2:
			points[i] = 60 * rng.IntN(25)
		default:
			points[i] = rng.IntN(1441)
		}
	}
	slices.Sort(points)
	var out []domain.Interval
	for i := 0; i < len(points); i += 2 {
		if points[i] < points[i+1] {
			out = append(out, domain.Interval{Start: points[i], End: points[i+1]})
		}
	}
	if out == nil {
		return []domain.Interval{}
	}
	return out
}

// checkAgainstReference builds a random calendar from seed and compares
// every answer over the window with the reference.
func checkAgainstReference(t *testing.T, seed uint64, off, n int64) {
	rng := rand.New(rand.NewPCG(seed, seed>>32^0x9e3779b97f4a7c15))
	lo := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(182000)-62000) // 1800–2298
	chain := randomChain(rng, lo)
	cal, err := calendar.New(chain[0], chain[1:]...)
	if valid := refValid(chain); !valid || err != nil {
		if valid || domain.ErrorKind(err) != domain.KindInvalid {
			t.Fatalf("New() error = %v, reference says valid = %v; chain %+v", err, valid, chain)
		}
		return
	}
	ref := newReference(chain, lo)
	checkMinutes(t, cal, ref)
	checkOrdinals(t, cal, ref, cal.Ordinal(lo)+off%10_000_000)
	checkAdd(t, cal, ref, n)
	for d := range windowDays {
		day := lo.AddDate(0, 0, d)
		if got, want := cal.WorkingMinutesOn(day), ref.prefix[(d+1)*1440]-ref.prefix[d*1440]; got != want {
			t.Fatalf("WorkingMinutesOn(%s) = %d, want %d", fmtTime(day), got, want)
		}
	}
}

// checkMinutes compares Ordinal, IsWorking, StartOf, FinishOf, NextWorking
// and PrevWorkingEnd at every minute of the window.
func checkMinutes(t *testing.T, cal *calendar.Calendar, ref *reference) {
	o0 := cal.Ordinal(ref.lo)
	prev := o0
	next := -1 // the next working minute at or after m
	for m := range ref.work {
		tm := ref.at(m)
		o := cal.Ordinal(tm)
		if o-o0 != ref.prefix[m] {
			t.Fatalf("Ordinal(%s) = o0%+d, want o0%+d", fmtTime(tm), o-o0, ref.prefix[m])
		}
		if o < prev {
			t.Fatalf("Ordinal(%s) = %d decreases from %d", fmtTime(tm), o, prev)
		}
		prev = o
		if got := cal.Ordinal(tm.Add(59 * time.Second)); got != o {
			t.Fatalf("Ordinal(%s + 59s) = %d, want %d", fmtTime(tm), got, o)
		}
		if got := cal.IsWorking(tm); got != ref.work[m] {
			t.Fatalf("IsWorking(%s) = %v, want %v", fmtTime(tm), got, ref.work[m])
		}
		if ref.work[m] {
			if got := cal.StartOf(o); !got.Equal(tm) {
				t.Fatalf("StartOf(Ordinal(%s)) = %s", fmtTime(tm), fmtTime(got))
			}
			if got, want := cal.FinishOf(o+1), ref.at(m+1); !got.Equal(want) {
				t.Fatalf("FinishOf(Ordinal(%s)+1) = %s, want %s", fmtTime(tm), fmtTime(got), fmtTime(want))
			}
		}
		if next < m {
			next = m
			for next < len(ref.work) && !ref.work[next] {
				next++
			}
		}
		if next < len(ref.work) {
			if got, want := cal.NextWorking(tm), ref.at(next); !got.Equal(want) {
				t.Fatalf("NextWorking(%s) = %s, want %s", fmtTime(tm), fmtTime(got), fmtTime(want))
			}
		}
		if k := ref.prefix[m]; k > 0 {
			want := ref.at(ref.pos[k-1] + 1)
			if ref.work[m] {
				want = tm
			}
			if got := cal.PrevWorkingEnd(tm); !got.Equal(want) {
				t.Fatalf("PrevWorkingEnd(%s) = %s, want %s", fmtTime(tm), fmtTime(got), fmtTime(want))
			}
		}
	}
}

// checkOrdinals checks the edge invariants for every ordinal of the window
// and around extra, which may lie far outside it.
func checkOrdinals(t *testing.T, cal *calendar.Calendar, ref *reference, extra int64) {
	o0 := cal.Ordinal(ref.lo)
	check := func(o int64) {
		s, f := cal.StartOf(o), cal.FinishOf(o)
		if got := cal.Ordinal(s); got != o {
			t.Fatalf("Ordinal(StartOf(%d) = %s) = %d", o, fmtTime(s), got)
		}
		if got := cal.Ordinal(f); got != o {
			t.Fatalf("Ordinal(FinishOf(%d) = %s) = %d", o, fmtTime(f), got)
		}
		if !cal.IsWorking(s) {
			t.Fatalf("StartOf(%d) = %s is not working time", o, fmtTime(s))
		}
		if f.After(s) {
			t.Fatalf("FinishOf(%d) = %s is after StartOf = %s", o, fmtTime(f), fmtTime(s))
		}
		if cal.IsWorking(f.Add(-time.Minute)) == false {
			t.Fatalf("FinishOf(%d) = %s does not end working time", o, fmtTime(f))
		}
	}
	for o := o0; o <= o0+ref.prefix[len(ref.work)]; o++ {
		check(o)
	}
	for o := extra - 50; o <= extra+50; o++ {
		check(o)
	}
}

// checkAdd compares Add with the reference from a sample of the window's
// minutes, and checks that adding and taking back returns to an edge.
func checkAdd(t *testing.T, cal *calendar.Calendar, ref *reference, n int64) {
	total := ref.prefix[len(ref.work)]
	for m := 0; m < len(ref.work); m += 89 {
		tm := ref.at(m)
		for _, k := range []int64{n % 20_000, 1, -1, 480, -480, total / 2, -total / 2} {
			got := cal.Add(tm, k)
			switch j := ref.prefix[m] + k; {
			case k == 0:
				if !got.Equal(tm) {
					t.Fatalf("Add(%s, 0) = %s", fmtTime(tm), fmtTime(got))
				}
				continue
			case k > 0 && j <= total:
				if want := ref.at(ref.pos[j-1] + 1); !got.Equal(want) {
					t.Fatalf("Add(%s, %d) = %s, want %s", fmtTime(tm), k, fmtTime(got), fmtTime(want))
				}
			case k < 0 && j >= 0 && j < total:
				if want := ref.at(ref.pos[j]); !got.Equal(want) {
					t.Fatalf("Add(%s, %d) = %s, want %s", fmtTime(tm), k, fmtTime(got), fmtTime(want))
				}
			}
			if got := cal.WorkBetween(tm, got); got != k {
				t.Fatalf("WorkBetween(%s, Add(_, %d)) = %d", fmtTime(tm), k, got)
			}
			back, o := cal.Add(got, -k), cal.Ordinal(tm)
			want := cal.StartOf(o) // forwards and back lands on a start edge
			if k < 0 {
				want = cal.FinishOf(o)
			}
			if !back.Equal(want) {
				t.Fatalf("Add(Add(%s, %d), %d) = %s, want %s", fmtTime(tm), k, -k, fmtTime(back), fmtTime(want))
			}
			if k > 0 && ref.work[m] && !back.Equal(tm) {
				t.Fatalf("Add(Add(%s, %d), %d) = %s, want it back", fmtTime(tm), k, -k, fmtTime(back))
			}
		}
	}
}

func FuzzCalendar(f *testing.F) {
	for seed := range uint64(12) {
		f.Add(seed, int64(seed)*7919-40_000, int64(seed)*997-3000)
	}
	f.Fuzz(func(t *testing.T, seed uint64, off, n int64) {
		checkAgainstReference(t, seed, off, n)
	})
}

// TestAgainstReference runs more random calendars than the fuzz seeds do
// on every go test.
func TestAgainstReference(t *testing.T) {
	seeds := 200
	if testing.Short() {
		seeds = 20
	}
	for seed := range uint64(seeds) {
		checkAgainstReference(t, 1000+seed, int64(seed)*123_457, int64(seed)*31-3000)
	}
}

// TestManyExceptions checks a calendar with holidays spread over years,
// a long shutdown and a base, day by day against refDay, and the edge
// invariants at the start of every day.
func TestManyExceptions(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	first := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	base := domain.Calendar{ID: 1, Name: "Company", Week: domain.StandardWeek()}
	for year := range 12 {
		for _, d := range rng.Perm(365)[:20] {
			base.Exceptions = append(base.Exceptions, domain.Exception{From: first.AddDate(year, 0, d)})
		}
	}
	base.Exceptions = append(base.Exceptions, domain.Exception{Name: "Shutdown", From: first.AddDate(15, 0, 0), To: first.AddDate(17, 0, 0)})
	c := domain.Calendar{ID: 2, Name: "Team", BaseID: 1}
	c.Week[time.Saturday] = []domain.Interval{{Start: 540, End: 780}}
	for i := range 100 {
		c.Exceptions = append(c.Exceptions, domain.Exception{From: first.AddDate(0, 0, 43*i), Working: []domain.Interval{{Start: 0, End: 1440}}})
	}
	chain := []domain.Calendar{c, base}
	cal, err := calendar.New(c, base)
	if err != nil {
		t.Fatal(err)
	}
	for day := first.AddDate(-1, 0, 0); day.Before(first.AddDate(19, 0, 0)); day = day.AddDate(0, 0, 1) {
		var want int64
		for _, iv := range refDay(chain, day) {
			want += int64(iv.End - iv.Start)
		}
		next := day.AddDate(0, 0, 1)
		if got := cal.WorkBetween(day, next); got != want {
			t.Fatalf("WorkBetween over %s = %d, want %d", fmtTime(day), got, want)
		}
		o := cal.Ordinal(day)
		s, f := cal.StartOf(o), cal.FinishOf(o)
		if cal.Ordinal(s) != o || cal.Ordinal(f) != o || !cal.IsWorking(s) || f.After(day) || s.Before(day) {
			t.Fatalf("edges of %s: StartOf %s, FinishOf %s", fmtTime(day), fmtTime(s), fmtTime(f))
		}
	}
}
