/*
 * test_version_file.c: Version.info files in every encoding and shape the
 * reader accepts or refuses (UTF-8 with and without BOM, UTF-16 LE/BE
 * with and without BOM, CP932 bytes written by hand, CRLF / LF / CR, NULs, empty,
 * too large), the status and reason each gives, and the guide's paths
 * found in any letter case under a temporary --root.
 */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "oqsdm/paths.h"
#include "oqsdm/platform.h"
#include "oqsdm/version_file.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define KANA_VERSION "\xe3\x83\x90\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3" /* バージョン */
#define FW_COLON "\xef\xbc\x9a"
#define FW_1_0_10 "\xef\xbc\x91\xef\xbc\x8e\xef\xbc\x90\xef\xbc\x8e\xef\xbc\x91\xef\xbc\x90" /* １．０．１０ */
/* The same in CP932: バージョン：１．０．１０ */
#define CP932_KANA_VERSION "\x83\x6f\x81\x5b\x83\x57\x83\x87\x83\x93"
#define CP932_FW_COLON "\x81\x46"
#define CP932_FW_1_0_10 "\x82\x50\x81\x44\x82\x4f\x81\x44\x82\x50\x82\x4f"
#define CP932_HAISHIN "\x94\x7a\x90\x4d"   /* 配信 */
#define CP932_SO "\x83\x5c"                /* ソ: its trail byte is ASCII '\' */

typedef enum { AS_IS, TO_UTF16LE, TO_UTF16BE } transform;

typedef struct file_case {
    const char *name;
    const char *bytes;
    size_t len;              /* 0: strlen */
    transform tr;            /* UTF-16 cases are written as UTF-8 here and transcoded with a BOM */
    oqsdm_vfile_status status;
    oqsdm_vfile_reason reason;
    oqsdm_vfile_encoding enc;
    const char *norm;
    const char *raw;
    const char *raw_other;
} file_case;

#define FOUND OQSDM_VFILE_FOUND
#define UNKNOWN OQSDM_VFILE_UNKNOWN
#define R_NONE OQSDM_VFILE_R_NONE
#define R_NOVER OQSDM_VFILE_R_NO_VERSION
#define R_AMBIG OQSDM_VFILE_R_AMBIGUOUS
#define R_BADENC OQSDM_VFILE_R_BAD_ENCODING
#define E_NONE OQSDM_VFILE_ENC_NONE
#define E_U8 OQSDM_VFILE_ENC_UTF8
#define E_U8BOM OQSDM_VFILE_ENC_UTF8_BOM
#define E_LE OQSDM_VFILE_ENC_UTF16LE
#define E_BE OQSDM_VFILE_ENC_UTF16BE
#define E_932 OQSDM_VFILE_ENC_CP932
#define LIT(s) s, sizeof s - 1

