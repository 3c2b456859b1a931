// Package e2e drives the real Cairn server, on a loopback port over a
// temporary SQLite file, through a headless Chromium with chromedp: the
// web UI as a person uses it.
package e2e

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/cairnpm/cairn/app"
	"github.com/cairnpm/cairn/demo"
	"github.com/cairnpm/cairn/domain"
	"github.com/cairnpm/cairn/server"
	"github.com/cairnpm/cairn/store/sqlite"
)

// chromiumPath is Debian's Chromium, which .ci/run installs; set
// CAIRN_CHROMIUM to use another.
func chromiumPath() string {
	if p := os.Getenv("CAIRN_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

// password is every test account's.
const password = "correct horse battery"

// env is a running server, the app behind it (to set up accounts and
// check what was stored), and a browser.
type env struct {
	t       *testing.T
	url     string
	app     *app.App
	browser context.Context

	mu       sync.Mutex
	problems []string // script errors and refused content, from every tab
}

// newEnv starts the server as `cairn serve` does (the same handler behind
// Go's cross-origin protection) with the demo project loaded, and a
// headless Chromium. Without a browser the test is skipped, except in CI,
// where it fails.
func newEnv(t *testing.T) *env {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath()); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("no Chromium at %s: .ci/run installs it (apt-get install chromium)", chromiumPath())
		}
		t.Skipf("no Chromium at %s (apt-get install chromium, or set CAIRN_CHROMIUM)", chromiumPath())
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cairn.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := app.New(st, nil)
	plan, err := demo.Plan()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ImportPlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(a, slog.New(slog.DiscardHandler), server.Options{Version: "e2e"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: http.NewCrossOriginProtection().Handler(srv.Handler()), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Close() })

	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromiumPath()),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1400, 900),
		chromedp.Flag("lang", "en-GB"))
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	if err := chromedp.Do(bctx); err != nil { // start the browser
		t.Fatalf("start Chromium: %v", err)
	}
	return &env{t: t, url: "http://" + ln.Addr().String(), app: a, browser: bctx}
}

// user creates an account and, when role is set, makes it a member of NET.
func (e *env) user(email, name, role string, admin bool) {
	e.t.Helper()
	ctx := context.Background()
	if _, err := e.app.AddUser(ctx, app.NewUser{Email: email, Name: name, Password: password, SiteAdmin: admin}); err != nil {
		e.t.Fatal(err)
	}
	if role != "" {
		if _, err := e.app.AddMember(ctx, "NET", email, domain.Role(role)); err != nil {
			e.t.Fatal(err)
		}
	}
}

// tab opens a new browser tab with its own cookies jar shared with the
// browser; tabs of one env share a session once one signs in.
func (e *env) tab() context.Context {
	ctx, cancel := chromedp.NewContext(e.browser)
	e.t.Cleanup(cancel)
	e.start(ctx)
	return ctx
}

// start opens the tab of ctx and records its script errors and the
// browser's complaints (a Content-Security-Policy refusal, a failed load).
// The first action on a chromedp context ties the tab to the context it
// is given, so it must be the tab's own context, not one with a timeout
// that ends after the action.
func (e *env) start(ctx context.Context) {
	e.t.Helper()
	enableLog := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cdplog.Enable, cdp.Empty{})
		return err
	})
	if err := chromedp.Do(ctx, enableLog); err != nil {
		e.t.Fatalf("open a tab: %v", err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		var p string
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			p = "script error: " + ev.ExceptionDetails.Text
			if ev.ExceptionDetails.Exception != nil {
				p += " " + ev.ExceptionDetails.Exception.Description
			}
		case *cdplog.EventEntryAdded:
			if ev.Entry.Level == cdplog.EntryLevelError && !strings.Contains(ev.Entry.Text, "status of 4") {
				p = "browser: " + ev.Entry.Text + " " + ev.Entry.URL
			}
		}
		if p != "" {
			e.mu.Lock()
			e.problems = append(e.problems, p)
			e.mu.Unlock()
		}
	})
	if err != nil {
		e.t.Fatalf("listen to the tab: %v", err)
	}
	e.t.Cleanup(func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		for _, p := range e.problems {
			e.t.Errorf("the browser reported: %s", p)
		}
		e.problems = nil
	})
}

