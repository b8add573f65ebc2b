// hookline-cli as a delivery process: events send, webhooks test, dispatch, two dispatch
// processes on one database, clean stop on SIGTERM, and the crash test (SIGKILL mid-flight,
// then a new dispatcher finishes the job with a consistent attempt log).
#include "LocalHttpServer.h"
#include "TestSupport.h"

#include "delivery/EventPublisher.h"
#include "registry/WebhookRegistry.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace hookline;
using hookline::test::CannedResponse;
using hookline::test::LocalHttpServer;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestDispatchProcess : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void sendDeliversAndPrintsEachAttempt();
    void sendFailureExitsOneAndKeepsTheRetry();
    void sendRejectsBadData_data();
    void sendRejectsBadData();
    void sendWithoutSubscribers();
    void createWithFailingTestEventPauses();
    void webhooksTest();
    void pauseAfterIsConfigurable();
    void sigtermGivesLeasesBack();
    void twoProcessesSendEachDeliveryOnce();
    void crashMidFlightLosesNothing();

private:
    QProcess *startCli(const QStringList &args);
    // Runs hookline-cli while this thread's event loop keeps the local server answering.
    Run cli(const QStringList &args, int timeoutMs = 30000);
    Run finish(QProcess *process, int timeoutMs);
    Webhook createWebhook(int timeoutSeconds = 5);
    QStringList enqueue(int count);

    test::TestSession m_t;
    std::unique_ptr<LocalHttpServer> m_server;
    QList<QProcess *> m_processes;
};

void TestDispatchProcess::init()
{
    m_t = test::makeSession();
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->start());
}

void TestDispatchProcess::cleanup()
{
    for (QProcess *p : std::as_const(m_processes)) {
        if (p->state() != QProcess::NotRunning) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
    qDeleteAll(m_processes);
    m_processes.clear();
    m_server.reset();
    m_t = {};
}

QProcess *TestDispatchProcess::startCli(const QStringList &args)
{
    auto *process = new QProcess;
    m_processes << process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HOOKLINE_DB"));
    env.insert(QStringLiteral("HOOKLINE_MASTER_KEY"), test::testKeyHex());
    env.insert(QStringLiteral("HOOKLINE_KEYCHAIN"), QStringLiteral("off"));
    process->setProcessEnvironment(env);
    process->start(QStringLiteral(HOOKLINE_CLI_PATH),
                   args + QStringList{QStringLiteral("--db"), m_t.databasePath});
    process->closeWriteChannel();
    return process;
}

Run TestDispatchProcess::finish(QProcess *process, int timeoutMs)
{
    Run run;
    if (process->state() != QProcess::NotRunning) {
        QSignalSpy finished(process, &QProcess::finished);
        if (!finished.wait(timeoutMs)) {
            process->kill();
            process->waitForFinished(5000);
            run.err = QStringLiteral("hookline-cli timed out\n");
        }
    }
    run.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -2;
    run.out += QString::fromUtf8(process->readAllStandardOutput());
    run.err += QString::fromUtf8(process->readAllStandardError());
    return run;
}

Run TestDispatchProcess::cli(const QStringList &args, int timeoutMs)
{
    return finish(startCli(args), timeoutMs);
}

Webhook TestDispatchProcess::createWebhook(int timeoutSeconds)
{
    WebhookDraft d;
    d.name = QStringLiteral("Receiver");
    d.url = m_server->url();
    d.events = {QStringLiteral("peopleCreated")};
    d.localTesting = true;
    d.timeoutSeconds = timeoutSeconds;
    auto created = m_t.session->registry->create(d);
    if (!created)
        qFatal("%s", qPrintable(created.error().toString()));
    return created->webhook;
}

QStringList TestDispatchProcess::enqueue(int count)
{
    EventPublisher publisher(m_t.session->registry, m_t.session->database);
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        PublishRequest request;
        request.type = QStringLiteral("peopleCreated");
        request.data = QJsonObject{{QStringLiteral("n"), i}};
        auto enq = publisher.publish(request, SystemClock::instance()->nowMs());
        if (!enq)
            qFatal("%s", qPrintable(enq.error().toString()));
        ids << enq->deliveryIds;
    }
    return ids;
}

// ---------------------------------------------------------------------------------------------

