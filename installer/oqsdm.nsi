; oqsdm.nsi: the installer of oqsdm, the distribution app management tool
; (配信アプリケーション管理ツール) of the online qualification terminal.
;
; Built on Linux by makensis in the win64 build (installer/CMakeLists.txt),
; which passes -DOQSDM_CONFIG=<build>/installer/config.nsh: the version, the
; programs, the data file, the icon, the messages and the signing command.
; 64-bit and Unicode, per machine, for every user of the terminal:
;
;   $PROGRAMFILES64\oqsdm\   oqsdm.exe, oqsdm-cli.exe, oqsdm-data.json, uninstall.exe
;   shortcut $(PRODUCT_NAME) on the public desktop and in the all-users Start
;                            menu; its name (which follows the installer's
;                            language) is kept in the Uninstall key, so an
;                            uninstaller in another language finds it
;   HKLM\${UNINST_KEY}       Apps & features (64-bit view)
;   ${STATE_DIR}             oqsdm's state folder, which standard users may
;                            modify (icacls, BUILTIN\Users by SID)
;   ${INI_FILE}              created when absent and never deleted, written
;                            only by oqsdm-cli settings --init: the same code,
;                            lossless for keys oqsdm does not own, as 設定の変更
;
; Every text of ours comes from res/messages.tsv (messages.nsh: LangStrings,
; {N} = $RN); the pages' standard texts are NSIS's own Japanese and English.
; The language follows the Windows UI language: Japanese there, else English.
;
; Options (installer): /S silent, /D=DIR (last), and the settings presets
;   /DESTINATION=base|cloud /PROVIDER=ID /CONNECTION=ipsec|ipvpn /SERVERURL=URL
; given to oqsdm-cli settings --init: on a first install into the new INI, on
; an upgrade only those keys change. They are checked before anything is
; installed: by name and value here, and all together by running the new
; oqsdm-cli.exe on a scratch INI in $PLUGINSDIR (the provider table is in the
; data file). Exit codes (SetErrorLevel):
;   0  installed
;   1  cancelled by the user (NSIS)
;   2  aborted, e.g. a program to replace is running (found before any file
;      is written) or a file could not be written
;   3  an unknown option or a bad value, or /D= naming another folder than
;      the installed version's: nothing installed or changed
;   4  not run as an administrator: nothing installed or changed
;   5  installed, but the INI or the state folder could not be prepared
; Uninstaller: /S silent, /PURGE also deletes the state folder, and the INI
; if this installer created it (marker ${CREATED_MARKER} in the state
; folder) and it holds nothing but [oqsdm]; exit codes 0, 3 (unknown option), 4 (not an administrator).
; It copies itself to %TEMP% and returns at once; `uninstall.exe /S
; _?=<install dir>` runs in place and returns its real exit code (but
; cannot delete itself and the folder then).

Target amd64-unicode
!include "${OQSDM_CONFIG}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\oqsdm"
; $APPDATA is C:\ProgramData once SetShellVarContext all has run (.onInit, un.onInit).
!define DISTRO_DIR "$APPDATA\OQS\OQSDistroApp"
!define STATE_DIR "${DISTRO_DIR}\oqsdm"
!define INI_DIR "${DISTRO_DIR}\config"
!define INI_FILE "${INI_DIR}\OQSDistroApp.ini"
!define CREATED_MARKER "installer-created-ini.txt"
!define USERS_SID "*S-1-5-32-545"
!define INSTALLER_OPTIONS "/S /NCRC /DESTINATION /PROVIDER /CONNECTION /SERVERURL"
!define UNINSTALLER_OPTIONS "/S /PURGE"
!define EXIT_BAD_OPTION 3
!define EXIT_NOT_ADMIN 4
!define EXIT_PREPARE_FAILED 5

Name "$(INSTALLER_NAME)"
OutFile "${OQSDM_OUTFILE}"
InstallDir "$PROGRAMFILES64\oqsdm"
InstallDirRegKey HKLM "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel admin
ManifestSupportedOS all
ManifestDPIAware true
; The test's second installer (an upgrade) saves time with -DOQSDM_COMPRESSOR=zlib.
!ifndef OQSDM_COMPRESSOR
!define OQSDM_COMPRESSOR "/SOLID lzma"
!endif
SetCompressor ${OQSDM_COMPRESSOR}
AllowSkipFiles off
ShowInstDetails show
ShowUninstDetails show

