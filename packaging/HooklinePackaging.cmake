# Installers through CPack. Included from the top-level CMakeLists.txt after every subdirectory,
# so the targets and their install rules exist. packaging/README.md says how each is built.
#
#   Linux    DEB and RPM against the distribution's Qt (nothing bundled; dependencies declared)
#   Windows  NSIS installer (and a ZIP); Qt deployed by windeployqt through Qt's deploy script
#   macOS    DragNDrop DMG holding Hookline.app; Qt deployed by macdeployqt through the same API
#
# The deploy tools run at install time, last, so `cpack` on a native build machine produces a
# self-contained installer. Qt's libraries are never copied by hand.

set(HOOKLINE_APP_ID org.hookline.Hookline)
set(HOOKLINE_ICONS_DIR ${PROJECT_SOURCE_DIR}/resources/icons)

# --- What every generator shares ----------------------------------------------------------------
set(CPACK_PACKAGE_NAME hookline)
set(CPACK_PACKAGE_VENDOR "The Hookline authors")
set(CPACK_PACKAGE_CONTACT "The Hookline authors <maintainers@hookline.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_HOMEPAGE_URL ${PROJECT_HOMEPAGE_URL})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Desktop webhook console: send, sign, receive and inspect webhooks")
set(CPACK_PACKAGE_DESCRIPTION
"Hookline is a webhook provider and a webhook receiver in one desktop application.
Integrators register an endpoint, receive its signing secret exactly once, fire
signed test events and see exactly what was sent and what their server answered.
Support staff search the delivery history, see why a delivery failed and replay it.
Secrets are encrypted before they reach the local SQLite database. The package
contains the Qt Widgets application (hookline) and the command-line tool
(hookline-cli).")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_INSTALL_DIRECTORY Hookline)
set(CPACK_PACKAGE_EXECUTABLES hookline Hookline)
set(CPACK_STRIP_FILES ON)
set(CPACK_VERBATIM_VARIABLES ON)

set(CPACK_SOURCE_GENERATOR TGZ)
set(CPACK_SOURCE_PACKAGE_FILE_NAME hookline-${PROJECT_VERSION})
set(CPACK_SOURCE_IGNORE_FILES "/\\.git/" "/build[^/]*/" "/\\.cache/" "\\.user$")

# --- Linux: DEB and RPM ---------------------------------------------------------------------------
if(UNIX AND NOT APPLE)
    set(CPACK_GENERATOR DEB)
    find_program(HOOKLINE_RPMBUILD rpmbuild)
    if(HOOKLINE_RPMBUILD)
        list(APPEND CPACK_GENERATOR RPM)
    endif()

    # The copyright file where Debian policy looks for it; RPM users find it at the same path.
    install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION share/doc/hookline RENAME copyright)

    # DEB: dpkg-shlibdeps derives the library packages (Qt 6 Core/Gui/Widgets/Network/Sql,
    # QtKeychain, OpenSSL, libc, libstdc++) from the binaries. It cannot see plugins that Qt loads
    # at run time, so those are named: the SQLite driver and the platform plugins package that
    # libqt6gui6 only recommends (the check-deb test installs without recommends).
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-wayland")
    set(CPACK_DEBIAN_PACKAGE_SUGGESTS "gnome-keyring | kwalletmanager")
    set(CPACK_DEBIAN_PACKAGE_SECTION devel)
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
    set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

    # RPM: built here on Debian, aimed at Fedora-like systems, so the requirements are Fedora's
    # package names rather than whatever rpmbuild would derive from Debian's libraries.
    # qt6-qtbase carries Core, Network, Sql and the SQLite driver; qt6-qtbase-gui carries Gui,
    # Widgets and the xcb/wayland platform plugins.
    set(CPACK_RPM_PACKAGE_LICENSE MIT)
    set(CPACK_RPM_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
    set(CPACK_RPM_PACKAGE_GROUP "Development/Tools")
    set(CPACK_RPM_PACKAGE_URL ${PROJECT_HOMEPAGE_URL})
    set(CPACK_RPM_PACKAGE_RELEASE 1)
    set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
    set(CPACK_RPM_PACKAGE_AUTOREQ OFF)
    set(CPACK_RPM_PACKAGE_AUTOPROV OFF)
    set(CPACK_RPM_PACKAGE_REQUIRES
        "qt6-qtbase >= 6.4, qt6-qtbase-gui >= 6.4, qtkeychain-qt6, openssl-libs >= 3.0")
    # Build-id symlinks under /usr/lib/.build-id would clash with other packages' on Fedora.
    set(CPACK_RPM_SPEC_MORE_DEFINE "%define _build_id_links none")
    # Directories the system already owns (filesystem, hicolor-icon-theme) must not be claimed.
    set(hookline_owned_elsewhere
        /usr/share/applications /usr/share/metainfo /usr/share/icons /usr/share/icons/hicolor
        /usr/share/icons/hicolor/scalable /usr/share/icons/hicolor/scalable/apps)
    foreach(size IN ITEMS 16 32 48 64 128 256 512)
        list(APPEND hookline_owned_elsewhere
            /usr/share/icons/hicolor/${size}x${size} /usr/share/icons/hicolor/${size}x${size}/apps)
    endforeach()
    set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION ${hookline_owned_elsewhere})
