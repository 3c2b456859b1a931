package mspdi

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/cairnpm/cairn/domain"
)

// minimal is the smallest plan: a project, a calendar and one task.
const minimal = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
	<Name>Minimal</Name>
	<StartDate>2027-01-04T08:00:00</StartDate>
	<CalendarUID>1</CalendarUID>
	<Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
		<WeekDays><WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay></WeekDays>
	</Calendar></Calendars>
	<Tasks>
		<Task><UID>1</UID><Name>%s</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration></Task>
	</Tasks>
</Project>
`

// withName returns the minimal plan with the task named name (raw XML).
func withName(name string) string { return strings.Replace(minimal, "%s", name, 1) }

func readString(s string) (*File, error) { return Read(strings.NewReader(s)) }

func taskName(t *testing.T, doc string) string {
	t.Helper()
	f, err := readString(doc)
	if err != nil {
		t.Fatal(err)
	}
	return f.Plan.Tasks[0].Name
}

// TestXMLText checks what the tokenizer makes of text: references,
// CDATA, comments and processing instructions inside values, line ends.
func TestXMLText(t *testing.T) {
	for _, tc := range []struct{ raw, want string }{
		{"Plain", "Plain"},
		{"Design &amp; build", "Design & build"},
		{"&lt;tag&gt; &quot;q&quot; &apos;a&apos;", `<tag> "q" 'a'`},
		{"caf&#233; &#x4E2D;&#x56fd;", "café 中国"},
		{"&#x1F680;&#128640;", "\U0001F680\U0001F680"},
		{"<![CDATA[a < b && c]]>", "a < b && c"},
		{"one<!-- a comment -->two", "onetwo"},
		{"one<?pi data?>two", "onetwo"},
		{"a<![CDATA[ & ]]>b&amp;c", "a & b&c"},
		{"Grüße, 東京", "Grüße, 東京"},
		{"  padded  ", "padded"}, // names are trimmed by the domain
	} {
		if got := taskName(t, withName(tc.raw)); got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.raw, got, tc.want)
		}
	}
	notes := strings.Replace(withName("N"), "<OutlineLevel>", "<Notes>line 1\r\nline 2\rline 3</Notes><OutlineLevel>", 1)
	f, err := readString(notes)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Plan.Tasks[0].Notes; got != "line 1\nline 2\nline 3" {
		t.Errorf("notes %q", got)
	}
}

// TestXMLSyntax checks markup the tokenizer must accept: attributes,
// namespace prefixes, self-closing and empty elements, a byte order mark,
// white space in tags.
func TestXMLSyntax(t *testing.T) {
	for name, doc := range map[string]string{
		"bom":            "\xEF\xBB\xBF" + withName("A"),
		"no declaration": strings.Replace(withName("A"), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, "", 1),
		"attributes":     strings.Replace(withName("A"), "<Task>", `<Task a="1" b='x > y' c = "&amp;">`, 1),
		"prefix": strings.NewReplacer("<Project xmlns=", "<p:Project xmlns:p=", "</Project>", "</p:Project>",
			"<Tasks>", "<p:Tasks>", "</Tasks>", "</p:Tasks>").Replace(withName("A")),
		"self-closing":  strings.Replace(withName("A"), "<Tasks>", "<Views/><Tables />\n<Tasks>", 1),
		"space in end":  strings.Replace(withName("A"), "</Tasks>", "</Tasks >", 1),
		"comment first": "<!-- saved by hand -->\n" + withName("A"),
		"skipped depth": strings.Replace(withName("A"), "<Tasks>", "<Views><View><Name>x</Name><Fields><Field><Name>y</Name></Field></Fields></View></Views><Tasks>", 1),
		"empty values":  strings.Replace(withName("A"), "<OutlineLevel>", "<Notes></Notes><Deadline/><OutlineLevel>", 1),
		"crlf":          strings.ReplaceAll(withName("A"), "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			if got := taskName(t, doc); got != "A" {
				t.Errorf("name %q", got)
			}
		})
	}
}

// TestUTF16 checks that UTF-16 files, with a byte order mark or without,
// are converted, and that broken UTF-16 is refused.
func TestUTF16(t *testing.T) {
	doc := strings.Replace(withName("Grüße 東京 \U0001F680"), `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	units := utf16.Encode([]rune(doc))
	le, be := []byte{0xFF, 0xFE}, []byte{0xFE, 0xFF}
	for _, u := range units {
		le = append(le, byte(u), byte(u>>8))
		be = append(be, byte(u>>8), byte(u))
	}
	for name, data := range map[string][]byte{"LE": le, "BE": be, "LE without BOM": le[2:], "BE without BOM": be[2:]} {
		t.Run(name, func(t *testing.T) {
			f, err := Read(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Plan.Tasks[0].Name; got != "Grüße 東京 \U0001F680" {
				t.Errorf("name %q", got)
			}
		})
	}
	// An unpaired surrogate and an odd number of bytes.
	bad := append(append([]byte{}, le[:40]...), 0x00, 0xDC)
	bad = append(bad, le[40:]...)
	for name, data := range map[string][]byte{"surrogate": bad, "odd": le[:301]} {
		t.Run(name, func(t *testing.T) {
			_, err := Read(bytes.NewReader(data))
			if err == nil || !strings.Contains(err.Error(), "UTF-16") {
				t.Errorf("got %v, want an error about UTF-16", err)
			}
		})
	}
}