!ifdef OQSDM_SIGN_COMMAND
!finalize '${OQSDM_SIGN_COMMAND}' = 0
!uninstfinalize '${OQSDM_SIGN_COMMAND}' = 0
!endif

Var Upgrading      ; 1: an installed oqsdm was found (its folder is reused)
Var SettingsArgs   ; the presets as oqsdm-cli settings options, each with a leading space
Var Failed         ; 1: a preparing step failed (exit code 5)
Var Purge          ; uninstaller: 1 with /PURGE

; --- pages
!define MUI_ICON "${OQSDM_ICON}"
!define MUI_UNICON "${OQSDM_ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "$(INSTALLER_WELCOME_TEXT)"
!insertmacro MUI_PAGE_WELCOME
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipIfUpgrading
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\oqsdm.exe"
!define MUI_FINISHPAGE_RUN_TEXT "$(INSTALLER_FINISH_RUN)"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; English first: the language of any Windows UI that is not Japanese.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Japanese"
!include "${OQSDM_MESSAGES}"

VIProductVersion "${OQSDM_VERSION_QUAD}"
VIFileVersion "${OQSDM_VERSION_QUAD}"
!macro OQSDM_VERSION_KEYS LANG SUFFIX
  VIAddVersionKey /LANG=${LANG} "ProductName" "${OQSDM_MSG_${SUFFIX}_PRODUCT_NAME}"
  VIAddVersionKey /LANG=${LANG} "FileDescription" "${OQSDM_MSG_${SUFFIX}_INSTALLER_FILE_DESCRIPTION}"
  VIAddVersionKey /LANG=${LANG} "CompanyName" "${OQSDM_PUBLISHER}"
  VIAddVersionKey /LANG=${LANG} "LegalCopyright" "${OQSDM_COPYRIGHT}"
  VIAddVersionKey /LANG=${LANG} "FileVersion" "${OQSDM_VERSION}"
  VIAddVersionKey /LANG=${LANG} "ProductVersion" "${OQSDM_VERSION}"
!macroend
!insertmacro OQSDM_VERSION_KEYS ${LANG_JAPANESE} JA
!insertmacro OQSDM_VERSION_KEYS ${LANG_ENGLISH} EN

; --- helpers for both sides (NSIS wants "un." functions for the uninstaller)
!macro OQSDM_HELPERS un
; The command line's words, as Windows splits them: at blanks outside double
; quotes, the quotes removed. In: $R0 the parameters, $R1 a position in them.
; Out: $R4 the next word ("" at the end), $R1 just after it. Uses $R2, $R3, $R5.
; (FileFunc's GetOptions is not used: it ends a value at its first '/', so a
; URL would have to be quoted.)
Function ${un}NextWord
  StrLen $R2 $R0
  StrCpy $R4 ""
  ${DoWhile} $R1 < $R2
    StrCpy $R3 $R0 1 $R1
    ${If} $R3 != " "
    ${AndIf} $R3 != "$\t"
      ${ExitDo}
    ${EndIf}
    IntOp $R1 $R1 + 1
  ${Loop}
  StrCpy $R5 0
  ${DoWhile} $R1 < $R2
    StrCpy $R3 $R0 1 $R1
    ${If} $R3 == '"'
      IntOp $R5 1 - $R5
    ${ElseIf} $R5 == 0
    ${AndIf} $R3 == " "
      ${ExitDo}
    ${ElseIf} $R5 == 0
    ${AndIf} $R3 == "$\t"
      ${ExitDo}
    ${Else}
      StrCpy $R4 "$R4$R3"
    ${EndIf}
    IntOp $R1 $R1 + 1
  ${Loop}
FunctionEnd

; Push the known option names, separated by spaces ("/A /B"); pops "" if
; every word is one of them (a word counts by its part before '='), else
; the first word that is not.
Function ${un}FindUnknownOption
  Exch $R8
  Push $R0
  Push $R1
  Push $R2
  Push $R3
  Push $R4
  Push $R5
  Push $R6
  StrCpy $R8 " $R8 "
  ${GetParameters} $R0
  StrCpy $R1 0
  StrCpy $R6 ""
  ${Do}
    Call ${un}NextWord
    ${IfThen} $R4 == "" ${|} ${ExitDo} ${|}
    Push $R4
    Call ${un}OptionName
    Pop $R3
    Push $R8
    Push " $R3 "
    Call ${un}Contains
    Pop $R5
    ${If} $R5 == 0
      StrCpy $R6 $R4
      ${ExitDo}
    ${EndIf}
  ${Loop}
  StrCpy $R8 $R6
  Pop $R6
  Pop $R5
  Pop $R4
  Pop $R3
  Pop $R2
  Pop $R1
  Pop $R0
  Exch $R8
