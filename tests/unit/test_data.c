/* The shipped data file parses, and damaged ones are refused with a reason. */
#include "check.h"
#include "oqsdm/data.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    FILE *f = fopen(OQSDM_SOURCE_DIR "/res/oqsdm-data.json", "rb");
    CHECK(f != NULL);
    if (!f)
        return check_done("test_data");
    static char json[OQSDM_DATA_MAX_BYTES];
    size_t n = fread(json, 1, sizeof json, f);
    fclose(f);
    oqsdm_data d;
    char why[256];
    CHECK_INT(oqsdm_data_parse(json, n, &d, why, sizeof why), 0);
    CHECK_STR(d.destination, "base");
    CHECK_INT(d.connect_timeout_ms, 10000);
    CHECK_INT(d.timeout_ms, 30000);
    CHECK_STR(d.expected_proxy, "proxy.base.oqs-pdl.org:8080");
    CHECK_STR(d.portal_url, "https://www.iryohokenjyoho-portalsite.jp/download/post-12.html");
    /* the guide's bypass list, as the guide prints it */
    CHECK_STR(d.expected_bypass,
              "*.onshikaku.org; *.flets-east.jp; *.flets-west.jp; *.lineauth.mnw; *.obn.managedpki.ne.jp; "
              "*.cybertrust.ne.jp; *.secomtrust.net; *.rece; pweb.base.oqs-pdl.org");

    static const char *bad[] = {
        "", "{", "[]", "{\"defaults\":{}}",
        "{\"defaults\":{\"Destination\":\"base\",\"ConnectTimeoutMs\":0,\"TimeoutMs\":1,\"RevocationCheck\":\"strict\"},\"proxy\":{}}",
        "{\"defaults\":{\"Destination\":1}}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        why[0] = '\0';
        CHECK_INT(oqsdm_data_parse(bad[i], strlen(bad[i]), &d, why, sizeof why), -1);
        CHECK(why[0] != '\0');
    }
    return check_done("test_data");
}
