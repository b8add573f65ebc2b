// Dispatch figures: how many deliveries per second the dispatcher completes against a fast local
// endpoint with every attempt persisted, and the worst stall of the "GUI" thread's event loop
// meanwhile. The dispatcher runs on a worker thread and the endpoint on another, as in the app;
// the main thread only runs a 1 ms timer (measuring how late each tick is) and receives the
// dispatcher's signals, as the GUI does. Medians over the runs.
//   bench_dispatch [--events N=20000] [--runs R=3] [--max-in-flight N=64] [--managers M=2]
#include "LocalHttpServer.h"

#include "delivery/DeliveryStore.h"
#include "delivery/Dispatcher.h"
#include "delivery/OutgoingEvent.h"
#include "registry/WebhookRegistry.h"
#include "secrets/SecretVault.h"
#include "storage/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <QDir>
#include <QFile>
#include <QMap>

#include <algorithm>
#include <ctime>
#include <unistd.h>

using namespace hookline;

namespace {

// CPU time of the whole process (every thread), in milliseconds.
double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// CPU milliseconds per thread name, from /proc (Linux only; empty elsewhere).
QMap<QString, double> threadCpuMs()
{
    QMap<QString, double> out;
    const long ticks = sysconf(_SC_CLK_TCK);
    const QStringList tids =
        QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tids) {
        QFile stat(QStringLiteral("/proc/self/task/%1/stat").arg(tid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open)
            continue;
        const QString name = QString::fromUtf8(line.mid(open + 1, close - open - 1));
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        // After the name: state(0) ... utime(11) stime(12).
        if (fields.size() < 13)
            continue;
        out[name] += double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) * 1000.0 /
                     double(ticks);
    }
    return out;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

struct RunResult {
    double perSecond = 0;
    double worstStallMs = 0;
    double cpuUsPerDelivery = 0;
    QMap<QString, double> threadCpuUs; // per delivery
    int delivered = 0;
    int attemptRows = 0;
    bool ok = false;
};

RunResult runOnce(int events, const Dispatcher::Options &tuning, QTextStream &out)
{
    RunResult result;
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("bench.sqlite")));
    if (!db) {
        out << db.error().toString() << '\n';
        return result;
    }
    auto vault = SecretVault::withKey(QByteArray(32, '\x42'));
    auto registry = WebhookRegistry::open(db.value(), vault, {});
    if (!registry) {
        out << registry.error().toString() << '\n';
        return result;
    }

    // The endpoint, on a thread of its own: created, run and destroyed there.
    QThread serverThread;
    serverThread.setObjectName(QStringLiteral("endpoint"));
    QObject serverContext;
    serverContext.moveToThread(&serverThread);
    serverThread.start();
    test::LocalHttpServer *server = nullptr;
    bool listening = false;
    QMetaObject::invokeMethod(
        &serverContext,
        [&] {
            server = new test::LocalHttpServer;
            server->setRecording(false);
            listening = server->start();
        },
        Qt::BlockingQueuedConnection);
    auto stopServer = qScopeGuard([&] {
        QMetaObject::invokeMethod(
            &serverContext, [&] { delete server; }, Qt::BlockingQueuedConnection);
        serverThread.quit();
        serverThread.wait();
    });
    if (!listening) {
        out << "cannot listen on 127.0.0.1\n";
        return result;
    }

    WebhookDraft d;
    d.name = QStringLiteral("Bench receiver");
    d.url = server->url();
    d.events = {QStringLiteral("peopleCreated")};
    d.localTesting = true;
    d.headers = {{QStringLiteral("X-Team"), QStringLiteral("bench")}};
    d.auth.type = AuthType::Bearer;
    d.auth.token = QStringLiteral("bench-token");
    auto created = registry.value()->create(d);
    if (!created) {
        out << created.error().toString() << '\n';
        return result;
    }

    // The queue is filled before the clock starts: enqueueing is not what is measured.
    DeliveryStore store(db.value());
    {
        const QList<Webhook> targets{created->webhook};
        const qint64 now = SystemClock::instance()->nowMs();
        for (int i = 0; i < events; ++i) {
            const OutgoingEvent e = OutgoingEvent::create(
                QStringLiteral("peopleCreated"),
                QJsonObject{{QStringLiteral("id"), QStringLiteral("person-%1").arg(i)},
                            {QStringLiteral("name"), QStringLiteral("Ada Lovelace")},
                            {QStringLiteral("email"), QStringLiteral("ada@example.com")}},
                now, {QStringLiteral("person-%1").arg(i)});
            if (auto enq = store.enqueue(e, targets, now); !enq) {
                out << enq.error().toString() << '\n';
                return result;
            }
        }
    }

    Dispatcher::Options options = tuning;
    options.database = db.value();
    options.registry = registry.value();
    QThread worker;
    worker.setObjectName(QStringLiteral("dispatcher"));
    auto *dispatcher = new Dispatcher(options);
    dispatcher->moveToThread(&worker);
    QObject::connect(&worker, &QThread::finished, dispatcher, &QObject::deleteLater);

    QEventLoop loop;
    double cpuBefore = 0;
    double cpuAfter = 0;
    QMap<QString, double> threadsBefore;
    QMap<QString, double> threadsAfter;
    int delivered = 0;
    int failed = 0;
    QElapsedTimer clock;
    qint64 finishedAt = 0;
    QObject::connect(dispatcher, &Dispatcher::attemptsRecorded, &loop,
                     [&](const QList<AttemptSummary> &attempts) {
                         for (const AttemptSummary &a : attempts)
                             (a.outcome == AttemptOutcome::Delivered ? delivered : failed) += 1;
                         if (delivered + failed >= events && finishedAt == 0) {
                             finishedAt = clock.nsecsElapsed();
                             cpuAfter = processCpuMs();
                             threadsAfter = threadCpuMs();
                             loop.quit();
                         }
                     });
    QObject::connect(dispatcher, &Dispatcher::error, &loop,
                     [&out](const QString &message) { out << "error: " << message << '\n'; });
    // A status bar's worth of work per statistics tick.
    QueueStats last;
    QObject::connect(dispatcher, &Dispatcher::statsChanged, &loop,
                     [&last](const QueueStats &s) { last = s; });

    // The "GUI thread": a 1 ms timer; a tick that comes late by more than its interval is a
    // stall of that length.
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QElapsedTimer sinceTick;
    qint64 worstNs = 0;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        const qint64 late = sinceTick.nsecsElapsed() - 1'000'000;
        worstNs = std::max(worstNs, late);
        sinceTick.restart();
    });
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, [&] {
        out << "gave up waiting: " << delivered << " delivered, " << failed << " failed\n";
        loop.quit();
    });

    worker.start();
    cpuBefore = processCpuMs();
    threadsBefore = threadCpuMs();
    clock.start();
    sinceTick.start();
    tick.start();
    guard.start(300'000);
    QMetaObject::invokeMethod(dispatcher, &Dispatcher::start, Qt::QueuedConnection);
    loop.exec();
    tick.stop();
    QMetaObject::invokeMethod(dispatcher, &Dispatcher::stop, Qt::BlockingQueuedConnection);
    worker.quit();
    worker.wait();

    QSqlQuery q(db.value()->connection());
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts WHERE outcome = "
                              "'delivered'")) &&
        q.next())
        result.attemptRows = q.value(0).toInt();
    result.delivered = delivered;
    result.ok = finishedAt > 0 && failed == 0 && result.attemptRows == events;
    result.perSecond = finishedAt > 0 ? events / (double(finishedAt) / 1e9) : 0;
    result.worstStallMs = double(worstNs) / 1e6;
    result.cpuUsPerDelivery = events > 0 ? (cpuAfter - cpuBefore) * 1000.0 / events : 0;
    for (auto it = threadsAfter.cbegin(); it != threadsAfter.cend(); ++it)
        result.threadCpuUs[it.key()] =
            (it.value() - threadsBefore.value(it.key())) * 1000.0 / std::max(1, events);
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Dispatcher throughput and GUI-thread stall."));
    parser.addHelpOption();
    const QCommandLineOption eventsOption(QStringLiteral("events"),
                                          QStringLiteral("Events per run (default 20000)."),
                                          QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs (default 3)."),
                                        QStringLiteral("R"), QStringLiteral("3"));
    const QCommandLineOption inFlightOption(QStringLiteral("max-in-flight"),
                                            QStringLiteral("Dispatcher maxInFlight (default 64)."),
                                            QStringLiteral("N"), QStringLiteral("64"));
    const QCommandLineOption managersOption(
        QStringLiteral("managers"),
        QStringLiteral("QNetworkAccessManagers (6 connections per host each; default 2)."),
        QStringLiteral("M"), QStringLiteral("2"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"),
                                           QStringLiteral("Show CPU time per thread (Linux)."));
    parser.addOptions({eventsOption, runsOption, inFlightOption, managersOption, threadsOption});
    parser.process(app);
    const int events = std::max(1, parser.value(eventsOption).toInt());
    const int runs = std::max(1, parser.value(runsOption).toInt());
    const bool showThreads = parser.isSet(threadsOption);
    Dispatcher::Options tuning;
    tuning.maxInFlight = std::max(1, parser.value(inFlightOption).toInt());
    tuning.networkManagers = std::max(1, parser.value(managersOption).toInt());

    QTextStream out(stdout);
    out << "bench_dispatch: " << events << " events to a local HTTP endpoint, every attempt "
        << "persisted; max in flight " << tuning.maxInFlight << ", " << tuning.networkManagers
        << " network manager(s); " << QThread::idealThreadCount() << " CPU(s)\n";
    out.flush();
    QList<double> rates, stalls;
    bool allOk = true;
    for (int run = 1; run <= runs; ++run) {
        const RunResult r = runOnce(events, tuning, out);
        allOk = allOk && r.ok;
        rates << r.perSecond;
        stalls << r.worstStallMs;
        out << QStringLiteral("run %1: %2 deliveries/s, worst GUI-thread stall %3 ms, %4 us CPU "
                              "per delivery (all threads)%5\n")
                   .arg(run)
                   .arg(r.perSecond, 0, 'f', 0)
                   .arg(r.worstStallMs, 0, 'f', 1)
                   .arg(r.cpuUsPerDelivery, 0, 'f', 0)
                   .arg(r.ok ? QString()
                             : QStringLiteral(" (INCOMPLETE: %1 delivered, %2 attempt rows)")
                                   .arg(r.delivered)
                                   .arg(r.attemptRows));
        if (showThreads) {
            out << "  CPU per delivery by thread:";
            for (auto it = r.threadCpuUs.cbegin(); it != r.threadCpuUs.cend(); ++it)
                out << QStringLiteral(" %1 %2 us;").arg(it.key()).arg(it.value(), 0, 'f', 0);
            out << '\n';
        }
        out.flush();
    }
    out << QStringLiteral("median: %1 deliveries/s (target >= 3000), worst stall %2 ms (target "
                          "<= 50)\n")
               .arg(median(rates), 0, 'f', 0)
               .arg(median(stalls), 0, 'f', 1);
    return allOk ? 0 : 1;
}