var errorFormat = regexp.MustCompile(`^<input>:[0-9]+: `)

// TestHostile feeds broken and malicious documents: each must give a
// clear error starting "<input>:LINE: ", and none may panic.
func TestHostile(t *testing.T) {
	deep := "<Project>" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</Project>"
	laughs := `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Project><Name>&lol3;</Name></Project>`
	xxe := `<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project><Name>&x;</Name></Project>`
	cycle := strings.Replace(withName("A"), "</Tasks>", `<Task><UID>2</UID><Name>B</Name><PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink></Task>
<Task><UID>3</UID><Name>C</Name><PredecessorLink><PredecessorUID>2</PredecessorUID></PredecessorLink></Task></Tasks>`, 1)
	cycle = strings.Replace(cycle, "<Duration>", "<PredecessorLink><PredecessorUID>3</PredecessorUID></PredecessorLink><Duration>", 1)
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7919 + i>>3)
	}
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"billion laughs", laughs, "2: DOCTYPE declarations are not allowed"},
		{"external entity", xxe, "DOCTYPE declarations are not allowed"},
		{"undeclared entity", withName("&lol;"), "unknown entity or bad character reference &lol;"},
		{"bare ampersand", withName("a & b"), "a bare '&'"},
		{"bad char ref", withName("&#0;"), "bad character reference &#0;"},
		{"surrogate char ref", withName("&#xD800;"), "bad character reference"},
		{"deep nesting", deep, "nested more than 64 deep"},
		{"unterminated tag", withName("A")[:300] + "<Task", "the file ends inside a tag"},
		{"unterminated element", strings.TrimSuffix(withName("A"), "</Project>\n"), "the file ends inside <Project> (opened at line 2)"},
		{"mismatched end", strings.Replace(withName("A"), "</Tasks>", "</Task>", 1), "11: </Task> closes <Tasks> opened at line 9"},
		{"binary garbage", string(garbage), "does not start with XML markup"},
		{"empty", "", "holds no XML element"},
		{"white space only", " \n\t ", "holds no XML element"},
		{"not mspdi", `<?xml version="1.0"?><html><body/></html>`, "the root element is <html>, not <Project>"},
		{"latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><Project/>`, `declares encoding "ISO-8859-1"`},
		{"utf-32", "\x00\x00\xFE\xFF\x00\x00\x00<", "UTF-32"},
		{"invalid utf-8", withName("caf\xE9"), "is not valid UTF-8"},
		{"control character", withName("a\x01b"), "control character 0x01"},
		{"huge text", withName(strings.Repeat("x", MaxText+10)), "longer than 1024 KiB"},
		{"huge tag", strings.Replace(withName("A"), "<Task>", "<Task a='"+strings.Repeat("x", MaxText+10)+"'>", 1), "longer than 1024 KiB"},
		{"huge comment", strings.Replace(withName("A"), "<Tasks>", "<!--"+strings.Repeat("x", MaxText+10)+"--><Tasks>", 1), "comment is longer"},
		{"bad attribute", strings.Replace(withName("A"), "<Task>", "<Task a=1>", 1), "its value must be quoted"},
		{"lt in attribute", strings.Replace(withName("A"), "<Task>", "<Task a='<'>", 1), "'<' inside an attribute value"},
		{"cdata outside", "<![CDATA[x]]><Project/>", "CDATA outside the root element"},
		{"bad markup", strings.Replace(withName("A"), "<Tasks>", "<!ELEMENT x><Tasks>", 1), "unexpected markup"},
		{"bad uid", strings.Replace(withName("A"), "<Task><UID>1</UID>", "<Task><UID>x</UID>", 1), `10: Task UID "x" is not a number`},
		{"bad duration", strings.Replace(withName("A"), "PT8H0M0S", "8 days", 1), `Task Duration "8 days" is not a duration`},
		{"bad date", strings.Replace(withName("A"), "2027-01-04T08:00:00", "4 Jan 2027", 1), `4: Project StartDate "4 Jan 2027" is not a date`},
		{"bad link type", strings.Replace(withName("A"), "<OutlineLevel>", "<PredecessorLink><PredecessorUID>2</PredecessorUID><Type>9</Type></PredecessorLink><OutlineLevel>", 1), "PredecessorLink Type 9 is not a link type"},
		{"bad constraint", strings.Replace(withName("A"), "<OutlineLevel>", "<ConstraintType>8</ConstraintType><OutlineLevel>", 1), "ConstraintType 8 is not a constraint type"},
		{"task without uid", strings.Replace(withName("A"), "<Task><UID>1</UID>", "<Task>", 1), "10: a Task has no UID"},
		{"no start", strings.Replace(withName("A"), "<StartDate>2027-01-04T08:00:00</StartDate>", "", 1), "no StartDate"},
		{"dependency cycle", cycle, "the links form a cycle"},
		{"invalid plan", strings.Replace(withName("A"), "</Tasks>", "</Tasks>\n<Resources><Resource><UID>1</UID><Name>R</Name><MaxUnits>5000</MaxUnits></Resource></Resources>", 1),
			"12: the plan read from the file is not valid: resources[0].max_units: max units must be between"},
		{"stray end", strings.Replace(withName("A"), "</Tasks>", "</Tasks></Calendars>", 1), "</Calendars> closes <Project> opened at line 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := readString(tc.doc)
			if err == nil {
				t.Fatalf("no error; read %+v", f.Plan.Project)
			}
			msg := err.Error()
			if !errorFormat.MatchString(msg) {
				t.Errorf("%q does not start with <input>:LINE:", msg)
			}
			if !strings.Contains(msg, tc.want) {
				t.Errorf("%q does not say %q", msg, tc.want)
			}
			if domain.ErrorKind(err) != domain.KindInvalid {
				t.Errorf("kind %s, want invalid", domain.ErrorKind(err))
			}
		})
	}
}

