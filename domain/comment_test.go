package domain

import (
	"reflect"
	"testing"
)

func TestMentions(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"address", "@priya@example.com please look", []string{"priya@example.com"}},
		{"address at the end of a sentence", "ask @priya@example.com.", []string{"priya@example.com"}},
		{"name", "thanks @Priya Nair, done", []string{"Priya Nair"}},
		{"name then lower case", "@Sam Patel can you check", []string{"Sam Patel"}},
		{"first name", "(@Priya) agreed", []string{"Priya"}},
		{"not inside a word", "mail sam@example.com or a@b", nil},
		{"lower case after @", "@everyone look", nil},
		{"several", "@Ana Lúcia O'Neill and @bo@x.io", []string{"Ana Lúcia O'Neill", "bo@x.io"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Mentions(tc.body); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Mentions(%q) = %q, want %q", tc.body, got, tc.want)
			}
		})
	}
}

func TestCommentValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    Comment
		code string
	}{
		{"ok", Comment{Entity: CommentOnRisk, EntityID: 1, Body: " hi "}, ""},
		{"unknown entity", Comment{Entity: "milestone", EntityID: 1, Body: "hi"}, "invalid_entity"},
		{"no id", Comment{Entity: CommentOnTask, Body: "hi"}, "required"},
		{"empty", Comment{Entity: CommentOnTask, EntityID: 1, Body: "  "}, "required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.c.Validate()
			var code string
			if e, ok := err.(*Error); ok {
				code = e.Code
			}
			if code != tc.code {
				t.Errorf("Validate: %v, want code %q", err, tc.code)
			}
		})
	}
}
