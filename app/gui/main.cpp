// hookline: the desktop front end. Start-up only; the window and its work live in ui/.
#include "ApplicationIdentity.h"
#include "MainWindow.h"
#include "Preferences.h"
#include "Theme.h"
#include "Translations.h"
#include "storage/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace {

QStringList argumentsOf(int argc, char **argv)
{
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    return args;
}

#ifdef Q_OS_UNIX
// A signal handler may only write to a descriptor; the event loop reads the other end.
int terminationPipe[2] = {-1, -1};

void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(terminationPipe[0], &byte, 1);
}

// SIGTERM (logging out, kill) and SIGINT (Ctrl+C in a terminal) close the windows as Quit does,
// so the dispatcher hands its claimed deliveries back, receivers stop and the window's
// geometry is saved, instead of the process ending mid-work.
void closeOnTerminationSignals(QObject *context)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, terminationPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(terminationPipe[1], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, context, [] {
        char byte = 0;
        [[maybe_unused]] const ssize_t received = ::read(terminationPipe[1], &byte, 1);
        QApplication::closeAllWindows();
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}
#endif

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
        QStringLiteral("SQLite database to use (default: $HOOKLINE_DB, else the location chosen "
                       "in Settings, else the application data folder)."),
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

    // Qt 6 scales by the screen's factor; pass fractional factors (1.25, 1.5) through as they
    // are rather than rounding them, so text and icons keep the size the desktop asks for.
    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(
        Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    hookline::installTranslations(QLocale());
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

    // The theme before any window shows, so nothing flashes in the wrong colours.
    hookline::Preferences preferences;
    hookline::applyTheme(preferences.theme());

    // --db, then HOOKLINE_DB, then the location chosen in Settings, then the default.
    hookline::Session::Options options;
    if (parser.isSet(dbOption))
        options.databasePath =
            QDir::cleanPath(QDir::current().absoluteFilePath(parser.value(dbOption)));
    else if (!qEnvironmentVariableIsEmpty("HOOKLINE_DB"))
        options.databasePath = hookline::Database::defaultPath();
    else if (const QString chosen = preferences.databasePath(); !chosen.isEmpty())
        options.databasePath = chosen;
    else
        options.databasePath = hookline::Database::defaultPath();

    hookline::MainWindow window;
#ifdef Q_OS_UNIX
    closeOnTerminationSignals(&window);
#endif
    window.show();
    window.openSession(options);
    return app.exec();
}
