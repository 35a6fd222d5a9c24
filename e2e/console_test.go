package e2e

import (
	"context"
	"fmt"
	"image/png"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/minsheng/minsheng/browsertest"
	"github.com/minsheng/minsheng/demo"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/synth"
)

// xp finds the first element matching an XPath query.
func xp(q string) chromedp.Search { return chromedp.Search(q) }

// typeInto empties an input the way a user would see it emptied (Vue hears
// the input event), then types text key by key.
func typeInto(sel, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.WaitVisible(chromedp.CSS(sel)),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.focus(); e.value = '';
				e.dispatchEvent(new Event('input', { bubbles: true })); return true })()`, sel))(ctx, t)
			return err
		}),
		chromedp.SendKeys(chromedp.CSS(sel), text),
	)
}

// textShown waits until text is visible somewhere on the page.
func textShown(text string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(xp(fmt.Sprintf(`//*[not(self::script)][contains(normalize-space(.), %q) and not(.//*[contains(normalize-space(.), %q)])]`, text, text)))
}

func signIn(t *testing.T, b *browsertest.Browser, s *server, tenant, username, password string) {
	t.Helper()
	b.Do(t, "sign in as "+username,
		chromedp.Navigate(s.URL("/login")),
		typeInto("#login-tenant", tenant),
		typeInto("#login-username", username),
		typeInto("#login-password", password),
		chromedp.KeyEvent(kb.Enter), // the form is usable from the keyboard
	)
}

func signOut(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	b.Do(t, "sign out",
		chromedp.Click(xp(`//button[contains(., '退出登录')]`)),
		chromedp.WaitVisible(chromedp.CSS("#login-tenant")),
	)
}

func landsOn(t *testing.T, b *browsertest.Browser, who, path, heading string) {
	t.Helper()
	b.Do(t, who+" lands on "+path, chromedp.WaitVisible(xp(fmt.Sprintf(`//h1[normalize-space(.)=%q]`, heading))))
	url := browsertest.Get(t, b, "location", chromedp.Location())
	if !strings.HasSuffix(strings.SplitN(url, "?", 2)[0], path) {
		t.Errorf("%s landed on %s, want %s", who, url, path)
	}
}

func labelled(t *testing.T, b *browsertest.Browser, page string) {
	t.Helper()
	if bad := b.Unlabelled(t); len(bad) > 0 {
		t.Errorf("%s: inputs without a label: %q", page, bad)
	}
}

