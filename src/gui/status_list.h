/*
 * status_list.h: the table of the versions and diagnosis dialogs, a
 * report-view ListView of fixed rows whose status cells are filled in the
 * exact status colours (status_colors.h; the GUI tests count those pixels).
 *
 * One module so that both tables draw, fit and select the same way: the
 * dialog says once what its table is (oqsdm_status_list_spec), then only
 * sets texts and shades.
 */
#ifndef OQSDM_STATUS_LIST_H
#define OQSDM_STATUS_LIST_H

#include <windows.h>
#include <commctrl.h>

#include "oqsdm/msg.h"

/* Room for the largest table (the versions table's four columns, the
 * diagnosis table's six rows); a dialog asserts its table fits. */
#define OQSDM_STATUS_LIST_MAX_COLS 4
#define OQSDM_STATUS_LIST_MAX_ROWS 8

/* A status cell's colours: the fill, and the text on it. */
typedef enum oqsdm_shade {
    OQSDM_SHADE_NONE = -1,        /* no status (nothing was checked): drawn like any cell */
    OQSDM_SHADE_OK = 0,           /* green, white text */
    OQSDM_SHADE_WARN = 1,         /* yellow, black text: white would not be read */
    OQSDM_SHADE_FAIL = 2,         /* red, white text */
    OQSDM_SHADE_UNKNOWN = 3,      /* grey, white text */
    OQSDM_SHADE_COUNT
} oqsdm_shade;

/* What a dialog's table is. The arrays are the dialog's static ones: the
 * table keeps pointing at them. */
typedef struct oqsdm_status_list_spec {
    const int *header_msg;        /* ncols catalogue ids: the columns' headers */
    int ncols;
    const int *row_msg;           /* nrows catalogue ids: the first column's text until the dialog sets it */
    int nrows;
    int status_col;               /* the column whose cells are filled in their row's shade */
    int pad96;                    /* beside a measured column's widest text: the control's margins, px at 96 DPI */
    int least96;                  /* 0: the first column is measured like the others; else it is not,
                                     and is this wide at the least (px at 96 DPI) */
    const int *status_msg;        /* catalogue ids of every word the status column may show, measured too
                                     so that it keeps its width between results; NULL for none */
    int nstatus;
} oqsdm_status_list_spec;

typedef struct oqsdm_status_list {
    HWND list;
    oqsdm_lang lang;
    oqsdm_status_list_spec spec;
    oqsdm_shade shade[OQSDM_STATUS_LIST_MAX_ROWS];   /* each row's status cell */
    HBRUSH brush[OQSDM_SHADE_COUNT];
    COLORREF on[OQSDM_SHADE_COUNT];                  /* the text on each fill */
} oqsdm_status_list;

/* Sets up `list` as `spec` says (grid, full-row selection, the columns,
 * the rows with no shade), makes the brushes and fits the columns. */
void oqsdm_status_list_init(oqsdm_status_list *t, HWND list, oqsdm_lang lang, const oqsdm_status_list_spec *spec);
/* WM_DESTROY: the brushes. */
void oqsdm_status_list_free(oqsdm_status_list *t);

/* A cell's text (UTF-8). */
void oqsdm_status_list_set(oqsdm_status_list *t, int row, int col, const char *utf8);
/* The status cell of `row`: its word and its shade. */
void oqsdm_status_list_set_status(oqsdm_status_list *t, int row, const char *utf8, oqsdm_shade shade);

/* Every measured column as wide as its widest text (header included) plus
 * the margins; what the list's client width leaves goes to the first
 * column, so the others stay compact and a measured text is never cut.
 * Again whenever the texts or the DPI change. */
void oqsdm_status_list_fit(oqsdm_status_list *t);

/* The selected row, -1 for none. */
int oqsdm_status_list_selected(const oqsdm_status_list *t);
/* Selects `row` and gives it the list's focus mark; `reveal`: and scrolls
 * it into view. */
void oqsdm_status_list_select(oqsdm_status_list *t, int row, int reveal);

/* WM_NOTIFY from the list: 1 when a row has just become selected, `*row`
 * being that row. */
int oqsdm_status_list_newly_selected(const NMHDR *h, int *row);
/* WM_NOTIFY NM_CUSTOMDRAW from the list: draws a shaded status cell as a
 * whole, the text on its fill, and answers for the dialog procedure of
 * `dlg` (DWLP_MSGRESULT). */
INT_PTR oqsdm_status_list_custom_draw(const oqsdm_status_list *t, HWND dlg, const NMLVCUSTOMDRAW *cd);

#endif
