// The dispatcher against real local HTTP(S) servers: headers, signatures, outcomes, retries on a
// ManualClock (never sleeping for a schedule), TLS pinning, and two dispatchers on one queue.
#include "LocalHttpServer.h"
#include "TestSupport.h"

#include "delivery/Dispatcher.h"
#include "delivery/EventPublisher.h"
#include "registry/WebhookRegistry.h"
#include "signing/SignatureVerifier.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <functional>
#include <memory>

using namespace hookline;
using hookline::test::CannedResponse;
using hookline::test::LocalHttpServer;
using hookline::test::ReceivedRequest;

namespace {

constexpr int kWait = 15000; // upper bound of any wait; tests finish far sooner

struct AttemptRow {
    int attemptNo = 0;
    QString outcome;
    QVariant status;
    QString error;
    QJsonArray requestHeaders;
    QByteArray responseBody;
    bool truncated = false;
    qint64 startedAt = 0;

    QByteArray storedHeader(const QString &name) const
    {
        for (const QJsonValue &pair : requestHeaders)
            if (pair.toArray().at(0).toString().compare(name, Qt::CaseInsensitive) == 0)
                return pair.toArray().at(1).toString().toUtf8();
        return {};
    }
};

struct DeliveryRow {
    QString status;
    int attempts = 0;
    QVariant nextAttemptAt;
};

RawHeaderList rawHeaders(const ReceivedRequest &r)
{
    RawHeaderList out;
    for (const auto &h : r.headers)
        out.append(h);
    return out;
}

} // namespace

class TestDispatcher : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void publishChecksTypeAndTargets();
    void deliversWithEveryHeader_data();
    void deliversWithEveryHeader();
    void serverErrorIsRetriedOnTheSchedule();
    void retriesRunOutAndGiveUp();
    void retryAfterIsHonoured();
    void goneDisablesTheWebhook();
    void redirectsAreNotFollowed();
    void timeoutIsADeadline();
    void refusedConnectionIsAFailure();
    void tlsSelfSignedIsRefused();
    void tlsPinnedCertificateIsTrusted();
    void tlsWrongPinIsRefused();
    void autoPauseAfterFiveFailures();
    void failedTestEventPausesTheWebhook();
    void disablingCancelsQueuedDeliveries();
    void rotationOverlapSignsWithBothSecrets();
    void longResponseIsTruncated();
    void stopGivesLeasesBack();
    void pauseHoldsDeliveriesAndStatsFollow();
    void claimAnsweredAfterPauseIsGivenBack();
    void pauseGivesBackWhatWaitsForAConnection();
    void twoDispatchersSendEachDeliveryOnce();

private:
    // `beforeStart` sees the dispatcher before its thread runs (to connect to its first signals).
    Dispatcher *startDispatcher(const std::function<void(Dispatcher::Options &)> &tweak = {},
                                const std::function<void(Dispatcher *)> &beforeStart = {});
    void stopDispatchers();
    WebhookWithSecret createWebhook(const std::function<void(WebhookDraft &)> &tweak = {});
    EnqueuedEvent publish(const QString &webhookId = {}, const QString &system = {});
    // Waits until `count` attempts have been recorded (and reported).
    bool waitForAttempts(int count);
    QList<AttemptRow> attemptRows(const QString &deliveryId) const;
    DeliveryRow deliveryRow(const QString &deliveryId) const;

    std::unique_ptr<ManualClock> m_clock;
    test::TestSession m_t;
    std::unique_ptr<LocalHttpServer> m_server;
    QList<QThread *> m_threads;
    QList<Dispatcher *> m_dispatchers;
    QList<AttemptSummary> m_attempts;
    QList<std::tuple<QString, WebhookStatus, QString>> m_statusChanges;
};

void TestDispatcher::init()
{
    m_clock = std::make_unique<ManualClock>();
    m_t = test::makeSession(m_clock.get());
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->start());
    m_attempts.clear();
    m_statusChanges.clear();
}

void TestDispatcher::cleanup()
{
    stopDispatchers();
    m_server.reset();
    m_t = {};
    m_clock.reset();
}

Dispatcher *TestDispatcher::startDispatcher(const std::function<void(Dispatcher::Options &)> &tweak,
                                            const std::function<void(Dispatcher *)> &beforeStart)
{
    Dispatcher::Options o;
    o.database = m_t.session->database;
    o.registry = m_t.session->registry;
    o.clock = m_clock.get();
    o.maxPollMs = 100;
    if (tweak)
        tweak(o);
    auto *thread = new QThread;
    auto *d = new Dispatcher(o);
    d->moveToThread(thread);
    connect(d, &Dispatcher::attemptsRecorded, this,
            [this](const QList<AttemptSummary> &list) { m_attempts += list; });
    connect(d, &Dispatcher::webhookStatusChanged, this,
            [this](const QString &id, WebhookStatus status, const QString &reason) {
                m_statusChanges.append({id, status, reason});
            });
    connect(d, &Dispatcher::error, this, [](const QString &message) { qWarning() << message; });
    if (beforeStart)
        beforeStart(d);
    thread->start();
    QMetaObject::invokeMethod(d, &Dispatcher::start, Qt::QueuedConnection);
    m_threads << thread;
    m_dispatchers << d;
    return d;
}

