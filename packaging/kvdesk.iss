; kvdesk: per-user installer (no administrator rights) around the PyInstaller folder dist\kvdesk.
; Inno Setup 6 on Windows, from the repository's top folder:
;
;   iscc /DAppVersion=0.1.0 packaging\kvdesk.iss      ->  dist\kvdesk-0.1.0-setup.exe
;
; Silent install for the current user:  kvdesk-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /CURRENTUSER
; It installs to %LOCALAPPDATA%\Programs\kvdesk and writes only under HKCU. The user's data
; (%LOCALAPPDATA%\kvdesk) is never touched, not even by the uninstaller: drafts outlive the program.
; For installation per machine, IT departments use the MSI (packaging\kvdesk.wxs).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=0.1.0 packaging\kvdesk.iss
#endif

[Setup]
; The AppId never changes: it is how an update finds the installed version.
AppId={{6C3E2F3A-7D0B-4D1E-9F59-1B3C0A8E2A11}
AppName=kvdesk
AppVersion={#AppVersion}
AppVerName=kvdesk {#AppVersion}
AppPublisher=kvdesk
VersionInfoVersion={#AppVersion}
VersionInfoDescription=kvdesk installatie
; Per user, no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\kvdesk
DefaultGroupName=kvdesk
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
SourceDir=..
OutputDir=dist
OutputBaseFilename=kvdesk-{#AppVersion}-setup
SetupIconFile=packaging\kvdesk.ico
UninstallDisplayIcon={app}\kvdesk.exe
UninstallDisplayName=kvdesk
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; A running kvdesk holds its files open; ask to close it rather than fail half-way.
CloseApplications=yes
RestartApplications=no
WizardStyle=modern
MinVersion=10.0

[Languages]
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "dist\kvdesk\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[InstallDelete]
; An update replaces the whole folder: files an older bundle had and the new one lacks must not linger.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\kvdesk"; Filename: "{app}\kvdesk.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\kvdesk"; Filename: "{app}\kvdesk.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\kvdesk.exe"; Description: "{cm:LaunchProgram,kvdesk}"; Flags: nowait postinstall skipifsilent
