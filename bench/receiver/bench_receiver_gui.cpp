// How much a receiver under load costs the GUI thread: a receiver (ReceiverHost, as the
// Receivers tab runs it) with verification and recording on, its requests list shown in a
// QTableView, loaded by wrk with 1 KB signed POSTs, while a 1 ms timer on the GUI thread measures
// how late the event loop gets to it. Compares the receiver on a thread of its own (what the GUI
// does) with the receiver on the GUI thread.
//
//   bench_receiver_gui [--placement thread|gui|both] [--duration 10] [--runs 3]
//                      [--connections 32] [--wrk PATH] [--filter WORDS]
//
// With --filter, the list shows only requests containing WORDS (the Receivers tab's filter)
// while it fills, and after the load the bench times filtering the full list again with words
// that match nothing (every body read to the end): the GUI thread's cost of typing in the filter.
//
// Prints, per run: wrk's request rate, rows that reached the list, how busy the GUI thread was
// (its own CPU time, Linux), its worst stall and 99th percentile (the lateness of the 1 ms
// timer, which also counts waiting for a core), and checks that the database holds a verified
// row for every request the receiver answered. Medians over the runs at the end. Needs wrk.
#include "Session.h"
#include "receiver/ReceivedRequestLog.h"
#include "receiver/ReceivedRequestsFilter.h"
#include "receiver/ReceivedRequestsModel.h"
#include "receiver/ReceiverHost.h"
#include "registry/WebhookRegistry.h"
#include "secrets/Crypto.h"
#include "secrets/SecretVault.h"
#include "signing/WebhookSigner.h"
#include "storage/Database.h"

#include "ThreadCpu.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHeaderView>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#ifdef Q_OS_LINUX
#include <unistd.h>
#endif

using namespace hookline;

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QByteArray benchBody(int size)
{
    QByteArray body = R"({"type":"bench.event","id":"evt_bench","data":{"pad":")";
    const QByteArray tail = R"("}})";
    while (body.size() + tail.size() < size)
        body += char('a' + body.size() % 26);
    return body + tail;
}

bool writeLua(const QString &secret, const QString &path)
{
    const QByteArray body = benchBody(1024);
    auto headers =
        WebhookSigner::sign(SignatureScheme::XWebhookSignature, QStringList{secret}, {}, 0, body);
    if (!headers)
        return false;
    QByteArray lua =
        "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n";
    for (const auto &[name, value] : headers.value())
        lua += "wrk.headers[\"" + name + "\"] = \"" + value + "\"\n";
    lua += "wrk.body = [==[" + body + "]==]\n";
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(lua) == lua.size();
}

// CPU time the calling thread has used, in milliseconds (Linux; -1 elsewhere). Lateness
// includes waiting for a core the load keeps busy; this is the GUI thread's own work.
double threadCpuMs()
{
    const qint64 us = threadCpuMicros(QStringLiteral("/proc/thread-self/stat"));
    return us < 0 ? -1 : double(us) / 1000.0;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[index];
}

double median(std::vector<double> values)
{
    return percentile(std::move(values), 0.5);
}

struct RunResult {
    double rate = 0;       // wrk requests/s
    qint64 received = 0;   // answered by the receiver (its feed's count)
    qint64 recorded = 0;   // rows in the database
    int listRows = 0;      // rows in the list (capped)
    double stallMaxMs = 0; // worst lateness of the 1 ms timer
    double stallP99Ms = 0;
    double stallP50Ms = 0;
    double guiCpuPercent = -1; // of one core, while loaded
    double refilterMs = -1;    // --filter: filtering the full list again (median of 5)
    bool ok = false;
};

std::shared_ptr<Session> openSession(const QString &path)
{
    auto db = Database::open(path);
    if (!db)
        qFatal("%s", qPrintable(db.error().toString()));
    auto vault = SecretVault::withKey(crypto::randomBytes(32));
    auto registry = WebhookRegistry::open(db.value(), vault, {});
    if (!registry)
        qFatal("%s", qPrintable(registry.error().toString()));
    auto session = std::make_shared<Session>();
    session->database = db.value();
    session->vault = vault;
    session->registry = registry.value();
    return session;
}