void TestDispatcher::stopDispatchers()
{
    for (Dispatcher *d : std::as_const(m_dispatchers))
        QMetaObject::invokeMethod(d, &Dispatcher::stop, Qt::BlockingQueuedConnection);
    for (QThread *thread : std::as_const(m_threads)) {
        thread->quit();
        thread->wait();
    }
    qDeleteAll(m_dispatchers);
    qDeleteAll(m_threads);
    m_dispatchers.clear();
    m_threads.clear();
}

WebhookWithSecret TestDispatcher::createWebhook(const std::function<void(WebhookDraft &)> &tweak)
{
    WebhookDraft d;
    d.name = QStringLiteral("Receiver");
    d.url = m_server->url();
    d.events = {QStringLiteral("peopleCreated")};
    d.localTesting = true;
    d.timeoutSeconds = 5;
    if (tweak)
        tweak(d);
    auto created = m_t.session->registry->create(d);
    if (!created)
        qFatal("%s", qPrintable(created.error().toString()));
    return created.value();
}

EnqueuedEvent TestDispatcher::publish(const QString &webhookId, const QString &system)
{
    EventPublisher publisher(m_t.session->registry, m_t.session->database);
    PublishRequest request;
    request.type = QStringLiteral("peopleCreated");
    request.data = QJsonObject{{QStringLiteral("id"), QStringLiteral("p-1")}};
    request.resourceIds = {QStringLiteral("p-1")};
    request.webhookId = webhookId;
    request.systemId = system;
    auto enq = publisher.publish(request, m_clock->nowMs());
    if (!enq)
        qFatal("%s", qPrintable(enq.error().toString()));
    for (Dispatcher *d : std::as_const(m_dispatchers))
        d->wake();
    return enq.value();
}

bool TestDispatcher::waitForAttempts(int count)
{
    QElapsedTimer timer;
    timer.start();
    while (m_attempts.size() < count && timer.elapsed() < kWait)
        QTest::qWait(10);
    return m_attempts.size() >= count;
}

QList<AttemptRow> TestDispatcher::attemptRows(const QString &deliveryId) const
{
    QSqlQuery q(m_t.session->database->connection());
    q.prepare(
        QStringLiteral("SELECT attempt_no, outcome, response_status, error, request_headers_json, "
                       "response_body, response_truncated, started_at FROM delivery_attempts "
                       "WHERE delivery_id = ? ORDER BY attempt_no"));
    q.addBindValue(deliveryId);
    q.exec();
    QList<AttemptRow> rows;
    while (q.next()) {
        AttemptRow r;
        r.attemptNo = q.value(0).toInt();
        r.outcome = q.value(1).toString();
        r.status = q.value(2);
        r.error = q.value(3).toString();
        r.requestHeaders = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array();
        r.responseBody = q.value(5).toByteArray();
        r.truncated = q.value(6).toInt() != 0;
        r.startedAt = q.value(7).toLongLong();
        rows << r;
    }
    return rows;
}

DeliveryRow TestDispatcher::deliveryRow(const QString &deliveryId) const
{
    QSqlQuery q(m_t.session->database->connection());
    q.prepare(
        QStringLiteral("SELECT status, attempts, next_attempt_at FROM deliveries WHERE id = ?"));
    q.addBindValue(deliveryId);
    q.exec();
    DeliveryRow row;
    if (q.next()) {
        row.status = q.value(0).toString();
        row.attempts = q.value(1).toInt();
        row.nextAttemptAt = q.value(2);
    }
    return row;
}

// ---------------------------------------------------------------------------------------------

void TestDispatcher::publishChecksTypeAndTargets()
{
    EventPublisher publisher(m_t.session->registry, m_t.session->database);
    const qint64 now = m_clock->nowMs();

    PublishRequest unknown;
    unknown.type = QStringLiteral("no.such.event");
    auto bad = publisher.publish(unknown, now);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, ErrorCode::InvalidEvents);
    QVERIFY(bad.error().message.contains(QStringLiteral("no.such.event")));

    // Nobody subscribed: the event is kept, no delivery is made.
    PublishRequest lonely;
    lonely.type = QStringLiteral("peopleCreated");
    auto none = publisher.publish(lonely, now);
    QVERIFY2(none.ok(), qPrintable(none.error().toString()));
    QVERIFY(none->deliveryIds.isEmpty());
    QSqlQuery q(m_t.session->database->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM events")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);

    const Webhook a = createWebhook().webhook;
    const Webhook b = createWebhook([](WebhookDraft &d) { d.name = QStringLiteral("B"); }).webhook;
    const Webhook other =
        createWebhook([](WebhookDraft &d) { d.systemId = QStringLiteral("other"); }).webhook;
    QVERIFY(m_t.session->registry->pause(b.id, QStringLiteral("maintenance")).ok());
    auto all = publisher.publish(lonely, now);
    QCOMPARE(all->webhookIds, QStringList{a.id}); // b is paused, other is another system

    PublishRequest toOne = lonely;
    toOne.webhookId = other.id;
    auto one = publisher.publish(toOne, now);
    QCOMPARE(one->webhookIds, QStringList{other.id});
    QCOMPARE(one->event.systemId, QStringLiteral("other"));

    toOne.webhookId = QStringLiteral("00000000-0000-0000-0000-000000000000");
    QCOMPARE(publisher.publish(toOne, now).error().code, ErrorCode::NotFound);

    toOne.webhookId = b.id;
    auto paused = publisher.publish(toOne, now);
    QVERIFY(!paused.ok());
    QVERIFY(paused.error().message.contains(QStringLiteral("paused")));
    auto test = publisher.sendTestEvent(b.id, now);
    QVERIFY2(test.ok(), qPrintable(test.error().toString()));
    QCOMPARE(test->webhookIds, QStringList{b.id});
    QVERIFY(!test->event.data.isEmpty()); // the catalog's sample

    QVERIFY(m_t.session->registry->disable(a.id).ok());
    toOne.webhookId = a.id;
    auto disabled = publisher.publish(toOne, now);
    QVERIFY(!disabled.ok());
    QVERIFY(disabled.error().message.contains(QStringLiteral("disabled")));
    QVERIFY(!publisher.sendTestEvent(a.id, now).ok());
}

