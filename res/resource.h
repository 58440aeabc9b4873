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
#define IDC_STATUS                 1010  /* the coloured lamp: 未確認 / 確認中… / 接続成功 / 接続失敗 */
#define IDC_MESSAGE                1011  /* the guide's sentence */
#define IDC_REASON                 1012  /* one line of reason */
#define IDC_DETAIL                 1013  /* route and time, for vendors */

/* Window property that marks oqsdm's main dialog, so a second launch can
 * find the first one whatever the language of its title. */
#define OQSDM_MAIN_PROP L"oqsdm.main"

#endif
