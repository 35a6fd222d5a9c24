package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/minsheng/minsheng/store/storetest"
)

// citizenCase is a complaint registered by the clerk of demo-a, as the
// citizen's receipt gives it.
type citizenCase struct {
	ID, Code, Token string
}

func registerForCitizen(t *testing.T, s *server, clerk string) citizenCase {
	t.Helper()
	var out struct {
		CreateTicket struct{ ID, Code, TrackingToken string }
	}
	s.graphql(t, clerk, `mutation { createTicket(input:{title:"中山路路灯不亮", body:"中山路12号门口路灯坏了一周，夜里行人看不清路。",
		channel:PHONE, citizen:{name:"陈晓梅", phone:"13905141234"}}) { id code trackingToken } }`, nil).decode(t, &out)
	c := out.CreateTicket
	if c.Code == "" || c.TrackingToken == "" {
		t.Fatalf("the clerk got no code and token: %+v", c)
	}
	return citizenCase{c.ID, c.Code, c.TrackingToken}
}

// replyToCitizen has the case dispatched to 住建局, accepted, worked and
// answered in the five elements.
func replyToCitizen(t *testing.T, s *server, c citizenCase) {
	t.Helper()
	dispatcher, handler := login(t, s, "demo-a", "dispatcher"), login(t, s, "demo-a", "handler")
	housing := idOf(t, s, dispatcher, `{ d: departments(where:{name:"住建局"}) { edges { node { id } } } }`)
	ref := fmt.Sprintf("%q", c.ID)
	step(t, s, dispatcher, `dispatchTicket(id:`+ref+`, input:{departmentID:"`+housing+`"})`)
	step(t, s, handler, `acceptTicket(id:`+ref+`)`)
	step(t, s, handler, `startTicket(id:`+ref+`)`)
	step(t, s, handler, `replyTicket(id:`+ref+`, input:{facts:"经现场核实，中山路12号门口路灯因线路老化损坏属实。",
		basis:"依据《城市道路照明设施管理规定》第十五条。", handling:"已安排维修班组更换线路和灯具。",
		result:"路灯已于本周三修复，恢复正常照明。", appealChannel:"如不满意，可在收到答复之日起三十日内向区人民政府申请复查，或拨打12345热线。"})`)
}

// photoFile writes a PNG such as a phone camera would hand the page (small,
// to keep the test quick) and answers its path and bytes.
func photoFile(t *testing.T) (string, []byte) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 320, 240))
	for y := range 240 {
		for x := range 320 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "路灯.png")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

// fitsThePhone checks the page needs no sideways scrolling at 375 pixels.
func fitsThePhone(t *testing.T, tab context.Context, when string) {
	t.Helper()
	if w := eval[int](t, tab, `document.documentElement.scrollWidth`); w > 375 {
		t.Errorf("%s the page is %d pixels wide on a 375-pixel phone: it scrolls sideways", when, w)
	}
}

func textOf(t *testing.T, tab context.Context, id string) string {
	t.Helper()
	return eval[string](t, tab, `document.getElementById(`+fmt.Sprintf("%q", id)+`).textContent`)
}