static const file_case cases[] = {
    /* UTF-8, with and without BOM, every line end */
    {"utf8 crlf", "Version=1.0.10\r\n", 0, AS_IS, FOUND, R_NONE, E_U8, "1.0.10", "1.0.10", ""},
    {"utf8 lf", "Version=1.0.10\n", 0, AS_IS, FOUND, R_NONE, E_U8, "1.0.10", "1.0.10", ""},
    {"utf8 cr", "Name=x\rVersion=1.0.10\r", 0, AS_IS, FOUND, R_NONE, E_U8, "1.0.10", "1.0.10", ""},
    {"utf8 no eol", "1.0.10", 0, AS_IS, FOUND, R_NONE, E_U8, "1.0.10", "1.0.10", ""},
    {"utf8 bom", "\xef\xbb\xbfVersion=1.0.10\r\n", 0, AS_IS, FOUND, R_NONE, E_U8BOM, "1.0.10", "1.0.10", ""},
    {"utf8 bom bare", "\xef\xbb\xbf" "1.2.3\r\n", 0, AS_IS, FOUND, R_NONE, E_U8BOM, "1.2.3", "1.2.3", ""},
    {"utf8 japanese no bom", KANA_VERSION FW_COLON FW_1_0_10 "\r\n", 0, AS_IS, FOUND, R_NONE, E_U8, "1.0.10", FW_1_0_10, ""},
    {"utf8 other lines", "[OQSComApp]\r\nName=OqsComApp\r\nVersion=1.2.3\r\nDate=2024/06/30\r\n", 0, AS_IS,
     FOUND, R_NONE, E_U8, "1.2.3", "1.2.3", ""},
    {"utf8 ver dot", "OqsFaceApp\nVer.1.0.10\n", 0, AS_IS, FOUND, R_NONE, E_U8, "1.0.10", "1.0.10", ""},

    /* UTF-16 with BOM, both byte orders */
    {"utf16le ascii", "Version=1.0.10\r\n", 0, TO_UTF16LE, FOUND, R_NONE, E_LE, "1.0.10", "1.0.10", ""},
    {"utf16be ascii", "Version=1.0.10\r\n", 0, TO_UTF16BE, FOUND, R_NONE, E_BE, "1.0.10", "1.0.10", ""},
    {"utf16le japanese", KANA_VERSION FW_COLON FW_1_0_10 "\r\n", 0, TO_UTF16LE, FOUND, R_NONE, E_LE, "1.0.10", FW_1_0_10, ""},
    {"utf16be japanese", KANA_VERSION FW_COLON FW_1_0_10, 0, TO_UTF16BE, FOUND, R_NONE, E_BE, "1.0.10", FW_1_0_10, ""},
    {"utf16le bare lf", "1.0.9\n", 0, TO_UTF16LE, FOUND, R_NONE, E_LE, "1.0.9", "1.0.9", ""},
    {"utf16le ambiguous", "1.0.9\n1.0.10\n", 0, TO_UTF16LE, UNKNOWN, R_AMBIG, E_LE, "", "1.0.9", "1.0.10"},
    {"utf16le empty", "", 0, TO_UTF16LE, UNKNOWN, R_NOVER, E_LE, "", "", ""},
    {"utf16le hand-written", LIT("\xff\xfe" "1\0.\0" "2\0\r\0\n\0"), AS_IS, FOUND, R_NONE, E_LE, "1.2", "1.2", ""},
    {"utf16be hand-written", LIT("\xfe\xff" "\0" "1\0.\0" "2"), AS_IS, FOUND, R_NONE, E_BE, "1.2", "1.2", ""},
    {"utf16le terminator", LIT("\xff\xfe" "1\0.\0" "2\0\0\0"), AS_IS, FOUND, R_NONE, E_LE, "1.2", "1.2", ""},
    {"utf16le nul inside", LIT("\xff\xfe" "1\0.\0" "2\0\0\0x\0"), AS_IS, UNKNOWN, R_BADENC, E_LE, "", "", ""},
    {"utf16le odd length", LIT("\xff\xfe" "1\0.\0" "2"), AS_IS, UNKNOWN, R_BADENC, E_LE, "", "", ""},
    {"utf16le lone high surrogate", LIT("\xff\xfe" "1\0.\0" "2\0\x00\xd8"), AS_IS, UNKNOWN, R_BADENC, E_LE, "", "", ""},
    {"utf16le lone low surrogate", LIT("\xff\xfe\x00\xdc" "1\0"), AS_IS, UNKNOWN, R_BADENC, E_LE, "", "", ""},
    {"utf16le surrogate pair", LIT("\xff\xfe\x3d\xd8\x00\xde" " \0" "1\0.\0" "2\0"), AS_IS, FOUND, R_NONE, E_LE,
     "1.2", "1.2", ""},

    /* CP932, written byte by byte */
    {"cp932 japanese", CP932_KANA_VERSION CP932_FW_COLON CP932_FW_1_0_10 "\r\n", 0, AS_IS, FOUND, R_NONE, E_932,
     "1.0.10", FW_1_0_10, ""},
    {"cp932 other lines", CP932_HAISHIN "\r\nVer.1.0.10\r\n", 0, AS_IS, FOUND, R_NONE, E_932, "1.0.10", "1.0.10", ""},
    {"cp932 trail 5c", CP932_SO "1.0.10\r\n", 0, AS_IS, FOUND, R_NONE, E_932, "1.0.10", "1.0.10", ""},
    {"cp932 lead cut", "Version=1.0.10\r\n\x81", 0, AS_IS, UNKNOWN, R_BADENC, E_932, "", "", ""},
    {"utf8 bom then broken", "\xef\xbb\xbf" "1.0\xff", 0, AS_IS, UNKNOWN, R_BADENC, E_U8BOM, "", "", ""},

    /* UTF-16 without BOM: the NULs of its ASCII characters tell it */
    {"utf16le no bom", LIT("V\0e\0r\0=\0" "1\0.\0" "0\0.\0" "1\0" "0\0\r\0\n\0"), AS_IS, FOUND, R_NONE, E_LE,
     "1.0.10", "1.0.10", ""},
    {"utf16be no bom", LIT("\0V\0e\0r\0=" "\0" "1\0.\0" "2\0\r\0\n"), AS_IS, FOUND, R_NONE, E_BE, "1.2", "1.2", ""},
    {"utf16le no bom kana label", LIT("\xd0\x30\xfc\x30\xb8\x30\xe7\x30\xf3\x30" "=\0" "1\0.\0" "2\0.\0" "3\0"), AS_IS,
     FOUND, R_NONE, E_LE, "1.2.3", "1.2.3", ""},
    {"utf16le no bom terminator", LIT("1\0.\0" "2\0\0\0"), AS_IS, FOUND, R_NONE, E_LE, "1.2", "1.2", ""},

    /* NULs */
    {"nul inside", LIT("Version=1.0.10\0junk"), AS_IS, UNKNOWN, R_BADENC, E_NONE, "", "", ""},
    {"nul first", LIT("\0Version=1.0.10"), AS_IS, UNKNOWN, R_BADENC, E_NONE, "", "", ""},
    {"nul terminator", LIT("Version=1.0.10\r\n\0\0"), AS_IS, FOUND, R_NONE, E_U8, "1.0.10", "1.0.10", ""},
    {"nul right after", LIT("Version=1.0.10\0"), AS_IS, FOUND, R_NONE, E_U8, "1.0.10", "1.0.10", ""},
    /* even length, half its units ending in NUL: still a terminator, not UTF-16 LE */
    {"nul terminator short", LIT("1.2\0"), AS_IS, FOUND, R_NONE, E_U8, "1.2", "1.2", ""},
    {"only nuls", LIT("\0\0\0"), AS_IS, UNKNOWN, R_NOVER, E_U8, "", "", ""},

    /* nothing to take */
    {"empty", "", 0, AS_IS, UNKNOWN, R_NOVER, E_U8, "", "", ""},
    {"whitespace", "  \r\n\t\r\n", 0, AS_IS, UNKNOWN, R_NOVER, E_U8, "", "", ""},
    {"bom only", "\xef\xbb\xbf", 0, AS_IS, UNKNOWN, R_NOVER, E_U8BOM, "", "", ""},
    {"dates only", "2024/06/30\r\n2024.06.30\r\n", 0, AS_IS, UNKNOWN, R_NOVER, E_U8, "", "", ""},
    {"windows build", "OS=10.0.19044.1234\r\n", 0, AS_IS, UNKNOWN, R_NOVER, E_U8, "", "", ""},
    {"ip address", "Address=192.168.220.11\r\n", 0, AS_IS, UNKNOWN, R_NOVER, E_U8, "", "", ""},
    {"product code", "KB5005565\r\n", 0, AS_IS, UNKNOWN, R_NOVER, E_U8, "", "", ""},
    {"one number", "Version=5\r\n", 0, AS_IS, UNKNOWN, R_NOVER, E_U8, "", "", ""},

    /* several numbers */
    {"two different", "1.0.10\r\n1.0.11\r\n", 0, AS_IS, UNKNOWN, R_AMBIG, E_U8, "", "1.0.10", "1.0.11"},
    {"same twice", "1.0.10\r\n1.0.10\r\n", 0, AS_IS, FOUND, R_NONE, E_U8, "1.0.10", "1.0.10", ""},
    {"label beats bare", "Version=1.0.10\r\n2.0.0\r\n", 0, AS_IS, FOUND, R_NONE, E_U8, "1.0.10", "1.0.10", ""},
    {"dates and a version", "2024.06.30\r\n1.0.10\r\n10.0.17763\r\n", 0, AS_IS, FOUND, R_NONE, E_U8, "1.0.10", "1.0.10", ""},
};

