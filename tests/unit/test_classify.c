/* libcurl failures become the right reason codes, without a network. */
#include "check.h"
#include "oqsdm/connection.h"

#include <curl/curl.h>
#include <errno.h>

int main(void)
{
    static const struct { int code, via_proxy; long err; const char *text; long cc; const char *want; } T[] = {
        {CURLE_OK, 0, 0, "", 0, "ok"},
        {CURLE_COULDNT_RESOLVE_HOST, 0, 0, "Could not resolve host: dist.example", 0, "dns"},
        {CURLE_COULDNT_RESOLVE_PROXY, 1, 0, "Could not resolve proxy: proxy.base.oqs-pdl.org", 0, "proxy_dns"},
        {CURLE_COULDNT_CONNECT, 1, ECONNREFUSED, "Failed to connect", 0, "proxy_connect"},
        {CURLE_COULDNT_CONNECT, 0, ECONNREFUSED, "Failed to connect", 0, "refused"},
        {CURLE_COULDNT_CONNECT, 0, 10061, "Failed to connect", 0, "refused"},
        {CURLE_COULDNT_CONNECT, 0, EHOSTUNREACH, "No route to host", 0, "unreachable"},
        {CURLE_OPERATION_TIMEDOUT, 0, 0, "Connection timed out after 2001 milliseconds", 0, "timeout"},
        {CURLE_PEER_FAILED_VERIFICATION, 0, 0, "SSL certificate problem: unable to get local issuer certificate", 0, "tls_verify"},
        /* curl's own Schannel chain check (used with CaFile) */
        {CURLE_PEER_FAILED_VERIFICATION, 0, 0,
         "schannel: CertGetCertificateChain trust error CERT_TRUST_REVOCATION_STATUS_UNKNOWN", 0, "tls_revocation"},
        {CURLE_PEER_FAILED_VERIFICATION, 0, 0,
         "schannel: CertGetCertificateChain trust error CERT_TRUST_IS_UNTRUSTED_ROOT", 0, "tls_verify"},
        {CURLE_SSL_CONNECT_ERROR, 0, 0,
         "schannel: next InitializeSecurityContext failed: Unknown error (0x80092012) - "
         "The revocation function was unable to check revocation for the certificate.", 0, "tls_revocation"},
        {CURLE_SSL_CONNECT_ERROR, 0, 0, "schannel: ... (0x80092013) - The revocation server was offline", 0, "tls_revocation"},
        {CURLE_SSL_CONNECT_ERROR, 0, 0, "schannel: SEC_E_UNTRUSTED_ROOT (0x80090325) - The certificate chain was issued by an authority that is not trusted.", 0, "tls_verify"},
        {CURLE_SSL_CONNECT_ERROR, 0, 0, "schannel: failed to receive handshake, SSL/TLS connection failed", 0, "tls_handshake"},
        {CURLE_SSL_CACERT_BADFILE, 0, 0, "error setting certificate file", 0, "ca_file"},
        {CURLE_RECV_ERROR, 1, 0, "CONNECT tunnel failed, response 500", 500, "proxy_status"},
        {CURLE_RECV_ERROR, 0, 0, "Connection reset by peer", 0, "network"},
        {CURLE_GOT_NOTHING, 0, 0, "Empty reply from server", 0, "network"},
        {CURLE_ABORTED_BY_CALLBACK, 0, 0, "Callback aborted", 0, "cancelled"},
        {CURLE_URL_MALFORMAT, 0, 0, "", 0, "bad_url"},
        /* another service on the port (an SSH banner, a mail server): the URL is fine */
        {CURLE_UNSUPPORTED_PROTOCOL, 0, 0, "Received HTTP/0.9 when not allowed", 0, "not_http"},
        {CURLE_UNSUPPORTED_PROTOCOL, 1, 0, "Received HTTP/0.9 when not allowed", 0, "not_http"},
        {CURLE_WEIRD_SERVER_REPLY, 0, 0, "Unsupported HTTP version in response", 0, "not_http"},
        {CURLE_WEIRD_SERVER_REPLY, 1, 0, "CONNECT tunnel failed, response 502", 502, "proxy_status"},
        {CURLE_OUT_OF_MEMORY, 0, 0, "", 0, "other"},
    };
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        oqsdm_reason r = oqsdm_conn_classify(T[i].code, T[i].via_proxy, T[i].err, T[i].text, T[i].cc, 0);
        CHECK_STR(oqsdm_reason_code(r), T[i].want);
    }
    /* Every reason has a distinct stable name. */
    for (int a = 0; a < OQSDM_R_COUNT; a++)
        for (int b = a + 1; b < OQSDM_R_COUNT; b++)
            CHECK(strcmp(oqsdm_reason_code((oqsdm_reason)a), oqsdm_reason_code((oqsdm_reason)b)) != 0);
    return check_done("test_classify");
}
