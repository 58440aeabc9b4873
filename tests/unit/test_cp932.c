/* CP932 bytes become UTF-8 through the platform; broken bytes are refused. */
#include "check.h"
#include "oqsdm/platform.h"

#include <stdlib.h>

int main(void)
{
    char *o = NULL;
    size_t n = 0;
    /* "バージョン：１．０" in CP932: full-width colon, digits and dot */
    const char in[] = "\x83\x6F\x81\x5B\x83\x57\x83\x87\x83\x93\x81\x46\x82\x50\x81\x44\x82\x4F";
    CHECK_INT(oqsdm_plat_cp932_to_utf8(in, sizeof in - 1, &o, &n), 0);
    CHECK_STR(o, "\xe3\x83\x90\xe3\x83\xbc\xe3\x82\xb8\xe3\x83\xa7\xe3\x83\xb3\xef\xbc\x9a"
                 "\xef\xbc\x91\xef\xbc\x8e\xef\xbc\x90");
    CHECK_INT(n, 27);
    free(o);
    /* a trail byte of 0x5C ('\\' in ASCII) stays inside its character: ソ */
    CHECK_INT(oqsdm_plat_cp932_to_utf8("\x83\x5C", 2, &o, &n), 0);
    CHECK_STR(o, "\xe3\x82\xbd");
    free(o);
    CHECK_INT(oqsdm_plat_cp932_to_utf8("", 0, &o, &n), 0);
    CHECK_STR(o, "");
    free(o);
    CHECK_INT(oqsdm_plat_cp932_to_utf8("\x81", 1, &o, &n), -1);   /* lead byte cut off */
    CHECK(o == NULL);
    return check_done("test_cp932");
}