/* UTF-8 (BMP and supplementary) to UTF-16 with a BOM; returns the length. */
static size_t to_utf16(const char *in, int be, unsigned char *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t o = 0;
    uint16_t units[2];
    if (cap < 2)
        return 0;
    out[o++] = be ? 0xFE : 0xFF;
    out[o++] = be ? 0xFF : 0xFE;
    while (*s) {
        uint32_t cp;
        if (*s < 0x80) { cp = *s; s += 1; }
        else if ((*s & 0xE0) == 0xC0) { cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F); s += 2; }
        else if ((*s & 0xF0) == 0xE0) { cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F); s += 3; }
        else { cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 | (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F); s += 4; }
        int n = 1;
        if (cp >= 0x10000) {
            units[0] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
            units[1] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
            n = 2;
        } else {
            units[0] = (uint16_t)cp;
        }
        for (int k = 0; k < n; k++) {
            if (o + 2 > cap)
                return 0;
            out[o++] = (unsigned char)(be ? units[k] >> 8 : units[k] & 0xFF);
            out[o++] = (unsigned char)(be ? units[k] & 0xFF : units[k] >> 8);
        }
    }
    return o;
}

static void check_result(const char *name, const oqsdm_version_file *r, const file_case *c)
{
    int before = check_failures;
    CHECK_INT(r->status, c->status);
    CHECK_INT(r->reason, c->reason);
    CHECK_INT(r->encoding, c->enc);
    CHECK_STR(r->normalised, c->norm);
    CHECK_STR(r->raw, c->raw);
    CHECK_STR(r->raw_other, c->raw_other);
    if (c->status == FOUND)
        CHECK(r->rule != OQSDM_VERSION_RULE_NONE);
    if (check_failures != before)
        fprintf(stderr, "  case \"%s\"\n", name);
}

