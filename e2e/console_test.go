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
// clickUntil clicks the button until what it leads to shows (both
// XPaths), at most every three seconds: a list that re-renders (or shows
// its loading mask) as live updates arrive can swallow a click on a row's
// button. A second click that was not needed finds no button, or opens the
// same dialog again.
func clickUntil(button, then string) chromedp.Action[chromedp.Void] {
	js := fmt.Sprintf(`(() => {
		const find = q => document.evaluate(q, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
		const shown = find(%q);
		if (shown && shown.getClientRects().length) return true;
		if (!window.__clickedAt || Date.now() - window.__clickedAt > 3000) {
			const b = find(%q);
			if (b) { b.click(); window.__clickedAt = Date.now(); }
		}
		return false;
	})()`, then, button)
	return chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(500*time.Millisecond), chromedp.WithPollingTimeout(browsertest.StepTimeout))
}

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
	// From the keyboard: a message or a closing dialog's overlay may still
	// lie over the button, and a click at its place would miss it.
	b.Do(t, "sign out",
		chromedp.Focus(xp(`//button[contains(., '退出登录')]`)),
		chromedp.KeyEvent(kb.Enter),
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
	// Charts draw their lines over a second: let them finish.
	time.Sleep(1500 * time.Millisecond)
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
// URL and dispatches it in the dialog, picking from the keyboard a corrected
// category, the department and a co-department that is the 101st of the
// tenant's list; the handler finds it in his worklist, accepts, starts and
// replies in five elements from the keyboard, one left out and pointed out
// first; the leader opens the case and reads the dispatch and the reply in
// its timeline; the citizen opens the QR link on a phone and rates. Every
// form is checked for unlabelled inputs, and the page must log no script
// error or policy refusal on the way.
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
	// The QR the clerk hands over carries the citizen's link.
	qrSrc := browsertest.Get(t, b, "the QR's address", chromedp.Evaluate[string](`document.querySelector('img.qr').getAttribute('src')`))
	citizenLink := s.URL(strings.Replace(qrSrc, ".png?", "?", 1))
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

	// A tenant whose department list outgrows one page: the 101st is
	// found by typing its name (the pickers search on the server).
	admin := login(t, s, "demo-a", "admin")
	const spare = 101
	for from := 1; from <= spare; from += 25 {
		var m strings.Builder
		m.WriteString("mutation {")
		for i := from; i < from+25 && i <= spare; i++ {
			fmt.Fprintf(&m, ` d%d: createDepartment(input: {name: "备用科室%03d"}) { id }`, i, i)
		}
		m.WriteString(" }")
		s.graphql(t, admin, m.String(), nil).decode(t, &struct{}{})
	}

	keyboardSignIn(t, b, s, "dispatcher")
	landsOn(t, b, "the dispatcher", "/dispatch", "派单队列")
	consoleShot(t, b, "dispatcher")
	row := fmt.Sprintf(`//tr[.//a[normalize-space(.)=%q]]`, code)
	b.Do(t, "find the case by its code (filter in the URL) and open the dispatch dialog",
		chromedp.Navigate(s.URL("/dispatch?q="+code)),
		chromedp.WaitVisible(xp(row+`//button[contains(., '派单')]`)),
		clickUntil(row+`//button[contains(., '派单')]`, `//*[@id='d-department']`),
	)
	labelled(t, b, "dispatch dialog")
	pick(t, b, "#d-category", "路灯故障", "路灯故障")
	pick(t, b, "#d-department", "住建", "住建局")
	pick(t, b, "#d-co", fmt.Sprintf("备用科室%03d", spare), fmt.Sprintf("备用科室%03d", spare))
	b.Do(t, "dispatch",
		chromedp.Click(xp(`//div[contains(@class,'el-dialog')]//button[normalize-space(.)='派单']`)),
		textShown("已派单："+code),
		chromedp.WaitNotPresent(xp(row)),
	)
	signOut(t, b)

	keyboardSignIn(t, b, s, "handler")
	landsOn(t, b, "the handler", "/handle", "我的办件")
	consoleShot(t, b, "handler")
	b.Do(t, "the handler finds the case in his worklist",
		chromedp.Navigate(s.URL("/handle?q="+code)),
		chromedp.WaitVisible(xp(row+`//button[contains(., '签收')]`)),
	)
	b.Do(t, "accept: the row offers to start", clickUntil(row+`//button[contains(., '签收')]`, row+`//button[contains(., '开始办理')]`))
	b.Do(t, "start: the row offers the reply", clickUntil(row+`//button[contains(., '开始办理')]`, row+`//button[normalize-space(.)='答复']`))
	b.Do(t, "open the reply form", clickUntil(row+`//button[normalize-space(.)='答复']`, `//*[@id='r-facts']`))
	caseURL := strings.SplitN(browsertest.Get(t, b, "location", chromedp.Location()), "#", 2)[0]
	labelled(t, b, "reply")
	b.Do(t, "the category and the departments chosen in the dialog are the case's",
		textShown("路灯故障"), textShown("住建局"), textShown(fmt.Sprintf("备用科室%03d", spare)))

	// The reply in five elements, from the keyboard only; the result is
	// left out and pointed out before anything is sent.
	b.Do(t, "type four of the five elements, Tab from one to the next",
		chromedp.Focus(chromedp.CSS("#r-facts")),
		chromedp.SendKeys(chromedp.CSS("#r-facts"), "经现场核实，小区东门到3号楼的路灯因线路老化损坏属实。"),
		tab(), focused("r-basis"),
		chromedp.SendKeys(chromedp.CSS("#r-basis"), "依据《城市道路照明设施管理规定》第十五条。"),
		tab(), focused("r-handling"),
		chromedp.SendKeys(chromedp.CSS("#r-handling"), "已安排维修班组更换线路和灯具。"),
		tab(), focused("r-result"),
		tab(), focused("r-appealChannel"),
		chromedp.SendKeys(chromedp.CSS("#r-appealChannel"), "如不满意，可在收到答复之日起三十日内向区人民政府申请复查。"),
		tab(),
	)
	if got := browsertest.Get(t, b, "focus", chromedp.Evaluate[string](`document.activeElement.textContent.trim()`)); got != "发送答复" {
		t.Fatalf("Tab after the last element reaches %q, not the send button", got)
	}
	b.Do(t, "Enter on the send button: the missing result is pointed out",
		chromedp.KeyEvent(kb.Enter),
		textShown("答复还缺少：结果。请补充后再发送。"),
		textShown("请填写结果："),
	)
	if n := browsertest.Get(t, b, "replies", chromedp.Evaluate[int](`document.querySelectorAll('.reply dl').length`)); n != 0 {
		t.Fatalf("a reply lacking its result was sent (%d shown)", n)
	}
	b.Do(t, "complete the result and send",
		chromedp.Focus(chromedp.CSS("#r-result")),
		chromedp.SendKeys(chromedp.CSS("#r-result"), "路灯已于本周三修复，恢复正常照明。"),
		tab(), tab(), focused(""),
		chromedp.KeyEvent(kb.Enter),
		textShown("答复已发送"),
		chromedp.WaitVisible(xp(`//div[contains(@class,'reply')]//dd[contains(., '路灯已于本周三修复')]`)),
	)
	signOut(t, b)

	// The leader opens the case from its address: the timeline tells the
	// dispatch and the reply.
	keyboardSignIn(t, b, s, "leader")
	landsOn(t, b, "the leader", "/overview", "总览")
	b.Do(t, "the leader sees the charts", chromedp.WaitVisible(chromedp.CSS("[data-test=trend-chart] canvas")))
	b.Do(t, "the leader opens the case",
		chromedp.Navigate(caseURL),
		chromedp.WaitVisible(xp(`//div[contains(@class,'el-timeline-item')]//strong[normalize-space(.)='派单']`)),
		chromedp.WaitVisible(xp(`//div[contains(@class,'el-timeline-item')]//strong[normalize-space(.)='答复']`)),
		chromedp.WaitVisible(xp(`//dd[contains(., '路灯已于本周三修复')]`)),
	)
	if p := b.Problems(); len(p) > 0 {
		t.Errorf("the pages logged errors: %q", p)
	}

	// The citizen opens the QR link on a phone, reads the reply and rates.
	c := browsertest.New(t, browsertest.Options{Width: 375, Height: 812, Mobile: true})
	c.Do(t, "the citizen opens the QR link",
		chromedp.Navigate(citizenLink),
		chromedp.Poll[chromedp.Void](`!document.getElementById("reply").hidden && !document.getElementById("rate").hidden`, chromedp.WithPollingTimeout(browsertest.StepTimeout)),
	)
	if got := browsertest.Get(t, c, "the reply", chromedp.Evaluate[string](`document.getElementById("result").textContent`)); !strings.Contains(got, "路灯已于本周三修复") {
		t.Errorf("the citizen reads the result %q", got)
	}
	c.Do(t, "rate",
		chromedp.Click(chromedp.CSS(`#rateForm input[value="SATISFIED"]`)), chromedp.Click(chromedp.CSS(`#rateForm input[value="true"]`)),
		chromedp.Click(chromedp.CSS("#rateForm button")),
		chromedp.Poll[chromedp.Void](`document.getElementById("rateMsg").textContent.includes("感谢您的评价")`, chromedp.WithPollingTimeout(browsertest.StepTimeout)),
	)
	// (The citizen tab's problems are not checked: chromium asks for
	// /favicon.ico on its own, which answers 404 by design, and the log
	// line does not say which address failed.)
}