void TestDispatcher::deliversWithEveryHeader_data()
{
    QTest::addColumn<QString>("auth");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QByteArray>("authHeader");
    QTest::addColumn<QByteArray>("authValue");
    QTest::addColumn<QByteArray>("storedAuthValue");

    QTest::newRow("bearer, x-webhook-signature")
        << QStringLiteral("bearer") << QStringLiteral("x-webhook-signature")
        << QByteArray("Authorization") << QByteArray("Bearer tok-123")
        << QByteArray("Bearer [redacted]");
    QTest::newRow("basic, standard-webhooks")
        << QStringLiteral("basic") << QStringLiteral("standard-webhooks")
        << QByteArray("Authorization")
        << QByteArray("Basic ").append(QByteArray("ada:s3cret").toBase64())
        << QByteArray("Basic [redacted]");
    QTest::newRow("api_key, github")
        << QStringLiteral("api_key") << QStringLiteral("github") << QByteArray("X-Api-Key")
        << QByteArray("key-456") << QByteArray("[redacted]");
    QTest::newRow("custom_header, stripe")
        << QStringLiteral("custom_header") << QStringLiteral("stripe") << QByteArray("X-Token")
        << QByteArray("val-789") << QByteArray("[redacted]");
    QTest::newRow("none, none") << QStringLiteral("none") << QStringLiteral("none") << QByteArray()
                                << QByteArray() << QByteArray();
}

void TestDispatcher::deliversWithEveryHeader()
{
    QFETCH(QString, auth);
    QFETCH(QString, scheme);
    QFETCH(QByteArray, authHeader);
    QFETCH(QByteArray, authValue);
    QFETCH(QByteArray, storedAuthValue);

    const auto created = createWebhook([&](WebhookDraft &d) {
        d.headers = {{QStringLiteral("X-Team"), QStringLiteral("payments")}};
        d.scheme = *schemeFromName(scheme);
        d.auth.type = *authTypeFromName(auth);
        switch (d.auth.type) {
        case AuthType::None:
            break;
        case AuthType::Bearer:
            d.auth.token = QStringLiteral("tok-123");
            break;
        case AuthType::Basic:
            d.auth.username = QStringLiteral("ada");
            d.auth.password = QStringLiteral("s3cret");
            break;
        case AuthType::ApiKey:
        case AuthType::CustomHeader:
            d.auth.headerName = QString::fromLatin1(authHeader);
            d.auth.headerValue = QString::fromLatin1(authValue);
            break;
        }
    });
    startDispatcher();
    const EnqueuedEvent enq = publish();
    QCOMPARE(enq.deliveryIds.size(), 1);
    const QString id = enq.deliveryIds.first();
    QVERIFY(waitForAttempts(1));

    QCOMPARE(m_server->requestCount(), 1);
    const ReceivedRequest r = m_server->requests().first();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, QByteArray("/hook"));
    QCOMPARE(r.body, enq.event.body());
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(r.header("User-Agent"), QByteArray("Hookline/" HOOKLINE_VERSION));
    QCOMPARE(r.header("X-Webhook-Id"), id.toLatin1());
    QCOMPARE(r.header("X-Team"), QByteArray("payments"));
    if (!authHeader.isEmpty())
        QCOMPARE(r.header(authHeader), authValue);
    QVERIFY(!r.hasHeader("Cookie"));

    const Verdict verdict =
        SignatureVerifier::verify(created.webhook.scheme, {{created.signingSecret, {}}},
                                  rawHeaders(r), r.body, m_clock->nowMs() / 1000);
    if (scheme == QLatin1String("none"))
        QCOMPARE(verdict.outcome, Verdict::Outcome::NotChecked);
    else
        QVERIFY2(verdict.verified(), qPrintable(verdict.message));
    if (scheme == QLatin1String("standard-webhooks"))
        QCOMPARE(r.header("webhook-id"), id.toLatin1());

    const AttemptSummary &s = m_attempts.first();
    QCOMPARE(s.deliveryId, id);
    QCOMPARE(s.outcome, AttemptOutcome::Delivered);
    QCOMPARE(s.responseStatus.value_or(0), 200);
    QCOMPARE(s.webhookName, QStringLiteral("Receiver"));

    QCOMPARE(deliveryRow(id).status, QStringLiteral("delivered"));
    const QList<AttemptRow> rows = attemptRows(id);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().attemptNo, 1);
    QCOMPARE(rows.first().outcome, QStringLiteral("delivered"));
    QCOMPARE(rows.first().status.toInt(), 200);
    QCOMPARE(rows.first().responseBody, QByteArray("ok"));
    QCOMPARE(rows.first().startedAt, m_clock->nowMs());
    QCOMPARE(rows.first().storedHeader(QStringLiteral("X-Webhook-Id")), id.toLatin1());
    QCOMPARE(rows.first().storedHeader(QStringLiteral("X-Team")), QByteArray("payments"));
    if (!authHeader.isEmpty()) {
        QCOMPARE(rows.first().storedHeader(QString::fromLatin1(authHeader)), storedAuthValue);
        // The credential itself never reaches the database.
        QVERIFY(!test::readDatabaseFiles(m_t.databasePath).contains(authValue));
    }
    const QByteArray signatureHeader =
        scheme == QLatin1String("x-webhook-signature") ? QByteArray("X-Webhook-Signature")
        : scheme == QLatin1String("standard-webhooks") ? QByteArray("webhook-signature")
        : scheme == QLatin1String("github")            ? QByteArray("X-Hub-Signature-256")
        : scheme == QLatin1String("stripe")            ? QByteArray("Stripe-Signature")
                                                       : QByteArray();
    if (!signatureHeader.isEmpty())
        QCOMPARE(rows.first().storedHeader(QString::fromLatin1(signatureHeader)),
                 r.header(signatureHeader));
    const auto w = m_t.session->registry->get(created.webhook.id);
    QCOMPARE(w->lastDeliveryStatus.value_or(0), 200);
}