static void test_from_bytes(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const file_case *c = &cases[i];
        unsigned char buf[1024];
        const unsigned char *data = (const unsigned char *)c->bytes;
        size_t len = c->len ? c->len : strlen(c->bytes);
        if (c->tr != AS_IS) {
            len = to_utf16(c->bytes, c->tr == TO_UTF16BE, buf, sizeof buf);
            data = buf;
        }
        oqsdm_version_file r;
        oqsdm_version_file_from_bytes(data, len, &r);
        check_result(c->name, &r, c);
    }

    /* the bound: exactly OQSDM_VERSION_FILE_MAX bytes are read, one more is refused */
    unsigned char *big = malloc(OQSDM_VERSION_FILE_MAX + 1);
    if (!big) {
        CHECK(!"out of memory");
        return;
    }
    memset(big, ' ', OQSDM_VERSION_FILE_MAX + 1);
    memcpy(big, "Version=1.0.10", 14);
    oqsdm_version_file r;
    oqsdm_version_file_from_bytes(big, OQSDM_VERSION_FILE_MAX, &r);
    CHECK_INT(r.status, FOUND);
    CHECK_STR(r.normalised, "1.0.10");
    oqsdm_version_file_from_bytes(big, OQSDM_VERSION_FILE_MAX + 1, &r);
    CHECK_INT(r.status, UNKNOWN);
    CHECK_INT(r.reason, OQSDM_VFILE_R_TOO_LARGE);
    CHECK_INT(r.encoding, E_NONE);
    free(big);

    /* the found version is the value, not only its text */
    oqsdm_version_file_from_bytes((const unsigned char *)"v1.0.10", 7, &r);
    oqsdm_version want;
    CHECK_INT(oqsdm_version_parse("1.0.10", 6, &want), OQSDM_VERSION_OK);
    CHECK_INT(oqsdm_version_compare(&r.version, &want), 0);
    CHECK_INT(r.rule, OQSDM_VERSION_RULE_LABELLED);

    CHECK_STR(oqsdm_vfile_status_name(OQSDM_VFILE_FOUND), "found");
    CHECK_STR(oqsdm_vfile_status_name(OQSDM_VFILE_MISSING), "missing");
    CHECK_STR(oqsdm_vfile_status_name(OQSDM_VFILE_UNKNOWN), "unknown");
    CHECK_STR(oqsdm_vfile_reason_name(OQSDM_VFILE_R_NONE), "");
    CHECK_STR(oqsdm_vfile_reason_name(OQSDM_VFILE_R_NO_VERSION), "no_version");
    CHECK_STR(oqsdm_vfile_reason_name(OQSDM_VFILE_R_AMBIGUOUS), "ambiguous");
    CHECK_STR(oqsdm_vfile_reason_name(OQSDM_VFILE_R_TOO_LARGE), "too_large");
    CHECK_STR(oqsdm_vfile_reason_name(OQSDM_VFILE_R_BAD_ENCODING), "bad_encoding");
    CHECK_STR(oqsdm_vfile_reason_name(OQSDM_VFILE_R_IO), "io");
    CHECK_STR(oqsdm_vfile_reason_name(OQSDM_VFILE_R_NOMEM), "nomem");
    CHECK_STR(oqsdm_vfile_encoding_name(E_932), "cp932");
    CHECK_STR(oqsdm_vfile_encoding_name(E_LE), "utf-16le");
}

