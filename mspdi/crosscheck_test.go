package mspdi

import (
	"bytes"
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"
)

// xmlProject is what encoding/xml makes of the parts of a file compared
// with Read's own tokenizer.
type xmlProject struct {
	Title     string `xml:"Title"`
	Calendars []struct {
		UID  int64  `xml:"UID"`
		Name string `xml:"Name"`
	} `xml:"Calendars>Calendar"`
	Tasks []struct {
		UID          int64  `xml:"UID"`
		Name         string `xml:"Name"`
		Notes        string `xml:"Notes"`
		OutlineLevel int    `xml:"OutlineLevel"`
		Duration     string `xml:"Duration"`
		TotalSlack   int64  `xml:"TotalSlack"`
		Links        []struct {
			PredecessorUID int64 `xml:"PredecessorUID"`
			Type           int   `xml:"Type"`
			LinkLag        int64 `xml:"LinkLag"`
		} `xml:"PredecessorLink"`
	} `xml:"Tasks>Task"`
	Resources []struct {
		UID  int64  `xml:"UID"`
		Name string `xml:"Name"`
	} `xml:"Resources>Resource"`
}

// TestCrossCheck compares Read's view of files with encoding/xml's: task
// UIDs, names, notes, durations, slack and links; calendar and resource
// names.
func TestCrossCheck(t *testing.T) {
	names := []string{
		"task-links-project2019-mspdi.xml", "sample.xml", "mspdiresource.xml",
		"converted-from-mpp/Commercial construction project plan.mpxj.xml",
		"converted-from-mpp/OzBuild 16 Orig.mpxj.xml",
		"converted-from-mpp/Software Development.mpxj.xml",
	}
	docs := map[string][]byte{"synthetic": synthetic(300)}
	for _, n := range names {
		data, err := readTestdata(n)
		if err != nil {
			t.Fatal(err)
		}
		docs[filepath.Base(n)] = data
	}
	for name, data := range docs {
		t.Run(name, func(t *testing.T) {
			var want xmlProject
			if err := xml.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			f, err := Read(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			p := f.Plan
			idx := p.TaskIndex()
			tasks := 0
			for _, w := range want.Tasks {
				ref, ok := f.Reference[w.UID]
				if !ok {
					t.Errorf("UID %d: no reference values", w.UID)
					continue
				}
				if dur, _ := parseDuration([]byte(w.Duration)); ref.Duration != dur {
					t.Errorf("UID %d: duration %d, encoding/xml says %q", w.UID, ref.Duration, w.Duration)
				}
				if ref.TotalSlack != roundTenths(w.TotalSlack) {
					t.Errorf("UID %d: slack %d, encoding/xml says %d tenths", w.UID, ref.TotalSlack, w.TotalSlack)
				}
				if w.OutlineLevel == 0 {
					continue
				}
				tasks++
				i, ok := idx[w.UID]
				if !ok {
					t.Errorf("UID %d is not in the plan", w.UID)
					continue
				}
				task := p.Tasks[i]
				if wantName := strings.TrimSpace(w.Name); task.Name != wantName && wantName != "" {
					t.Errorf("UID %d: name %q, encoding/xml says %q", w.UID, task.Name, wantName)
				}
				if task.Notes != strings.ReplaceAll(w.Notes, "\r\n", "\n") {
					t.Errorf("UID %d: notes %q, encoding/xml says %q", w.UID, task.Notes, w.Notes)
				}
				var preds []int64
				for _, d := range p.Dependencies {
					if d.Successor == w.UID {
						preds = append(preds, d.Predecessor)
					}
				}
				if len(preds) != len(w.Links) {
					t.Errorf("UID %d: %d links, encoding/xml sees %d", w.UID, len(preds), len(w.Links))
					continue
				}
				for k, l := range w.Links {
					if preds[k] != l.PredecessorUID {
						t.Errorf("UID %d link %d: from %d, encoding/xml says %d", w.UID, k, preds[k], l.PredecessorUID)
					}
				}
			}
			if tasks != len(p.Tasks) {
				t.Errorf("%d tasks, encoding/xml sees %d", len(p.Tasks), tasks)
			}
			if p.Project.Name != want.Title && want.Title != "" {
				t.Errorf("project %q, encoding/xml says %q", p.Project.Name, want.Title)
			}
			if len(p.Calendars) != len(want.Calendars) {
				t.Errorf("%d calendars, encoding/xml sees %d", len(p.Calendars), len(want.Calendars))
			}
			for i, c := range want.Calendars {
				if i < len(p.Calendars) && (p.Calendars[i].ID != c.UID || p.Calendars[i].Name != c.Name) {
					t.Errorf("calendar %d: %d %q, encoding/xml says %d %q", i, p.Calendars[i].ID, p.Calendars[i].Name, c.UID, c.Name)
				}
			}
			res := map[int64]string{}
			for _, r := range p.Resources {
				res[r.ID] = r.Name
			}
			for _, r := range want.Resources {
				if r.UID != 0 && r.Name != "" && res[r.UID] != r.Name {
					t.Errorf("resource %d: %q, encoding/xml says %q", r.UID, res[r.UID], r.Name)
				}
			}
		})
	}
}
