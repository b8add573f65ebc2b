#include "Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace hookline {

namespace {

QTranslator *&installed(int slot)
{
    static QTranslator *translators[2] = {nullptr, nullptr};
    return translators[slot];
}

// Replaces the translator in `slot` with one loaded from `directory`; false when none fits.
bool install(int slot, const QString &name, const QString &directory, const QLocale &locale)
{
    QTranslator *&current = installed(slot);
    if (current) {
        QCoreApplication::removeTranslator(current);
        delete current;
        current = nullptr;
    }
    auto translator = std::make_unique<QTranslator>();
    if (!translator->load(locale, name, QStringLiteral("_"), directory))
        return false;
    QCoreApplication::installTranslator(translator.get());
    current = translator.release();
    return true;
}

} // namespace

QString translationsPath()
{
    return QStringLiteral(":/i18n");
}

bool installTranslations(const QLocale &locale)
{
    install(0, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath),
            locale);
    return install(1, QStringLiteral("hookline"), translationsPath(), locale);
}

} // namespace hookline