void TestDispatcher::serverErrorIsRetriedOnTheSchedule()
{
    createWebhook();
    m_server->setHandler([](const ReceivedRequest &, int index) {
        CannedResponse r;
        r.status = index == 0 ? 500 : 200;
        return r;
    });
    startDispatcher();
    const qint64 t0 = m_clock->nowMs();
    const QString id = publish().deliveryIds.first();
    QVERIFY(waitForAttempts(1));
    QCOMPARE(m_attempts.at(0).outcome, AttemptOutcome::RetryScheduled);
    QCOMPARE(m_attempts.at(0).responseStatus.value_or(0), 500);
    DeliveryRow row = deliveryRow(id);
    QCOMPARE(row.status, QStringLiteral("retry_scheduled"));
    // 5 s ± 20 % jitter.
    QVERIFY2(row.nextAttemptAt.toLongLong() >= t0 + 4000 &&
                 row.nextAttemptAt.toLongLong() <= t0 + 6000,
             qPrintable(QString::number(row.nextAttemptAt.toLongLong() - t0)));

    // Not due yet: a wake changes nothing.
    m_clock->advanceMs(3900);
    m_dispatchers.first()->wake();
    QTest::qWait(150);
    QCOMPARE(m_server->requestCount(), 1);

    m_clock->advanceMs(2200);
    m_dispatchers.first()->wake();
    QVERIFY(waitForAttempts(2));
    QCOMPARE(m_attempts.at(1).outcome, AttemptOutcome::Delivered);
    QCOMPARE(m_attempts.at(1).attemptNo, 2);
    QCOMPARE(m_server->requestCount(), 2);
    const QList<AttemptRow> rows = attemptRows(id);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0).outcome, QStringLiteral("retry_scheduled"));
    QCOMPARE(rows.at(0).status.toInt(), 500);
    QCOMPARE(rows.at(1).outcome, QStringLiteral("delivered"));
    QCOMPARE(deliveryRow(id).status, QStringLiteral("delivered"));
    // Both requests carried the same delivery id.
    QCOMPARE(m_server->deliveryIdCounts().value(id.toLatin1()), 2);
}

void TestDispatcher::retriesRunOutAndGiveUp()
{
    createWebhook([](WebhookDraft &d) { d.retryAttempts = 1; });
    m_server->setResponse(CannedResponse{503, {}, "down", 0, false});
    startDispatcher();
    const QString id = publish().deliveryIds.first();
    QVERIFY(waitForAttempts(1));
    QCOMPARE(m_attempts.at(0).outcome, AttemptOutcome::RetryScheduled);
    m_clock->advanceMs(6000);
    m_dispatchers.first()->wake();
    QVERIFY(waitForAttempts(2));
    QCOMPARE(m_attempts.at(1).outcome, AttemptOutcome::GaveUp);
    QCOMPARE(deliveryRow(id).status, QStringLiteral("failed"));
    QCOMPARE(attemptRows(id).last().outcome, QStringLiteral("gave_up"));
    // Nothing more is sent, however late it gets.
    m_clock->advanceMs(48LL * 3600 * 1000);
    m_dispatchers.first()->wake();
    QTest::qWait(150);
    QCOMPARE(m_server->requestCount(), 2);
}

