/* --root maps C:\ for every path; settings' paths follow the same rule. */
#include "check.h"
#include "oqsdm/paths.h"

int main(void)
{
    char p[1024];
    CHECK_INT(oqsdm_path_in_folder("/tmp/t", OQSDM_FOLDER_PROGRAM_DATA, OQSDM_INI_REL, p, sizeof p), 0);
    CHECK_STR(p, "/tmp/t/ProgramData/OQS/OQSDistroApp/config/OQSDistroApp.ini");
    CHECK_INT(oqsdm_path_in_folder("/tmp/t/", OQSDM_FOLDER_PROGRAM_FILES, "OQS\\OQSComApp\\Version.info", p, sizeof p), 0);
    CHECK_STR(p, "/tmp/t/Program Files/OQS/OQSComApp/Version.info");
    CHECK_INT(oqsdm_path_in_folder("", OQSDM_FOLDER_PROGRAM_DATA, OQSDM_STATE_REL, p, sizeof p), 0);
    CHECK_STR(p, "/ProgramData/OQS/OQSDistroApp/oqsdm");

    CHECK_INT(oqsdm_path_map("/r", "/r/cfg", "C:\\certs\\ca.pem", p, sizeof p), 0);
    CHECK_STR(p, "/r/certs/ca.pem");
    CHECK_INT(oqsdm_path_map("/r", "/r/cfg", "c:/certs/ca.pem", p, sizeof p), 0);
    CHECK_STR(p, "/r/certs/ca.pem");
    CHECK_INT(oqsdm_path_map("/r", "/r/cfg", "ca.pem", p, sizeof p), 0);
    CHECK_STR(p, "/r/cfg/ca.pem");
    CHECK_INT(oqsdm_path_map("/r", "/r/cfg", "\\certs\\ca.pem", p, sizeof p), 0);
    CHECK_STR(p, "/r/certs/ca.pem");
    CHECK_INT(oqsdm_path_map("", "/cfg", "/etc/ssl/ca.pem", p, sizeof p), 0);
    CHECK_STR(p, "/etc/ssl/ca.pem");
    CHECK_INT(oqsdm_path_map("/r", "/cfg", "D:\\ca.pem", p, sizeof p), 0);   /* only C: is mapped */
    CHECK_STR(p, "D:\\ca.pem");

    char small[8];
    CHECK_INT(oqsdm_path_in_folder("/tmp/t", OQSDM_FOLDER_PROGRAM_DATA, OQSDM_INI_REL, small, sizeof small), -1);

    oqsdm_path_dirname("/a/b/c.ini", p, sizeof p);
    CHECK_STR(p, "/a/b");
    oqsdm_path_dirname("c.ini", p, sizeof p);
    CHECK_STR(p, ".");
    oqsdm_path_dirname("C:\\x\\y.ini", p, sizeof p);
    CHECK_STR(p, "C:\\x");
    return check_done("test_paths");
}
