/*
 * layout_probe.h: what oqsdm-gui-driver.exe and oqsdm-gui-probe.dll share.
 *
 * A dialog's fonts are GDI objects of oqsdm.exe: their handles mean nothing
 * in another process (Windows and Wine alike), so the text-fit check cannot
 * run in the driver. The driver loads oqsdm-gui-probe.dll into oqsdm.exe
 * (a remote thread on LoadLibraryW) and runs its one export on another
 * remote thread, handing it this request in oqsdm's memory; the probe
 * measures every control of the dialog on the control's own font, writes
 * its report into `out` and returns the number of failures.
 */
#ifndef OQSDM_LAYOUT_PROBE_H
#define OQSDM_LAYOUT_PROBE_H

#define OQSDM_PROBE_DLL L"oqsdm-gui-probe.dll"
#define OQSDM_PROBE_EXPORT "oqsdm_probe_layout"
#define OQSDM_PROBE_OUT_MAX (192 * 1024)

typedef struct oqsdm_probe_req {
    unsigned long long dlg;       /* in: the dialog's HWND, as an integer of one width in both processes */
    char name[32];                /* in: the dialog's name for the report (the driver's --dlg) */
    unsigned int out_len;         /* out: bytes of `out` used */
    unsigned int checked;         /* out: controls whose text was measured */
    unsigned int failures;        /* out: failed rules (also the thread's exit code) */
    unsigned int dpi;             /* out: GetDpiForWindow of the dialog */
    char out[OQSDM_PROBE_OUT_MAX];/* out: the report, UTF-8, one finding a line */
} oqsdm_probe_req;

#endif