void TestDispatcher::retryAfterIsHonoured()
{
    createWebhook();
    m_server->setResponse(CannedResponse{429, {{"Retry-After", "120"}}, "slow down", 0, false});
    startDispatcher();
    const qint64 t0 = m_clock->nowMs();
    const QString id = publish().deliveryIds.first();
    QVERIFY(waitForAttempts(1));
    QCOMPARE(m_attempts.at(0).outcome, AttemptOutcome::RetryScheduled);
    QCOMPARE(m_attempts.at(0).nextAttemptAtMs.value_or(0), t0 + 120'000);
    QCOMPARE(deliveryRow(id).nextAttemptAt.toLongLong(), t0 + 120'000);
}

void TestDispatcher::goneDisablesTheWebhook()
{
    const Webhook w = createWebhook().webhook;
    m_server->setResponse(CannedResponse{410, {}, "gone", 0, false});
    startDispatcher();
    const QString id = publish().deliveryIds.first();
    QVERIFY(waitForAttempts(1));
    QCOMPARE(m_attempts.at(0).outcome, AttemptOutcome::GaveUp);
    QTRY_COMPARE_WITH_TIMEOUT(m_statusChanges.size(), 1, kWait);
    QCOMPARE(std::get<0>(m_statusChanges.first()), w.id);
    QCOMPARE(std::get<1>(m_statusChanges.first()), WebhookStatus::Disabled);
    QVERIFY(std::get<2>(m_statusChanges.first()).contains(QStringLiteral("410")));
    QCOMPARE(m_t.session->registry->get(w.id)->status, WebhookStatus::Disabled);
    QCOMPARE(deliveryRow(id).status, QStringLiteral("failed"));
}

void TestDispatcher::redirectsAreNotFollowed()
{
    createWebhook();
    const QByteArray target = m_server->url(QStringLiteral("/elsewhere")).toLatin1();
    m_server->setResponse(CannedResponse{302, {{"Location", target}}, {}, 0, false});
    startDispatcher();
    const QString id = publish().deliveryIds.first();
    QVERIFY(waitForAttempts(1));
    QCOMPARE(m_attempts.at(0).outcome, AttemptOutcome::RetryScheduled);
    QCOMPARE(m_attempts.at(0).responseStatus.value_or(0), 302);
    QVERIFY2(m_attempts.at(0).error.contains(
                 QStringLiteral("redirect to %1 not followed").arg(QString::fromLatin1(target))),
             qPrintable(m_attempts.at(0).error));
    QTest::qWait(100);
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_server->requests().first().path, QByteArray("/hook"));
    QCOMPARE(attemptRows(id).first().status.toInt(), 302);
}

void TestDispatcher::timeoutIsADeadline()
{
    createWebhook([](WebhookDraft &d) { d.timeoutSeconds = 5; });
    CannedResponse hang;
    hang.hang = true;
    m_server->setResponse(hang);
    // The webhook's 5 s timeout, scaled to 0.5 s so the test stays fast.
    startDispatcher([](Dispatcher::Options &o) { o.timeoutScale = 0.1; });
    QElapsedTimer timer;
    timer.start();
    const QString id = publish().deliveryIds.first();
    QVERIFY(waitForAttempts(1));
    QVERIFY(timer.elapsed() >= 450);
    QCOMPARE(m_attempts.at(0).outcome, AttemptOutcome::RetryScheduled);
    QVERIFY2(m_attempts.at(0).error.contains(QStringLiteral("timed out after 0.5 s")),
             qPrintable(m_attempts.at(0).error));
    QVERIFY(!m_attempts.at(0).responseStatus);
    const AttemptRow row = attemptRows(id).first();
    QVERIFY(row.status.isNull());
    QVERIFY(row.error.contains(QStringLiteral("timed out")));
}

void TestDispatcher::refusedConnectionIsAFailure()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    createWebhook(
        [port](WebhookDraft &d) { d.url = QStringLiteral("http://127.0.0.1:%1/hook").arg(port); });
    startDispatcher();
    publish();
    QVERIFY(waitForAttempts(1));
    QCOMPARE(m_attempts.at(0).outcome, AttemptOutcome::RetryScheduled);
    QVERIFY2(m_attempts.at(0).error.contains(
                 QStringLiteral("connection refused by 127.0.0.1:%1").arg(port)),
             qPrintable(m_attempts.at(0).error));
}

void TestDispatcher::tlsSelfSignedIsRefused()
{
    m_server->enableTls();
    createWebhook([this](WebhookDraft &d) {
        d.url = m_server->url();
        d.localTesting = false;
    });
    startDispatcher();
    publish();
    QVERIFY(waitForAttempts(1));
    QCOMPARE(m_attempts.at(0).outcome, AttemptOutcome::RetryScheduled);
    QVERIFY2(m_attempts.at(0).error.startsWith(QStringLiteral("TLS handshake failed: ")),
             qPrintable(m_attempts.at(0).error));
    QVERIFY2(m_attempts.at(0).error.contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
             qPrintable(m_attempts.at(0).error));
    QCOMPARE(m_server->requestCount(), 0);
}

void TestDispatcher::tlsPinnedCertificateIsTrusted()
{
    m_server->enableTls();
    createWebhook([this](WebhookDraft &d) {
        d.url = m_server->url();
        d.pinnedCertSha256 = LocalHttpServer::certificateSha256();
    });
    startDispatcher();
    publish();
    QVERIFY(waitForAttempts(1));
    QCOMPARE(m_attempts.at(0).outcome, AttemptOutcome::Delivered);
    QCOMPARE(m_server->requestCount(), 1);
    QVERIFY(m_server->requests().first().secure);
}

