package planfile

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/cairnpm/cairn/domain"
	"go.yaml.in/yaml/v3"
)

var resourceKeys = []string{"id", "uid", "name", "kind", "email", "group", "max_units",
	"rate", "overtime_rate", "cost_per_use", "accrual", "rates", "availability", "calendar"}

var availabilityKeys = []string{"from", "to", "units"}

var rateKeys = []string{"from", "rate", "overtime_rate", "cost_per_use"}

// maxUID is the largest uid a plan file may hold (MS Project's Unique ID
// is a 32-bit number).
const maxUID = 1<<31 - 1

func (d *decoder) resourceList(n *yaml.Node) error {
	items, err := d.list(n, "resources", "resources")
	if err != nil {
		return err
	}
	var uids []uidEntry
	for _, item := range items {
		uid, err := d.resource(item)
		if err != nil {
			return err
		}
		uids = append(uids, uid)
	}
	return d.numberUIDs(uids, func(i int, uid int64) { d.plan.Resources[i].UID = uid })
}

func (d *decoder) resource(n *yaml.Node) (uidEntry, error) {
	i := len(d.plan.Resources)
	r := domain.Resource{ID: int64(i + 1), ProjectID: 1}
	at := scope{fmt.Sprintf("resources[%d]", i), fmt.Sprintf("resources[%d]", i)}
	o, err := d.mapping(n, at, "a resource")
	if err != nil {
		return uidEntry{}, err
	}
	if r.Ref, err = d.ref(o, d.resources, "resource"); err != nil {
		return uidEntry{}, err
	}
	if r.Ref != "" {
		at.f = "resources." + r.Ref
		o.at = at
	}
	d.rec(at, n.Line)
	if r.Name, err = o.scalar("name"); err != nil {
		return uidEntry{}, err
	}
	if err := o.only("resource "+short(cmp.Or(r.Name, r.Ref)), resourceKeys...); err != nil {
		return uidEntry{}, err
	}
	uid, _, err := o.integer("uid", 1, maxUID)
	if err != nil {
		return uidEntry{}, err
	}
	if err := d.resourceFields(o, &r); err != nil {
		return uidEntry{}, err
	}
	d.plan.Resources = append(d.plan.Resources, r)
	if r.Ref != "" {
		d.resources[r.Ref] = i
	}
	return uidEntry{uid: uid, line: o.line("uid"), at: at}, nil
}

func (d *decoder) resourceFields(o *object, r *domain.Resource) error {
	kind, err := o.scalar("kind")
	if err != nil {
		return err
	}
	r.Kind = domain.ResourceKind(strings.ToLower(strings.TrimSpace(kind)))
	if r.Email, err = o.scalar("email"); err != nil {
		return err
	}
	if r.Group, err = o.scalar("group"); err != nil {
		return err
	}
	if r.MaxUnits, _, err = o.units("max_units"); err != nil {
		return err
	}
	if r.StandardRate, err = d.rate(o, "rate"); err != nil {
		return err
	}
	if r.OvertimeRate, err = d.rate(o, "overtime_rate"); err != nil {
		return err
	}
	if r.CostPerUse, err = o.money("cost_per_use"); err != nil {
		return err
	}
	if r.Accrual, err = accrual(o, "accrual"); err != nil {
		return err
	}
	if r.CalendarID, err = d.calendarRef(o); err != nil {
		return err
	}
	if err := d.rateChanges(o, r); err != nil {
		return err
	}
	return d.availability(o, r)
}

// availability reads availability:, the resource's units over dated
// periods: from (inclusive) to (exclusive; left out: for good).
func (d *decoder) availability(o *object, r *domain.Resource) error {
	at := o.at.key("availability")
	items, err := d.list(o.get("availability"), at.f, "availability")
	if err != nil {
		return err
	}
	for j, item := range items {
		ao, err := d.mapping(item, scope{fmt.Sprintf("%s.availability[%d]", o.at.v, j), fmt.Sprintf("%s[%d]", at.f, j)}, "an availability period")
		if err != nil {
			return err
		}
		d.rec(ao.at, item.Line)
		if err := ao.only("an availability period of "+short(cmp.Or(r.Name, r.Ref)), availabilityKeys...); err != nil {
			return err
		}
		var a domain.Availability
		if a.From, err = ao.date("from"); err != nil {
			return err
		}
		if a.From.IsZero() {
			return ao.failf("from", "required", "an availability period needs from: the date it starts (YYYY-MM-DD)")
		}
		if a.To, err = ao.date("to"); err != nil {
			return err
		}
		var ok bool
		if a.Units, ok, err = ao.units("units"); err != nil {
			return err
		}
		if !ok {
			return ao.failf("units", "required", "an availability period needs units: how much of the resource is available then, e.g. 50%%")
		}
		r.Availability = append(r.Availability, a)
	}
	return nil
}

