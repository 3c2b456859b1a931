package mspdi

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// chunked returns its data n bytes at a time, so that tokens straddle
// buffer refills at places that depend on n.
type chunked struct {
	r io.Reader
	n int
}

func (c chunked) Read(p []byte) (int, error) { return c.r.Read(p[:min(len(p), c.n)]) }

// FuzzRead checks that no input makes Read panic, that every error names
// the line, that every plan Read returns is valid, and that reading in
// small pieces gives the same result as reading at once.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"mspdirelations.xml", "converted-from-mpp/mpp14relations.mpxj.xml", "converted-from-mpp/bug2.mpxj.xml"} {
		data, err := readTestdata(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(withName("Design &amp; build <![CDATA[x]]>")))
	f.Add([]byte(features))
	f.Add([]byte(costs))
	f.Add([]byte(calendarDoc("<Exceptions>" + exception(3, "Thanksgiving", "2027-11-25", "2029-11-22", "<Occurrences>3</Occurrences><Month>10</Month><MonthPosition>3</MonthPosition><MonthItem>7</MonthItem>") + "</Exceptions>")))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x "y">]><Project/>`))
	f.Add([]byte("\xFF\xFE<\x00?\x00x\x00m\x00l\x00"))
	f.Add(synthetic(12))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Read(bytes.NewReader(data))
		if err != nil {
			if !errorFormat.MatchString(err.Error()) {
				t.Fatalf("error without a line: %q", err)
			}
		} else if verr := got.Plan.Validate(); verr != nil {
			t.Fatalf("Read returned an invalid plan: %v", verr)
		}
		again, err2 := Read(chunked{bytes.NewReader(data), 1 + len(data)%7})
		switch {
		case (err == nil) != (err2 == nil):
			t.Fatalf("at once: %v; in pieces: %v", err, err2)
		case err != nil && err.Error() != err2.Error() && !strings.Contains(err.Error(), "UTF-16"):
			t.Fatalf("at once: %v; in pieces: %v", err, err2)
		case err == nil && (len(got.Plan.Tasks) != len(again.Plan.Tasks) || len(got.Dropped) != len(again.Dropped)):
			t.Fatalf("at once %d tasks %q; in pieces %d tasks %q", len(got.Plan.Tasks), got.Dropped, len(again.Plan.Tasks), again.Dropped)
		}
	})
}
