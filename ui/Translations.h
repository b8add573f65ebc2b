#pragma once

#include <QLocale>

namespace hookline {

// Loads Hookline's translation for `locale` (the .qm files embedded under :/i18n) and Qt's own
// (for the standard buttons and dialogs), and installs them on the application; a second call
// replaces the first. Returns whether Hookline's translation for the locale was found; English
// needs none, the source strings are English.
bool installTranslations(const QLocale &locale);

// Where the compiled translations are embedded.
QString translationsPath();

} // namespace hookline
