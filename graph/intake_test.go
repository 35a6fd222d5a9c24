package graph_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"image"
	"image/jpeg"
	"image/png"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/minsheng/minsheng/app/apptest"
	"github.com/minsheng/minsheng/ent/intakejob"
	"github.com/minsheng/minsheng/ent/ticket"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/synth"
)

const submitIntakeDoc = `mutation($in:SubmitIntakeInput!) {
  submitIntake(input:$in) { id kind status ticket { id code status title } }
}`

const intakeJobDoc = `query($id:ID!) {
  intakeJob(id:$id) {
    id kind status error finishedAt
    result { text silent fields { name value confidence verified } }
    ticket { id status title body place citizen { name idNumber phone } category { name } suggestedDepartment { name }
      timeline { action reason } }
  }
}`

type intakeJob struct {
	ID, Kind, Status, Error string
	FinishedAt              *string
	Result                  *struct {
		Text   string
		Silent bool
		Fields []struct {
			Name, Value string
			Confidence  float64
			Verified    bool
		}
	}
	Ticket struct {
		ID, Code, Status, Title, Body, Place string
		Citizen                              *struct{ Name, IDNumber, Phone string }
		Category                             *struct{ Name string }
		SuggestedDepartment                  *struct{ Name string }
		Timeline                             []struct{ Action, Reason string }
	}
}

func (j intakeJob) field(name string) (value string, verified, ok bool) {
	if j.Result == nil {
		return "", false, false
	}
	for _, f := range j.Result.Fields {
		if f.Name == name {
			return f.Value, f.Verified, true
		}
	}
	return "", false, false
}

// submit uploads a file and returns the queued job.
func submit(t *testing.T, e *apptest.Env, token, kind, name string, data []byte, ticketID string) intakeJob {
	t.Helper()
	in := map[string]any{"kind": kind, "file": nil}
	if ticketID != "" {
		in["ticketID"] = ticketID
	}
	var out struct{ SubmitIntake intakeJob }
	e.Upload(t, token, submitIntakeDoc, map[string]any{"in": in}, "variables.in.file", name, data).Decode(t, &out)
	if out.SubmitIntake.Status != "QUEUED" && out.SubmitIntake.Status != "RUNNING" {
		t.Fatalf("submitIntake answered status %q, want QUEUED", out.SubmitIntake.Status)
	}
	return out.SubmitIntake
}

// finished polls the job until it has SUCCEEDED or FAILED. The bound is
// generous: it only stops a hung worker from hanging the test.
func finished(t *testing.T, e *apptest.Env, token, id string) intakeJob {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		var out struct{ IntakeJob intakeJob }
		e.Do(t, token, intakeJobDoc, map[string]any{"id": id}).Decode(t, &out)
		if s := out.IntakeJob.Status; s == "SUCCEEDED" || s == "FAILED" {
			return out.IntakeJob
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s still %s after 3 minutes", id, out.IntakeJob.Status)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func encodeJPEG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestIntakeIDCardOpensADraftWithTheCitizen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := e.Login(t, "demo-a", "clerk")
		p := synth.NewPerson(rand.New(rand.NewSource(11)))
		queued := submit(t, e, clerk, "ID_CARD", "card.png", encodePNG(t, synth.IDCardFront(p)), "")
		if queued.Ticket.Status != "DRAFT" || queued.Ticket.Code == "" {
			t.Fatalf("the upload opened ticket %+v, want a DRAFT with a case code", queued.Ticket)
		}
		job := finished(t, e, clerk, queued.ID)
		if job.Status != "SUCCEEDED" {
			t.Fatalf("job %s: %s", job.Status, job.Error)
		}
		if v, verified, _ := job.field("idNumber"); v != p.IDNumber || !verified {
			t.Errorf("idNumber = %q verified=%v, want %s verified", v, verified, p.IDNumber)
		}
		if v, _, _ := job.field("name"); v != p.Name {
			t.Errorf("name = %q, want %q", v, p.Name)
		}
		c := job.Ticket.Citizen
		if c == nil || c.Name != p.Name || c.IDNumber != p.IDNumber {
			t.Fatalf("the draft's citizen is %+v, want %s %s", c, p.Name, p.IDNumber)
		}
		last := job.Ticket.Timeline[len(job.Ticket.Timeline)-1]
		if last.Action != "INTAKE" {
			t.Errorf("last timeline event %q, want INTAKE", last.Action)
		}

		// A second card of the same person reuses the citizen.
		again := finished(t, e, clerk, submit(t, e, clerk, "ID_CARD", "card.jpg", encodeJPEG(t, synth.IDCardFront(p)), "").ID)
		var n struct{ Citizens struct{ TotalCount int } }
		e.Do(t, clerk, `query($w:CitizenWhereInput) { citizens(where:$w) { totalCount } }`,
			map[string]any{"w": map[string]any{"name": p.Name}}).Decode(t, &n)
		if again.Status != "SUCCEEDED" || n.Citizens.TotalCount != 1 {
			t.Errorf("second card: job %s (%s), %d citizens named %s, want SUCCEEDED and 1", again.Status, again.Error, n.Citizens.TotalCount, p.Name)
		}
		var seen struct{ IntakeJob intakeJob }
		e.Do(t, e.Login(t, "demo-a", "dispatcher"), intakeJobDoc, map[string]any{"id": job.ID}).Decode(t, &seen)
		if v, _, _ := seen.IntakeJob.field("idNumber"); v != p.IDNumber {
			t.Errorf("dispatcher (pii:read) reads idNumber %q, want it in clear", v)
		}
	})
}