// TestE2ECitizenPageOnAPhone: the citizen opens the QR link on a phone,
// adds a photo with a note, reads the reply and rates it once; a second
// rating (from the same link opened earlier in another tab) is refused in
// Chinese; staff see the photo on the ticket. The address may make six
// case lookups and no more (no refill to speak of), so the seventh shows
// the page's words for the limit whatever the speed of the machine.
func TestE2ECitizenPageOnAPhone(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		s := serve(t, append(database(t, b), "--demo", "--track-burst", "6", "--track-rate", "0.0001")...)
		clerk := login(t, s, "demo-a", "clerk")
		c := registerForCitizen(t, s, clerk)
		link := s.URL("/t/" + c.Code + "?token=" + c.Token)

		browser := newBrowser(t, 375, 812)
		tab := browser
		in(t, tab, "open the tracking link", phone(375, 812), chromedp.Navigate(link))
		waitFor(t, tab, "the case is shown", `!document.getElementById("case").hidden`)
		if got := textOf(t, tab, "code"); got != c.Code {
			t.Errorf("the page shows case code %q, want %q", got, c.Code)
		}
		if got := textOf(t, tab, "status"); got != "已受理" {
			t.Errorf("status %q, want 已受理", got)
		}
		if got := eval[string](t, tab, `document.querySelector("[aria-current=step]").textContent`); got != "受理" {
			t.Errorf("the progress marks step %q, want 受理", got)
		}
		if body := eval[string](t, tab, `document.body.innerText`); strings.Contains(body, "陈晓梅") || strings.Contains(body, "13905141234") || strings.Contains(body, "王丽") {
			t.Errorf("the citizen page shows personal data or staff names:\n%s", body)
		}
		fitsThePhone(t, tab, "on opening")
		if unlabelled := eval[[]string](t, tab, `[...document.querySelectorAll("input,textarea,select")].filter(e => !e.labels || !e.labels.length).map(e => e.id || e.name)`); len(unlabelled) > 0 {
			t.Errorf("inputs without a label: %v", unlabelled)
		}
		if got := eval[string](t, tab, `(e => e.accept + " " + e.getAttribute("capture"))(document.getElementById("photos"))`); got != "image/* environment" {
			t.Errorf("the photo input takes %q, want image/* from the rear camera", got)
		}

		// Material: typed, then Tab reaches the photo input (keyboard use).
		path, data := photoFile(t)
		in(t, tab, "type the note", chromedp.Focus("#text"), chromedp.SendKeys("#text", "灯杆底部电线外露，很危险"),
			chromedp.KeyEvent("\t"))
		if got := eval[string](t, tab, `document.activeElement.id`); got != "photos" {
			t.Errorf("Tab from the note goes to %q, want the photo input", got)
		}
		in(t, tab, "add the photo and send", chromedp.SetUploadFiles("#photos", []string{path}), chromedp.Click("#addForm button"))
		waitFor(t, tab, "the material is accepted", `document.getElementById("addMsg").textContent.includes("已收到您的补充材料（1张照片）")`)
		if got := textOf(t, tab, "timeline"); !strings.Contains(got, "您补充了材料（1张照片）") {
			t.Errorf("the progress list does not show the photo: %s", got)
		}

		// The department answers; the citizen reads it and rates. The same
		// link is open in a second tab from before the rating.
		replyToCitizen(t, s, c)
		in(t, tab, "reload", chromedp.Reload())
		waitFor(t, tab, "the reply and the rating form", `!document.getElementById("reply").hidden && !document.getElementById("rate").hidden`)
		if got := textOf(t, tab, "result"); !strings.Contains(got, "路灯已于本周三修复") {
			t.Errorf("the reply's result reads %q", got)
		}
		if got := textOf(t, tab, "status"); got != "已答复" {
			t.Errorf("status %q after the reply, want 已答复", got)
		}
		fitsThePhone(t, tab, "with the reply")
		second := newTab(t, browser)
		in(t, second, "open the link again", phone(375, 812), chromedp.Navigate(link))
		waitFor(t, second, "the rating form in the second tab", `!document.getElementById("rate").hidden`)

		in(t, tab, "rate", chromedp.Click(`#rateForm input[value="SATISFIED"]`), chromedp.Click(`#rateForm input[value="true"]`),
			chromedp.SendKeys("#comment", "修得很快，谢谢"), chromedp.Click("#rateForm button"))
		waitFor(t, tab, "thanks for the rating", `document.getElementById("rateMsg").textContent.includes("感谢您的评价")`)

		in(t, second, "rate again", chromedp.Click(`#rateForm input[value="DISSATISFIED"]`), chromedp.Click(`#rateForm input[value="false"]`),
			chromedp.Click("#rateForm button"))
		waitFor(t, second, "the second rating is refused", `document.getElementById("rateMsg").textContent !== "" && document.getElementById("rateMsg").textContent !== "正在提交…"`)
		if got := textOf(t, second, "rateMsg"); got != "您已评价过这次答复，每次答复只能评价一次。" {
			t.Errorf("the second rating says %q, want the Chinese refusal", got)
		}
		// Lookups so far: open, add, reload, second tab, two ratings.
		in(t, second, "reload past the limit", chromedp.Reload())
		waitFor(t, second, "the limit is said", `document.getElementById("msg").className.includes("err")`)
		if got := textOf(t, second, "msg"); got != "操作太频繁，请稍等一分钟再试。" {
			t.Errorf("past the limit the page says %q", got)
		}

		// Staff see the photo and the citizen's rating on the ticket.
		var staff struct {
			Node struct {
				Attachments []struct {
					Kind, ContentType string
					Size              int
				}
				Callbacks []struct {
					Satisfaction string
					ByCitizen    bool
				}
			}
		}
		s.graphql(t, clerk, `query($id:ID!) { node(id:$id) { ... on Ticket { attachments { kind contentType size } callbacks { satisfaction byCitizen } } } }`,
			map[string]any{"id": c.ID}).decode(t, &staff)
		if a := staff.Node.Attachments; len(a) != 1 || a[0].Kind != "PHOTO" || a[0].ContentType != "image/png" || a[0].Size != len(data) {
			t.Errorf("staff see attachments %+v, want the citizen's %d-byte PNG", a, len(data))
		}
		if cb := staff.Node.Callbacks; len(cb) != 1 || cb[0].Satisfaction != "SATISFIED" || !cb[0].ByCitizen {
			t.Errorf("staff see callbacks %+v, want the citizen's one satisfied rating", cb)
		}
	})
}

// TestE2ECitizenPageScreenshot writes docs/screenshots/citizen.png (make
// screenshots): a replied case with the citizen's photo, on a phone.
func TestE2ECitizenPageScreenshot(t *testing.T) {
	if *screenshots == "" {
		t.Skip("writes screenshots only with -screenshots (make screenshots)")
	}
	s := serve(t, append(database(t, storetest.Backend{Name: "sqlite"}), "--demo")...)
	c := registerForCitizen(t, s, login(t, s, "demo-a", "clerk"))
	tab := newBrowser(t, 375, 812)
	in(t, tab, "open the tracking link", phone(375, 812), chromedp.Navigate(s.URL("/t/"+c.Code+"?token="+c.Token)))
	waitFor(t, tab, "the case is shown", `!document.getElementById("case").hidden`)
	path, _ := photoFile(t)
	in(t, tab, "add material", chromedp.SendKeys("#text", "灯杆底部电线外露，很危险"),
		chromedp.SetUploadFiles("#photos", []string{path}), chromedp.Click("#addForm button"))
	waitFor(t, tab, "the material is accepted", `document.getElementById("addMsg").className.includes("ok")`)
	replyToCitizen(t, s, c)
	in(t, tab, "reload", chromedp.Reload())
	waitFor(t, tab, "the rating form", `!document.getElementById("rate").hidden`)
	screenshot(t, tab, "citizen.png")
}
