package asr

import "bytes"

// Sniff tells the audio format from the first bytes of data, never from a
// file name: "wav", "mp3", "aac" (ADTS, as mini-programs and hotlines send
// raw AAC), "m4a" (MP4/3GP audio) or "amr" (AMR-NB or AMR-WB storage format).
func Sniff(data []byte) (format string, ok bool) {
	switch {
	case len(data) >= 12 && string(data[0:4]) == "RIFF" && string(data[8:12]) == "WAVE":
		return "wav", true
	case bytes.HasPrefix(data, []byte("#!AMR\n")), bytes.HasPrefix(data, []byte("#!AMR-WB\n")):
		return "amr", true
	case len(data) >= 12 && string(data[4:8]) == "ftyp" && mp4Audio(string(data[8:12])):
		return "m4a", true
	}
	// An ID3 tag may precede MP3 frames, and sometimes ADTS frames.
	frames := data
	if len(data) >= 10 && string(data[0:3]) == "ID3" {
		size := int(data[6]&0x7f)<<21 | int(data[7]&0x7f)<<14 | int(data[8]&0x7f)<<7 | int(data[9]&0x7f)
		if data[5]&0x10 != 0 { // footer present
			size += 10
		}
		if 10+size > len(data) {
			// A tag that fills the whole upload hides the frames; it can
			// only be an MP3 (ADTS with ID3 is rare and short).
			return "mp3", true
		}
		frames = data[10+size:]
	}
	switch {
	case adtsHeader(frames):
		return "aac", true
	case mpegLayer3Header(frames):
		return "mp3", true
	}
	return "", false
}

// mp4Audio accepts the major brands of MP4 and 3GP files that carry
// recordings and refuses image brands (HEIC, AVIF) that share the container.
func mp4Audio(brand string) bool {
	switch brand {
	case "M4A ", "M4B ", "mp41", "mp42", "isom", "iso2", "iso4", "iso5", "iso6", "dash", "qt  ", "MSNV", "F4A ", "3gp4", "3gp5", "3gp6", "3gp7", "3g2a", "3g2b", "3g2c":
		return true
	}
	return false
}

// adtsHeader checks an ADTS frame header: 12 sync bits, MPEG layer 0, a
// valid sampling-frequency index and a frame length that covers the header.
func adtsHeader(b []byte) bool {
	if len(b) < 7 || b[0] != 0xFF || b[1]&0xF6 != 0xF0 {
		return false
	}
	if (b[2]>>2)&0x0F > 12 {
		return false
	}
	length := int(b[3]&0x03)<<11 | int(b[4])<<3 | int(b[5]>>5)
	return length >= 7
}

// mpegLayer3Header checks an MPEG audio Layer III frame header: 11 sync bits,
// a defined version, layer III, a bitrate that is neither free nor invalid,
// and a defined sample rate.
func mpegLayer3Header(b []byte) bool {
	if len(b) < 4 || b[0] != 0xFF || b[1]&0xE0 != 0xE0 {
		return false
	}
	version := (b[1] >> 3) & 0x03
	layer := (b[1] >> 1) & 0x03
	bitrate := b[2] >> 4
	rate := (b[2] >> 2) & 0x03
	return version != 1 && layer == 1 && bitrate != 0 && bitrate != 15 && rate != 3
}
