package e2e

import (
	"bytes"
	"image/png"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minsheng/minsheng/asr/asrtest"
	"github.com/minsheng/minsheng/store/storetest"
	"github.com/minsheng/minsheng/synth"
)

// TestE2ETwoNodesShareNoFolder runs the README's deploy recipe: two serve
// processes on one PostgreSQL, each with its own --data folder and default
// flags (files kept in the database). Node A accepts uploads and is killed
// at once; node B reads every one of them, each exactly once.
func TestE2ETwoNodesShareNoFolder(t *testing.T) {
	url := storetest.PostgresURL(t)
	flagsA := database(t, storetest.Backend{Name: "postgres", URL: url})
	flagsB := slices.Clone(flagsA)
	dataB := filepath.Join(t.TempDir(), "data")
	flagsB[slices.Index(flagsB, "--data")+1] = dataB
	common := []string{"--job-timeout", "5s", "--ocr-workers", "1", "--vosk-model", asrtest.EnergyModel(t)}

	a := serve(t, append(append(flagsA, "--demo"), common...)...)
	clerk := login(t, a, "demo-a", "clerk")
	r := rand.New(rand.NewSource(14))
	var ids []string
	for range 4 {
		img, _ := synth.Letter(r)
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.upload(t, clerk, "LETTER", buf.Bytes()))
	}
	a.ready = false // killed on purpose: no clean stop expected
	_ = a.cmd.Process.Kill()
	<-a.done
	dataA := flagsA[slices.Index(flagsA, "--data")+1]
	if _, err := os.Stat(filepath.Join(dataA, "uploads")); !os.IsNotExist(err) {
		t.Errorf("node A kept files in its own folder (%v): node B cannot read them", err)
	}

	b := serve(t, append(flagsB, common...)...)
	clerk = login(t, b, "demo-a", "clerk")
	deadline := time.Now().Add(4 * time.Minute)
	for _, id := range ids {
		for {
			j := b.job(t, clerk, id)
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
				t.Fatalf("job %s on node B: %s %s", id, j.Status, j.Error)
			}
			time.Sleep(250 * time.Millisecond)
		}
	}
}

// TestE2EBlobsMigrate moves a single-node deployment's files from its
// folder into the database with the real command, twice (the second run
// finds everything there), removes the folder, and serves from the
// database: the files accepted before are read.
func TestE2EBlobsMigrate(t *testing.T) {
	flags := database(t, storetest.Backend{Name: "sqlite"})
	model := []string{"--vosk-model", asrtest.EnergyModel(t), "--job-timeout", "5s"}
	s := serve(t, append(append(flags, "--demo", "--ocr-workers", "0"), model...)...)
	clerk := login(t, s, "demo-a", "clerk")
	r := rand.New(rand.NewSource(15))
	var ids []string
	for range 2 {
		img, _ := synth.Letter(r)
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.upload(t, clerk, "LETTER", buf.Bytes()))
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"2 copied, 0 already there", "0 copied, 2 already there"} {
		stdout, stderr, code := run(t, append([]string{"blobs", "migrate", "--to", "db"}, flags...)...)
		if code != 0 || !strings.Contains(stdout, want) {
			t.Fatalf("blobs migrate, run %d: exit %d, want %q\nstdout:\n%s\nstderr:\n%s", i+1, code, want, stdout, stderr)
		}
	}
	data := flags[slices.Index(flags, "--data")+1]
	if err := os.RemoveAll(filepath.Join(data, "uploads")); err != nil {
		t.Fatal(err)
	}
	s = serve(t, append(append(flags, "--blob-store", "db", "--ocr-workers", "1"), model...)...)
	clerk = login(t, s, "demo-a", "clerk")
	deadline := time.Now().Add(3 * time.Minute)
	for _, id := range ids {
		for {
			j := s.job(t, clerk, id)
			if j.Status == "SUCCEEDED" {
				break
			}
			if j.Status == "FAILED" || time.Now().After(deadline) {
				t.Fatalf("job %s after the move: %s %s", id, j.Status, j.Error)
			}
			time.Sleep(250 * time.Millisecond)
		}
	}
}