// rateChanges reads rates:, the resource's rates from dates on, in date
// order.
func (d *decoder) rateChanges(o *object, r *domain.Resource) error {
	at := o.at.key("rates")
	items, err := d.list(o.get("rates"), at.f, "rates")
	if err != nil {
		return err
	}
	var last domain.RateChange
	for j, item := range items {
		k := len(d.plan.RateChanges)
		ro, err := d.mapping(item, scope{fmt.Sprintf("rate_changes[%d]", k), fmt.Sprintf("%s[%d]", at.f, j)}, "a rate change")
		if err != nil {
			return err
		}
		d.rec(ro.at, item.Line)
		if err := ro.only("a rate change of "+short(cmp.Or(r.Name, r.Ref)), rateKeys...); err != nil {
			return err
		}
		c := domain.RateChange{Resource: r.ID}
		if c.From, err = ro.date("from"); err != nil {
			return err
		}
		if c.From.IsZero() {
			return ro.failf("from", "required", "a rate change needs from: the date its rates apply from (YYYY-MM-DD)")
		}
		if j > 0 && !c.From.After(last.From) {
			return ro.failf("from", "invalid_order", "rate changes must be in date order; %s is not after %s", domain.FormatDate(c.From), domain.FormatDate(last.From))
		}
		if c.StandardRate, err = d.rate(ro, "rate"); err != nil {
			return err
		}
		if c.OvertimeRate, err = d.rate(ro, "overtime_rate"); err != nil {
			return err
		}
		if c.CostPerUse, err = ro.money("cost_per_use"); err != nil {
			return err
		}
		d.plan.RateChanges = append(d.plan.RateChanges, c)
		last = c
	}
	return nil
}

// rate reads a rate per hour: "85.00/h", or "85" with the "/h" left out.
func (d *decoder) rate(o *object, key string) (int64, error) {
	s, err := o.scalar(key)
	if err != nil || s == "" {
		return 0, err
	}
	amount := strings.TrimSpace(s)
	for _, per := range []string{"/hour", "/hr", "/h"} {
		if a, ok := strings.CutSuffix(amount, per); ok {
			amount = strings.TrimSpace(a)
			break
		}
	}
	m, err := domain.ParseMoney(amount, d.plan.Project.Currency)
	if err != nil {
		return 0, o.fail(key, err)
	}
	return m, nil
}

// calendarRef reads calendar: as the ID of a calendar named in the plan.
func (d *decoder) calendarRef(o *object) (int64, error) {
	name, err := o.scalar("calendar")
	if err != nil || name == "" {
		return 0, err
	}
	name = strings.TrimSpace(name)
	id, ok := d.calendars[name]
	if !ok {
		names := make([]string, 0, len(d.plan.Calendars))
		for _, c := range d.plan.Calendars {
			names = append(names, c.Name)
		}
		return 0, o.failf("calendar", "unknown_calendar", "there is no calendar named %s%s", short(name), didYouMean(name, names))
	}
	return id, nil
}

// ref reads id:, a handle that must be unique among what taken holds.
func (d *decoder) ref(o *object, taken map[string]int, what string) (string, error) {
	ref, err := o.scalar("id")
	if err != nil || ref == "" {
		return "", err
	}
	ref = strings.TrimSpace(ref)
	if !validRef(ref) {
		return "", o.failf("id", "invalid_id", "%s cannot be an id (%s)", short(ref), refHint)
	}
	if _, dup := taken[ref]; dup {
		return "", d.conflictAt(o.line("id"), o.at.key("id").f, "duplicate_id", "id %q is already used by another %s (line %d); ids must be unique",
			ref, what, d.locs[d.refScope(what, taken[ref])].line)
	}
	return ref, nil
}

// refScope is the Validate path of the task or resource at index i.
func (d *decoder) refScope(what string, i int) string {
	if what == "resource" {
		return fmt.Sprintf("resources[%d]", i)
	}
	return taskPath(&d.plan.Tasks[i], i)
}

// numberUIDs checks the uids given and numbers the rest in order after
// the highest given, calling set with each item's index and uid.
func (d *decoder) numberUIDs(uids []uidEntry, set func(i int, uid int64)) error {
	var highest int64
	seen := map[int64]int{}
	for i, u := range uids {
		if u.uid == 0 {
			continue
		}
		if j, dup := seen[u.uid]; dup {
			return d.conflictAt(u.line, u.at.key("uid").f, "duplicate_uid", "uid %d is already used (line %d); uids must be unique", u.uid, uids[j].line)
		}
		seen[u.uid] = i
		highest = max(highest, u.uid)
	}
	for i, u := range uids {
		uid := u.uid
		if uid == 0 {
			if highest >= maxUID {
				return d.errAt(u.line, u.at.key("uid").f, "out_of_range", "no uid is left after %d; give this item a uid", highest)
			}
			highest++
			uid = highest
		}
		set(i, uid)
	}
	return nil
}

// names returns the keys of m, sorted, for suggestions.
func names(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
