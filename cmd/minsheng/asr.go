package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/minsheng/minsheng/asr"
)

// transcribe is `minsheng asr FILE`: one recording in, its transcript as JSON
// on standard output. FILE "-" reads standard input.
func transcribe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("asr", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "usage: minsheng asr [flags] FILE\n\nTranscribes a recording (WAV, MP3, AAC, M4A or AMR) and prints the transcript as JSON.\n\n")
		fs.PrintDefaults()
	}
	model := fs.String("model", os.Getenv("VOSK_MODEL"), "unpacked Vosk model folder, e.g. vosk-model-small-cn-0.22 ($VOSK_MODEL)")
	maxDuration := fs.Duration("max-duration", asr.DefaultMaxDuration, "longest recording accepted")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("asr: give one FILE")
	}
	if *model == "" {
		return errors.New("asr: no speech model: set VOSK_MODEL (or --model) to the unpacked folder of a Vosk Mandarin model such as vosk-model-small-cn-0.22; the README says where to get it")
	}
	var audio []byte
	var err error
	if name := fs.Arg(0); name == "-" {
		audio, err = io.ReadAll(os.Stdin)
	} else {
		audio, err = os.ReadFile(name)
	}
	if err != nil {
		return err
	}
	start := time.Now()
	engine, err := asr.Open(asr.Options{ModelDir: *model, MaxDuration: *maxDuration, Concurrency: 1})
	if err != nil {
		return err
	}
	defer engine.Close()
	loaded := time.Now()
	t, err := engine.Transcribe(ctx, audio)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "asr: model loaded in %s, %.1f s of audio transcribed in %s\n",
		loaded.Sub(start).Round(time.Millisecond), t.Duration.Seconds(), time.Since(loaded).Round(time.Millisecond))
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	out.SetIndent("", "  ")
	return out.Encode(t)
}