static int write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = len ? fwrite(data, 1, len, f) : 0;
    return (fclose(f) == 0 && n == len) ? 0 : -1;
}

static void join(char *out, size_t size, const char *a, const char *b)
{
    snprintf(out, size, "%s/%s", a, b);
}

static void test_files(const char *root)
{
    char dir[512], path[600], got[600];
    oqsdm_version_file r;

    /* the distribution app's tree, written in other letter cases than the guide's */
    join(dir, sizeof dir, root, "program files/oqs/OQSDISTROAPP");
    CHECK_INT(oqsdm_plat_mkdirs(dir), 0);
    join(path, sizeof path, dir, "version.info");
    CHECK_INT(write_file(path, "Version=1.0.10\r\n", 16), 0);
    CHECK_INT(oqsdm_path_in_folder_ci(root, OQSDM_FOLDER_PROGRAM_FILES, OQSDM_VERSION_FILE_DISTRO_REL,
                                      got, sizeof got), 0);
    CHECK_STR(got, path);
    oqsdm_version_file_read(got, &r);
    CHECK_INT(r.status, FOUND);
    CHECK_STR(r.normalised, "1.0.10");

    /* the link app: both spellings on disk, the exact one wins */
    join(dir, sizeof dir, root, "program files/oqs/OQSComApp");
    CHECK_INT(oqsdm_plat_mkdirs(dir), 0);
    join(path, sizeof path, dir, "Version.Info");
    CHECK_INT(write_file(path, "1.0.9\n", 6), 0);
    join(path, sizeof path, dir, "Version.info");
    CHECK_INT(write_file(path, "1.0.11\n", 7), 0);
    CHECK_INT(oqsdm_path_in_folder_ci(root, OQSDM_FOLDER_PROGRAM_FILES, OQSDM_VERSION_FILE_COM_REL,
                                      got, sizeof got), 0);
    CHECK_STR(got, path);
    oqsdm_version_file_read(got, &r);
    CHECK_STR(r.normalised, "1.0.11");
    /* neither exact: the first in byte order ("Version.Info" < "Version.info") */
    char base[512];
    join(base, sizeof base, root, "program files");
    CHECK_INT(oqsdm_path_resolve_ci(base, "oqs\\oqscomapp\\VERSION.INFO", got, sizeof got), 0);
    join(path, sizeof path, dir, "Version.Info");
    CHECK_STR(got, path);

    /* the face library is not installed: missing, and the path keeps the guide's spelling */
    CHECK_INT(oqsdm_path_in_folder_ci(root, OQSDM_FOLDER_PROGRAM_FILES, OQSDM_VERSION_FILE_FACE_REL,
                                      got, sizeof got), 1);
    join(path, sizeof path, root, "program files/OQS-Auth/Version.Info");
    CHECK_STR(got, path);
    oqsdm_version_file_read(got, &r);
    CHECK_INT(r.status, OQSDM_VFILE_MISSING);
    CHECK_INT(r.reason, R_NONE);

    /* a folder where the file should be is missing too */
    join(dir, sizeof dir, root, "program files/OQS-Auth/Version.Info");
    CHECK_INT(oqsdm_plat_mkdirs(dir), 0);
    oqsdm_version_file_read(dir, &r);
    CHECK_INT(r.status, OQSDM_VFILE_MISSING);
    CHECK_INT(r.reason, OQSDM_VFILE_R_FOLDER);   /* and says why: not "not installed" */

    /* 1 MiB: refused without reading it all */
    join(path, sizeof path, root, "big.info");
    char *big = malloc(1024 * 1024);
    if (big) {
        memset(big, ' ', 1024 * 1024);
        memcpy(big, "Version=1.0.10", 14);
        CHECK_INT(write_file(path, big, 1024 * 1024), 0);
        free(big);
    }
    oqsdm_version_file_read(path, &r);
    CHECK_INT(r.status, UNKNOWN);
    CHECK_INT(r.reason, OQSDM_VFILE_R_TOO_LARGE);

    /* a UTF-16 file through the file reader */
    join(path, sizeof path, root, "u16.info");
    unsigned char u16[128];
    size_t n = to_utf16(KANA_VERSION FW_COLON FW_1_0_10 "\r\n", 0, u16, sizeof u16);
    CHECK_INT(write_file(path, u16, n), 0);
    oqsdm_version_file_read(path, &r);
    CHECK_INT(r.status, FOUND);
    CHECK_INT(r.encoding, E_LE);
    CHECK_STR(r.raw, FW_1_0_10);

    /* an empty file */
    join(path, sizeof path, root, "empty.info");
    CHECK_INT(write_file(path, "", 0), 0);
    oqsdm_version_file_read(path, &r);
    CHECK_INT(r.status, UNKNOWN);
    CHECK_INT(r.reason, R_NOVER);
}

