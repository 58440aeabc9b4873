/* The catalogue reaches the core in both languages, and {N} formatting is safe. */
#include "check.h"
#include "oqsdm/msg.h"

#include <string.h>

int main(void)
{
    /* The guide's exact wording (p.2), from the generated table. */
    CHECK_STR(oqsdm_msg(OQSDM_LANG_JA, OQSDM_MSG_CONN_SUCCEEDED),
              "\xe9\x85\x8d\xe4\xbf\xa1\xe3\x82\xb5\xe3\x83\xbc\xe3\x83\x90\xe3\x83\xbc\xe3\x81\xb8\xe3\x81\xae"
              "\xe6\x8e\xa5\xe7\xb6\x9a\xe3\x81\xab\xe6\x88\x90\xe5\x8a\x9f\xe3\x81\x97\xe3\x81\xbe\xe3\x81\x97"
              "\xe3\x81\x9f\xe3\x80\x82");
    CHECK_STR(oqsdm_msg(OQSDM_LANG_EN, OQSDM_MSG_CONN_FAILED), "Failed to connect to the distribution server.");
    CHECK_STR(oqsdm_msg(OQSDM_LANG_EN, 99999), "[?]");

    char buf[256];
    CHECK_STR(oqsdm_msgf1(buf, sizeof buf, OQSDM_LANG_EN, OQSDM_MSG_REASON_HTTP_STATUS, "503"),
              "The server answered HTTP 503");
    CHECK_STR(oqsdm_msgf2(buf, sizeof buf, OQSDM_LANG_EN, OQSDM_MSG_REASON_CONNECT_TIMEOUT, "h:443", "2"),
              "Connecting to h:443 timed out after 2 s");
    /* An argument holding {0} is not expanded again. */
    CHECK_STR(oqsdm_msgf1(buf, sizeof buf, OQSDM_LANG_EN, OQSDM_MSG_REASON_HTTP_STATUS, "{0}{1}"),
              "The server answered HTTP {0}{1}");
    /* Missing arguments print as empty, never as garbage. */
    CHECK_STR(oqsdm_msgf(buf, sizeof buf, OQSDM_LANG_EN, OQSDM_MSG_REASON_HTTP_STATUS, NULL, 0),
              "The server answered HTTP ");
    /* Truncation never splits a UTF-8 sequence. */
    char small[8];
    oqsdm_msgf1(small, sizeof small, OQSDM_LANG_JA, OQSDM_MSG_STATUS_CONN_OK, NULL);
    CHECK_INT(strlen(small), 6); /* two 3-byte characters fit in 7 bytes, the third does not */
    oqsdm_lang l;
    CHECK(oqsdm_lang_parse("ja", &l) == 0 && l == OQSDM_LANG_JA);
    CHECK(oqsdm_lang_parse("en", &l) == 0 && l == OQSDM_LANG_EN);
    CHECK(oqsdm_lang_parse("jp", &l) != 0);
    /* Every catalogue entry exists in both languages. */
    for (int id = OQSDM_MSG_FIRST; id < OQSDM_MSG_FIRST + OQSDM_MSG_COUNT; id++) {
        CHECK(strcmp(oqsdm_msg(OQSDM_LANG_JA, id), "[?]") != 0);
        CHECK(strcmp(oqsdm_msg(OQSDM_LANG_EN, id), "[?]") != 0);
    }
    return check_done("test_msg");
}