endif()

# --- Windows: NSIS --------------------------------------------------------------------------------
if(WIN32 AND TARGET hookline)
    set(CPACK_GENERATOR NSIS ZIP)
    set(CPACK_NSIS_PACKAGE_NAME Hookline)
    set(CPACK_NSIS_DISPLAY_NAME "Hookline ${PROJECT_VERSION}")
    set(CPACK_NSIS_MUI_ICON ${HOOKLINE_ICONS_DIR}/hookline.ico)
    set(CPACK_NSIS_MUI_UNIICON ${HOOKLINE_ICONS_DIR}/hookline.ico)
    set(CPACK_NSIS_INSTALLED_ICON_NAME bin\\hookline.exe)
    set(CPACK_NSIS_URL_INFO_ABOUT ${PROJECT_HOMEPAGE_URL})
    set(CPACK_NSIS_CONTACT ${CPACK_PACKAGE_CONTACT})
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    # Offers to put bin\ on PATH so hookline-cli works from any console.
    set(CPACK_NSIS_MODIFY_PATH ON)

    # The executable's own icon (Explorer, taskbar) comes from a Windows resource script.
    set(hookline_rc ${CMAKE_CURRENT_BINARY_DIR}/packaging/hookline.rc)
    file(TO_CMAKE_PATH "${HOOKLINE_ICONS_DIR}/hookline.ico" hookline_ico)
    file(WRITE ${hookline_rc} "IDI_ICON1 ICON \"${hookline_ico}\"\n")
    target_sources(hookline PRIVATE ${hookline_rc})

    # windeployqt, run at install time, copies the Qt libraries and plugins (platforms, styles,
    # sqldrivers, tls) beside hookline.exe; hookline-cli.exe in the same folder uses a subset.
    qt_generate_deploy_app_script(TARGET hookline FILENAME_VARIABLE hookline_deploy_script)
    install(SCRIPT ${hookline_deploy_script})

    # The Microsoft C++ runtime beside the executables, so no separate redistributable is needed.
    include(InstallRequiredSystemLibraries)

    # windeployqt leaves non-Qt libraries alone: QtKeychain and OpenSSL (libcrypto is linked;
    # Qt's TLS plugin loads libssl at run time). CMake resolves them from the build machine.
    get_filename_component(hookline_openssl_bin "${OPENSSL_INCLUDE_DIR}/../bin" ABSOLUTE)
    get_target_property(hookline_keychain_dll Qt6Keychain::Qt6Keychain IMPORTED_LOCATION_RELEASE)
    if(NOT hookline_keychain_dll)
        get_target_property(hookline_keychain_dll Qt6Keychain::Qt6Keychain IMPORTED_LOCATION)
    endif()
    get_filename_component(hookline_keychain_bin "${hookline_keychain_dll}" DIRECTORY)
    install(CODE "
        set(hookline_search_dirs \"${hookline_openssl_bin}\" \"${hookline_keychain_bin}\")
        file(GET_RUNTIME_DEPENDENCIES
            EXECUTABLES
                \"\${CMAKE_INSTALL_PREFIX}/bin/$<TARGET_FILE_NAME:hookline>\"
                \"\${CMAKE_INSTALL_PREFIX}/bin/$<TARGET_FILE_NAME:hookline-cli>\"
            DIRECTORIES \${hookline_search_dirs}
            PRE_EXCLUDE_REGEXES \"^api-ms-\" \"^ext-ms-\" \"^[Qq]t6[A-Za-z]*\\\\.dll$\"
            POST_EXCLUDE_REGEXES \"[Ss]ystem32\"
            RESOLVED_DEPENDENCIES_VAR hookline_deps
            UNRESOLVED_DEPENDENCIES_VAR hookline_unresolved)
        file(GLOB hookline_libssl \"${hookline_openssl_bin}/libssl-3*.dll\")
        file(INSTALL \${hookline_deps} \${hookline_libssl}
            DESTINATION \"\${CMAKE_INSTALL_PREFIX}/bin\")
        if(hookline_unresolved)
            message(WARNING \"Unresolved runtime libraries: \${hookline_unresolved}\")
        endif()
    ")
endif()

# --- macOS: DragNDrop -----------------------------------------------------------------------------
if(APPLE AND TARGET hookline)
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_DMG_VOLUME_NAME Hookline)
    set(CPACK_PACKAGE_FILE_NAME hookline-${PROJECT_VERSION}-macos)

    set(hookline_icns ${HOOKLINE_ICONS_DIR}/hookline.icns)
    target_sources(hookline PRIVATE ${hookline_icns})
    set_source_files_properties(${hookline_icns} TARGET_DIRECTORY hookline
        PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
    set_target_properties(hookline PROPERTIES
        MACOSX_BUNDLE_GUI_IDENTIFIER ${HOOKLINE_APP_ID}
        MACOSX_BUNDLE_BUNDLE_NAME Hookline
        MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
        MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
        MACOSX_BUNDLE_ICON_FILE hookline.icns
        MACOSX_BUNDLE_COPYRIGHT "Copyright (c) 2026 The Hookline authors")

    # A DMG holds the bundle only, so hookline-cli moves inside it (Contents/MacOS) where
    # macdeployqt can point it at the bundle's frameworks; users link it onto their PATH.
    install(CODE "
        set(hookline_bundle_bin \"\${CMAKE_INSTALL_PREFIX}/$<TARGET_FILE_NAME:hookline>.app/Contents/MacOS\")
        file(RENAME \"\${CMAKE_INSTALL_PREFIX}/bin/$<TARGET_FILE_NAME:hookline-cli>\"
                    \"\${hookline_bundle_bin}/$<TARGET_FILE_NAME:hookline-cli>\")
        file(REMOVE_RECURSE \"\${CMAKE_INSTALL_PREFIX}/bin\")
    ")
    # What qt_generate_deploy_app_script writes for a bundle, plus the CLI as an extra executable.
    set(hookline_deploy_script ${CMAKE_CURRENT_BINARY_DIR}/packaging/deploy-hookline.cmake)
    file(GENERATE OUTPUT ${hookline_deploy_script} CONTENT "
include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE $<TARGET_FILE_NAME:hookline>.app
    ADDITIONAL_EXECUTABLES $<TARGET_FILE_NAME:hookline>.app/Contents/MacOS/$<TARGET_FILE_NAME:hookline-cli>
)
")
    install(SCRIPT ${hookline_deploy_script})
endif()

include(CPack)