// incognito opens a tab in a fresh browser context: its own cookies, so a
// second user can be signed in beside the first.
func (e *env) incognito() context.Context {
	ctx, cancel := chromedp.NewContext(e.browser, chromedp.WithNewBrowserContext())
	e.t.Cleanup(cancel)
	e.start(ctx)
	return ctx
}

// do runs browser actions, failing the test with what was being done.
func (e *env) do(ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, actions...); err != nil {
		e.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the tab.
func eval[T any](e *env, ctx context.Context, expr string) T {
	e.t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		e.t.Fatalf("evaluate %.80s: %v", expr, err)
	}
	return v
}

// waitFor evaluates a JavaScript predicate until it holds. It asks again
// and again rather than waiting inside the page, so that a navigation in
// between (a reload, a redirect) does not end the wait.
func (e *env) waitFor(ctx context.Context, what, predicate string) {
	e.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool]("!!("+predicate+")"))
		cancel()
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	flash, _ := chromedp.Run(tctx, chromedp.Evaluate[string](`(document.getElementById('flash')||{}).textContent||''`))
	e.t.Fatalf("waiting for %s: it did not happen in 20s (last error %v; message on the page: %q)", what, last, flash)
}

// login signs in through the form and waits for My work.
func (e *env) login(ctx context.Context, email string) {
	e.t.Helper()
	e.do(ctx, "sign in as "+email,
		chromedp.Navigate(e.url+"/login"),
		chromedp.WaitVisible("#email"),
		chromedp.SendKeys("#email", email),
		chromedp.SendKeys("#password", password),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`.who`),
	)
}

// open navigates to a page of the server and waits until its scripts ran.
func (e *env) open(ctx context.Context, path string) {
	e.t.Helper()
	e.do(ctx, "open "+path, chromedp.Navigate(e.url+path), chromedp.WaitReady("body"))
	e.waitFor(ctx, "the page scripts of "+path, `document.readyState === 'complete' && !!window.cairn`)
}

// fill sets a form control's value and focuses it, as typing would,
// without firing change: the caller presses Enter or moves on. It works
// from the page's side, so a row swapped in by a refresh is found afresh.
func (e *env) fill(ctx context.Context, selector, value string) {
	e.t.Helper()
	ok := eval[bool](e, ctx, fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el) return false;
		el.focus(); el.value = %q; return true; })()`, selector, value))
	if !ok {
		e.t.Fatalf("no %s to fill", selector)
	}
}

// press sends a key to the focused element.
func (e *env) press(ctx context.Context, key string, mods ...chromedp.Modifier) {
	e.t.Helper()
	e.do(ctx, "press a key", chromedp.KeyEvent(key, chromedp.KeyModifiers(mods...)))
}

// point is a position in the viewport, in CSS px.
type point struct{ X, Y float64 }

// center scrolls the element into view and returns its middle.
func (e *env) center(ctx context.Context, selector string) point {
	e.t.Helper()
	return eval[point](e, ctx, fmt.Sprintf(`(() => { const el = document.querySelector(%q);
		if (!el) return null; el.scrollIntoView({block: 'center', inline: 'nearest'});
		const r = el.getBoundingClientRect(); return {X: r.x + r.width / 2, Y: r.y + r.height / 2}; })()`, selector))
}

// at returns the middle of an element as it is now, without scrolling.
func (e *env) at(ctx context.Context, selector string) point {
	e.t.Helper()
	return eval[point](e, ctx, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect();
		return {X: r.x + r.width / 2, Y: r.y + r.height / 2}; })()`, selector))
}