func TestIntakeVoiceFillsWithoutOverwriting(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := e.Login(t, "demo-a", "clerk")
		speech, err := synth.Speech(context.Background(), "我家小区的电梯坏了三天，物业一直不来修。", "wav8k")
		if err != nil {
			t.Fatal(err)
		}
		// Into a draft: the transcript becomes the body and the title.
		job := finished(t, e, clerk, submit(t, e, clerk, "VOICE", "call.wav", speech, "").ID)
		if job.Status != "SUCCEEDED" || job.Result == nil || job.Result.Silent || job.Result.Text == "" {
			t.Fatalf("voice job: %+v", job)
		}
		if job.Ticket.Body != job.Result.Text || job.Ticket.Title == "待识别：来电录音" {
			t.Errorf("draft body %q title %q, want the transcript %q in both", job.Ticket.Body, job.Ticket.Title, job.Result.Text)
		}
		// Into a ticket the clerk typed: nothing typed changes.
		var created struct{ CreateTicket struct{ ID string } }
		e.Do(t, clerk, `mutation { createTicket(input:{title:"电梯故障", body:"来电人说电梯坏了", channel:PHONE}) { id } }`, nil).Decode(t, &created)
		typed := finished(t, e, clerk, submit(t, e, clerk, "VOICE", "call.mp3", mustSpeech(t, "电梯坏了", "mp3"), created.CreateTicket.ID).ID)
		if typed.Status != "SUCCEEDED" || typed.Ticket.Body != "来电人说电梯坏了" || typed.Ticket.Title != "电梯故障" {
			t.Errorf("typed ticket after a voice job: %s body %q title %q, want them unchanged", typed.Status, typed.Ticket.Body, typed.Ticket.Title)
		}
		// Silence: an empty transcript flagged silent, nothing filled.
		silent := finished(t, e, clerk, submit(t, e, clerk, "VOICE", "silence.wav", silentWAV(3*time.Second), "").ID)
		if silent.Status != "SUCCEEDED" || silent.Result == nil || !silent.Result.Silent || silent.Ticket.Body != "" {
			t.Errorf("silent recording: %+v, want SUCCEEDED, silent, body empty", silent)
		}
	})
}

