// The History tab at scale: time from process start to the first painted rows of the history,
// on the million-delivery database bench_history builds, with the resident memory then; and the
// time the tab takes to show the next page when the user scrolls to the bottom of the list.
//
//   bench_history_gui [--db PATH] [--runs 5] [--scrolls 20]
//
// Each run is a fresh process (first paint is a cold start), started by this one with --once;
// the figures printed are medians. Build with CMAKE_BUILD_TYPE=Release and run bench_history
// first (it builds the database). Without a display it paints offscreen; under xvfb-run it
// paints to X.
#include "ApplicationIdentity.h"
#include "MainWindow.h"
#include "Preferences.h"
#include "RegistryClient.h"
#include "history/DeliveryTableModel.h"
#include "history/HistoryView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <optional>

using namespace hookline;

namespace {

// bench_history's key for its throw-away database.
const char kBenchKeyHex[] = "6265e6368206869737406f6b6579206f6e6c792c206e6576657220757365642e";

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

qint64 statusKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qsizetype(qstrlen(field))).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// Notes when the history table has painted rows for the first time.
class FirstPaint final : public QObject {
public:
    FirstPaint(QTableView *table, std::function<void()> done)
        : m_table(table)
        , m_done(std::move(done))
    {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_fired && event->type() == QEvent::Paint && m_table->model()->rowCount() > 0) {
            m_fired = true;
            // After this paint has been drawn and flushed, not before it.
            QTimer::singleShot(0, this, [this] { m_done(); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QTableView *m_table;
    std::function<void()> m_done;
    bool m_fired = false;
};

int runOnce(int argc, char **argv, const QElapsedTimer &sinceStart)
{
    // Settings of its own: no pruning of the bench database, and the user's settings untouched.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    qputenv("HOOKLINE_KEYCHAIN", "off");
    if (qEnvironmentVariableIsEmpty("HOOKLINE_MASTER_KEY"))
        qputenv("HOOKLINE_MASTER_KEY", kBenchKeyHex);
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    applyApplicationIdentity();
    QApplication app(argc, argv);
    QString path;
    int scrolls = 20;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i) {
        if (args.at(i) == QLatin1String("--db"))
            path = args.at(i + 1);
        else if (args.at(i) == QLatin1String("--scrolls"))
            scrolls = args.at(i + 1).toInt();
    }
    {
        Preferences preferences;
        preferences.setRetentionDays(0);
        preferences.setRetentionCount(0);
        preferences.sync();
    }

    MainWindow window;
    // Nothing is sent while measuring (the database's retries would be due).
    window.setDispatchingPaused(true);
    window.showTab(MainWindow::Tab::History);
    window.resize(1440, 900);
    HistoryView *history = window.historyView();
    QTableView *table = history->table();
    DeliveryTableModel *model = history->model();

    double sessionMs = -1;
    double firstPageMs = -1;
    QObject::connect(window.registryClient(), &RegistryClient::sessionOpened, &window,
                     [&] { sessionMs = double(sinceStart.nsecsElapsed()) / 1e6; });
    QObject::connect(model, &DeliveryTableModel::firstPageLoaded, &window, [&] {
        if (firstPageMs < 0)
            firstPageMs = double(sinceStart.nsecsElapsed()) / 1e6;
    });

    // Then: scroll to the bottom of what is held, time until the next page has been inserted.
    QList<double> scrollMs;
    QElapsedTimer scrollTimer;
    std::function<void()> scrollOnce;
    scrollOnce = [&] {
        if (scrollMs.size() >= scrolls || model->isAtEnd()) {
            out() << QStringLiteral("rss_after_scroll_kb=%1\nrows_after_scroll=%2\n")
                         .arg(statusKb("VmRSS:"))
                         .arg(model->rowCount());
            for (double ms : std::as_const(scrollMs))
                out() << QStringLiteral("scroll_ms=%1\n").arg(ms, 0, 'f', 2);
            out().flush();
            app.quit();
            return;
        }
        scrollTimer.start();
        table->scrollToBottom();
    };
    QObject::connect(model, &QAbstractItemModel::rowsInserted, &window, [&] {
        if (!scrollTimer.isValid())
            return;
        scrollMs << double(scrollTimer.nsecsElapsed()) / 1e6;
        scrollTimer.invalidate();
        // Let the view lay the rows out and paint before the next scroll.
        QTimer::singleShot(0, &window, scrollOnce);
    });

    FirstPaint firstPaint(table, [&] {
        const double ms = double(sinceStart.nsecsElapsed()) / 1e6;
        out() << QStringLiteral("first_paint_ms=%1\nsession_ms=%2\nfirst_page_ms=%3\nrows=%4\n"
                                "rss_kb=%5\n")
                     .arg(ms, 0, 'f', 1)
                     .arg(sessionMs, 0, 'f', 1)
                     .arg(firstPageMs, 0, 'f', 1)
                     .arg(model->rowCount())
                     .arg(statusKb("VmRSS:"));
        out().flush();
        // The count of a million rows comes a little later; wait for it, then scroll.
        const auto afterCount = [&] {
            out() << QStringLiteral("count_ms=%1\ncount=%2\n")
                         .arg(double(sinceStart.nsecsElapsed()) / 1e6, 0, 'f', 1)
                         .arg(model->totalCount());
            out().flush();
            QTimer::singleShot(0, &window, scrollOnce);
        };
        if (model->totalCount() >= 0)
            afterCount();
        else
            QObject::connect(model, &DeliveryTableModel::totalCountChanged, &window,
                             [afterCount, done = std::make_shared<bool>(false)](qint64 n) {
                                 if (n >= 0 && !*done) {
                                     *done = true;
                                     afterCount();
                                 }
                             });
    });
    table->viewport()->installEventFilter(&firstPaint);

    QTimer::singleShot(120'000, &app, [&] {
        out() << "error=timed out\n";
        out().flush();
        app.exit(1);
    });
    window.show();
    Session::Options options;
    options.databasePath = path;
    options.useKeychain = false;
    window.openSession(options);
    const int code = app.exec();
    out() << QStringLiteral("peak_rss_kb=%1\n").arg(statusKb("VmHWM:"));
    out().flush();
    return code;
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return -1;
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

QString figure(const QList<double> &v, const QString &unit, int decimals = 1)
{
    if (v.isEmpty())
        return QStringLiteral("n/a");
    QList<double> s = v;
    std::sort(s.begin(), s.end());
    return QStringLiteral("%1 %2  (min %3, max %4, n=%5)")
        .arg(median(v), 0, 'f', decimals)
        .arg(unit)
        .arg(s.constFirst(), 0, 'f', decimals)
        .arg(s.constLast(), 0, 'f', decimals)
        .arg(v.size());
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    for (int i = 1; i < argc; ++i)
        if (qstrcmp(argv[i], "--once") == 0)
            return runOnce(argc, argv, sinceStart);

    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("History tab benchmark (first paint, memory)"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("The database bench_history built (default: its default "
                                     "path for 1,000,000 deliveries)."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Cold starts (default 5)."),
                      QStringLiteral("N"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("scrolls"),
                      QStringLiteral("Pages fetched by scrolling per run (default 20)."),
                      QStringLiteral("N"), QStringLiteral("20")});
    parser.process(app);
    QString path = parser.value(QStringLiteral("db"));
    if (path.isEmpty())
        path = QDir(QDir::tempPath())
                   .filePath(QStringLiteral("hookline-bench-history-1000000.sqlite"));
    path = QFileInfo(path).absoluteFilePath();
    if (!QFileInfo::exists(path)) {
        out() << "error: " << path << " does not exist; run bench_history first (it builds it)\n";
        return 1;
    }
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());

    out() << "bench_history_gui\n  database: " << path << '\n';
    QFile loadavg(QStringLiteral("/proc/loadavg"));
    if (loadavg.open(QIODevice::ReadOnly))
        out() << "  load average before measuring: "
              << QString::fromLatin1(loadavg.readAll().trimmed()) << " on "
              << QThread::idealThreadCount() << " cores (other work skews the figures)\n";
    out() << "  platform: "
          << (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")
                  ? (qEnvironmentVariableIsEmpty("DISPLAY") ? QStringLiteral("offscreen")
                                                            : QStringLiteral("xcb"))
                  : qEnvironmentVariable("QT_QPA_PLATFORM"))
          << "; " << runs << " cold starts\n\n";
    out().flush();

    QHash<QString, QList<double>> values;
    for (int run = 0; run < runs; ++run) {
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--once"), QStringLiteral("--db"), path,
                     QStringLiteral("--scrolls"), parser.value(QStringLiteral("scrolls"))});
        if (!child.waitForFinished(180'000)) {
            out() << "error: run " << run + 1 << " did not finish\n";
            child.kill();
            return 1;
        }
        const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
        for (const QByteArray &line : lines) {
            const qsizetype eq = line.indexOf('=');
            if (eq < 0)
                continue;
            const QString key = QString::fromLatin1(line.left(eq));
            if (key == QLatin1String("error")) {
                out() << "error in run " << run + 1 << ": " << line.mid(eq + 1) << '\n';
                return 1;
            }
            values[key] << line.mid(eq + 1).toDouble();
        }
        out() << QStringLiteral("  run %1: first paint %2 ms, %3 MB resident\n")
                     .arg(run + 1)
                     .arg(values.value(QStringLiteral("first_paint_ms")).value(run), 0, 'f', 1)
                     .arg(values.value(QStringLiteral("rss_kb")).value(run) / 1024.0, 0, 'f', 1);
        out().flush();
    }
    const auto mb = [](QList<double> kb) {
        for (double &v : kb)
            v /= 1024.0;
        return kb;
    };
    out() << "\nMedians\n";
    out() << "  session open (from process start) ...... "
          << figure(values.value(QStringLiteral("session_ms")), QStringLiteral("ms")) << '\n';
    out() << "  first page in the model ................ "
          << figure(values.value(QStringLiteral("first_page_ms")), QStringLiteral("ms")) << '\n';
    out() << "  first painted history rows (< 1000 ms) . "
          << figure(values.value(QStringLiteral("first_paint_ms")), QStringLiteral("ms")) << '\n';
    out() << "  \"N deliveries\" count known ............. "
          << figure(values.value(QStringLiteral("count_ms")), QStringLiteral("ms")) << "  ("
          << qint64(median(values.value(QStringLiteral("count")))) << " deliveries)\n";
    out() << "  resident memory at first paint (< 200 MB) "
          << figure(mb(values.value(QStringLiteral("rss_kb"))), QStringLiteral("MB")) << '\n';
    out() << "  next page after scrolling to the bottom  "
          << figure(values.value(QStringLiteral("scroll_ms")), QStringLiteral("ms"), 2)
          << "  (all runs' pages)\n";
    out() << "  resident memory after those pages ...... "
          << figure(mb(values.value(QStringLiteral("rss_after_scroll_kb"))), QStringLiteral("MB"))
          << "  (" << qint64(median(values.value(QStringLiteral("rows_after_scroll"))))
          << " rows held)\n";
    out() << "  peak resident memory ................... "
          << figure(mb(values.value(QStringLiteral("peak_rss_kb"))), QStringLiteral("MB")) << '\n';
    return 0;
}