FunctionEnd

; Push an option's name ("/NAME"); pops its value ("" for a bare /NAME), any
; letter case, the last one given winning; the error flag is set when the
; option is not on the command line.
Function ${un}OptionValue
  Exch $R8
  Push $R0
  Push $R1
  Push $R2
  Push $R3
  Push $R4
  Push $R5
  Push $R6
  Push $R7
  ${GetParameters} $R0
  StrCpy $R1 0
  StrCpy $R6 0
  StrCpy $R7 ""
  ${Do}
    Call ${un}NextWord
    ${IfThen} $R4 == "" ${|} ${ExitDo} ${|}
    Push $R4
    Call ${un}OptionName
    Pop $R3
    ${If} $R3 == $R8
      StrCpy $R6 1
      StrLen $R5 $R3
      IntOp $R5 $R5 + 1
      StrCpy $R7 $R4 "" $R5
    ${EndIf}
  ${Loop}
  StrCpy $R8 $R7
  ClearErrors
  ${IfThen} $R6 == 0 ${|} SetErrors ${|}
  Pop $R7
  Pop $R6
  Pop $R5
  Pop $R4
  Pop $R3
  Pop $R2
  Pop $R1
  Pop $R0
  Exch $R8
FunctionEnd

; "/NAME=value" -> "/NAME"
Function ${un}OptionName
  Exch $R0
  Push $R1
  Push $R2
  StrCpy $R1 0
  ${Do}
    StrCpy $R2 $R0 1 $R1
    ${IfThen} $R2 == "" ${|} ${ExitDo} ${|}
    ${If} $R2 == "="
      StrCpy $R0 $R0 $R1
      ${ExitDo}
    ${EndIf}
    IntOp $R1 $R1 + 1
  ${Loop}
  Pop $R2
  Pop $R1
  Exch $R0
FunctionEnd

; Push haystack, push needle; pops 1 if the needle occurs (any letter case), else 0.
Function ${un}Contains
  Exch $R1
  Exch
  Exch $R0
  Push $R2
  Push $R3
  Push $R4
  StrLen $R2 $R1
  StrCpy $R3 0
  StrCpy $R4 0
  ${Do}
    StrCpy $R4 $R0 $R2 $R3
    ${If} $R4 == ""
      StrCpy $R4 0
      ${ExitDo}
    ${EndIf}
    ${If} $R4 == $R1
      StrCpy $R4 1
      ${ExitDo}
    ${EndIf}
    IntOp $R3 $R3 + 1
  ${Loop}
  StrCpy $R1 $R4
  Pop $R4
  Pop $R3
  Pop $R2
  Pop $R0
  Exch $R1
FunctionEnd

Function ${un}RequireAdmin
  UserInfo::GetAccountType
  Pop $0
  ${If} $0 != "admin"
    MessageBox MB_ICONSTOP|MB_OK "$(INSTALLER_ERR_ADMIN)" /SD IDOK
    SetErrorLevel ${EXIT_NOT_ADMIN}
    Quit
  ${EndIf}
FunctionEnd

; $R1 = the known options; quits with EXIT_BAD_OPTION on any other word.
Function ${un}RejectUnknownOptions
  Push $R1
  Call ${un}FindUnknownOption
  Pop $R0
  ${If} $R0 != ""
    MessageBox MB_ICONSTOP|MB_OK "$(INSTALLER_ERR_OPTION_UNKNOWN)" /SD IDOK
    SetErrorLevel ${EXIT_BAD_OPTION}
    Quit
  ${EndIf}
FunctionEnd
!macroend
!insertmacro OQSDM_HELPERS ""
!insertmacro OQSDM_HELPERS "un."

; --- the installer

; /NAME=A or /NAME=B (any letter case): appends the oqsdm-cli option with the
; word as written here to $SettingsArgs; any other value quits (exit code 3).
!macro OQSDM_CHOICE_OPTION NAME CLI_OPTION A B
  Push "${NAME}"
  Call OptionValue
  Pop $1
  ${IfNot} ${Errors}
    ${If} $1 == "${A}"
      StrCpy $SettingsArgs "$SettingsArgs ${CLI_OPTION} ${A}"
    ${ElseIf} $1 == "${B}"
      StrCpy $SettingsArgs "$SettingsArgs ${CLI_OPTION} ${B}"
    ${Else}
      StrCpy $R0 "${NAME}"
      StrCpy $R1 $1
      StrCpy $R2 "${A}, ${B}"
      Call BadOptionValue
    ${EndIf}
  ${EndIf}