RunResult runOnce(ReceiverHost::Placement placement, const QString &dir, int run, int seconds,
                  int connections, const QString &wrk, const QString &filter)
{
    RunResult result;
    const QString dbPath =
        QStringLiteral("%1/run-%2-%3.sqlite")
            .arg(dir)
            .arg(placement == ReceiverHost::Placement::OwnThread ? QStringLiteral("thread")
                                                                 : QStringLiteral("gui"))
            .arg(run);
    auto session = openSession(dbPath);
    const QString secret =
        QStringLiteral("whsec_") + QString::fromLatin1(crypto::randomBytes(32).toBase64());
    const QString lua = dir + QStringLiteral("/post.lua");
    if (!writeLua(secret, lua))
        qFatal("cannot write %s", qPrintable(lua));

    auto host = std::make_unique<ReceiverHost>(session, placement);
    host->addSecret(SignatureScheme::XWebhookSignature, secret, QStringLiteral("bench"));
    QTableView table;
    ReceivedRequestsFilter filtered;
    if (filter.isEmpty()) {
        table.setModel(host->requests());
    } else {
        filtered.setRequestsModel(host->requests());
        filtered.setText(filter);
        table.setModel(&filtered);
    }
    table.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table.verticalHeader()->setDefaultSectionSize(table.fontMetrics().height() + 8);
    table.horizontalHeader()->setSectionResizeMode(ReceivedRequestsModel::Path,
                                                   QHeaderView::Stretch);
    table.resize(1100, 700);
    table.show();

    bool started = false;
    host->start(ReceiverLaunch(), host.get(), [&started](Result<ReceiverStarted> r) {
        if (!r)
            qFatal("%s", qPrintable(r.error().toString()));
        started = true;
    });
    QElapsedTimer wait;
    wait.start();
    while (!started && wait.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    if (!started)
        qFatal("the receiver did not start");

    // The probe: a 1 ms precise timer; how late each tick comes is how long the GUI thread was
    // busy with something else.
    std::vector<double> lateness;
    lateness.reserve(size_t(seconds) * 1200);
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    bool measuring = false;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, &probe, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (measuring)
            lateness.push_back(std::max(0.0, double(now - last) / 1e6 - 1.0));
        last = now;
    });
    probe.start();

    QProcess load;
    load.setProcessChannelMode(QProcess::MergedChannels);
    load.start(wrk, {QStringLiteral("-t1"), QStringLiteral("-c%1").arg(connections),
                     QStringLiteral("-d%1s").arg(seconds), QStringLiteral("-s"), lua,
                     host->url().toString() + QStringLiteral("hooks/bench")});
    if (!load.waitForStarted(5000))
        qFatal("cannot run %s", qPrintable(wrk));
    measuring = true;
    QElapsedTimer loaded;
    loaded.start();
    const double cpuBefore = threadCpuMs();
    QEventLoop loop;
    QObject::connect(&load, &QProcess::finished, &loop, &QEventLoop::quit);
    loop.exec();
    measuring = false;
    const double cpuAfter = threadCpuMs();
    if (cpuBefore >= 0 && cpuAfter >= 0)
        result.guiCpuPercent = 100.0 * (cpuAfter - cpuBefore) / double(loaded.elapsed());
    probe.stop();

    const QString report = QString::fromUtf8(load.readAll());
    const auto rate =
        QRegularExpression(QStringLiteral("Requests/sec:\\s+([0-9.]+)")).match(report);
    result.rate = rate.hasMatch() ? rate.captured(1).toDouble() : 0;
    const auto non2xx =
        QRegularExpression(QStringLiteral("Non-2xx or 3xx responses: (\\d+)")).match(report);

    if (!filter.isEmpty()) {
        // A full pass over the list, as when the user types: words nothing contains, so every
        // row's method, path, headers and body are read to the end.
        std::vector<double> passes;
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer pass;
            pass.start();
            filtered.setText(QStringLiteral("zzqx-%1 nothing-matches").arg(i));
            passes.push_back(double(pass.nsecsElapsed()) / 1e6);
        }
        result.refilterMs = median(passes);
        filtered.setText(filter);
    }

    host->stopAndWait();               // every answered request written
    QCoreApplication::processEvents(); // the final feed batch
    result.received = host->counts().received;
    result.listRows = host->requests()->rowCount();
    QSqlQuery q(session->database->connection());
    q.exec(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(verdict = 'verified'), 0) FROM "
                          "received_requests"));
    q.next();
    result.recorded = q.value(0).toLongLong();
    const qint64 verified = q.value(1).toLongLong();
    result.ok = result.recorded == result.received && verified == result.recorded &&
                !non2xx.hasMatch() && result.rate > 0;
    result.stallMaxMs = lateness.empty() ? 0 : *std::max_element(lateness.begin(), lateness.end());
    result.stallP99Ms = percentile(lateness, 0.99);
    result.stallP50Ms = percentile(lateness, 0.5);
    host.reset();
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("placement"), QStringLiteral("thread, gui or both."),
                      QStringLiteral("WHERE"), QStringLiteral("both")});
    parser.addOption({QStringLiteral("duration"), QStringLiteral("Seconds of load per run."),
                      QStringLiteral("S"), QStringLiteral("10")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Runs per placement."),
                      QStringLiteral("N"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("connections"), QStringLiteral("wrk connections."),
                      QStringLiteral("N"), QStringLiteral("32")});
    parser.addOption({QStringLiteral("wrk"), QStringLiteral("wrk executable."),
                      QStringLiteral("PATH"), QStringLiteral("wrk")});
    parser.addOption({QStringLiteral("filter"),
                      QStringLiteral("Show only requests containing these words, and time "
                                     "filtering the full list."),
                      QStringLiteral("WORDS")});
    parser.process(app);
    const QString filter = parser.value(QStringLiteral("filter"));

    const QString wrk = QStandardPaths::findExecutable(parser.value(QStringLiteral("wrk")));
    if (wrk.isEmpty()) {
        std::fputs("wrk not found (Debian: apt-get install wrk)\n", stderr);
        return 2;
    }
    const QString where = parser.value(QStringLiteral("placement"));
    QList<std::pair<QString, ReceiverHost::Placement>> placements;
    if (where != QLatin1String("gui"))
        placements.append({QStringLiteral("own thread"), ReceiverHost::Placement::OwnThread});
    if (where != QLatin1String("thread"))
        placements.append({QStringLiteral("GUI thread"), ReceiverHost::Placement::CallerThread});
    const int runs = std::max(1, parser.value(QStringLiteral("runs")).toInt());
    const int seconds = std::max(1, parser.value(QStringLiteral("duration")).toInt());
    const int connections = std::max(1, parser.value(QStringLiteral("connections")).toInt());

    QTemporaryDir dir;
    out() << QStringLiteral("wrk -t1 -c%1 -d%2s, 1 KB signed POSTs, verification and recording "
                            "on, list shown; %3 runs per placement; platform %4\n")
                 .arg(connections)
                 .arg(seconds)
                 .arg(runs)
                 .arg(QGuiApplication::platformName());
    out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8  %9\n")
                 .arg(QStringLiteral("receiver on"), -12)
                 .arg(QStringLiteral("run"), 4)
                 .arg(QStringLiteral("req/s"), 9)
                 .arg(QStringLiteral("list rows"), 10)
                 .arg(QStringLiteral("GUI CPU"), 8)
                 .arg(QStringLiteral("stall max"), 10)
                 .arg(QStringLiteral("p99"), 7)
                 .arg(QStringLiteral("p50"), 7)
                 .arg(QStringLiteral("recorded"));
    out().flush();
    bool allOk = true;
    for (const auto &[name, placement] : placements) {
        std::vector<double> rates, maxima, p99s, cpus;
        for (int run = 1; run <= runs; ++run) {
            const RunResult r =
                runOnce(placement, dir.path(), run, seconds, connections, wrk, filter);
            rates.push_back(r.rate);
            maxima.push_back(r.stallMaxMs);
            p99s.push_back(r.stallP99Ms);
            cpus.push_back(r.guiCpuPercent);
            allOk = allOk && r.ok;
            out() << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8  %9\n")
                         .arg(name, -12)
                         .arg(run, 4)
                         .arg(r.rate, 9, 'f', 0)
                         .arg(r.listRows, 10)
                         .arg(QStringLiteral("%1%").arg(r.guiCpuPercent, 0, 'f', 1), 8)
                         .arg(QStringLiteral("%1 ms").arg(r.stallMaxMs, 0, 'f', 1), 10)
                         .arg(QStringLiteral("%1").arg(r.stallP99Ms, 0, 'f', 2), 7)
                         .arg(QStringLiteral("%1").arg(r.stallP50Ms, 0, 'f', 2), 7)
                         .arg(r.ok ? QStringLiteral("ok: %1 answered, %2 rows, all verified")
                                         .arg(r.received)
                                         .arg(r.recorded)
                                   : QStringLiteral("FAILED: %1 answered, %2 rows")
                                         .arg(r.received)
                                         .arg(r.recorded));
            if (r.refilterMs >= 0)
                out() << QStringLiteral("%1 filtering the %2 listed requests again: %3 ms\n")
                             .arg(QString(), -12)
                             .arg(r.listRows)
                             .arg(r.refilterMs, 0, 'f', 1);
            out().flush();
        }
        out() << QStringLiteral("%1 median %2 req/s, GUI thread busy %3% of a core, worst GUI "
                                "stall %4 ms, p99 %5 ms\n")
                     .arg(name)
                     .arg(median(rates), 0, 'f', 0)
                     .arg(median(cpus), 0, 'f', 1)
                     .arg(median(maxima), 0, 'f', 1)
                     .arg(median(p99s), 0, 'f', 2);
        out().flush();
    }
    return allOk ? 0 : 1;
}