func mustSpeech(t *testing.T, text, format string) []byte {
	t.Helper()
	b, err := synth.Speech(context.Background(), text, format)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// silentWAV is d of digital silence, 16 kHz mono 16-bit.
func silentWAV(d time.Duration) []byte {
	return wavHeader(16000, 2, uint32(d.Seconds()*32000), true)
}

// wavHeader is a WAV header claiming dataBytes of audio; with fill the data
// follows as zeros, else only a few seconds of it.
func wavHeader(rate, bytesPerSample, dataBytes uint32, fill bool) []byte {
	var b bytes.Buffer
	w := func(v any) { _ = binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	w(uint32(36 + dataBytes))
	b.WriteString("WAVEfmt ")
	w(uint32(16))
	w(uint16(1))
	w(uint16(1))
	w(rate)
	w(rate * bytesPerSample)
	w(uint16(bytesPerSample))
	w(uint16(8 * bytesPerSample))
	b.WriteString("data")
	w(dataBytes)
	if fill {
		b.Write(make([]byte, dataBytes))
	} else {
		b.Write(make([]byte, 64000)) // a few seconds present, hours claimed
	}
	return b.Bytes()
}

// hugePNG is a valid PNG header announcing width×height pixels; decoding
// its configuration is enough to refuse it.
func hugePNG(width, height uint32) []byte {
	var b bytes.Buffer
	b.Write([]byte("\x89PNG\r\n\x1a\n"))
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], width)
	binary.BigEndian.PutUint32(ihdr[4:], height)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit greyscale
	writeChunk(&b, "IHDR", ihdr)
	writeChunk(&b, "IEND", nil)
	return b.Bytes()
}

func writeChunk(b *bytes.Buffer, typ string, data []byte) {
	_ = binary.Write(b, binary.BigEndian, uint32(len(data)))
	b.WriteString(typ)
	b.Write(data)
	_ = binary.Write(b, binary.BigEndian, crc32png(typ, data))
}

func TestIntakeRefusesBadFilesAndSurvivesThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := e.Login(t, "demo-a", "clerk")
		card := encodeJPEG(t, synth.IDCardFront(synth.NewPerson(rand.New(rand.NewSource(5)))))
		refused := []struct {
			name, kind, file string
			data             []byte
			want             string
		}{
			{"empty", "ID_CARD", "card.jpg", nil, "empty"},
			{"text as a card", "ID_CARD", "card.jpg", []byte("姓名 张三 公民身份号码 110101199003070011"), "not a JPEG"},
			{"photo as a recording", "VOICE", "call.wav", card, "not a WAV"},
			{"recording as a letter", "LETTER", "letter.png", silentWAV(time.Second), "not a JPEG"},
			{"30000×30000 PNG", "LETTER", "huge.png", hugePNG(30000, 30000), "megapixels"},
			{"twenty-minute WAV", "VOICE", "long.wav", wavHeader(8000, 1, 20*60*8000, true), "longer than"},
			{"two-hour WAV", "VOICE", "long.wav", wavHeader(8000, 1, 2*3600*8000, true), "limit"},
		}
		for _, c := range refused {
			r := e.Upload(t, clerk, submitIntakeDoc, map[string]any{"in": map[string]any{"kind": c.kind, "file": nil}}, "variables.in.file", c.file, c.data)
			if r.Code() != "BAD_USER_INPUT" || !strings.Contains(r.Errors[0].Message, c.want) {
				t.Errorf("%s: %+v, want BAD_USER_INPUT saying %q", c.name, r.Errors, c.want)
			}
		}
		var drafts struct{ Tickets struct{ TotalCount int } }
		e.Do(t, clerk, `{ tickets(where:{status:DRAFT}) { totalCount } }`, nil).Decode(t, &drafts)
		if drafts.Tickets.TotalCount != 0 {
			t.Errorf("%d drafts after refused uploads, want none (nothing half-written)", drafts.Tickets.TotalCount)
		}

		// Accepted but unreadable: the job fails with a reason, and the
		// next good file is still read.
		blank := image.NewRGBA(image.Rect(0, 0, 800, 500))
		for i := range blank.Pix {
			blank.Pix[i] = 0xF0
		}
		failing := []struct {
			name, kind string
			data       []byte
		}{
			{"truncated JPEG", "LETTER", card[:len(card)/3]},
			{"no card in the photo", "ID_CARD", encodeJPEG(t, blank)},
			{"noise labelled AMR", "VOICE", append([]byte("#!AMR\n"), bytes.Repeat([]byte{0xFF, 0x00, 0x13}, 10)...)},
		}
		for _, c := range failing {
			job := finished(t, e, clerk, submit(t, e, clerk, c.kind, "file", c.data, "").ID)
			if c.name == "noise labelled AMR" {
				// AMR carries no checksum: noise decodes to sound. It must
				// end, either way, without taking the worker down.
				continue
			}
			if job.Status != "FAILED" || job.Error == "" || job.FinishedAt == nil {
				t.Errorf("%s: job %s error %q, want FAILED with a reason", c.name, job.Status, job.Error)
			}
		}
		good := finished(t, e, clerk, submit(t, e, clerk, "ID_CARD", "card.jpg", card, "").ID)
		if good.Status != "SUCCEEDED" {
			t.Errorf("a good card after the bad ones: %s %s", good.Status, good.Error)
		}
	})
}