void TestDispatcher::tlsWrongPinIsRefused()
{
    m_server->enableTls();
    createWebhook([this](WebhookDraft &d) {
        d.url = m_server->url();
        d.pinnedCertSha256 = QString(64, QLatin1Char('a'));
    });
    startDispatcher();
    publish();
    QVERIFY(waitForAttempts(1));
    QCOMPARE(m_attempts.at(0).outcome, AttemptOutcome::RetryScheduled);
    QVERIFY2(m_attempts.at(0).error.contains(QStringLiteral("does not match the pinned")),
             qPrintable(m_attempts.at(0).error));
    QCOMPARE(m_server->requestCount(), 0);
}

void TestDispatcher::autoPauseAfterFiveFailures()
{
    const Webhook w = createWebhook([](WebhookDraft &d) { d.retryAttempts = 0; }).webhook;
    m_server->setResponse(CannedResponse{500, {}, "boom", 0, false});
    // One at a time, so exactly five attempts fail before the pause.
    startDispatcher([](Dispatcher::Options &o) { o.maxInFlight = 1; });
    for (int i = 0; i < 7; ++i)
        publish();
    QVERIFY(waitForAttempts(5));
    QTRY_COMPARE_WITH_TIMEOUT(m_statusChanges.size(), 1, kWait);
    QCOMPARE(std::get<1>(m_statusChanges.first()), WebhookStatus::Paused);
    const auto paused = m_t.session->registry->get(w.id);
    QCOMPARE(paused->status, WebhookStatus::Paused);
    QVERIFY2(paused->statusReason.contains(QStringLiteral("5 failed attempts")),
             qPrintable(paused->statusReason));
    QTest::qWait(300);
    QCOMPARE(m_server->requestCount(), 5); // the other two wait for the webhook to resume
    QCOMPARE(m_attempts.size(), 5);
}

void TestDispatcher::failedTestEventPausesTheWebhook()
{
    const Webhook w = createWebhook().webhook;
    m_server->setResponse(CannedResponse{500, {}, "boom", 0, false});
    startDispatcher();
    EventPublisher publisher(m_t.session->registry, m_t.session->database);
    auto test = publisher.sendTestEvent(w.id, m_clock->nowMs());
    QVERIFY(test.ok());
    m_dispatchers.first()->wake();
    QVERIFY(waitForAttempts(1));
    QVERIFY(m_attempts.at(0).isTest);
    QCOMPARE(m_attempts.at(0).outcome, AttemptOutcome::GaveUp); // a test is not retried
    QTRY_COMPARE_WITH_TIMEOUT(m_statusChanges.size(), 1, kWait);
    const auto paused = m_t.session->registry->get(w.id);
    QCOMPARE(paused->status, WebhookStatus::Paused);
    QVERIFY2(paused->statusReason.contains(QStringLiteral("test delivery failed (HTTP 500)")),
             qPrintable(paused->statusReason));
    QCOMPARE(deliveryRow(test->deliveryIds.first()).status, QStringLiteral("failed"));
}

void TestDispatcher::disablingCancelsQueuedDeliveries()
{
    const Webhook w = createWebhook().webhook;
    CannedResponse slow;
    slow.delayMs = 400;
    m_server->setResponse(slow);
    // All ten are queued before the dispatcher starts, so its first claim takes them together.
    // One network manager: six requests under way to the host, the other four claimed and
    // waiting for a connection when the webhook is disabled.
    QStringList ids;
    for (int i = 0; i < 10; ++i)
        ids << publish().deliveryIds;
    Dispatcher *d = startDispatcher([](Dispatcher::Options &o) {
        o.networkManagers = 1;
        o.statsIntervalMs = 50;
    });
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 6, kWait);
    QVERIFY(m_t.session->registry->disable(w.id, QStringLiteral("receiver retired")).ok());
    QSignalSpy idle(d, &Dispatcher::idle);
    QVERIFY(idle.wait(kWait));
    QCOMPARE(m_server->requestCount(), 6); // nothing after the disable was sent
    for (const QString &id : std::as_const(ids))
        QCOMPARE(deliveryRow(id).status, QStringLiteral("cancelled"));
    int cancelled = 0;
    for (const AttemptSummary &a : std::as_const(m_attempts))
        cancelled += a.outcome == AttemptOutcome::Cancelled ? 1 : 0;
    QCOMPARE(cancelled, 4);
}