void TestDispatchProcess::sendDeliversAndPrintsEachAttempt()
{
    createWebhook();
    const Run r =
        cli({QStringLiteral("events"), QStringLiteral("send"), QStringLiteral("peopleCreated"),
             QStringLiteral("--data"), QStringLiteral("{\"id\": \"p-9\"}"),
             QStringLiteral("--resource-id"), QStringLiteral("p-9")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    QVERIFY2(r.out.contains(QStringLiteral("Receiver  peopleCreated  attempt 1  HTTP 200")),
             qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("delivered")));
    QCOMPARE(m_server->requestCount(), 1);
    const QJsonObject body = QJsonDocument::fromJson(m_server->requests().first().body).object();
    QCOMPARE(body.value(QStringLiteral("data")).toObject().value(QStringLiteral("id")),
             QJsonValue(QStringLiteral("p-9")));
    QCOMPARE(body.value(QStringLiteral("resourceIds")).toArray().first(),
             QJsonValue(QStringLiteral("p-9")));
}

void TestDispatchProcess::sendFailureExitsOneAndKeepsTheRetry()
{
    createWebhook();
    m_server->setResponse(CannedResponse{500, {}, "boom", 0, false});
    const Run r = cli({QStringLiteral("events"), QStringLiteral("send"),
                       QStringLiteral("peopleCreated"), QStringLiteral("--json")});
    QCOMPARE(r.exitCode, 1);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    const QJsonObject d = o.value(QStringLiteral("deliveries")).toArray().first().toObject();
    QCOMPARE(d.value(QStringLiteral("status")).toString(), QStringLiteral("retry_scheduled"));
    const QJsonObject a = d.value(QStringLiteral("attempts")).toArray().first().toObject();
    QCOMPARE(a.value(QStringLiteral("response_status")).toInt(), 500);
    QVERIFY(!a.value(QStringLiteral("next_attempt_at")).toString().isEmpty());

    // dispatch --until-idle has nothing due now and says when the retry is.
    const Run idle = cli({QStringLiteral("dispatch"), QStringLiteral("--until-idle")});
    QCOMPARE(idle.exitCode, 0);
    QVERIFY2(idle.out.contains(QStringLiteral("1 delivery is still queued; the next is due at")),
             qPrintable(idle.out));
    QCOMPARE(m_server->requestCount(), 1);
}

void TestDispatchProcess::sendRejectsBadData_data()
{
    QTest::addColumn<QString>("data");
    QTest::addColumn<QString>("message");
    QTest::newRow("not JSON") << QStringLiteral("{\"id\": }") << QStringLiteral("at offset 8");
    QTest::newRow("array") << QStringLiteral("[1, 2]") << QStringLiteral("must be a JSON object");
}

void TestDispatchProcess::sendRejectsBadData()
{
    QFETCH(QString, data);
    QFETCH(QString, message);
    createWebhook();
    const Run r = cli({QStringLiteral("events"), QStringLiteral("send"),
                       QStringLiteral("peopleCreated"), QStringLiteral("--data"), data});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("INVALID_ARGUMENT: data: ")), qPrintable(r.err));
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QCOMPARE(m_server->requestCount(), 0);
}

void TestDispatchProcess::sendWithoutSubscribers()
{
    const Run r =
        cli({QStringLiteral("events"), QStringLiteral("send"), QStringLiteral("peopleCreated")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("No enabled webhook is subscribed to peopleCreated")),
             qPrintable(r.out));
    const Run unknown =
        cli({QStringLiteral("events"), QStringLiteral("send"), QStringLiteral("no.such.type")});
    QCOMPARE(unknown.exitCode, 3);
    QVERIFY(unknown.err.contains(QStringLiteral("INVALID_EVENTS")));
}