func crc32png(typ string, data []byte) uint32 {
	return crc32.ChecksumIEEE(append([]byte(typ), data...))
}

// TestIntakeJobUpdatedOverWebSocket follows a job with the subscription
// (graphql-transport-ws), signed in through connection_init, until it ends.
func TestIntakeJobUpdatedOverWebSocket(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		clerk := e.Login(t, "demo-a", "clerk")
		job := submit(t, e, clerk, "VOICE", "call.wav", mustSpeech(t, "路灯坏了", "wav16k"), "")

		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		conn, _, err := websocket.Dial(ctx, strings.Replace(e.URL, "http", "ws", 1),
			&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
		if err != nil {
			t.Fatal(err)
		}
		defer conn.CloseNow()
		send := func(v any) {
			if err := wsjson.Write(ctx, conn, v); err != nil {
				t.Fatal(err)
			}
		}
		type message struct {
			ID      string          `json:"id"`
			Type    string          `json:"type"`
			Payload json.RawMessage `json:"payload"`
		}
		read := func() message {
			var m message
			if err := wsjson.Read(ctx, conn, &m); err != nil {
				t.Fatal(err)
			}
			return m
		}
		send(map[string]any{"type": "connection_init", "payload": map[string]any{"Authorization": "Bearer " + clerk}})
		if m := read(); m.Type != "connection_ack" {
			t.Fatalf("after connection_init: %s %s", m.Type, m.Payload)
		}
		send(map[string]any{"id": "1", "type": "subscribe", "payload": map[string]any{
			"query":     `subscription($id:ID!) { intakeJobUpdated(id:$id) { id status result { silent text } } }`,
			"variables": map[string]any{"id": job.ID},
		}})
		var statuses []string
		for {
			m := read()
			if m.Type == "ping" || m.Type == "pong" {
				continue
			}
			if m.Type == "complete" {
				break
			}
			var p struct {
				Data struct {
					IntakeJobUpdated struct{ Status string }
				}
				Errors []any
			}
			if m.Type != "next" || json.Unmarshal(m.Payload, &p) != nil || len(p.Errors) > 0 {
				t.Fatalf("unexpected message %s %s", m.Type, m.Payload)
			}
			statuses = append(statuses, p.Data.IntakeJobUpdated.Status)
		}
		if len(statuses) == 0 || statuses[len(statuses)-1] != "SUCCEEDED" {
			t.Errorf("statuses pushed: %v, want them to end with SUCCEEDED", statuses)
		}

		// Another tenant's clerk cannot follow the job: it does not exist for him.
		other := e.Login(t, "demo-b", "clerk")
		conn2, _, err := websocket.Dial(ctx, strings.Replace(e.URL, "http", "ws", 1),
			&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
		if err != nil {
			t.Fatal(err)
		}
		defer conn2.CloseNow()
		conn = conn2
		send(map[string]any{"type": "connection_init", "payload": map[string]any{"Authorization": "Bearer " + other}})
		read()
		send(map[string]any{"id": "2", "type": "subscribe", "payload": map[string]any{
			"query": `subscription($id:ID!) { intakeJobUpdated(id:$id) { id status } }`, "variables": map[string]any{"id": job.ID},
		}})
		if m := read(); !strings.Contains(string(m.Payload), "NOT_FOUND") || strings.Contains(string(m.Payload), "SUCCEEDED") {
			t.Errorf("demo-b's clerk following demo-a's job got %s %s, want NOT_FOUND", m.Type, m.Payload)
		}
	})
}

