/*
 * status_colors.h: the lamp's and the status tables' colours. Shared with the GUI test, which
 * counts pixels of exactly these colours on the real window.
 */
#ifndef OQSDM_STATUS_COLORS_H
#define OQSDM_STATUS_COLORS_H

#define OQSDM_COLOR_UNKNOWN_RGB  0x80, 0x80, 0x80   /* grey: not checked / unknown */
#define OQSDM_COLOR_BUSY_RGB     0x1F, 0x5F, 0xA8   /* blue: checking */
#define OQSDM_COLOR_OK_RGB       0x00, 0x8A, 0x3E   /* green: success */
#define OQSDM_COLOR_FAIL_RGB     0xC6, 0x28, 0x28   /* red: failure */
#define OQSDM_COLOR_WARN_RGB     0xF2, 0xB7, 0x05   /* yellow: a finding's warning */

/* The text drawn on the lamp and on the version table's status cells. */
#define OQSDM_COLOR_ON_STATUS_RGB 0xFF, 0xFF, 0xFF  /* white */
/* ... and on yellow, where white would not be read. */
#define OQSDM_COLOR_ON_WARN_RGB   0x00, 0x00, 0x00  /* black */

/* The version table's status cells use the lamp's colours: latest and
 * newer OK (green), outdated and missing FAIL (red), unknown UNKNOWN (grey).
 * The diagnosis table's: ok OK, warn WARN, fail FAIL, skip and unknown
 * UNKNOWN. The settings dialog's warning and the main window's cause are
 * written in FAIL's red. */

#endif