void TestDispatcher::rotationOverlapSignsWithBothSecrets()
{
    const auto created = createWebhook();
    auto rotated = m_t.session->registry->rotateSecret(created.webhook.id);
    QVERIFY(rotated.ok());
    startDispatcher();
    publish();
    QVERIFY(waitForAttempts(1));
    const ReceivedRequest r = m_server->requests().first();
    QVERIFY(r.hasHeader("X-Webhook-Signature"));
    QVERIFY(r.hasHeader("X-Webhook-Signature-Previous"));
    QVERIFY(r.header("X-Webhook-Signature") != r.header("X-Webhook-Signature-Previous"));
    const qint64 now = m_clock->nowMs() / 1000;
    for (const QString &secret : {created.signingSecret, rotated->signingSecret}) {
        const Verdict v = SignatureVerifier::verify(SignatureScheme::XWebhookSignature,
                                                    {{secret, {}}}, rawHeaders(r), r.body, now);
        QVERIFY2(v.verified(), qPrintable(v.message));
    }
    // The main header carries the newest secret.
    const Verdict newest = SignatureVerifier::verify(
        SignatureScheme::XWebhookSignature, {{rotated->signingSecret, {}}},
        {{"X-Webhook-Signature", r.header("X-Webhook-Signature")}}, r.body, now);
    QVERIFY(newest.verified());

    // Once the overlap is over, only the new secret signs.
    m_clock->advanceMs(DefaultRotationOverlapMs + 1000);
    publish();
    QVERIFY(waitForAttempts(2));
    const ReceivedRequest later = m_server->requests().at(1);
    QVERIFY(later.hasHeader("X-Webhook-Signature"));
    QVERIFY(!later.hasHeader("X-Webhook-Signature-Previous"));
}

void TestDispatcher::longResponseIsTruncated()
{
    createWebhook();
    m_server->setResponse(CannedResponse{200, {}, QByteArray(100 * 1024, 'x'), 0, false});
    startDispatcher();
    const QString id = publish().deliveryIds.first();
    QVERIFY(waitForAttempts(1));
    const AttemptRow row = attemptRows(id).first();
    QCOMPARE(row.responseBody.size(), 64 * 1024);
    QVERIFY(row.truncated);
    QCOMPARE(row.outcome, QStringLiteral("delivered"));
}

void TestDispatcher::stopGivesLeasesBack()
{
    createWebhook();
    CannedResponse hang;
    hang.hang = true;
    m_server->setResponse(hang);
    startDispatcher();
    const QString id = publish().deliveryIds.first();
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 1, kWait);
    QCOMPARE(deliveryRow(id).status, QStringLiteral("in_flight"));
    stopDispatchers();
    const DeliveryRow row = deliveryRow(id);
    QCOMPARE(row.status, QStringLiteral("pending"));
    QCOMPARE(row.attempts, 0);
    QVERIFY(attemptRows(id).isEmpty());
    QVERIFY(m_attempts.isEmpty());

    // The next dispatcher sends it at once.
    m_server->setResponse(CannedResponse{});
    startDispatcher();
    QVERIFY(waitForAttempts(1));
    QCOMPARE(m_attempts.first().attemptNo, 1);
    QCOMPARE(deliveryRow(id).status, QStringLiteral("delivered"));
}

