package asr

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// fstMagic opens every OpenFst binary file (HCLG.fst, HCLr.fst, Gr.fst).
const fstMagic = 0x7EB2FDD6

// CheckModel validates a Vosk model folder without loading it. libvosk, as
// the v0.3.45 binding calls it, reports nothing useful for a bad folder and a
// half-loaded model crashes later, so every file the loader will read is
// checked here first: present, readable, not empty, and for the acoustic
// model and the graphs, starting as Kaldi and OpenFst files do. The error
// lists everything that is wrong, so one look fixes the folder.
func CheckModel(dir string) error {
	if dir == "" {
		return errors.New("asr: no Vosk model folder given: set VOSK_MODEL to the unpacked model folder (for example vosk-model-small-cn-0.22)")
	}
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("asr: Vosk model folder %s: %w", dir, err)
	}
	if !st.IsDir() {
		return fmt.Errorf("asr: Vosk model %s is not a folder: point VOSK_MODEL at the unpacked model folder, not the zip", dir)
	}

	var problems []string
	need := func(rel string, head func([]byte) bool, what string) {
		if p := checkFile(filepath.Join(dir, rel), head, what); p != "" {
			problems = append(problems, rel+": "+p)
		}
	}
	has := func(rel string) bool {
		_, err := os.Stat(filepath.Join(dir, rel))
		return err == nil
	}

	need("am/final.mdl", kaldiModel, "not a Kaldi acoustic model")
	need("conf/model.conf", nil, "")
	if !has("conf/fbank.conf") {
		need("conf/mfcc.conf", nil, "")
	}
	if has("graph/HCLG.fst") || !has("graph/HCLr.fst") {
		need("graph/HCLG.fst", openFst, "not an OpenFst file")
	} else {
		// Models with a look-ahead graph (like vosk-model-small-cn) compose
		// HCLr.fst with Gr.fst at run time.
		need("graph/HCLr.fst", openFst, "not an OpenFst file")
		need("graph/Gr.fst", openFst, "not an OpenFst file")
		need("graph/disambig_tid.int", nil, "")
	}
	need("graph/words.txt", nil, "")
	// Without word boundaries libvosk gives no word timings.
	need("graph/phones/word_boundary.int", nil, "")
	if has("ivector/final.ie") {
		for _, f := range []string{"final.mat", "final.dubm", "global_cmvn.stats", "online_cmvn.conf", "splice.conf"} {
			need("ivector/"+f, nil, "")
		}
	}
	if has("rescore/G.carpa") {
		need("rescore/G.fst", openFst, "not an OpenFst file")
	}
	if len(problems) > 0 {
		return fmt.Errorf("asr: %s is not a usable Vosk model: %s", dir, strings.Join(problems, "; "))
	}
	return nil
}

// checkFile returns what is wrong with one model file, or "".
func checkFile(path string, head func([]byte) bool, what string) string {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return "missing"
	}
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err.Error()
	}
	if !st.Mode().IsRegular() {
		return "not a file"
	}
	b := make([]byte, 64)
	n, err := io.ReadFull(f, b)
	if n == 0 {
		if err != nil && !errors.Is(err, io.EOF) {
			return err.Error()
		}
		return "empty"
	}
	if head != nil && !head(b[:n]) {
		return what
	}
	return ""
}

// kaldiModel: Kaldi writes a binary object as "\x00B" then the token, and a
// text one as the token alone; a model starts with its transition model.
func kaldiModel(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\x00B"))
	return bytes.HasPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte("<TransitionModel>"))
}

func openFst(b []byte) bool {
	return len(b) >= 4 && binary.LittleEndian.Uint32(b) == fstMagic
}
