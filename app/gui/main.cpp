// hookline: the desktop front end. Start-up only; the window and its work live in ui/.
#include "ApplicationIdentity.h"
#include "MainWindow.h"
#include "storage/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>

#include <cstdio>

namespace {

QStringList argumentsOf(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

} // namespace

int main(int argc, char **argv)
{
    hookline::applyApplicationIdentity();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Hookline: register webhooks, sign their deliveries, keep their secrets."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("SQLite database to use (default: $HOOKLINE_DB, else the application data "
                       "folder)."),
        QStringLiteral("PATH"));
    parser.addOption(dbOption);

    // --help and --version are answered before QApplication exists, so they need no display.
    // Other errors wait until QApplication has taken its own options (-platform, ...) out.
    parser.parse(argumentsOf(argc, argv));
    if (parser.isSet(helpOption) || parser.isSet(QStringLiteral("help-all"))) {
        QString help = parser.helpText();
        help.replace(QStringLiteral("<executable_name>"), QStringLiteral("hookline"));
        std::fputs(qPrintable(help), stdout);
        return 0;
    }
    if (parser.isSet(versionOption)) {
        std::printf("Hookline %s\n", HOOKLINE_VERSION);
        return 0;
    }

    QApplication app(argc, argv);
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/hookline-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);
    // Lets Wayland compositors and docks match the window to the installed launcher.
    QGuiApplication::setDesktopFileName(QStringLiteral("org.hookline.Hookline"));
    if (!parser.parse(QApplication::arguments()) || !parser.positionalArguments().isEmpty()) {
        const QString problem = parser.errorText().isEmpty()
                                    ? QStringLiteral("unexpected argument '%1'")
                                          .arg(parser.positionalArguments().constFirst())
                                    : parser.errorText();
        std::fprintf(stderr, "hookline: %s\nTry 'hookline --help'.\n", qPrintable(problem));
        return 2;
    }

    hookline::Session::Options options;
    options.databasePath =
        parser.isSet(dbOption)
            ? QDir::cleanPath(QDir::current().absoluteFilePath(parser.value(dbOption)))
            : hookline::Database::defaultPath();

    hookline::MainWindow window;
    window.show();
    window.openSession(options);
    return app.exec();
}