void TestDispatcher::pauseHoldsDeliveriesAndStatsFollow()
{
    createWebhook();
    Dispatcher *d = startDispatcher([](Dispatcher::Options &o) { o.statsIntervalMs = 50; });
    QList<QueueStats> stats;
    QObject receiver; // goes before `stats`: no call after this test returns
    connect(d, &Dispatcher::statsChanged, &receiver,
            [&stats](const QueueStats &s) { stats.append(s); });
    QMetaObject::invokeMethod(d, &Dispatcher::pause, Qt::BlockingQueuedConnection);
    QVERIFY(d->isPaused());
    for (int i = 0; i < 3; ++i)
        publish();
    QTRY_VERIFY_WITH_TIMEOUT(!stats.isEmpty() && stats.last().queued == 3, kWait);
    QCOMPARE(m_server->requestCount(), 0);

    QSignalSpy idle(d, &Dispatcher::idle);
    QMetaObject::invokeMethod(d, &Dispatcher::resume, Qt::QueuedConnection);
    QVERIFY(waitForAttempts(3));
    QVERIFY(idle.wait(kWait));
    QCOMPARE(m_server->requestCount(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(stats.last().queued == 0 && stats.last().inFlight == 0 &&
                                 stats.last().deliveredLastMinute == 3,
                             kWait);
}

void TestDispatcher::claimAnsweredAfterPauseIsGivenBack()
{
    // A claim asked for just before pause() and answered after it must not be sent. The store
    // thread is held at a gate so the claim is certain to run after the events are published.
    createWebhook();
    // Watched from before the dispatcher runs: its first look may end before this thread
    // gets to the next line.
    std::unique_ptr<QSignalSpy> idle;
    Dispatcher *d = startDispatcher(
        [](Dispatcher::Options &o) {
            o.maxPollMs = 60'000; // no poll of its own between the steps below
            o.statsIntervalMs = 50;
        },
        [&idle](Dispatcher *started) {
            idle = std::make_unique<QSignalSpy>(started, &Dispatcher::idle);
        });
    QList<QueueStats> stats;
    QObject receiver; // goes before `stats`: no call after this test returns
    connect(d, &Dispatcher::statsChanged, &receiver,
            [&stats](const QueueStats &s) { stats.append(s); });
    // The first look found nothing: it sleeps for maxPollMs now.
    QVERIFY(!idle->isEmpty() || idle->wait(kWait));

    auto *storeThread = d->findChild<QThread *>(QStringLiteral("hookline-store"));
    QVERIFY(storeThread);
    auto *gate = new QObject;
    gate->moveToThread(storeThread);
    QSemaphore entered;
    QSemaphore open;
    QMetaObject::invokeMethod(gate, [&entered, &open] {
        entered.release();
        open.acquire();
    });
    entered.acquire();
    QList<QString> ids;
    for (int i = 0; i < 3; ++i)
        ids << publish().deliveryIds.first();
    QMetaObject::invokeMethod(
        d,
        [d] {
            d->wake();                                               // posts a look at the queue
            QCoreApplication::sendPostedEvents(d, QEvent::MetaCall); // runs it: pump timer at 0
            QCoreApplication::processEvents(); // fires it: the claim waits behind the gate
            d->pause();
        },
        Qt::BlockingQueuedConnection);
    open.release();
    // In turn: the claim (store thread), its answer (dispatcher), the release (store thread).
    QMetaObject::invokeMethod(
        gate, [] {}, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(
        d, [] {}, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(
        gate, [] {}, Qt::BlockingQueuedConnection);
    gate->deleteLater();
    for (const QString &id : std::as_const(ids)) {
        const DeliveryRow row = deliveryRow(id);
        QCOMPARE(row.status, QStringLiteral("pending"));
        QCOMPARE(row.attempts, 0);
    }
    QTRY_VERIFY_WITH_TIMEOUT(
        !stats.isEmpty() && stats.last().queued == 3 && stats.last().inFlight == 0, kWait);
    QCOMPARE(m_server->requestCount(), 0);

    // Resumed, each goes once, as its first attempt.
    QMetaObject::invokeMethod(d, &Dispatcher::resume, Qt::QueuedConnection);
    QVERIFY(waitForAttempts(3));
    QCOMPARE(m_server->requestCount(), 3);
    for (const AttemptSummary &a : std::as_const(m_attempts))
        QCOMPARE(a.attemptNo, 1);
}

void TestDispatcher::pauseGivesBackWhatWaitsForAConnection()
{
    // One manager: six connections to the host. The server does not answer, so six requests
    // stay under way and the other two wait for a connection; pause() returns those two.
    createWebhook();
    CannedResponse hang;
    hang.hang = true;
    m_server->setResponse(hang);
    QList<QString> ids;
    for (int i = 0; i < 8; ++i)
        ids << publish().deliveryIds.first();
    Dispatcher *d = startDispatcher([](Dispatcher::Options &o) {
        o.networkManagers = 1;
        o.statsIntervalMs = 50;
    });
    QList<QueueStats> stats;
    QObject receiver; // goes before `stats`: no call after this test returns
    connect(d, &Dispatcher::statsChanged, &receiver,
            [&stats](const QueueStats &s) { stats.append(s); });
    QTRY_COMPARE_WITH_TIMEOUT(m_server->requestCount(), 6, kWait);
    QMetaObject::invokeMethod(d, &Dispatcher::pause, Qt::BlockingQueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(
        !stats.isEmpty() && stats.last().queued == 2 && stats.last().inFlight == 6, kWait);
    int pending = 0;
    for (const QString &id : std::as_const(ids)) {
        const DeliveryRow row = deliveryRow(id);
        if (row.status == QLatin1String("pending")) {
            ++pending;
            QCOMPARE(row.attempts, 0);
        } else {
            QCOMPARE(row.status, QStringLiteral("in_flight"));
        }
    }
    QCOMPARE(pending, 2);
    QCOMPARE(m_server->requestCount(), 6);
}

void TestDispatcher::twoDispatchersSendEachDeliveryOnce()
{
    // Real time here: two dispatchers, two threads, one SQLite file.
    m_clock.reset();
    m_t = test::makeSession();
    const Webhook w = createWebhook().webhook;
    m_server->setRecording(false);
    EventPublisher publisher(m_t.session->registry, m_t.session->database);
    QStringList ids;
    for (int i = 0; i < 500; ++i) {
        PublishRequest request;
        request.type = QStringLiteral("peopleCreated");
        request.data = QJsonObject{{QStringLiteral("n"), i}};
        auto enq = publisher.publish(request, SystemClock::instance()->nowMs());
        QVERIFY(enq.ok());
        ids << enq->deliveryIds;
    }
    QCOMPARE(ids.size(), 500);
    auto realTime = [](Dispatcher::Options &o) {
        o.clock = nullptr;
        o.maxInFlight = 16;
    };
    Dispatcher *a = startDispatcher(realTime);
    Dispatcher *b = startDispatcher(realTime);
    QVERIFY(a->ownerId() != b->ownerId());
    QVERIFY(waitForAttempts(500));
    QTest::qWait(100);
    QCOMPARE(m_attempts.size(), 500);
    const QHash<QByteArray, int> counts = m_server->deliveryIdCounts();
    QCOMPARE(counts.size(), 500);
    for (const QString &id : std::as_const(ids))
        QCOMPARE(counts.value(id.toLatin1()), 1);
    QSqlQuery q(m_t.session->database->connection());
    QVERIFY(q.exec(QStringLiteral(
        "SELECT COUNT(*), SUM(status = 'delivered'), SUM(attempts) FROM deliveries")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 500);
    QCOMPARE(q.value(1).toInt(), 500);
    QCOMPARE(q.value(2).toInt(), 500);
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts")) && q.next());
    QCOMPARE(q.value(0).toInt(), 500);
    Q_UNUSED(w);
}

QTEST_GUILESS_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