!macroend

; /NAME=value with a free value, checked by oqsdm-cli; never empty (NextWord
; has removed any double quote, so it can be quoted on oqsdm-cli's command line).
!macro OQSDM_TEXT_OPTION NAME CLI_OPTION HINT
  Push "${NAME}"
  Call OptionValue
  Pop $1
  ${IfNot} ${Errors}
    ${If} $1 == ""
      StrCpy $R0 "${NAME}"
      StrCpy $R1 $1
      StrCpy $R2 "${HINT}"
      Call BadOptionValue
    ${EndIf}
    StrCpy $SettingsArgs '$SettingsArgs ${CLI_OPTION} "$1"'
  ${EndIf}
!macroend

; $R0 option, $R1 value, $R2 what it may be.
Function BadOptionValue
  MessageBox MB_ICONSTOP|MB_OK "$(INSTALLER_ERR_OPTION_VALUE)" /SD IDOK
  SetErrorLevel ${EXIT_BAD_OPTION}
  Quit
FunctionEnd

; The "message" of oqsdm-cli's {"error":{"code":..,"message":".."}} in $1, into $R0
; (the whole output if there is none).
Function CliErrorMessage
  StrCpy $R0 $1
  StrLen $2 '"message":"'
  StrLen $3 $1
  StrCpy $4 0
  ${DoWhile} $4 < $3
    StrCpy $5 $1 $2 $4
    ${If} $5 == '"message":"'
      IntOp $4 $4 + $2
      StrCpy $R0 ""
      ${DoWhile} $4 < $3
        StrCpy $5 $1 1 $4
        ${IfThen} $5 == '"' ${|} ${ExitDo} ${|}
        ${If} $5 == "\"
          IntOp $4 $4 + 1
          StrCpy $5 $1 1 $4
        ${EndIf}
        StrCpy $R0 "$R0$5"
        IntOp $4 $4 + 1
      ${Loop}
      ${ExitDo}
    ${EndIf}
    IntOp $4 $4 + 1
  ${Loop}
FunctionEnd

Function .onInit
  SetShellVarContext all
  SetRegView 64
  Call RequireAdmin
  StrCpy $R1 "${INSTALLER_OPTIONS}"
  Call RejectUnknownOptions

  StrCpy $SettingsArgs ""
  !insertmacro OQSDM_CHOICE_OPTION "/DESTINATION" "--destination" "base" "cloud"
  !insertmacro OQSDM_TEXT_OPTION "/PROVIDER" "--provider" "ID"
  !insertmacro OQSDM_CHOICE_OPTION "/CONNECTION" "--connection" "ipsec" "ipvpn"
  !insertmacro OQSDM_TEXT_OPTION "/SERVERURL" "--server-url" "URL"

  ; All presets together, by the oqsdm-cli.exe about to be installed, on a
  ; scratch INI: a provider it does not know or a URL it refuses stops here.
  ${If} $SettingsArgs != ""
    InitPluginsDir
    SetOutPath "$PLUGINSDIR\check"
    File "/oname=oqsdm-cli.exe" "${OQSDM_CLI_EXE}"
    File "/oname=oqsdm-data.json" "${OQSDM_DATA_FILE}"
    ; --lang en: nsExec reads the output in the ANSI code page, and English is ASCII.
    nsExec::ExecToStack '"$PLUGINSDIR\check\oqsdm-cli.exe" --lang en --config "$PLUGINSDIR\check\check.ini" settings --init$SettingsArgs --json'
    Pop $0
    Pop $1
    ${If} $0 != 0
      Call CliErrorMessage
      MessageBox MB_ICONSTOP|MB_OK "$(INSTALLER_ERR_SETTINGS_VALUES)" /SD IDOK
      SetErrorLevel ${EXIT_BAD_OPTION}
      Quit
    ${EndIf}
  ${EndIf}

  StrCpy $Upgrading 0
  ReadRegStr $0 HKLM "${UNINST_KEY}" "InstallLocation"
  ${IfThen} $0 != "" ${|} StrCpy $Upgrading 1 ${|}
  ; /D= with another folder than the installed one: the Uninstall key and
  ; the shortcuts would move there and the old folder stay behind, known to
  ; nobody. Refuse, unless that folder is gone already.
  ${If} $Upgrading == 1
  ${AndIf} $INSTDIR != $0
  ${AndIf} ${FileExists} "$0\*.*"
    StrCpy $R0 $0
    StrCpy $R1 $INSTDIR
    MessageBox MB_ICONSTOP|MB_OK "$(INSTALLER_ERR_OTHER_DIR)" /SD IDOK
    SetErrorLevel ${EXIT_BAD_OPTION}
    Quit
  ${EndIf}
FunctionEnd

; An upgrade goes where the installed version is (InstallDirRegKey).
Function SkipIfUpgrading
  ${IfThen} $Upgrading == 1 ${|} Abort ${|}
FunctionEnd

; $R0 = message to show (with its $R registers already filled in).
!macro OQSDM_PREPARE_FAILED MESSAGE
  DetailPrint "${MESSAGE}"
  MessageBox MB_ICONEXCLAMATION|MB_OK "${MESSAGE}" /SD IDOK
  StrCpy $Failed 1
!macroend

; An installed program that is running (oqsdm.exe, or oqsdm-cli.exe in a
; vendor's script) cannot be replaced: find that before any file is written,
; or an upgrade would stop halfway, with programs of two versions.
!macro OQSDM_REFUSE_IF_IN_USE FILE
  ${If} ${FileExists} "$INSTDIR\${FILE}"
    ClearErrors
    FileOpen $0 "$INSTDIR\${FILE}" a
    ${If} ${Errors}
      StrCpy $R0 "$INSTDIR\${FILE}"
      DetailPrint "$(INSTALLER_ERR_IN_USE)"
      MessageBox MB_ICONSTOP|MB_OK "$(INSTALLER_ERR_IN_USE)" /SD IDOK
      SetErrorLevel 2
      Abort
    ${EndIf}
    FileClose $0
  ${EndIf}
!macroend

Section "-oqsdm"
  StrCpy $Failed 0
  !insertmacro OQSDM_REFUSE_IF_IN_USE "oqsdm.exe"
  !insertmacro OQSDM_REFUSE_IF_IN_USE "oqsdm-cli.exe"
  !insertmacro OQSDM_REFUSE_IF_IN_USE "uninstall.exe"
  SetOutPath "$INSTDIR"
  File "/oname=oqsdm.exe" "${OQSDM_GUI_EXE}"
  File "/oname=oqsdm-cli.exe" "${OQSDM_CLI_EXE}"
  File "/oname=oqsdm-data.json" "${OQSDM_DATA_FILE}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; The shortcuts, in this installer's language; those of an older install
  ; in another language go.
  ReadRegStr $0 HKLM "${UNINST_KEY}" "ShortcutName"
  ${If} $0 != ""
  ${AndIf} $0 != "$(PRODUCT_NAME)"
    Delete "$DESKTOP\$0.lnk"
    Delete "$SMPROGRAMS\$0.lnk"
  ${EndIf}
  CreateShortcut "$DESKTOP\$(PRODUCT_NAME).lnk" "$INSTDIR\oqsdm.exe" "" "$INSTDIR\oqsdm.exe" 0 \
                 SW_SHOWNORMAL "" "$(INSTALLER_NAME)"
  CreateShortcut "$SMPROGRAMS\$(PRODUCT_NAME).lnk" "$INSTDIR\oqsdm.exe" "" "$INSTDIR\oqsdm.exe" 0 \
                 SW_SHOWNORMAL "" "$(INSTALLER_NAME)"

  ; Apps & features
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayName" "$(INSTALLER_NAME)"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayVersion" "${OQSDM_VERSION}"
  WriteRegStr HKLM "${UNINST_KEY}" "Publisher" "${OQSDM_PUBLISHER}"
  WriteRegStr HKLM "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\oqsdm.exe,0"
  WriteRegStr HKLM "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINST_KEY}" "NoRepair" 1
  WriteRegStr HKLM "${UNINST_KEY}" "ShortcutName" "$(PRODUCT_NAME)"
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${UNINST_KEY}" "EstimatedSize" "$0"

  ; The state folder: standard users may create and change files in it.
  StrCpy $R0 "${STATE_DIR}"
  DetailPrint "$(INSTALLER_DETAIL_STATE)"
  CreateDirectory "${STATE_DIR}"
  nsExec::ExecToLog '"$SYSDIR\icacls.exe" "${STATE_DIR}" /grant ${USERS_SID}:(OI)(CI)M'
  Pop $R1
  ${If} $R1 != 0
    !insertmacro OQSDM_PREPARE_FAILED "$(INSTALLER_ERR_ACL)"
  ${EndIf}

  ; The INI: created when absent, the presets written; nothing else changes.
  StrCpy $R0 "${INI_FILE}"
  DetailPrint "$(INSTALLER_DETAIL_SETTINGS)"
  StrCpy $3 0
  ${IfThen} ${FileExists} "${INI_FILE}" ${|} StrCpy $3 1 ${|}
  nsExec::ExecToStack '"$INSTDIR\oqsdm-cli.exe" --lang en settings --init$SettingsArgs --json'
  Pop $0
  Pop $1
  DetailPrint "$1"
  ${If} $0 == 0
    ${If} $3 == 0
    ${AndIf} ${FileExists} "${INI_FILE}"
      FileOpen $2 "${STATE_DIR}\${CREATED_MARKER}" w
      FileWrite $2 "The installer of oqsdm created ${INI_FILE}; uninstall.exe /PURGE deletes it.$\r$\n"
      FileClose $2
    ${EndIf}
  ${Else}
    Call CliErrorMessage
    StrCpy $R1 $R0
    StrCpy $R0 "${INI_FILE}"
    !insertmacro OQSDM_PREPARE_FAILED "$(INSTALLER_ERR_SETTINGS_WRITE)"
  ${EndIf}

  ${If} $Failed == 1
    SetErrorLevel ${EXIT_PREPARE_FAILED}
    Abort
  ${EndIf}
SectionEnd

; --- the uninstaller

Function un.onInit
  SetShellVarContext all
  SetRegView 64
  Call un.RequireAdmin
  StrCpy $R1 "${UNINSTALLER_OPTIONS}"
  Call un.RejectUnknownOptions
  StrCpy $Purge 0
  Push "/PURGE"
  Call un.OptionValue
  Pop $1
  ${IfNot} ${Errors}
    StrCpy $Purge 1
  ${EndIf}
FunctionEnd

Section "Uninstall"
  ReadRegStr $0 HKLM "${UNINST_KEY}" "ShortcutName"
  ${IfThen} $0 == "" ${|} StrCpy $0 "$(PRODUCT_NAME)" ${|}
  Delete "$DESKTOP\$0.lnk"
  Delete "$SMPROGRAMS\$0.lnk"

  ; An INI this installer created is deleted by /PURGE only while it holds
  ; nothing but oqsdm's section: it is the distribution app's file, and an
  ; app installed since may keep its own settings there. The CLI reads it
  ; (every encoding), so ask before the CLI goes.
  StrCpy $4 0
  ${If} $Purge == 1
  ${AndIf} ${FileExists} "${STATE_DIR}\${CREATED_MARKER}"
  ${AndIf} ${FileExists} "${INI_FILE}"
    nsExec::ExecToStack '"$INSTDIR\oqsdm-cli.exe" --lang en settings --json'
    Pop $0
    Pop $1
    ${If} $0 == 0
      Push $1
      Push '"only_oqsdm":true'
      Call un.Contains
      Pop $4
    ${EndIf}
  ${EndIf}

  Delete "$INSTDIR\oqsdm.exe"
  Delete "$INSTDIR\oqsdm-cli.exe"
  Delete "$INSTDIR\oqsdm-data.json"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINST_KEY}"

  ${If} $Purge == 1
    ${If} $4 == 1
      Delete "${INI_FILE}"
      Delete "${INI_FILE}.bak"
      StrCpy $R0 "${INI_FILE}"
      DetailPrint "$(INSTALLER_UNINST_PURGED_INI)"
      RMDir "${INI_DIR}"
    ${ElseIf} ${FileExists} "${STATE_DIR}\${CREATED_MARKER}"
    ${AndIf} ${FileExists} "${INI_FILE}"
      StrCpy $R0 "${INI_FILE}"
      DetailPrint "$(INSTALLER_UNINST_KEPT_INI)"
    ${EndIf}
    RMDir /r "${STATE_DIR}"
    StrCpy $R0 "${STATE_DIR}"
    DetailPrint "$(INSTALLER_UNINST_PURGED)"
    ; the distribution app's folders, only when nothing else is left in them
    RMDir "${DISTRO_DIR}"
    RMDir "$APPDATA\OQS"
  ${Else}
    StrCpy $R0 "${INI_FILE}"
    StrCpy $R1 "${STATE_DIR}"
    DetailPrint "$(INSTALLER_UNINST_KEPT)"
  ${EndIf}
SectionEnd
