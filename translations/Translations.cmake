# Translations with Qt Linguist: translations/*.ts hold every user-visible string of the Widgets
# front end (English source in hookline_en.ts); lrelease compiles them into .qm files embedded
# under :/i18n, which the application loads for the user's locale (ui/Translations.h).
#
#   ninja update_translations   # run lupdate: add new strings to the .ts files, drop removed ones
#
# Needs Qt's LinguistTools (Debian: qt6-tools-dev and qt6-l10n-tools). Without them the
# application builds and runs in English.
find_package(Qt6 6.4 QUIET COMPONENTS LinguistTools)

set(HOOKLINE_TS_FILES ${PROJECT_SOURCE_DIR}/translations/hookline_en.ts)

# hookline_add_translations(TARGET): lupdate over TARGET's sources; the .qm files as its resource.
function(hookline_add_translations target)
    if(NOT TARGET Qt6::lrelease OR NOT TARGET Qt6::lupdate)
        message(STATUS "Qt LinguistTools not found (Debian: qt6-tools-dev qt6-l10n-tools): "
            "building without translations")
        return()
    endif()
    qt_add_translations(${target}
        TS_FILES ${HOOKLINE_TS_FILES}
        RESOURCE_PREFIX /i18n
        LUPDATE_OPTIONS -locations none -no-obsolete)
    target_compile_definitions(${target} PUBLIC HOOKLINE_HAS_TRANSLATIONS)
endfunction()