static void test_resolve(const char *root)
{
    char got[600], want[600], small[8];
    /* a trailing separator on the base, both separators in rel, empty components */
    char base[512];
    snprintf(base, sizeof base, "%s/", root);
    CHECK_INT(oqsdm_path_resolve_ci(base, "PROGRAM FILES//OQS\\oqsdistroapp\\", got, sizeof got), 0);
    snprintf(want, sizeof want, "%s/program files/oqs/OQSDISTROAPP", root);
    CHECK_STR(got, want);
    CHECK_INT(oqsdm_path_resolve_ci(root, "", got, sizeof got), 0);
    CHECK_STR(got, root);
    /* a missing middle component: the rest is kept as given */
    CHECK_INT(oqsdm_path_resolve_ci(root, "Program Files\\Nope\\oqs\\X", got, sizeof got), 1);
    snprintf(want, sizeof want, "%s/program files/Nope/oqs/X", root);
    CHECK_STR(got, want);
    /* a file where a folder is expected cannot be listed: missing */
    CHECK_INT(oqsdm_path_resolve_ci(root, "empty.info\\x", got, sizeof got), 1);
    /* too small, or a component too long */
    CHECK_INT(oqsdm_path_resolve_ci(root, "program files", small, sizeof small), -1);
    char longname[300];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    CHECK_INT(oqsdm_path_resolve_ci(root, longname, got, sizeof got), -1);
    /* the platform function itself */
    char name[64];
    CHECK_INT(oqsdm_plat_find_ci(root, "PROGRAM FILES", name, sizeof name), 0);
    CHECK_STR(name, "program files");
    CHECK_INT(oqsdm_plat_find_ci(root, "absent", name, sizeof name), 1);
    CHECK_INT(oqsdm_plat_find_ci(root, "program files", name, 4), -1);
    CHECK_INT(oqsdm_plat_find_ci("/nonexistent-oqsdm-dir", "x", name, sizeof name), 1);
    /* without --root the platform's folder is the base and rel is resolved below it */
    CHECK_INT(oqsdm_path_in_folder_ci(NULL, OQSDM_FOLDER_PROGRAM_FILES, "OQS\\X", got, sizeof got), 1);
    CHECK_STR(got, "/Program Files/OQS/X");
}

static void remove_tree(const char *root)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
}

int main(void)
{
    test_from_bytes();
    char root[64] = "/tmp/oqsdm-test-vfile-XXXXXX";
    if (!mkdtemp(root))
        return 1;
    test_files(root);
    test_resolve(root);
    remove_tree(root);
    return check_done("test_version_file");
}