void TestDispatchProcess::createWithFailingTestEventPauses()
{
    m_server->setResponse(CannedResponse{500, {}, "boom", 0, false});
    const Run r = cli({QStringLiteral("webhooks"), QStringLiteral("create"),
                       QStringLiteral("--name"), QStringLiteral("Email Sent Webhook"),
                       QStringLiteral("--url"), m_server->url(), QStringLiteral("--event"),
                       QStringLiteral("peopleCreated"), QStringLiteral("--local-testing"),
                       QStringLiteral("--test-event"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("paused"));
    QVERIFY(o.value(QStringLiteral("status_reason"))
                .toString()
                .contains(QStringLiteral("test delivery failed (HTTP 500)")));
    QCOMPARE(o.value(QStringLiteral("testDelivery"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("failed"));
    QVERIFY(!o.value(QStringLiteral("signing_secret")).toString().isEmpty());
    QCOMPARE(m_server->requestCount(), 1);
    QVERIFY(m_server->requests().first().header("X-Webhook-Id").size() > 0);

    // In text form the secret comes first, then the test and the pause.
    m_server->clear();
    const Run text =
        cli({QStringLiteral("webhooks"), QStringLiteral("create"), QStringLiteral("--name"),
             QStringLiteral("Second"), QStringLiteral("--url"), m_server->url(),
             QStringLiteral("--event"), QStringLiteral("peopleCreated"),
             QStringLiteral("--local-testing"), QStringLiteral("--test-event")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.indexOf(QStringLiteral("Signing secret: ")) <
            text.out.indexOf(QStringLiteral("HTTP 500")));
    QVERIFY2(text.out.contains(QStringLiteral("Webhook status: paused (Paused: the test "
                                              "delivery failed (HTTP 500))")),
             qPrintable(text.out));
}

void TestDispatchProcess::webhooksTest()
{
    const Webhook w = createWebhook();
    const Run ok = cli({QStringLiteral("webhooks"), QStringLiteral("test"), w.id.left(8)});
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.err + ok.out));
    QVERIFY(ok.out.contains(QStringLiteral("peopleCreated (test)  attempt 1  HTTP 200")));
    m_server->setResponse(CannedResponse{404, {}, "nope", 0, false});
    const Run bad = cli({QStringLiteral("webhooks"), QStringLiteral("test"), w.id});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.out.contains(QStringLiteral("HTTP 404")), qPrintable(bad.out));
    QCOMPARE(m_t.session->registry->get(w.id)->status, WebhookStatus::Paused);
    QCOMPARE(m_server->requestCount(), 2);
}

void TestDispatchProcess::pauseAfterIsConfigurable()
{
    const Webhook w = createWebhook();
    m_server->setResponse(CannedResponse{500, {}, "boom", 0, false});
    enqueue(2);
    // Two failures in a row: the default (5) leaves the webhook active.
    Run r = cli({QStringLiteral("dispatch"), QStringLiteral("--until-idle")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    QCOMPARE(m_t.session->registry->get(w.id)->status, WebhookStatus::Active);

    const Webhook other = [&] {
        WebhookDraft d;
        d.name = QStringLiteral("Second");
        d.url = m_server->url();
        d.events = {QStringLiteral("peopleCreated")};
        d.localTesting = true;
        return m_t.session->registry->create(d)->webhook;
    }();
    QVERIFY(m_t.session->registry->disable(w.id).ok());
    enqueue(2);
    r = cli({QStringLiteral("dispatch"), QStringLiteral("--until-idle"),
             QStringLiteral("--pause-after"), QStringLiteral("2")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    const auto paused = m_t.session->registry->get(other.id);
    QCOMPARE(paused->status, WebhookStatus::Paused);
    QVERIFY2(paused->statusReason.contains(QStringLiteral("2 failed attempts")),
             qPrintable(paused->statusReason));

    r = cli({QStringLiteral("dispatch"), QStringLiteral("--pause-after"), QStringLiteral("-1")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--pause-after")), qPrintable(r.err));
}

void TestDispatchProcess::sigtermGivesLeasesBack()
{
    createWebhook();
    CannedResponse hang;
    hang.hang = true;
    m_server->setResponse(hang);
    const QString id = enqueue(1).first();
    QProcess *p = startCli({QStringLiteral("dispatch")});
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 1, 15000);
    p->terminate(); // SIGTERM
    const Run r = finish(p, 15000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("Stopped; leases given back")), qPrintable(r.out));
    QSqlQuery q(m_t.session->database->connection());
    q.prepare(QStringLiteral("SELECT status, attempts, lease_owner FROM deliveries WHERE id = ?"));
    q.addBindValue(id);
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("pending"));
    QCOMPARE(q.value(1).toInt(), 0);
    QVERIFY(q.value(2).isNull());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
}

void TestDispatchProcess::twoProcessesSendEachDeliveryOnce()
{
    createWebhook();
    m_server->setRecording(false);
    const QStringList ids = enqueue(500);
    QProcess *a = startCli({QStringLiteral("dispatch"), QStringLiteral("--until-idle")});
    QProcess *b = startCli({QStringLiteral("dispatch"), QStringLiteral("--until-idle")});
    const Run ra = finish(a, 40000);
    const Run rb = finish(b, 40000);
    QVERIFY2(ra.exitCode == 0, qPrintable(ra.err));
    QVERIFY2(rb.exitCode == 0, qPrintable(rb.err));
    const QHash<QByteArray, int> counts = m_server->deliveryIdCounts();
    QCOMPARE(counts.size(), 500);
    for (const QString &id : ids)
        QCOMPARE(counts.value(id.toLatin1()), 1);
    QSqlQuery q(m_t.session->database->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE status = 'delivered'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 500);
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts")) && q.next());
    QCOMPARE(q.value(0).toInt(), 500);
}

void TestDispatchProcess::crashMidFlightLosesNothing()
{
    constexpr int kEvents = 200;
    createWebhook(5);
    CannedResponse slow;
    slow.delayMs = 20;
    m_server->setResponse(slow);
    const QStringList ids = enqueue(kEvents);
    QCOMPARE(ids.size(), kEvents);

    // Lease = the webhook's 5 s timeout + 1 s, so the restart takes over within seconds.
    QProcess *first = startCli(
        {QStringLiteral("dispatch"), QStringLiteral("--lease-margin"), QStringLiteral("1")});
    connect(m_server.get(), &LocalHttpServer::requestReceived, first, [first](int count) {
        if (count == 50)
            first->kill(); // SIGKILL: no chance to give leases back or flush
    });
    const Run killed = finish(first, 20000);
    QCOMPARE(killed.exitCode, -2);
    const int seenBeforeKill = m_server->requestCount();
    QVERIFY(seenBeforeKill >= 50 && seenBeforeKill < kEvents);

    QSqlQuery q(m_t.session->database->connection());
    QSet<QString> inFlightAtKill;
    QVERIFY(q.exec(QStringLiteral("SELECT id FROM deliveries WHERE status = 'in_flight'")));
    while (q.next())
        inFlightAtKill.insert(q.value(0).toString());
    QVERIFY(!inFlightAtKill.isEmpty()); // at least the 50th request was under way

    QElapsedTimer restart;
    restart.start();
    const Run second = cli({QStringLiteral("dispatch"), QStringLiteral("--until-idle"),
                            QStringLiteral("--lease-margin"), QStringLiteral("1")},
                           40000);
    QVERIFY2(second.exitCode == 0, qPrintable(second.err + second.out));

    // Every event arrived at least once; duplicates only for what was in flight at the kill.
    const QHash<QByteArray, int> counts = m_server->deliveryIdCounts();
    for (const QString &id : ids) {
        const int seen = counts.value(id.toLatin1());
        QVERIFY2(seen >= 1, qPrintable(id));
        if (seen > 1)
            QVERIFY2(inFlightAtKill.contains(id), qPrintable(id));
    }

    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE status <> 'delivered'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);

    // The attempt log: numbers 1..n per delivery, exactly one delivered (the last); earlier
    // ones are the attempts the killed process made, logged as interrupted.
    QHash<QString, QList<QPair<int, QString>>> log;
    QHash<QString, QString> errors;
    QVERIFY(q.exec(QStringLiteral("SELECT delivery_id, attempt_no, outcome, error FROM "
                                  "delivery_attempts ORDER BY delivery_id, attempt_no")));
    while (q.next()) {
        log[q.value(0).toString()].append({q.value(1).toInt(), q.value(2).toString()});
        if (q.value(2).toString() != QLatin1String("delivered"))
            errors.insert(q.value(0).toString(), q.value(3).toString());
    }
    QCOMPARE(log.size(), kEvents);
    for (auto it = log.cbegin(); it != log.cend(); ++it) {
        const auto &attempts = it.value();
        for (qsizetype i = 0; i < attempts.size(); ++i) {
            QCOMPARE(attempts.at(i).first, int(i + 1));
            const bool last = i == attempts.size() - 1;
            QCOMPARE(attempts.at(i).second,
                     last ? QStringLiteral("delivered") : QStringLiteral("failed"));
        }
        if (attempts.size() > 1) {
            QVERIFY(inFlightAtKill.contains(it.key()));
            QVERIFY(errors.value(it.key()).startsWith(QStringLiteral("interrupted")));
        }
        QVERIFY(counts.value(it.key().toLatin1()) <= attempts.size());
    }
    int duplicates = 0;
    for (const int seen : counts)
        duplicates += std::max(0, seen - 1);
    qInfo("%d claimed by the killed process and not recorded; %d of them reached the receiver "
          "twice; the restart took %lld ms (lease expiry included)",
          int(inFlightAtKill.size()), duplicates, restart.elapsed());
    QVERIFY(q.exec(QStringLiteral("SELECT SUM(attempts) FROM deliveries")) && q.next());
    int totalAttempts = 0;
    for (const auto &attempts : std::as_const(log))
        totalAttempts += int(attempts.size());
    QCOMPARE(q.value(0).toInt(), totalAttempts);
}

QTEST_GUILESS_MAIN(TestDispatchProcess)
#include "tst_crash.moc"
