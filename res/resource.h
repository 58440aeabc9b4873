/*
 * resource.h: every resource and control id, named once. The dialog code,
 * the resource script and the GUI test driver all include this file, so
 * tests find controls by id, never by caption.
 */
#ifndef OQSDM_RESOURCE_H
#define OQSDM_RESOURCE_H

#define IDI_OQSDM                  1
#define IDD_MAIN                   100

#define IDC_BTN_CHECK_CONNECTION   1001
#define IDC_BTN_VERSIONS           1002
#define IDC_BTN_SETTINGS           1003
#define IDC_BTN_DOWNLOAD_NOW       1004
#define IDC_BTN_DIAGNOSE           1005  /* 診断: the diagnosis dialog */
#define IDC_STATUS                 1010  /* the coloured lamp: 未確認 / 確認中… / 接続成功 / 接続失敗 */
#define IDC_MESSAGE                1011  /* the guide's sentence */
#define IDC_REASON                 1012  /* one line of reason */
#define IDC_DETAIL                 1013  /* route and time, for vendors */
#define IDC_CAUSE                  1014  /* after a failed check: the finding that explains it */
#define IDC_CAUSE_REMEDY           1015  /* the first line of its remedy, and where to see more */

/* The versions dialog (配信実績の確認) */
#define IDD_VERSIONS               101
#define IDC_VER_LIST               1101  /* the table: application, installed, latest, status */
#define IDC_VER_SUMMARY            1102  /* one line: all latest / how many need updating */
#define IDC_VER_SOURCE             1103  /* where the latest versions came from, and their date */
#define IDC_VER_REASON             1104  /* the selected row's reason */
#define IDC_VER_ADVICE             1105  /* what to do next (read-only edit) */
#define IDC_VER_READER_GROUP       1106
#define IDC_VER_VENDOR_LABEL       1107
#define IDC_VER_VENDOR             1108  /* combo box: the card reader's maker */
#define IDC_VER_VENDOR_NOTE        1109  /* which installed program it was guessed from */
#define IDC_VER_STEPS              1110  /* that maker's steps (read-only edit) */
#define IDC_VER_READER_LABEL       1111
#define IDC_VER_READER_EDIT        1112  /* the number staff read on the reader's tool */
#define IDC_VER_READER_SAVE        1113
#define IDC_VER_READER_ERROR       1114  /* why the number was not taken */
#define IDC_VER_READER_ENTERED     1115  /* when it was entered by hand */
#define IDC_VER_RECHECK            1116
#define IDC_VER_LOAD_PAGE          1117  /* load a saved page (file dialog) */

/* The settings dialog (設定の変更) */
#define IDD_SETTINGS               102
#define IDC_SET_FILE               1201  /* the INI's path */
#define IDC_SET_DEST_GROUP         1202
#define IDC_SET_DEST_BASE          1203  /* radio: 配信拠点(推奨) */
#define IDC_SET_DEST_CLOUD         1204  /* radio: クラウド */
#define IDC_SET_PROVIDER_LABEL     1205
#define IDC_SET_PROVIDER           1206  /* combo box: the network provider */
#define IDC_SET_KIND_LABEL         1207
#define IDC_SET_KIND               1208  /* combo box: IPsec+IKE / IP-VPN */
#define IDC_SET_RECOMMEND          1209  /* the guide's destination for them */
#define IDC_SET_WARNING            1210  /* bold red: the chosen destination contradicts it */
#define IDC_SET_MESSAGE            1211  /* what saving did, or why not */
#define IDC_SET_SAVE               1212
#define IDC_SET_ELEVATE            1213  /* 管理者として続ける, shown when Windows refused the write */

/* The diagnosis dialog (診断) */
#define IDD_DIAGNOSE               103
#define IDC_DIAG_SUMMARY           1301  /* counts per status, or what runs */
#define IDC_DIAG_LIST              1302  /* the six findings: title, status (coloured) */
#define IDC_DIAG_DETAIL            1303  /* the selected finding's detail and remedy (read-only edit) */
#define IDC_DIAG_MESSAGE           1304  /* what the last fix or undo did */
#define IDC_DIAG_COMMAND_LABEL     1305
#define IDC_DIAG_COMMAND           1306  /* the administrator's command of a refused fix (read-only edit) */
#define IDC_DIAG_FIX               1307
#define IDC_DIAG_UNDO              1308
#define IDC_DIAG_ELEVATE           1309  /* 管理者として修正, shown when Windows refused the fix */
#define IDC_DIAG_RERUN             1310

/* Window property that marks oqsdm's main dialog, so a second launch can
 * find the first one whatever the language of its title. */
#define OQSDM_MAIN_PROP L"oqsdm.main"
/* ... and the versions, settings and diagnosis dialogs, for the test driver. */
#define OQSDM_VERSIONS_PROP L"oqsdm.versions"
#define OQSDM_SETTINGS_PROP L"oqsdm.settings"
#define OQSDM_DIAGNOSE_PROP L"oqsdm.diagnose"

#endif