// keyboardSignIn signs in with the keyboard only: from the tenant field
// Tab goes to the user name and the password, Enter submits.
func keyboardSignIn(t *testing.T, b *browsertest.Browser, s *server, username string) {
	t.Helper()
	b.Do(t, "sign in from the keyboard as "+username,
		chromedp.Navigate(s.URL("/login")),
		chromedp.WaitVisible(chromedp.CSS("#login-tenant")),
		typeInto("#login-tenant", "demo-a"), // remembered from the last sign-in: typed again
		tab(), focused("login-username"),
		chromedp.KeyEvent(username),
		tab(), focused("login-password"),
		chromedp.KeyEvent(demo.Password),
		chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(chromedp.CSS(".el-menu")),
	)
}

// tab presses Tab.
func tab() chromedp.Action[chromedp.Void] { return chromedp.KeyEvent(kb.Tab) }

// focused fails unless the element with this id has the keyboard focus
// ("" for any element that is not an input, such as a button).
func focused(id string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		got, err := chromedp.Evaluate[string](`document.activeElement.id`)(ctx, t)
		if err != nil {
			return err
		}
		if got != id {
			return fmt.Errorf("the focus is on %q, want %q", got, id)
		}
		return nil
	})
}

// pick chooses in a RemotePicker from the keyboard: focus its input, type
// part of the name, wait for the server's matches, Enter takes the first;
// then the picker must show want.
func pick(t *testing.T, b *browsertest.Browser, sel, typed, want string) {
	t.Helper()
	b.Do(t, fmt.Sprintf("type %s into %s", typed, sel),
		chromedp.Focus(chromedp.CSS(sel)),
		chromedp.SendKeys(chromedp.CSS(sel), typed),
	)
	// The matches: the options of the open dropdown (teleported to body).
	options := `[...document.querySelectorAll('.el-select-dropdown__item')].filter(e => e.getClientRects().length).map(e => e.textContent.trim() + (e.classList.contains('is-hovering') ? '*' : ''))`
	first := fmt.Sprintf(`(o => o.length > 0 && o[0] === %q)(%s)`, want+"*", options)
	ctx, cancel := context.WithTimeout(b.Ctx, browsertest.StepTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](first, chromedp.WithPollingInterval(100*time.Millisecond))); err != nil {
		seen := browsertest.Get(t, b, "the options", chromedp.Evaluate[[]string](options))
		typedNow := browsertest.Get(t, b, "the input", chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).value`, sel)))
		t.Fatalf("typing %q into %s (it holds %q): the first option offered is not %q (* marks the one Enter takes): %q (%v)", typed, sel, typedNow, want, seen, err)
	}
	b.Do(t, fmt.Sprintf("Enter picks %s in %s", want, sel),
		chromedp.KeyEvent(kb.Enter),
		chromedp.Poll[chromedp.Void](fmt.Sprintf(`(s => s && s.innerText.split('\n').map(l => l.trim()).includes(%q))(document.querySelector(%q).closest('.el-select'))`, want, sel),
			chromedp.WithPollingInterval(100*time.Millisecond)),
	)
}

// drafts counts the tickets in DRAFT the caller sees.
func drafts(t *testing.T, s *server, token string) int {
	t.Helper()
	var out struct{ Tickets struct{ TotalCount int } }
	s.graphql(t, token, `{ tickets(first: 1, where: {status: DRAFT}) { totalCount } }`, nil).decode(t, &out)
	return out.Tickets.TotalCount
}
