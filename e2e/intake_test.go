package e2e

import (
	"bytes"
	"encoding/json"
	"image/png"
	"io"
	"math/rand"
	"mime/multipart"
	"net/http"
	"testing"
	"time"

	"github.com/minsheng/minsheng/asr/asrtest"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/synth"
)

// upload sends submitIntake as a multipart request with one file.
func (s *server) upload(t *testing.T, token, kind string, file []byte) string {
	t.Helper()
	return s.uploadTo(t, token, kind, "", "upload.png", file)
}

// uploadTo is upload to ticket ticketID ("" opens a draft), under name.
func (s *server) uploadTo(t *testing.T, token, kind, ticketID, name string, file []byte) string {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	in := map[string]any{"kind": kind, "file": nil}
	if ticketID != "" {
		in["ticketID"] = ticketID
	}
	ops, _ := json.Marshal(map[string]any{
		"query":     `mutation($in:SubmitIntakeInput!) { submitIntake(input:$in) { id status } }`,
		"variables": map[string]any{"in": in},
	})
	_ = w.WriteField("operations", string(ops))
	_ = w.WriteField("map", `{"0":["variables.in.file"]}`)
	part, _ := w.CreateFormFile("0", name)
	part.Write(file)
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, s.URL("/graphql"), &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	a := &answer{Status: res.StatusCode}
	if err := json.Unmarshal(raw, a); err != nil {
		t.Fatalf("upload answer is not JSON (status %d): %s", res.StatusCode, raw)
	}
	var out struct{ SubmitIntake struct{ ID, Status string } }
	a.decode(t, &out)
	return out.SubmitIntake.ID
}

type jobState struct {
	Status, Error string
	Ticket        struct {
		Body     string
		Timeline []struct{ Action string }
	}
}

func (s *server) job(t *testing.T, token, id string) jobState {
	t.Helper()
	var out struct{ IntakeJob jobState }
	s.graphql(t, token, `query($id:ID!) { intakeJob(id:$id) { status error ticket { body timeline { action } } } }`,
		map[string]any{"id": id}).decode(t, &out)
	return out.IntakeJob
}

// TestE2EIntakeSurvivesAKill kills the server while it reads letters and
// shows that, after a restart on the same database, every accepted letter
// is read, each exactly once.
func TestE2EIntakeSurvivesAKill(t *testing.T) {
	storetest.Each(t, func(t *testing.T, b storetest.Backend) {
		flags := append(database(t, b), "--demo", "--job-timeout", "5s", "--ocr-workers", "1",
			"--vosk-model", asrtest.EnergyModel(t))
		s := serve(t, flags...)
		clerk := login(t, s, "demo-a", "clerk")
		r := rand.New(rand.NewSource(3))
		var ids []string
		for range 3 {
			img, _ := synth.Letter(r)
			var buf bytes.Buffer
			if err := png.Encode(&buf, img); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, s.upload(t, clerk, "LETTER", buf.Bytes()))
		}
		// Kill -9 as soon as a letter is being read.
		deadline := time.Now().Add(2 * time.Minute)
		for s.job(t, clerk, ids[0]).Status == "QUEUED" {
			if time.Now().After(deadline) {
				t.Fatal("no job started within 2 minutes")
			}
			time.Sleep(20 * time.Millisecond)
		}
		unfinished := 0
		for _, id := range ids {
			if st := s.job(t, clerk, id).Status; st == "QUEUED" || st == "RUNNING" {
				unfinished++
			}
		}
		s.ready = false // killed on purpose: no clean stop expected
		_ = s.cmd.Process.Kill()
		<-s.done
		if unfinished == 0 {
			t.Fatal("every letter was read before the kill; the test proves nothing (make the letters slower to read)")
		}

		s = serve(t, flags...)
		clerk = login(t, s, "demo-a", "clerk")
		deadline = time.Now().Add(3 * time.Minute)
		for _, id := range ids {
			for {
				j := s.job(t, clerk, id)
				if j.Status == "SUCCEEDED" {
					intakes := 0
					for _, e := range j.Ticket.Timeline {
						if e.Action == "INTAKE" {
							intakes++
						}
					}
					if intakes != 1 || j.Ticket.Body == "" {
						t.Errorf("job %s: %d INTAKE events and body %q, want one event and the letter's text", id, intakes, j.Ticket.Body)
					}
					break
				}
				if j.Status == "FAILED" || time.Now().After(deadline) {
					t.Fatalf("job %s after the restart: %s %s", id, j.Status, j.Error)
				}
				time.Sleep(250 * time.Millisecond)
			}
		}
	})
}
