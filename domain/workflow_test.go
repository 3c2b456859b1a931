package domain

import "testing"

func TestWorkflowStatusFollowsProgress(t *testing.T) {
	for _, tc := range []struct {
		name    string
		status  WorkflowStatus
		percent int
		want    WorkflowStatus
	}{
		{"unset at 0%", StatusNone, 0, StatusTodo},
		{"unset at 40%", StatusNone, 40, StatusInProgress},
		{"unset at 100%", StatusNone, 100, StatusDone},
		{"set wins", StatusReview, 40, StatusReview},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := Task{Status: tc.status, PercentComplete: tc.percent}
			if got := k.WorkflowStatus(); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestStatusAndProgressStayConsistent(t *testing.T) {
	for _, tc := range []struct {
		name        string
		from        Task
		status      WorkflowStatus // set when not ""
		percent     int            // set when status is ""
		wantStatus  WorkflowStatus
		wantPercent int
	}{
		{"to done completes", Task{PercentComplete: 30}, StatusDone, 0, StatusDone, 100},
		{"done back to todo restarts", Task{Status: StatusDone, PercentComplete: 100}, StatusTodo, 0, StatusTodo, 0},
		{"done back to review", Task{Status: StatusDone, PercentComplete: 100}, StatusReview, 0, StatusReview, 99},
		{"review keeps progress", Task{PercentComplete: 60}, StatusReview, 0, StatusReview, 60},
		{"100% is done", Task{Status: StatusInProgress, PercentComplete: 50}, "", 100, StatusDone, 100},
		{"below 100% leaves done", Task{Status: StatusDone, PercentComplete: 100}, "", 80, StatusInProgress, 80},
		{"0% leaves done for todo", Task{Status: StatusDone, PercentComplete: 100}, "", 0, StatusTodo, 0},
		{"progress starts a todo", Task{Status: StatusTodo}, "", 10, StatusInProgress, 10},
		{"unset stays unset", Task{}, "", 100, StatusNone, 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := tc.from
			if tc.status != "" {
				k.SetStatus(tc.status)
			} else {
				k.SetPercentComplete(tc.percent)
			}
			if k.Status != tc.wantStatus || k.PercentComplete != tc.wantPercent {
				t.Fatalf("got %q at %d%%, want %q at %d%%", k.Status, k.PercentComplete, tc.wantStatus, tc.wantPercent)
			}
		})
	}
}

func TestWIPLimitsText(t *testing.T) {
	l, err := ParseWIPLimits(" review=2, in_progress=3 ,")
	if err != nil || l.String() != "in_progress=3,review=2" {
		t.Fatalf("got %q, %v", l, err)
	}
	if !l.Over(StatusInProgress, 4) || l.Over(StatusInProgress, 3) || l.Over(StatusTodo, 100) {
		t.Fatal("Over is wrong")
	}
	for _, bad := range []string{"doing=3", "review", "review=x", "review=-1", "review=1000"} {
		if _, err := ParseWIPLimits(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