// consoleShot writes the console's page as name.png into the -screenshots
// folder (make screenshots); without the flag it does nothing.
func consoleShot(t *testing.T, b *browsertest.Browser, name string) {
	t.Helper()
	dir := *screenshots
	if dir == "" {
		return
	}
	shot := browsertest.Get(t, b, "screenshot "+name, chromedp.CaptureScreenshot())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestConsoleInBrowser drives the staff console of the real binary in a
// headless chromium: a refused sign-in says why in Chinese; the clerk reads
// an ID card, confirms the filled citizen and registers, and gets the case
// code and its QR; the dispatcher finds it in his queue by a filter in the
// URL (the dispatch itself goes through the API for now); the handler finds
// it in his worklist, ready to accept. Every form is checked for unlabelled inputs, and the page must
// log no script error or policy refusal on the way.
func TestConsoleInBrowser(t *testing.T) {
	s := serve(t, append(database(t, storetest.Backend{Name: "sqlite"}), "--demo")...)
	b := browsertest.New(t, browsertest.Options{})

	// A wrong password: a plain message, and the form stays.
	signIn(t, b, s, "demo-a", "clerk", "not-the-password")
	b.Do(t, "the refusal is explained", textShown("单位代码、用户名或密码不正确。"), chromedp.WaitVisible(chromedp.CSS("#login-password")))
	labelled(t, b, "sign-in")
	consoleShot(t, b, "login")
	b.Reset() // the refused login is logged by the browser as a failed request

	// An ID card the synth package drew, with known truth.
	person := synth.NewPerson(rand.New(rand.NewSource(20261206)))
	card := filepath.Join(t.TempDir(), "card.png")
	f, err := os.Create(card)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, synth.IDCardFront(person)); err != nil {
		t.Fatal(err)
	}
	f.Close()

	clerkToken := login(t, s, "demo-a", "clerk")
	draftsBefore := drafts(t, s, clerkToken)
	signIn(t, b, s, "demo-a", "clerk", demo.Password)
	landsOn(t, b, "the clerk", "/clerk", "登记台")
	b.Do(t, "the header names the role once", chromedp.WaitVisible(xp(`//*[@data-testid='who-name'][normalize-space(.)='王丽']`)))
	consoleShot(t, b, "clerk")
	title := fmt.Sprintf("小区路灯不亮 %d", time.Now().UnixNano()%100000)
	b.Do(t, "open the register form and read the card",
		chromedp.Click(xp(`//button[contains(., '新建登记')]`)),
		chromedp.WaitVisible(chromedp.CSS("#intake-file")),
		chromedp.SetUploadFiles(chromedp.CSS("#intake-file"), []string{card}),
		chromedp.Click(xp(`//button[contains(., '上传并识别')]`)),
	)
	labelled(t, b, "register")
	b.Do(t, "the job is followed until read", chromedp.WaitVisible(xp(`//*[@data-testid='job-status'][text()='识别完成']`)))
	// The ID number must be read exactly (it passed its check digit, so it
	// is shown verified); a name misread by OCR is what the clerk corrects
	// (reading accuracy is measured by make eval, not here).
	name := browsertest.Get(t, b, "name filled", chromedp.Value(chromedp.CSS("#c-name")))
	id := browsertest.Get(t, b, "ID number filled", chromedp.Value(chromedp.CSS("#c-idNumber")))
	if id != person.IDNumber || name == "" {
		t.Errorf("the card filled name %q and ID %q, want a name and ID %q", name, id, person.IDNumber)
	}
	b.Do(t, "the ID number is shown as verified", textShown("已校验"))
	if name != person.Name {
		t.Logf("OCR read the name %q as %q; the clerk corrects it", person.Name, name)
		b.Do(t, "correct the name", typeInto("#c-name", person.Name))
	}
	consoleShot(t, b, "clerk-register")
	b.Do(t, "registering without confirming is refused",
		typeInto("#t-title", title),
		typeInto("#t-body", "小区东门到3号楼的路灯一个多月不亮，晚上老人出行不便，请尽快修复。"),
		chromedp.Click(xp(`//button[normalize-space(.)='登记']`)),
		textShown("请先核对识别出的信息"),
	)
	b.Do(t, "confirm and register",
		chromedp.Click(xp(`//span[contains(., '已核对识别出的信息与证件一致')]`)),
		chromedp.Click(xp(`//button[normalize-space(.)='登记']`)),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=case-code]")),
	)
	code := browsertest.Get(t, b, "case code", chromedp.Text(chromedp.CSS("[data-testid=case-code]")))
	if !strings.HasPrefix(code, "MS-") {
		t.Fatalf("case code %q", code)
	}
	qrWidth := browsertest.Get(t, b, "QR drawn", chromedp.Poll[int](`(() => { const i = document.querySelector('img.qr'); return i && i.complete && i.naturalWidth })()`, chromedp.WithPollingTimeout(10*time.Second)))
	if qrWidth < 100 {
		t.Errorf("the QR image is %d px wide: not loaded", qrWidth)
	}
	// Registering registered the draft the upload opened: no draft is
	// left behind, and the case holds the card.
	if after := drafts(t, s, clerkToken); after != draftsBefore {
		t.Errorf("%d drafts after registering from an upload, %d before: the upload's draft was left behind", after, draftsBefore)
	}
	var reg struct {
		Tickets struct {
			Edges []struct {
				Node struct {
					ID          string
					Attachments []struct{ Kind string }
				}
			}
		}
	}
	s.graphql(t, clerkToken, `query($c: String!) { tickets(first: 1, where: {code: $c}) { edges { node { id attachments { kind } } } } }`,
		map[string]any{"c": code}).decode(t, &reg)
	if len(reg.Tickets.Edges) != 1 || len(reg.Tickets.Edges[0].Node.Attachments) != 1 || reg.Tickets.Edges[0].Node.Attachments[0].Kind != "ID_CARD" {
		t.Fatalf("case %s: %+v, want the registered draft with its ID card", code, reg)
	}
	// A recording of the citizen's call added to the case (this server
	// has no speech model: the job fails, the file is kept and playable).
	speech, err := synth.Speech(context.Background(), "我要投诉小区路灯一个多月不亮", "wav16k")
	if err != nil {
		t.Fatalf("speech: %v", err)
	}
	s.uploadTo(t, clerkToken, "VOICE", reg.Tickets.Edges[0].Node.ID, "来电录音.wav", speech)
	b.Do(t, "the ticket page shows the ID card and plays the recording",
		chromedp.Navigate(s.URL("/tickets/"+reg.Tickets.Edges[0].Node.ID)),
		chromedp.WaitVisible(chromedp.CSS("[data-testid=attachment-image]")),
	)
	cardWidth := browsertest.Get(t, b, "ID card shown", chromedp.Poll[int](`(() => { const i = document.querySelector('[data-testid=attachment-image]'); return i && i.complete && i.naturalWidth })()`, chromedp.WithPollingTimeout(15*time.Second)))
	if cardWidth < 100 {
		t.Errorf("the ID card image is %d px wide: not shown", cardWidth)
	}
	duration := browsertest.Get(t, b, "recording loaded", chromedp.Poll[float64](`(() => { const a = document.querySelector('[data-testid=attachment-audio]'); return a && a.readyState >= 1 && a.duration > 0 && a.duration })()`, chromedp.WithPollingTimeout(15*time.Second)))
	if duration < 0.5 {
		t.Errorf("the recording plays for %.2f s: not loaded", duration)
	}
	b.Do(t, "scroll to the files", chromedp.ScrollIntoView(chromedp.CSS("[data-testid=attachment-audio]")))
	consoleShot(t, b, "ticket-attachments")
	signOut(t, b)

	signIn(t, b, s, "demo-a", "dispatcher", demo.Password)
	landsOn(t, b, "the dispatcher", "/dispatch", "派单队列")
	consoleShot(t, b, "dispatcher")
	row := fmt.Sprintf(`//tr[.//a[normalize-space(.)=%q]]`, code)
	b.Do(t, "find the case by its code (filter in the URL)",
		chromedp.Navigate(s.URL("/dispatch?q="+code)),
		chromedp.WaitVisible(xp(row+`//button[contains(., '派单')]`)),
	)
	// Choosing in the dialog's department list is not yet driven reliably
	// from chromedp (see the report of issue 12); the dispatch itself goes
	// through the API with the dispatcher's own token.
	token := login(t, s, "demo-a", "dispatcher")
	var found struct {
		Tickets struct {
			Edges []struct{ Node struct{ ID string } }
		}
		Departments struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	s.graphql(t, token, `query($c: String!) { tickets(first: 1, where: {code: $c}) { edges { node { id } } }
		departments(first: 1, where: {name: "住建局"}) { edges { node { id } } } }`, map[string]any{"c": code}).decode(t, &found)
	if len(found.Tickets.Edges) != 1 || len(found.Departments.Edges) != 1 {
		t.Fatalf("case %s or 住建局 not found: %+v", code, found)
	}
	s.graphql(t, token, `mutation($id: ID!, $d: ID!) { dispatchTicket(id: $id, input: {departmentID: $d}) { id } }`,
		map[string]any{"id": found.Tickets.Edges[0].Node.ID, "d": found.Departments.Edges[0].Node.ID}).decode(t, &struct{}{})
	signOut(t, b)

	signIn(t, b, s, "demo-a", "handler", demo.Password)
	landsOn(t, b, "the handler", "/handle", "我的办件")
	consoleShot(t, b, "handler")
	// The handler sees the dispatched case, most urgent first, with what he
	// can do next. Accepting, starting and the five-element reply are not
	// yet driven here (see the report of issue 12).
	b.Do(t, "the handler finds the case to accept",
		chromedp.Navigate(s.URL("/handle?q="+code)),
		chromedp.WaitVisible(xp(row+`//button[contains(., '签收')]`)),
	)
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("the pages logged errors: %q", p)
	}
}

// drafts counts the tickets in DRAFT the caller sees.
func drafts(t *testing.T, s *server, token string) int {
	t.Helper()
	var out struct{ Tickets struct{ TotalCount int } }
	s.graphql(t, token, `{ tickets(first: 1, where: {status: DRAFT}) { totalCount } }`, nil).decode(t, &out)
	return out.Tickets.TotalCount
}
