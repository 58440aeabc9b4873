/*
 * fuzz_common.h: what the libFuzzer targets share.
 *
 * FUZZ_CHECK states an invariant: when it breaks, the target prints which
 * one and where, then aborts, so libFuzzer stores the input as a crash.
 * The helpers copy fuzz bytes into buffers of exactly the right size, so
 * AddressSanitizer sees any read past the end.
 */
#ifndef OQSDM_FUZZ_COMMON_H
#define OQSDM_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond) do { if (!(cond)) { \
    fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
    abort(); } } while (0)

/* n bytes plus a NUL, in a block of exactly n + 1 bytes. */
static inline char *fuzz_strndup(const uint8_t *p, size_t n)
{
    char *s = malloc(n + 1);
    if (!s)
        abort();
    if (n)
        memcpy(s, p, n);
    s[n] = '\0';
    return s;
}

/* Concatenation of a and b, exactly sized. */
static inline char *fuzz_concat(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    char *s = malloc(na + nb + 1);
    if (!s)
        abort();
    memcpy(s, a, na);
    memcpy(s + na, b, nb + 1);
    return s;
}

/* ASCII-only case change, the way the product compares names (no locale). */
static inline char fuzz_ascii_flip(char c)
{
    if (c >= 'a' && c <= 'z') return (char)(c - 32);
    if (c >= 'A' && c <= 'Z') return (char)(c + 32);
    return c;
}

/* Copy of s with the case of every ASCII letter swapped. */
static inline char *fuzz_flip_case(const char *s)
{
    size_t n = strlen(s);
    char *r = fuzz_strndup((const uint8_t *)s, n);
    for (size_t i = 0; i < n; i++)
        r[i] = fuzz_ascii_flip(r[i]);
    return r;
}

static inline int fuzz_ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z') ca = (unsigned char)(ca + 32);
        if (cb >= 'A' && cb <= 'Z') cb = (unsigned char)(cb + 32);
        if (ca != cb) return (int)ca - (int)cb;
        if (!ca) return 0;
    }
}

/* 1 if the string is terminated inside its array of `size` bytes. */
static inline int fuzz_terminated(const char *buf, size_t size)
{
    return memchr(buf, '\0', size) != NULL;
}

/* A scratch file for targets that must go through a real path (the config
 * loader, the Version.info reader): in a folder of this process's own under
 * /dev/shm (else $TMPDIR or /tmp), removed at exit. Call from
 * LLVMFuzzerInitialize; returns the file's path. Needs _POSIX_C_SOURCE. */
static char fuzz_scratch_dir_[256];
static char fuzz_scratch_path_[300];

static inline void fuzz_scratch_cleanup_(void)
{
    if (fuzz_scratch_path_[0]) unlink(fuzz_scratch_path_);
    if (fuzz_scratch_dir_[0]) rmdir(fuzz_scratch_dir_);
}

static inline const char *fuzz_scratch_file(const char *tag, const char *name)
{
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
    if (!base || !*base) base = "/tmp";
    snprintf(fuzz_scratch_dir_, sizeof fuzz_scratch_dir_, "%s/oqsdm-fuzz-%s-XXXXXX", base, tag);
    if (!mkdtemp(fuzz_scratch_dir_)) {
        perror(fuzz_scratch_dir_);
        abort();
    }
    snprintf(fuzz_scratch_path_, sizeof fuzz_scratch_path_, "%s/%s", fuzz_scratch_dir_, name);
    atexit(fuzz_scratch_cleanup_);
    return fuzz_scratch_path_;
}

#endif