// drag presses the left button at from, moves to to in steps, and lets go.
func (e *env) drag(ctx context.Context, from, to point) {
	e.t.Helper()
	acts := []chromedp.Action[chromedp.Void]{
		chromedp.MouseEvent(chromedp.MouseMoved, from.X, from.Y),
		chromedp.MouseEvent(chromedp.MousePressed, from.X, from.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
	}
	const steps = 12
	for i := 1; i <= steps; i++ {
		f := float64(i) / steps
		acts = append(acts, chromedp.MouseEvent(chromedp.MouseMoved, from.X+(to.X-from.X)*f, from.Y+(to.Y-from.Y)*f, chromedp.ButtonLeft),
			chromedp.Sleep(15*time.Millisecond))
	}
	acts = append(acts, chromedp.MouseEvent(chromedp.MouseReleased, to.X, to.Y, chromedp.ButtonLeft, chromedp.ClickCount(1)))
	e.do(ctx, fmt.Sprintf("drag from %v to %v", from, to), acts...)
}

// screenshot saves the tab's page as name.png into $CAIRN_SCREENSHOTS
// (default: the test's temporary directory), and into docs/screenshots
// as well when CAIRN_UPDATE_SCREENSHOTS is set.
func (e *env) screenshot(ctx context.Context, name string) {
	e.t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		e.t.Fatalf("screenshot %s: %v", name, err)
	}
	dirs := []string{os.Getenv("CAIRN_SCREENSHOTS")}
	if dirs[0] == "" {
		dirs[0] = e.t.TempDir()
	}
	if os.Getenv("CAIRN_UPDATE_SCREENSHOTS") != "" {
		dirs = append(dirs, filepath.Join("..", "docs", "screenshots"))
	}
	for _, dir := range dirs {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			e.t.Fatal(err)
		}
		path := filepath.Join(dir, name+".png")
		if err := os.WriteFile(path, buf, 0o644); err != nil {
			e.t.Fatal(err)
		}
		e.t.Logf("screenshot %s", path)
	}
}

// unlabelled lists the form controls of the page that have no
// accessible name: no <label>, aria-label or aria-labelledby.
func (e *env) unlabelled(ctx context.Context) []string {
	return eval[[]string](e, ctx, `Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'))
		.filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')
			&& !(el.tagName === 'BUTTON' && el.textContent.trim()))
		.map(el => el.outerHTML.slice(0, 120))`)
}

// checkLabels fails the test when a form control of the page has no name.
func (e *env) checkLabels(ctx context.Context, page string) {
	e.t.Helper()
	if bad := e.unlabelled(ctx); len(bad) > 0 {
		e.t.Errorf("%s: form controls without a label:\n%s", page, strings.Join(bad, "\n"))
	}
}

// lowContrast lists the page's visible text whose colour has less
// contrast with its background than WCAG 2 AA asks: 4.5:1, or 3:1 for
// large text (24 px, or 18.66 px bold). Disabled controls are exempt, as
// in WCAG; so are SVG charts, whose marks are not text colour.
func (e *env) lowContrast(ctx context.Context) []string {
	return eval[[]string](e, ctx, `(() => {
		const rgba = s => { const m = s.match(/[\d.]+/g) || [0, 0, 0, 0]; return m.map(Number).concat([1]).slice(0, 4); };
		const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
			return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
		const background = el => {
			for (; el; el = el.parentElement) {
				const c = rgba(getComputedStyle(el).backgroundColor);
				if (c[3] > 0.5) return c;
			}
			return [255, 255, 255, 1];
		};
		const out = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		const seen = new Set();
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const el = n.parentElement;
			if (!n.textContent.trim() || seen.has(el) || el.closest('svg, [hidden], .sr-only, :disabled, option')) continue;
			seen.add(el);
			const r = el.getBoundingClientRect(), st = getComputedStyle(el);
			if (r.width === 0 || r.height === 0 || st.visibility === 'hidden') continue;
			const fg = rgba(st.color), bg = background(el);
			const a = lum(fg), b = lum(bg);
			const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
			const size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
			const need = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
			if (ratio < need) out.push(ratio.toFixed(2) + ':1 for "' + n.textContent.trim().slice(0, 40) + '" (' + st.color + ' on rgb(' + bg.slice(0, 3).join(', ') + '))');
		}
		return out;
	})()`)
}

// checkContrast fails the test when text of the page is hard to read.
func (e *env) checkContrast(ctx context.Context, page string) {
	e.t.Helper()
	if bad := e.lowContrast(ctx); len(bad) > 0 {
		if len(bad) > 10 {
			bad = append(bad[:10], "…")
		}
		e.t.Errorf("%s: text below WCAG AA contrast:\n%s", page, strings.Join(bad, "\n"))
	}
}

// task reads a task of NET from the store.
func (e *env) task(key string, id int64) domain.Task {
	e.t.Helper()
	_, k, err := e.app.Task(context.Background(), key, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return k
}

func near(a, b float64) bool { return math.Abs(a-b) < 0.5 }
