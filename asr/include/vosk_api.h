/*
 * Minsheng's own declarations of the libvosk C API, for the cgo binding
 * github.com/alphacep/vosk-api/go v0.3.45, which includes <vosk_api.h> but
 * ships no header. Only the functions that binding calls are declared, with
 * the argument types its Go code passes. They match the symbols exported by
 * libvosk.so from the npm package vosk@0.3.39 (scripts/deps.sh installs it).
 * The Makefile puts this folder on the include path through CGO_CFLAGS.
 */
#ifndef MINSHENG_VOSK_API_H
#define MINSHENG_VOSK_API_H

#ifdef __cplusplus
extern "C" {
#endif

/* Opaque handles owned by libvosk. */
struct VoskModel;
struct VoskSpkModel;
struct VoskRecognizer;

/* Models: NULL when the folder cannot be loaded. */
struct VoskModel *vosk_model_new(const char *model_path);
void vosk_model_free(struct VoskModel *model);
int vosk_model_find_word(struct VoskModel *model, const char *word);

struct VoskSpkModel *vosk_spk_model_new(const char *model_path);
void vosk_spk_model_free(struct VoskSpkModel *model);

/* Recognizers: one per audio stream, not safe for concurrent use. */
struct VoskRecognizer *vosk_recognizer_new(struct VoskModel *model, float sample_rate);
struct VoskRecognizer *vosk_recognizer_new_spk(struct VoskModel *model, float sample_rate,
                                               struct VoskSpkModel *spk_model);
struct VoskRecognizer *vosk_recognizer_new_grm(struct VoskModel *model, float sample_rate,
                                               const char *grammar);
void vosk_recognizer_free(struct VoskRecognizer *recognizer);

void vosk_recognizer_set_spk_model(struct VoskRecognizer *recognizer, struct VoskSpkModel *spk_model);
void vosk_recognizer_set_max_alternatives(struct VoskRecognizer *recognizer, int max_alternatives);
void vosk_recognizer_set_words(struct VoskRecognizer *recognizer, int words);
void vosk_recognizer_set_partial_words(struct VoskRecognizer *recognizer, int partial_words);

/* data holds length bytes of 16-bit little-endian mono PCM at the
 * recognizer's sample rate. Returns 1 at an endpoint (a result is ready). */
int vosk_recognizer_accept_waveform(struct VoskRecognizer *recognizer, const char *data, int length);

/* JSON strings owned by the recognizer, valid until its next call. */
const char *vosk_recognizer_result(struct VoskRecognizer *recognizer);
const char *vosk_recognizer_partial_result(struct VoskRecognizer *recognizer);
const char *vosk_recognizer_final_result(struct VoskRecognizer *recognizer);
void vosk_recognizer_reset(struct VoskRecognizer *recognizer);

/* Kaldi log verbosity: 0 logs load progress, -1 only errors. */
void vosk_set_log_level(int log_level);

void vosk_gpu_init(void);
void vosk_gpu_thread_init(void);

#ifdef __cplusplus
}
#endif

#endif /* MINSHENG_VOSK_API_H */
