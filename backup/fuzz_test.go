package backup

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/cairnpm/cairn/domain"
)

// FuzzParse feeds the reader arbitrary files. It must never panic; it
// must refuse a bad file with an input error (invalid or conflict), never
// an internal one; and a file it accepts must read the same when written
// out again. Run: go test ./backup -run '^$' -fuzz FuzzParse -fuzztime 30s
func FuzzParse(f *testing.F) {
	small, err := os.ReadFile("testdata/small.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small)
	f.Add([]byte(`{"format":"cairn-backup","version":1,"users":[],"projects":[],"audit":[]}`))
	f.Add([]byte(`{"format":"cairn-backup","version":1,"projects":[{"project":{"key":"A1"},"tasks":[{"uid":1,"parent":1}]}]}`))
	f.Add([]byte(`{"format":"cairn-backup","version":1,"audit":[{"entity":"task","ref":"deleted:0"}]}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"format":"cairn-backup","version":1,"projects":[null]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse(data)
		if err == nil {
			_, err = check(file)
		}
		if err != nil {
			if k := domain.ErrorKind(err); k != domain.KindInvalid && k != domain.KindConflict {
				t.Fatalf("%s error for bad input: %v", k, err)
			}
			return
		}
		again, err := json.Marshal(file)
		if err != nil {
			t.Fatal(err)
		}
		file2, err := Parse(again)
		if err != nil {
			t.Fatalf("an accepted file, written out, does not read: %v\n%s", err, again)
		}
		if _, err := check(file2); err != nil {
			t.Fatalf("an accepted file, written out, does not check: %v\n%s", err, again)
		}
		third, _ := json.Marshal(file2)
		if !bytes.Equal(again, third) {
			t.Fatalf("writing out changes the file:\n%s\n%s", again, third)
		}
	})
}