// TestIntakeWithoutAModelFailsVoiceJobsOnly: a server whose Vosk model
// folder is wrong still serves and reads images; voice jobs fail with the
// reason instead of crashing anything.
func TestIntakeWithoutAModelFailsVoiceJobsOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		cfg := apptest.Config(t, b)
		cfg.Intake.Readers = nil // opened by the app itself, from the settings below
		cfg.Intake.VoskModel = t.TempDir()
		e := apptest.Start(t, cfg)
		if err := e.App.Seeder().Seed(context.Background()); err != nil {
			t.Fatal(err)
		}
		clerk := e.Login(t, "demo-a", "clerk")
		voice := finished(t, e, clerk, submit(t, e, clerk, "VOICE", "call.wav", silentWAV(time.Second), "").ID)
		if voice.Status != "FAILED" || !strings.Contains(voice.Error, "speech recognition is not available") || !strings.Contains(voice.Error, "model") {
			t.Errorf("voice job without a model: %s %q, want FAILED naming the model", voice.Status, voice.Error)
		}
		card := finished(t, e, clerk, submit(t, e, clerk, "ID_CARD", "card.png",
			encodePNG(t, synth.IDCardFront(synth.NewPerson(rand.New(rand.NewSource(9))))), "").ID)
		if card.Status != "SUCCEEDED" {
			t.Errorf("an ID card on the same server: %s %s, want SUCCEEDED", card.Status, card.Error)
		}
	})
}

// TestIntakeSweepQueuesAJobTheQueueLost: a job recorded by a process that
// died before it queued the job is queued by the sweep and read.
func TestIntakeSweepQueuesAJobTheQueueLost(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		e := apptest.New(t, b)
		a := readDemoTenant(t, e, "demo-a")
		c := e.App.DB.Client
		card := encodePNG(t, synth.IDCardFront(synth.NewPerson(rand.New(rand.NewSource(21)))))
		hash, err := e.App.Intake.Files().Put(a.id, card)
		if err != nil {
			t.Fatal(err)
		}
		// Written as Submit writes them, but never queued, a minute ago.
		draft := c.Ticket.Create().SetCode("MS-19700104-0001").SetChannel(ticket.ChannelVISIT).
			SetTitle("待识别：身份证正面").SetStatus(ticket.StatusDRAFT).SaveX(a.ctx)
		att := c.Attachment.Create().SetFileName("card.png").SetContentType("image/png").SetSize(int64(len(card))).
			SetSha256(hash).SetKind("ID_CARD").SetTicket(draft).SaveX(a.ctx)
		job := c.IntakeJob.Create().SetKind(intakejob.KindID_CARD).SetAttachment(att).SetTicket(draft).
			SetCreatedAt(time.Now().Add(-time.Minute)).SaveX(a.ctx)

		if err := e.App.Intake.Sweep(context.Background()); err != nil {
			t.Fatalf("sweep: %v", err)
		}
		clerk := e.Login(t, "demo-a", "clerk")
		got := finished(t, e, clerk, strconv.Itoa(job.ID))
		if got.Status != "SUCCEEDED" || got.Ticket.Citizen == nil {
			t.Errorf("swept job: %s %s, citizen %+v; want SUCCEEDED with the card's citizen", got.Status, got.Error, got.Ticket.Citizen)
		}
	})
}