// failingReader returns some data and then an error.
type failingReader struct{ data []byte }

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, errors.New("disk on fire")
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// oneByte returns its data a byte at a time, so that every token
// straddles a buffer boundary.
type oneByte struct{ r io.Reader }

func (o oneByte) Read(p []byte) (int, error) { return o.r.Read(p[:1]) }

func TestReadErrorsAndBoundaries(t *testing.T) {
	_, err := Read(&failingReader{data: []byte(withName("A")[:200])})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") || !errorFormat.MatchString(err.Error()) {
		t.Errorf("read error: %v", err)
	}
	// The same document a byte at a time reads the same as at once.
	doc := withName("Design &amp; build <![CDATA[<x>]]>")
	doc = strings.Replace(doc, "<Task>", `<Task a="x">`, 1)
	want := taskName(t, doc)
	f, err := Read(oneByte{strings.NewReader(doc)})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Plan.Tasks[0].Name; got != want || want != "Design & build <x>" {
		t.Errorf("byte by byte %q, at once %q", got, want)
	}
	// A large reference file, a byte at a time.
	data, err := readTestdata("converted-from-mpp/Home_move_plan.mpxj.xml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Read(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Read(oneByte{bytes.NewReader(data)})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Plan.Tasks) != len(b.Plan.Tasks) || len(a.Plan.Dependencies) != len(b.Plan.Dependencies) {
		t.Errorf("byte by byte read differs")
	}
}

// endless is an endless document of empty elements inside a Project.
type endless struct{ started bool }

func (e *endless) Read(p []byte) (int, error) {
	n := 0
	if !e.started {
		n = copy(p, "<Project>")
		e.started = true
	}
	for n+4 <= len(p) {
		n += copy(p[n:], "<a/>")
	}
	return n, nil
}

func TestSizeLimit(t *testing.T) {
	defer func(old int64) { sizeLimit = old }(sizeLimit)
	sizeLimit = 4 << 20
	_, err := Read(&endless{})
	if err == nil || !strings.Contains(err.Error(), "the file is larger than 4 MiB") || !errorFormat.MatchString(err.Error()) {
		t.Errorf("got %v", err)
	}
}

func TestErrorNamesFile(t *testing.T) {
	_, err := ReadFile("../testdata/mspdi/MANIFEST.tsv")
	if err == nil || !strings.HasPrefix(err.Error(), "../testdata/mspdi/MANIFEST.tsv:1: ") {
		t.Errorf("got %v", err)
	}
	_, err = ReadFile("../testdata/mspdi/no-such-file.xml")
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("got %v", err)
	}
}
