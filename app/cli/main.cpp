#include "CliApp.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // Must match app/gui/main.cpp: the default database and key file live under the
    // application data location these names select.
    QCoreApplication::setApplicationName(QStringLiteral("Hookline"));
    QCoreApplication::setOrganizationName(QStringLiteral("Hookline"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKLINE_VERSION));
    hookline::cli::CliApp cli(QCoreApplication::arguments());
    return cli.run();
}
