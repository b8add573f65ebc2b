// Delivery history: keyset paging, filters, search, detail, replay, export and retention.
#include "LocalHttpServer.h"
#include "TestSupport.h"

#include "delivery/DeliveryStore.h"
#include "history/DeliveryHistory.h"
#include "history/DeliveryQuery.h"
#include "history/EventSearch.h"
#include "history/HeaderRedaction.h"
#include "history/HistoryExport.h"
#include "history/Replay.h"
#include "history/Retention.h"
#include "receiver/ReceivedRequestLog.h"
#include "registry/WebhookRegistry.h"
#include "signing/SignatureVerifier.h"
#include "signing/WebhookSigner.h"
#include "storage/Database.h"

#include <QBuffer>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

#include <algorithm>
#include <atomic>
#include <tuple>

using namespace hookline;

namespace {

constexpr qint64 kDay = 86'400'000;
constexpr qint64 kHour = 3'600'000;

// One delivery to seed, written straight into the tables as the delivery engine leaves them.
struct Spec {
    Spec(qint64 at = 0, QString webhook = {}, QString name = {})
        : createdAt(at)
        , webhookId(std::move(webhook))
        , webhookName(std::move(name))
    {}

    qint64 createdAt = 0;
    QString webhookId;
    QString webhookName;
    QString eventType = QStringLiteral("peopleCreated");
    QString status = QStringLiteral("delivered");
    std::optional<int> http = 200;
    QString error;
    int attempts = 1;
    qint64 latency = 40;
    QString eventId; // empty: a new event
    QJsonObject data;
    QStringList resourceIds;
    QString replayOf;
    HeaderPairs requestHeaders;
};

// What a test expects about a seeded row.
struct Seeded {
    QString id;
    qint64 createdAt = 0;
    QString webhookId;
    QString eventType;
    QString status;
    std::optional<int> http;
    QString error;

    // -1: no class (never answered and no error yet).
    int statusClass() const
    {
        if (http)
            return *http / 100;
        return error.isEmpty() ? -1 : 0;
    }
};

bool newestFirst(const Seeded &a, const Seeded &b)
{
    if (a.createdAt != b.createdAt)
        return a.createdAt > b.createdAt;
    return a.id > b.id;
}

QStringList ids(const QList<Seeded> &rows)
{
    QStringList out;
    for (const Seeded &r : rows)
        out << r.id;
    return out;
}

QStringList ids(const QList<DeliveryRow> &rows)
{
    QStringList out;
    for (const DeliveryRow &r : rows)
        out << r.id;
    return out;
}

HeaderPairs sentHeaders(const QString &deliveryId)
{
    return {{"Content-Type", "application/json"},
            {"User-Agent", "Hookline/test"},
            {"X-Webhook-Id", deliveryId.toLatin1()},
            {"Authorization", "Bearer [redacted]"},
            {"X-Webhook-Signature",
             "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}};
}

} // namespace

class TestHistory : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void cursorRoundTrip();
    void badCursorIsRejected();
    void timeBounds_data();
    void timeBounds();
    void pagingVisitsEveryRowOnce_data();
    void pagingVisitsEveryRowOnce();
    void pagingWhileDeliveriesArrive();
    void filters_data();
    void filters();
    void filtersUseAKeysetIndex_data();
    void filtersUseAKeysetIndex();
    void searchFindsCustomerIdInPayload_data();
    void searchFindsCustomerIdInPayload();
    void searchByUuidMatchesIdsExactly();
    void searchSurvivesHostileInput_data();
    void searchSurvivesHostileInput();
    void searchForACommonWordStaysInOrder_data();
    void searchForACommonWordStaysInOrder();
    void searchSurvivesVacuum();
    void migrationIndexesExistingEvents();
    void resolveIdByPrefix();
    void detailShowsPayloadAttemptsAndRedacts();
    void credentialHeaderNamesStayRightAcrossManyNames();
    void webhookStats();

    void replayLinksToOriginalAndLeavesItUnchanged();
    void replayToAnotherWebhook();
    void replayRefusesDisabledOrDeletedWebhook();
    void bulkReplayCountsAndPaces();
    void bulkReplayNeverPicksUpItsOwnReplays();
    void bulkReplayContinuesAfterQueuedReplays();
    void bulkReplayCancelsMidway();
    void bulkReplaySkipsDisabledWebhooks();

    void curlReproducesTheSignedRequest_data();
    void curlReproducesTheSignedRequest();

    void jsonLinesParse();
    void harParsesBackWithRequiredFields();
    void exportOfASelection();

    void retentionByDays();
    void retentionByCount();
    void retentionCancels();

private:
    Webhook hook(const QString &name, const QString &url = {},
                 SignatureScheme scheme = SignatureScheme::XWebhookSignature);
    QString add(const Spec &spec);
    Seeded seeded(const QString &id) const;
    // The mixed data set of the filter tests: three webhooks, three event types, every status.
    QList<Seeded> seedMix();
    QList<DeliveryRow> allPages(const DeliveryFilter &filter, int pageSize);
    QVariantList deliveryRecord(const QString &id);
    qint64 scalar(const QString &sql);

    std::unique_ptr<ManualClock> m_clock;
    test::TestSession m_t;
    std::shared_ptr<Database> m_db;
    QHash<QString, Seeded> m_seeded;
    QHash<QString, Webhook> m_hooks;
};

void TestHistory::init()
{
    m_clock = std::make_unique<ManualClock>(1'760'000'000'000);
    m_t = test::makeSession(m_clock.get());
    m_db = m_t.session->database;
    m_seeded.clear();
    m_hooks.clear();
}

void TestHistory::cleanup()
{
    m_db.reset();
    m_t = {};
    m_clock.reset();
}

Webhook TestHistory::hook(const QString &name, const QString &url, SignatureScheme scheme)
{
    WebhookDraft d;
    d.name = name;
    d.url = url.isEmpty() ? QStringLiteral("https://receiver.example.com/") + name : url;
    d.events = {QStringLiteral("peopleCreated")};
    d.systemId = name; // its own system: no per-event limit between test webhooks
    d.scheme = scheme;
    if (url.startsWith(QLatin1String("http://")))
        d.localTesting = true;
    d.auth.type = AuthType::Bearer;
    d.auth.token = QStringLiteral("tok-") + name + QStringLiteral("-secret");
    auto created = m_t.session->registry->create(d);
    if (!created)
        qFatal("%s", qPrintable(created.error().toString()));
    m_hooks.insert(name, created->webhook);
    return created->webhook;
}

QString TestHistory::add(const Spec &s)
{
    QSqlDatabase c = m_db->connection();
    OutgoingEvent e;
    e.id = s.eventId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : s.eventId;
    e.type = s.eventType;
    e.createdAtMs = s.createdAt;
    e.data = s.data;
    e.resourceIds = s.resourceIds;
    QSqlQuery ev(c);
    ev.prepare(QStringLiteral("INSERT INTO events(id, system_id, type, created_at, "
                              "resource_ids_json, uri, body) VALUES(?, 'default', ?, ?, ?, '', ?) "
                              "ON CONFLICT(id) DO NOTHING"));
    ev.addBindValue(e.id);
    ev.addBindValue(e.type);
    ev.addBindValue(e.createdAtMs);
    ev.addBindValue(QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(e.resourceIds)).toJson(QJsonDocument::Compact)));
    ev.addBindValue(e.body());
    if (!ev.exec())
        qFatal("event insert failed");

    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const bool attempted = s.status != QLatin1String("pending");
    const int attempts = attempted ? std::max(1, s.attempts) : 0;
    const bool hasResult = attempted && s.status != QLatin1String("in_flight");
    QSqlQuery d(c);
    d.prepare(QStringLiteral(
        "INSERT INTO deliveries(id, event_id, event_type, system_id, webhook_id, webhook_name, "
        "status, attempts, next_attempt_at, replay_of, created_at, updated_at, "
        "last_response_status, last_latency_ms, last_error) "
        "VALUES(?, ?, ?, 'default', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    d.addBindValue(id);
    d.addBindValue(e.id);
    d.addBindValue(s.eventType);
    d.addBindValue(s.webhookId);
    d.addBindValue(s.webhookName.isEmpty() ? s.webhookId : s.webhookName);
    d.addBindValue(s.status);
    d.addBindValue(attempts);
    d.addBindValue(s.status == QLatin1String("retry_scheduled") ||
                           s.status == QLatin1String("pending")
                       ? QVariant(s.createdAt + 60'000)
                       : QVariant(QMetaType(QMetaType::LongLong)));
    d.addBindValue(s.replayOf.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                        : QVariant(s.replayOf));
    d.addBindValue(s.createdAt);
    d.addBindValue(s.createdAt);
    d.addBindValue(hasResult && s.http ? QVariant(*s.http) : QVariant(QMetaType(QMetaType::Int)));
    d.addBindValue(hasResult ? QVariant(s.latency) : QVariant(QMetaType(QMetaType::LongLong)));
    d.addBindValue(hasResult && !s.error.isEmpty() ? QVariant(s.error)
                                                   : QVariant(QMetaType(QMetaType::QString)));
    if (!d.exec())
        qFatal("delivery insert failed");

    if (hasResult) {
        QSqlQuery a(c);
        a.prepare(QStringLiteral(
            "INSERT INTO delivery_attempts(delivery_id, attempt_no, started_at, duration_ms, "
            "request_headers_json, response_status, response_headers_json, response_body, "
            "response_truncated, error, outcome) VALUES(?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"));
        const HeaderPairs headers = s.requestHeaders.isEmpty() ? sentHeaders(id) : s.requestHeaders;
        QJsonArray headerJson;
        for (const auto &[n, v] : headers)
            headerJson.append(QJsonArray{QString::fromLatin1(n), QString::fromUtf8(v)});
        for (int n = 1; n <= attempts; ++n) {
            const bool last = n == attempts;
            const std::optional<int> http = last ? s.http : std::optional<int>(503);
            a.addBindValue(id);
            a.addBindValue(n);
            a.addBindValue(s.createdAt + n * 1000);
            a.addBindValue(s.latency);
            a.addBindValue(
                QString::fromUtf8(QJsonDocument(headerJson).toJson(QJsonDocument::Compact)));
            a.addBindValue(http ? QVariant(*http) : QVariant(QMetaType(QMetaType::Int)));
            a.addBindValue(http ? QVariant(QStringLiteral("[[\"Content-Type\",\"text/plain\"]]"))
                                : QVariant(QMetaType(QMetaType::QString)));
            a.addBindValue(http ? QVariant(QByteArrayLiteral("ok"))
                                : QVariant(QMetaType(QMetaType::QByteArray)));
            a.addBindValue(last && !s.error.isEmpty() ? QVariant(s.error)
                                                      : QVariant(QMetaType(QMetaType::QString)));
            a.addBindValue(last ? s.status : QStringLiteral("retry_scheduled"));
            if (!a.exec())
                qFatal("attempt insert failed");
        }
    }
    m_seeded.insert(id, Seeded{id, s.createdAt, s.webhookId, s.eventType, s.status,
                               hasResult ? s.http : std::nullopt, hasResult ? s.error : QString()});
    return id;
}

Seeded TestHistory::seeded(const QString &id) const
{
    return m_seeded.value(id);
}

QList<Seeded> TestHistory::seedMix()
{
    const Webhook a = hook(QStringLiteral("alpha"));
    const Webhook b = hook(QStringLiteral("beta"));
    const Webhook g = hook(QStringLiteral("gamma"));
    const QList<Webhook> hooks{a, b, g};
    const QStringList types{QStringLiteral("peopleCreated"), QStringLiteral("invoicePaid"),
                            QStringLiteral("orderShipped")};
    struct Outcome {
        const char *status;
        std::optional<int> http;
        const char *error;
    };
    const QList<Outcome> outcomes{
        {"delivered", 200, ""},
        {"delivered", 204, ""},
        {"failed", 500, ""},
        {"failed", 404, ""},
        {"failed", std::nullopt, "connection refused"},
        {"retry_scheduled", 503, ""},
        {"pending", std::nullopt, ""},
        {"cancelled", std::nullopt, "not sent: the webhook was deleted"},
        {"failed", 301, "redirect not followed"},
        {"in_flight", std::nullopt, ""},
    };
    QList<Seeded> rows;
    const qint64 base = m_clock->nowMs() - 10 * kDay;
    quint32 lcg = 12345;
    const auto next = [&lcg](quint32 n) {
        lcg = lcg * 1103515245u + 12345u;
        return (lcg >> 16) % n;
    };
    QSqlDatabase c = m_db->connection();
    WriteTransaction tx(c);
    for (int i = 0; i < 150; ++i) {
        Spec s;
        // Pairs share a timestamp: ties are broken by id.
        s.createdAt = base + qint64(i / 2) * kHour;
        const Webhook &w = hooks.at(int(next(3)));
        s.webhookId = w.id;
        s.webhookName = w.name;
        s.eventType = types.at(int(next(3)));
        const Outcome &o = outcomes.at(int(next(quint32(outcomes.size()))));
        s.status = QString::fromLatin1(o.status);
        s.http = o.http;
        s.error = QString::fromLatin1(o.error);
        s.attempts = 1 + int(next(3));
        rows << seeded(add(s));
    }
    if (!tx.commit())
        qFatal("seed commit failed");
    std::sort(rows.begin(), rows.end(), newestFirst);
    return rows;
}

QList<DeliveryRow> TestHistory::allPages(const DeliveryFilter &filter, int pageSize)
{
    DeliveryHistory history(m_db, m_clock.get());
    QList<DeliveryRow> all;
    QString cursor;
    for (int guard = 0; guard < 10'000; ++guard) {
        auto page = history.page(filter, cursor, pageSize);
        if (!page)
            qFatal("%s", qPrintable(page.error().toString()));
        all += page->rows;
        if (page->nextCursor.isEmpty())
            return all;
        if (page->rows.size() != pageSize)
            qFatal("a page with a next cursor must be full");
        cursor = page->nextCursor;
    }
    qFatal("paging never ended");
    return all;
}

QVariantList TestHistory::deliveryRecord(const QString &id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT * FROM deliveries WHERE id = ?"));
    q.addBindValue(id);
    QVariantList values;
    if (q.exec() && q.next())
        for (int i = 0; i < q.record().count(); ++i)
            values << q.value(i);
    return values;
}

qint64 TestHistory::scalar(const QString &sql)
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(sql) || !q.next())
        qFatal("%s failed", qPrintable(sql));
    return q.value(0).toLongLong();
}

// ---------------------------------------------------------------------------------------------
// Cursor, time bounds, paging

void TestHistory::cursorRoundTrip()
{
    const DeliveryCursor c{1'760'000'000'123,
                           QStringLiteral("5a3c0d4e-0000-4000-8000-000000000001")};
    const QString encoded = c.encode();
    QVERIFY(!encoded.contains(c.id)); // opaque
    const auto back = DeliveryCursor::decode(encoded);
    QVERIFY(back);
    QCOMPARE(*back, c);
}

void TestHistory::badCursorIsRejected()
{
    DeliveryHistory history(m_db);
    for (const QString &bad : {QStringLiteral("not a cursor!"), QStringLiteral("MTox"),
                               DeliveryCursor{5, QStringLiteral("x")}.encode().left(3)}) {
        auto page = history.page({}, bad);
        QVERIFY2(!page, qPrintable(bad));
        QCOMPARE(page.error().code, ErrorCode::InvalidArgument);
        QCOMPARE(page.error().field, QStringLiteral("cursor"));
    }
}

void TestHistory::timeBounds_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("expected");
    const qint64 now = 1'760'000'000'000;
    QTest::newRow("1h") << QStringLiteral("1h") << true << now - kHour;
    QTest::newRow("30m") << QStringLiteral("30m") << true << now - 30 * 60'000;
    QTest::newRow("7d") << QStringLiteral("7d") << true << now - 7 * kDay;
    QTest::newRow("1h30m") << QStringLiteral("1h30m") << true << now - 90 * 60'000;
    QTest::newRow("90s") << QStringLiteral("90s") << true << now - 90'000;
    QTest::newRow("2w") << QStringLiteral("2w") << true << now - 14 * kDay;
    QTest::newRow("rfc3339 Z") << QStringLiteral("2026-04-27T17:42:18.001Z") << true
                               << qint64(1'777'311'738'001);
    QTest::newRow("rfc3339 offset")
        << QStringLiteral("2026-04-27T19:42:18+02:00") << true << qint64(1'777'311'738'000);
    QTest::newRow("space separator")
        << QStringLiteral("2026-04-27 17:42:18Z") << true << qint64(1'777'311'738'000);
    QTest::newRow("date") << QStringLiteral("2026-04-27") << true << qint64(1'777'248'000'000);
    QTest::newRow("epoch ms") << QStringLiteral("1777311738001") << true
                              << qint64(1'777'311'738'001);
    QTest::newRow("no zone") << QStringLiteral("2026-04-27T17:42:18") << false << qint64(0);
    QTest::newRow("word") << QStringLiteral("yesterday") << false << qint64(0);
    QTest::newRow("negative") << QStringLiteral("-1h") << false << qint64(0);
    QTest::newRow("unit missing") << QStringLiteral("15") << false << qint64(0);
    QTest::newRow("empty") << QString() << false << qint64(0);
    QTest::newRow("bad date") << QStringLiteral("2026-02-31") << false << qint64(0);
}

void TestHistory::timeBounds()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, expected);
    auto parsed = parseTimeBound(text, 1'760'000'000'000, QStringLiteral("since"));
    QCOMPARE(parsed.ok(), ok);
    if (ok) {
        QCOMPARE(parsed.value(), expected);
    } else {
        QCOMPARE(parsed.error().field, QStringLiteral("since"));
        QVERIFY(parsed.error().message.contains(QLatin1String("--since")));
    }
}

void TestHistory::pagingVisitsEveryRowOnce_data()
{
    QTest::addColumn<int>("pageSize");
    QTest::newRow("1") << 1;
    QTest::newRow("7") << 7;
    QTest::newRow("50") << 50;
    QTest::newRow("1000") << 1000;
}

void TestHistory::pagingVisitsEveryRowOnce()
{
    QFETCH(int, pageSize);
    const QList<Seeded> expected = seedMix();
    const QList<DeliveryRow> got = allPages({}, pageSize);
    QCOMPARE(ids(got), ids(expected));
    QCOMPARE(DeliveryHistory(m_db).count({}).value(), qint64(expected.size()));
}

void TestHistory::pagingWhileDeliveriesArrive()
{
    const Webhook w = hook(QStringLiteral("w"));
    const qint64 base = m_clock->nowMs() - kDay;
    QList<Seeded> old;
    for (int i = 0; i < 60; ++i)
        old << seeded(add(Spec{base + (i / 3) * 1000, w.id, w.name}));
    std::sort(old.begin(), old.end(), newestFirst);

    DeliveryHistory history(m_db);
    auto first = history.page({}, {}, 10);
    QVERIFY(first);
    QCOMPARE(ids(first->rows), ids(old.mid(0, 10)));

    // New deliveries arrive between every two pages, some at the very time of the newest row.
    QStringList seen = ids(first->rows);
    QStringList arrived;
    QString cursor = first->nextCursor;
    qint64 t = old.constFirst().createdAt;
    while (!cursor.isEmpty()) {
        for (int k = 0; k < 4; ++k)
            arrived << add(Spec{t + (k % 2), w.id, w.name});
        ++t;
        auto page = history.page({}, cursor, 10);
        QVERIFY(page);
        seen += ids(page->rows);
        cursor = page->nextCursor;
    }
    QCOMPARE(seen, ids(old)); // no duplicates, no gaps, nothing newer slipped in

    // A live view asks for what is newer than its first row.
    auto newer = history.newer({}, first->rows.constFirst().cursor(), 1000);
    QVERIFY(newer);
    QStringList expectedNewer;
    for (const QString &id : std::as_const(arrived))
        if (first->rows.constFirst().cursor().olderThan(DeliveryCursor{seeded(id).createdAt, id}))
            expectedNewer << id;
    QList<Seeded> newerSorted;
    for (const QString &id : std::as_const(expectedNewer))
        newerSorted << seeded(id);
    std::sort(newerSorted.begin(), newerSorted.end(), newestFirst);
    QCOMPARE(ids(newer.value()), ids(newerSorted));
    QVERIFY(!newer->isEmpty());
}

// ---------------------------------------------------------------------------------------------
// Filters

void TestHistory::filters_data()
{
    QTest::addColumn<QString>("webhook"); // alpha, beta, gamma or empty
    QTest::addColumn<QString>("eventType");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("statusClass");
    QTest::addColumn<int>("sinceHoursAgo"); // -1: none
    QTest::addColumn<int>("untilHoursAgo"); // -1: none

    QTest::newRow("webhook") << QStringLiteral("alpha") << QString() << QString() << QString() << -1
                             << -1;
    QTest::newRow("event type") << QString() << QStringLiteral("invoicePaid") << QString()
                                << QString() << -1 << -1;
    QTest::newRow("delivered") << QString() << QString() << QStringLiteral("delivered") << QString()
                               << -1 << -1;
    QTest::newRow("failed") << QString() << QString() << QStringLiteral("failed") << QString() << -1
                            << -1;
    QTest::newRow("pending") << QString() << QString() << QStringLiteral("pending") << QString()
                             << -1 << -1;
    QTest::newRow("retry_scheduled")
        << QString() << QString() << QStringLiteral("retry_scheduled") << QString() << -1 << -1;
    QTest::newRow("in_flight") << QString() << QString() << QStringLiteral("in_flight") << QString()
                               << -1 << -1;
    QTest::newRow("cancelled") << QString() << QString() << QStringLiteral("cancelled") << QString()
                               << -1 << -1;
    QTest::newRow("2xx") << QString() << QString() << QString() << QStringLiteral("2xx") << -1
                         << -1;
    QTest::newRow("3xx") << QString() << QString() << QString() << QStringLiteral("3xx") << -1
                         << -1;
    QTest::newRow("4xx") << QString() << QString() << QString() << QStringLiteral("4xx") << -1
                         << -1;
    QTest::newRow("5xx") << QString() << QString() << QString() << QStringLiteral("5xx") << -1
                         << -1;
    QTest::newRow("network") << QString() << QString() << QString() << QStringLiteral("network")
                             << -1 << -1;
    QTest::newRow("since") << QString() << QString() << QString() << QString() << 200 << -1;
    QTest::newRow("until") << QString() << QString() << QString() << QString() << -1 << 220;
    QTest::newRow("range") << QString() << QString() << QString() << QString() << 230 << 200;
    QTest::newRow("empty range") << QString() << QString() << QString() << QString() << 190 << 190;
    QTest::newRow("webhook+failed+since") << QStringLiteral("beta") << QString()
                                          << QStringLiteral("failed") << QString() << 230 << -1;
    QTest::newRow("type+5xx+range") << QString() << QStringLiteral("peopleCreated") << QString()
                                    << QStringLiteral("5xx") << 239 << 170;
    QTest::newRow("webhook+type+class") << QStringLiteral("gamma") << QStringLiteral("orderShipped")
                                        << QString() << QStringLiteral("2xx") << -1 << -1;
}

void TestHistory::filters()
{
    QFETCH(QString, webhook);
    QFETCH(QString, eventType);
    QFETCH(QString, status);
    QFETCH(QString, statusClass);
    QFETCH(int, sinceHoursAgo);
    QFETCH(int, untilHoursAgo);

    const QList<Seeded> rows = seedMix();
    const qint64 now = m_clock->nowMs();
    DeliveryFilter f;
    f.webhookId = webhook.isEmpty() ? QString() : m_hooks.value(webhook).id;
    f.eventType = eventType;
    if (!status.isEmpty())
        f.status = deliveryStatusFromName(status);
    if (!statusClass.isEmpty())
        f.statusClass = statusClassFromName(statusClass);
    if (sinceHoursAgo >= 0)
        f.sinceMs = now - sinceHoursAgo * kHour;
    if (untilHoursAgo >= 0)
        f.untilMs = now - untilHoursAgo * kHour;

    const int wantClass = !f.statusClass ? -2
                          : *f.statusClass == StatusClass::NetworkError
                              ? 0
                              : statusClassName(*f.statusClass).left(1).toInt();
    QList<Seeded> expected;
    for (const Seeded &r : rows) {
        if (!f.webhookId.isEmpty() && r.webhookId != f.webhookId)
            continue;
        if (!eventType.isEmpty() && r.eventType != eventType)
            continue;
        if (!status.isEmpty() && r.status != status)
            continue;
        if (wantClass != -2 && r.statusClass() != wantClass)
            continue;
        if (f.sinceMs && r.createdAt < *f.sinceMs)
            continue;
        if (f.untilMs && r.createdAt >= *f.untilMs)
            continue;
        expected << r;
    }
    const QList<DeliveryRow> got = allPages(f, 4);
    QCOMPARE(ids(got), ids(expected));
    QCOMPARE(DeliveryHistory(m_db).count(f).value(), qint64(expected.size()));
    if (qstrcmp(QTest::currentDataTag(), "empty range") != 0)
        QVERIFY2(!expected.isEmpty(), "the data set should exercise this filter");
    // Every row shows what the list needs.
    for (const DeliveryRow &r : got) {
        const Seeded s = seeded(r.id);
        QCOMPARE(deliveryStatusName(r.status), s.status);
        QCOMPARE(r.lastResponseStatus, s.http);
        QCOMPARE(r.webhookId, s.webhookId);
        QVERIFY(!r.webhookName.isEmpty());
        QVERIFY(!r.eventId.isEmpty());
        QCOMPARE(r.deliveredAtMs.has_value(), s.status == QLatin1String("delivered"));
    }
}

void TestHistory::filtersUseAKeysetIndex_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("index");
    QTest::newRow("none") << 0 << QStringLiteral("deliveries_by_time");
    QTest::newRow("webhook") << 1 << QStringLiteral("deliveries_history_by_webhook");
    QTest::newRow("event type") << 2 << QStringLiteral("deliveries_history_by_type");
    QTest::newRow("status") << 3 << QStringLiteral("deliveries_history_by_status");
    QTest::newRow("status class") << 4 << QStringLiteral("deliveries_history_by_class");
    QTest::newRow("time range") << 5 << QStringLiteral("deliveries_by_time");
    QTest::newRow("rare text") << 6 << QStringLiteral("deliveries_by_event");
}

void TestHistory::filtersUseAKeysetIndex()
{
    QFETCH(int, which);
    QFETCH(QString, index);
    DeliveryFilter f;
    switch (which) {
    case 1:
        f.webhookId = QStringLiteral("w");
        break;
    case 2:
        f.eventType = QStringLiteral("t");
        break;
    case 3:
        f.status = DeliveryStatus::Failed;
        break;
    case 4:
        f.statusClass = StatusClass::ServerError5xx;
        break;
    case 5:
        f.sinceMs = 1;
        f.untilMs = 5;
        break;
    case 6:
        f.search = QStringLiteral("cus_123");
        break;
    default:
        break;
    }
    DeliveryQuery::Bounds bounds;
    bounds.olderThan = DeliveryCursor{3, QStringLiteral("x")};
    auto sql = DeliveryQuery::build(m_db->connection(), f, bounds);
    QVERIFY(sql);
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("EXPLAIN QUERY PLAN SELECT d.id FROM deliveries d WHERE ") +
              sql->where + QStringLiteral(" ORDER BY d.created_at DESC, d.id DESC LIMIT 51"));
    for (const QVariant &v : sql->binds)
        q.addBindValue(v);
    QVERIFY(q.exec());
    QString plan;
    while (q.next())
        plan += q.value(3).toString() + QLatin1Char('\n');
    QVERIFY2(plan.contains(index), qPrintable(plan));
    if (which != 6) // a rare search sorts its few matches
        QVERIFY2(!plan.contains(QLatin1String("TEMP B-TREE")), qPrintable(plan));
    QVERIFY2(!plan.contains(QLatin1String("SCAN d")), qPrintable(plan));
}

// ---------------------------------------------------------------------------------------------
// Search

void TestHistory::searchFindsCustomerIdInPayload_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("prefix");
    QTest::addColumn<QStringList>("tags"); // which seeded events must match
    QTest::newRow("customer id") << QStringLiteral("cus_8f3k2") << false
                                 << QStringList{QStringLiteral("c1"), QStringLiteral("c2"),
                                                QStringLiteral("c3")};
    QTest::newRow("case-insensitive")
        << QStringLiteral("CUS_8F3K2") << false
        << QStringList{QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3")};
    QTest::newRow("prefix") << QStringLiteral("cus_8f3k") << true
                            << QStringList{QStringLiteral("c1"), QStringLiteral("c2"),
                                           QStringLiteral("c3"), QStringLiteral("near")};
    QTest::newRow("no prefix, no partial word")
        << QStringLiteral("cus_8f3k") << false << QStringList{};
    QTest::newRow("resource id") << QStringLiteral("res-777") << false
                                 << QStringList{QStringLiteral("r")};
    QTest::newRow("two words") << QStringLiteral("cus_8f3k2 Lovelace") << false
                               << QStringList{QStringLiteral("c2")};
    QTest::newRow("word in a nested value")
        << QStringLiteral("lovelace") << false << QStringList{QStringLiteral("c2")};
}

void TestHistory::searchFindsCustomerIdInPayload()
{
    QFETCH(QString, text);
    QFETCH(bool, prefix);
    QFETCH(QStringList, tags);
    const Webhook w = hook(QStringLiteral("w"));
    const qint64 t = m_clock->nowMs() - kHour;
    QHash<QString, QString> tagOf;
    const auto customer = [](const QString &id, const QString &name) {
        return QJsonObject{
            {QStringLiteral("customer"),
             QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}}},
            {QStringLiteral("amount"), 42}};
    };
    // Filler: other customers.
    for (int i = 0; i < 30; ++i) {
        Spec s{t + i, w.id, w.name};
        s.data = customer(QStringLiteral("cus_other%1").arg(i), QStringLiteral("Someone"));
        add(s);
    }
    Spec c1{t + 100, w.id, w.name};
    c1.data = customer(QStringLiteral("cus_8f3k2"), QStringLiteral("Grace Hopper"));
    tagOf.insert(add(c1), QStringLiteral("c1"));
    Spec c2{t + 101, w.id, w.name};
    c2.data = customer(QStringLiteral("cus_8f3k2"), QStringLiteral("Ada Lovelace"));
    c2.status = QStringLiteral("failed");
    c2.http = 500;
    tagOf.insert(add(c2), QStringLiteral("c2"));
    Spec c3{t + 102, w.id, w.name};
    c3.data = QJsonObject{{QStringLiteral("note"), QStringLiteral("refund for cus_8f3k2 issued")}};
    tagOf.insert(add(c3), QStringLiteral("c3"));
    Spec near{t + 103, w.id, w.name};
    near.data = customer(QStringLiteral("cus_8f3k2x"), QStringLiteral("Not Her"));
    tagOf.insert(add(near), QStringLiteral("near"));
    Spec r{t + 104, w.id, w.name};
    r.resourceIds = {QStringLiteral("res-777")};
    tagOf.insert(add(r), QStringLiteral("r"));

    DeliveryFilter f;
    f.search = text;
    f.searchPrefix = prefix;
    QStringList got;
    for (const DeliveryRow &row : allPages(f, 2))
        got << tagOf.value(row.id, QStringLiteral("filler"));
    QStringList want = tags;
    std::reverse(want.begin(), want.end()); // newest first: seeded in tag order
    QCOMPARE(got, want);
    QCOMPARE(DeliveryHistory(m_db).count(f).value(), qint64(tags.size()));
}

void TestHistory::searchByUuidMatchesIdsExactly()
{
    const Webhook w = hook(QStringLiteral("w"));
    const qint64 t = m_clock->nowMs() - kHour;
    const QString eventId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Spec s{t, w.id, w.name};
    s.eventId = eventId;
    const QString first = add(s);
    s.createdAt = t + 1;
    const QString second = add(s); // the same event to the webhook again
    Spec other{t + 2, w.id, w.name};
    const QString unrelated = add(other);
    Spec replay{t + 3, w.id, w.name};
    replay.replayOf = first;
    const QString replayId = add(replay);
    // A payload that mentions a UUID as a resource id.
    const QString person = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Spec mention{t + 4, w.id, w.name};
    mention.resourceIds = {person};
    const QString mentioning = add(mention);

    const auto search = [this](const QString &text) {
        DeliveryFilter f;
        f.search = text;
        return ids(allPages(f, 50));
    };
    QCOMPARE(search(eventId), (QStringList{second, first}));
    QCOMPARE(search(eventId.toUpper()), (QStringList{second, first}));
    QCOMPARE(search(QLatin1Char('{') + eventId + QLatin1Char('}')), (QStringList{second, first}));
    QCOMPARE(search(first), (QStringList{replayId, first})); // the delivery and its replay
    QCOMPARE(search(unrelated), QStringList{unrelated});
    QCOMPARE(search(person), QStringList{mentioning});
}

void TestHistory::searchSurvivesHostileInput_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("quote") << QStringLiteral("\"");
    QTest::newRow("operators") << QStringLiteral("cus_8f3k2\" OR \"x");
    QTest::newRow("near") << QStringLiteral("NEAR(a b, 3)");
    QTest::newRow("column filter") << QStringLiteral("payload:foo");
    QTest::newRow("star") << QStringLiteral("*");
    QTest::newRow("minus") << QStringLiteral("- -x");
    QTest::newRow("caret") << QStringLiteral("^start");
    QTest::newRow("parens") << QStringLiteral("(((");
    QTest::newRow("sql") << QStringLiteral("'; DROP TABLE deliveries; --");
    QTest::newRow("punctuation only") << QStringLiteral("-- ! ?");
}

void TestHistory::searchSurvivesHostileInput()
{
    QFETCH(QString, text);
    const Webhook w = hook(QStringLiteral("w"));
    Spec s{m_clock->nowMs(), w.id, w.name};
    s.data = QJsonObject{{QStringLiteral("customer"), QStringLiteral("cus_8f3k2")}};
    add(s);
    DeliveryHistory history(m_db);
    for (bool prefix : {false, true}) {
        DeliveryFilter f;
        f.search = text;
        f.searchPrefix = prefix;
        auto page = history.page(f);
        QVERIFY2(page, qPrintable(page.error().toString()));
        auto n = history.count(f);
        QVERIFY2(n, qPrintable(n.error().toString()));
        QCOMPARE(qint64(page->rows.size()), n.value());
    }
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries")), qint64(1));
}

void TestHistory::searchForACommonWordStaysInOrder_data()
{
    // Events i in [0, total) mention "commonword" when from <= i < to and i % every == 0; the
    // rest say "other words". Each layout makes a different plan the cheapest.
    QTest::addColumn<int>("total");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<int>("every");
    QTest::addColumn<QString>("planMarker");
    const int few = DeliveryQuery::CommonSearchMatches + 500;
    // Nine in ten events match: probing a few rows beats gathering every match.
    QTest::newRow("probe") << few * 10 / 9 << 0 << few * 10 / 9 << 1
                           << QStringLiteral("CORRELATED");
    // One in ten: gather the matches, walk the time index testing each row.
    QTest::newRow("set walk") << few * 10 << 0 << few * 10 << 10 << QStringLiteral("LIST SUBQUERY");
    // Common once, absent lately: walking from the newest would find nothing for long.
    QTest::newRow("driven") << few + 25'000 << 0 << few << 1
                            << QStringLiteral("deliveries_by_event");
}

void TestHistory::searchForACommonWordStaysInOrder()
{
    QFETCH(int, total);
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(int, every);
    QFETCH(QString, planMarker);
    const Webhook w = hook(QStringLiteral("w"));
    const qint64 t = m_clock->nowMs() - kDay;
    QSqlDatabase c = m_db->connection();
    {
        // Written in bulk: one statement per table rather than a round trip per row.
        WriteTransaction tx(c);
        QSqlQuery q(c);
        q.prepare(QStringLiteral(
            "WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ?) "
            "INSERT INTO events(id, system_id, type, created_at, body) "
            "SELECT printf('ev-%06d', n), 'default', 'peopleCreated', ? + n / 2, "
            "CASE WHEN n >= ? AND n < ? AND n % ? = 0 THEN '{\"text\":\"commonword\"}' "
            "ELSE '{\"text\":\"other words\"}' END FROM seq"));
        q.addBindValue(total - 1);
        q.addBindValue(t);
        q.addBindValue(from);
        q.addBindValue(to);
        q.addBindValue(every);
        QVERIFY(q.exec());
        q.prepare(QStringLiteral(
            "INSERT INTO deliveries(id, event_id, event_type, system_id, webhook_id, webhook_name, "
            "status, created_at, updated_at) SELECT 'dl-' || substr(id, 4), id, type, "
            "'default', ?, ?, 'pending', created_at, created_at FROM events"));
        q.addBindValue(w.id);
        q.addBindValue(w.name);
        QVERIFY(q.exec());
        QVERIFY(tx.commit());
    }
    QList<Seeded> common;
    for (int i = from; i < to; ++i)
        if (i % every == 0) {
            Seeded row;
            row.id = QStringLiteral("dl-%1").arg(i, 6, 10, QLatin1Char('0'));
            row.createdAt = t + i / 2;
            common << row;
        }
    std::sort(common.begin(), common.end(), newestFirst);
    QVERIFY(common.size() >= DeliveryQuery::CommonSearchMatches);

    DeliveryFilter f;
    f.search = QStringLiteral("commonword");
    const auto plan = [&c](const DeliverySql &sql, const QString &select) {
        QSqlQuery q(c);
        q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + select + sql.where +
                  QStringLiteral(" ORDER BY d.created_at DESC, d.id DESC LIMIT 51"));
        for (const QVariant &v : sql.binds)
            q.addBindValue(v);
        QString text;
        if (q.exec())
            while (q.next())
                text += q.value(3).toString() + QLatin1Char('\n');
        return text;
    };
    const QString rows = plan(DeliveryQuery::build(c, f).value(),
                              QStringLiteral("SELECT d.id FROM deliveries d WHERE "));
    QVERIFY2(rows.contains(planMarker), qPrintable(rows));
    if (planMarker != QLatin1String("deliveries_by_event")) // walks need no sort
        QVERIFY2(!rows.contains(QLatin1String("TEMP B-TREE")), qPrintable(rows));
    const QString counted = plan(
        DeliveryQuery::build(c, f, DeliveryQuery::Bounds{}, DeliveryQuery::Purpose::Count).value(),
        QStringLiteral("SELECT COUNT(*) FROM deliveries d WHERE "));
    QVERIFY2(counted.contains(QLatin1String("deliveries_by_event")), qPrintable(counted));

    // Whatever the plan, every page is right.
    QCOMPARE(ids(allPages(f, 50)), ids(common));
    QCOMPARE(DeliveryHistory(m_db).count(f).value(), qint64(common.size()));
    DeliveryFilter withFilter = f;
    withFilter.sinceMs = t + total / 4;
    QList<Seeded> recent;
    for (const Seeded &r : std::as_const(common))
        if (r.createdAt >= *withFilter.sinceMs)
            recent << r;
    QCOMPARE(ids(allPages(withFilter, 200)), ids(recent));

    // A rare word combined with a filter still starts from the search index.
    DeliveryFilter rare;
    rare.search = QStringLiteral("nonexistentword");
    rare.status = DeliveryStatus::Pending;
    const QString rarePlan = plan(DeliveryQuery::build(c, rare).value(),
                                  QStringLiteral("SELECT d.id FROM deliveries d WHERE "));
    QVERIFY2(rarePlan.contains(QLatin1String("deliveries_by_event")), qPrintable(rarePlan));
}

void TestHistory::searchSurvivesVacuum()
{
    // The search index is keyed by event_search_keys.rowid, which VACUUM keeps (the implicit
    // rowid of events it may renumber).
    const Webhook w = hook(QStringLiteral("w"));
    const qint64 t = m_clock->nowMs() - kDay;
    QStringList keep;
    for (int i = 0; i < 40; ++i) {
        Spec s{t + i, w.id, w.name};
        s.data = QJsonObject{{QStringLiteral("customer"), QStringLiteral("cus_%1").arg(i)}};
        const QString id = add(s);
        if (i % 2)
            keep << id;
    }
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("DELETE FROM delivery_attempts")));
    QVERIFY(
        q.exec(QStringLiteral("DELETE FROM deliveries WHERE (created_at - %1) % 2 = 0").arg(t)));
    QVERIFY(q.exec(QStringLiteral("DELETE FROM events WHERE NOT EXISTS (SELECT 1 FROM deliveries "
                                  "d WHERE d.event_id = events.id)")));
    QVERIFY(q.exec(QStringLiteral("VACUUM")));
    for (int i = 0; i < 40; ++i) {
        DeliveryFilter f;
        f.search = QStringLiteral("cus_%1").arg(i);
        const QStringList got = ids(allPages(f, 10));
        if (i % 2)
            QCOMPARE(got, QStringList{keep.at(i / 2)});
        else
            QVERIFY(got.isEmpty());
    }
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM event_search_keys")),
             scalar(QStringLiteral("SELECT COUNT(*) FROM events")));
    QVERIFY(q.exec(QStringLiteral("INSERT INTO events_fts(events_fts) VALUES('integrity-check')")));
}

void TestHistory::migrationIndexesExistingEvents()
{
    // Put the database back to schema 1 (as a released Hookline left it), with history in it.
    // The steps undo migrations 2 to 5 (4 dropped an index 2 made; 5 replaced the first
    // schema's index by received_spans); a later migration needs its own step here.
    if (Database::latestSchemaVersion() != 5)
        QSKIP("The downgrade below covers migrations 2 to 5 only; add a step for the new one.");
    const Webhook w = hook(QStringLiteral("w"));
    {
        QSqlQuery q(m_db->connection());
        for (const char *sql :
             {"DROP TABLE received_spans",
              "CREATE INDEX received_requests_by_time ON received_requests(receiver_id, "
              "received_at)",
              "ALTER TABLE received_requests DROP COLUMN response_status",
              "DROP TRIGGER events_search_insert", "DROP TRIGGER events_search_delete",
              "DROP TRIGGER events_search_update", "DROP TABLE events_fts",
              "DROP TABLE event_search_keys", "DROP INDEX deliveries_history_by_webhook",
              "DROP INDEX deliveries_history_by_type", "DROP INDEX deliveries_history_by_status",
              "DROP INDEX deliveries_history_by_class", "DROP INDEX deliveries_by_event",
              "DROP INDEX deliveries_by_replay_of",
              "CREATE INDEX deliveries_by_webhook ON deliveries(webhook_id, created_at)",
              "UPDATE meta SET value = '1' WHERE key = 'schema_version'"})
            QVERIFY2(q.exec(QString::fromLatin1(sql)), sql);
    }
    QStringList seededIds;
    for (int i = 0; i < 5; ++i) {
        Spec s{m_clock->nowMs() - i, w.id, w.name};
        s.data = QJsonObject{{QStringLiteral("customer"), QStringLiteral("cus_old%1").arg(i)}};
        seededIds << add(s);
    }
    {
        // Requests a schema-1 Hookline recorded, interleaved between two receivers, with one
        // receiver's ids 5,000 apart (more than one span's worth).
        QSqlQuery q(m_db->connection());
        for (const auto &[id, receiver, at] : {std::tuple{1, "a", 100},
                                               {2, "b", 200},
                                               {3, "a", 300},
                                               {5003, "a", 400},
                                               {5004, "b", 500}}) {
            QVERIFY(q.exec(QStringLiteral("INSERT INTO received_requests(id, receiver_id, "
                                          "received_at, method, path) VALUES(%1, '%2', %3, "
                                          "'POST', '/%1')")
                               .arg(id)
                               .arg(QLatin1String(receiver))
                               .arg(at)));
        }
    }
    m_t.session.reset();
    m_db.reset();

    auto reopened = Database::open(m_t.databasePath);
    QVERIFY2(reopened, qPrintable(reopened.error().toString()));
    m_db = reopened.value();
    QCOMPARE(m_db->schemaVersion(), Database::latestSchemaVersion());
    // Migration 2 made an index on received_at alone, 4 took it away again, and 5 the first
    // schema's too (received_spans instead).
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                                   "'received_requests_by_received_at'")),
             qint64(0));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                                   "'received_requests_by_time'")),
             qint64(0));
    // ... and the requests recorded before are read back through their spans.
    auto a = ReceivedRequestLog::latest(*m_db, QStringLiteral("a"), 10);
    QVERIFY(a.ok());
    QStringList paths;
    for (const ReceivedRequest &r : a.value())
        paths << QString::fromUtf8(r.path);
    QCOMPARE(paths,
             (QStringList{QStringLiteral("/5003"), QStringLiteral("/3"), QStringLiteral("/1")}));
    QCOMPARE(ReceivedRequestLog::latest(*m_db, QStringLiteral("a"), 2)->size(), 2);
    auto receivers = ReceivedRequestLog::receivers(*m_db, 10);
    QVERIFY(receivers.ok());
    QCOMPARE(receivers->size(), 2);
    QCOMPARE(receivers->at(0).id, QStringLiteral("b"));
    QCOMPARE(receivers->at(0).requests, qint64(2));
    QCOMPARE(receivers->at(0).lastReceivedAtMs, qint64(500));
    QCOMPARE(receivers->at(1).requests, qint64(3));
    DeliveryFilter f;
    f.search = QStringLiteral("cus_old3");
    QCOMPARE(ids(allPages(f, 10)), QStringList{seededIds.at(3)});
    DeliveryFilter byHook;
    byHook.webhookId = w.id;
    QCOMPARE(DeliveryHistory(m_db).count(byHook).value(), qint64(5));
}

void TestHistory::resolveIdByPrefix()
{
    const Webhook w = hook(QStringLiteral("w"));
    const QString id = add(Spec{m_clock->nowMs(), w.id, w.name});
    DeliveryHistory history(m_db);
    QCOMPARE(history.resolveId(id).value(), id);
    QCOMPARE(history.resolveId(id.left(8)).value(), id);
    QCOMPARE(history.resolveId(id.left(8).toUpper()).value(), id);
    QCOMPARE(history.resolveId(id.left(3)).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(history.resolveId(QStringLiteral("ffffffff-nothing")).error().code,
             ErrorCode::NotFound);
}

void TestHistory::credentialHeaderNamesStayRightAcrossManyNames()
{
    // isCredentialHeader remembers answers in a small per-thread table: names that share a slot
    // (same length, same first, middle and last letters) or differ only in case must never get
    // another name's answer, however they interleave.
    QList<QPair<QByteArray, bool>> names = {
        {"Authorization", true}, {"authorization", true},
        {"AUTHORIZATION", true}, {"Proxy-Authorization", true},
        {"Cookie", true},        {"Set-Cookie", true},
        {"X-Api-Key", true},     {"X-Apikey", true},
        {"X-Auth-Token", true},  {"X-Client-Secret", true},
        {"X-Session-Id", true},  {"X-Password", true},
        {"Content-Type", false}, {"Content-Length", false},
        {"Host", false},         {"X-Webhook-Signature", false},
        {"User-Agent", false},   {"Cookies-Ok", false},
        {"X-Passage", false},    {"Accept", false},
    };
    // Look-alikes that differ in one letter the slot does not look at ("X-Auth-Zz", "X-Buth-Zz",
    // ...; "X-Token-Zz", "X-Toaen-Zz", ...): each family shares a slot, one member is a credential.
    for (char c = 'a'; c <= 'z'; ++c) {
        names.append({QByteArray("X-") + c + "uth-Zz", c == 'a'});
        names.append({QByteArray("X-To") + c + "en-Zz", c == 'k'});
    }
    for (int round = 0; round < 3; ++round) {
        for (qsizetype i = 0; i < names.size(); ++i) {
            const auto &[name, credential] = names.at((i * 7 + round) % names.size());
            QVERIFY2(HeaderRedaction::isCredentialHeader(name) == credential, name.constData());
        }
    }
}

void TestHistory::detailShowsPayloadAttemptsAndRedacts()
{
    const Webhook w = hook(QStringLiteral("w"));
    Spec s{m_clock->nowMs() - 5000, w.id, w.name};
    s.data = QJsonObject{{QStringLiteral("zeta"), 1}, {QStringLiteral("alpha"), 2}};
    s.resourceIds = {QStringLiteral("p-1")};
    s.attempts = 3;
    s.http = 200;
    s.requestHeaders = {{"Content-Type", "application/json"},
                        {"Authorization", "Bearer [redacted]"},
                        {"Proxy-Authorization", "Basic c2VjcmV0"}, // must never show
                        {"X-Webhook-Signature", "abc123"},
                        {"webhook-signature", "v1,c2lnbmF0dXJl"},
                        {"X-Team", "payments"}};
    const QString id = add(s);

    DeliveryHistory history(m_db);
    auto d = history.detail(id);
    QVERIFY2(d, qPrintable(d.error().toString()));
    QCOMPARE(d->row.id, id);
    QCOMPARE(d->resourceIds, QStringList{QStringLiteral("p-1")});
    QCOMPARE(d->webhookUrl, w.url);
    QCOMPARE(d->attempts.size(), 3);
    QCOMPARE(d->attempts.at(0).responseStatus, std::optional<int>(503));
    QCOMPARE(d->attempts.at(2).responseStatus, std::optional<int>(200));
    QCOMPARE(d->attempts.at(2).outcome, QStringLiteral("delivered"));
    QCOMPARE(d->attempts.at(2).responseBody, QByteArray("ok"));
    QCOMPARE(d->row.deliveredAtMs, std::optional<qint64>(s.createdAt + 3000 + s.latency));

    // Pretty, in the order sent (eventId first; QJsonDocument would sort the keys).
    const QString pretty = d->prettyBody();
    QVERIFY(pretty.startsWith(QLatin1String("{\n  \"eventId\": \"")));
    QVERIFY(pretty.indexOf(QLatin1String("\"eventCreated\": ")) <
            pretty.indexOf(QLatin1String("\"data\": {")));
    QVERIFY(pretty.contains(QLatin1String("\n    \"alpha\": 2,\n")));
    QCOMPARE(QJsonDocument::fromJson(pretty.toUtf8()).object(),
             QJsonDocument::fromJson(d->body).object());

    const auto value = [](const HeaderPairs &h, const char *name) {
        for (const auto &[n, v] : h)
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        return QByteArray();
    };
    const HeaderPairs shown = d->attempts.at(2).requestHeaders;
    QCOMPARE(value(shown, "Authorization"), QByteArray("Bearer [redacted]"));
    QCOMPARE(value(shown, "Proxy-Authorization"), QByteArray("Basic [redacted]"));
    QCOMPARE(value(shown, "X-Webhook-Signature"), QByteArray("[redacted]"));
    QCOMPARE(value(shown, "webhook-signature"), QByteArray("[redacted]"));
    QCOMPARE(value(shown, "X-Team"), QByteArray("payments"));

    DetailOptions reveal;
    reveal.revealSignatures = true;
    const HeaderPairs revealed = history.detail(id, reveal)->attempts.at(2).requestHeaders;
    QCOMPARE(value(revealed, "X-Webhook-Signature"), QByteArray("abc123"));
    QCOMPARE(value(revealed, "Proxy-Authorization"), QByteArray("Basic [redacted]"));

    // A replay shows up on its original.
    auto replay = Replay(m_db, m_clock.get()).replayOne(id);
    QVERIFY(replay);
    QCOMPARE(history.detail(id)->replays, QStringList{replay->deliveryId});
    QCOMPARE(history.detail(replay->deliveryId)->row.replayOf, id);

    QCOMPARE(history.detail(QStringLiteral("nope")).error().code, ErrorCode::NotFound);
}

void TestHistory::webhookStats()
{
    const Webhook w = hook(QStringLiteral("w"));
    const Webhook other = hook(QStringLiteral("other"));
    const qint64 now = m_clock->nowMs();
    QSqlDatabase c = m_db->connection();
    const auto attempt = [&](const Webhook &hook, qint64 startedAt, qint64 duration,
                             std::optional<int> http, const char *outcome) {
        Spec s{startedAt - 1000, hook.id, hook.name};
        s.status = QStringLiteral("pending"); // attempts written below
        const QString id = add(s);
        QSqlQuery q(c);
        q.prepare(QStringLiteral("INSERT INTO delivery_attempts(delivery_id, attempt_no, "
                                 "started_at, duration_ms, response_status, outcome) "
                                 "VALUES(?, 1, ?, ?, ?, ?)"));
        q.addBindValue(id);
        q.addBindValue(startedAt);
        q.addBindValue(duration);
        q.addBindValue(http ? QVariant(*http) : QVariant(QMetaType(QMetaType::Int)));
        q.addBindValue(QString::fromLatin1(outcome));
        QVERIFY(q.exec());
    };
    // Last 24 h: eight delivered (10..80 ms), a 500 after 1 s, a timeout after 5 s.
    for (int i = 1; i <= 8; ++i)
        attempt(w, now - i * kHour + 5, i * 10, 200, "delivered");
    attempt(w, now - 30 * 60'000, 1000, 500, "retry_scheduled");
    attempt(w, now - 90 * 60'000, 5000, std::nullopt, "failed");
    // Three days ago: five delivered at 200 ms.
    for (int i = 0; i < 5; ++i)
        attempt(w, now - 3 * kDay - i, 200, 200, "delivered");
    // Outside the windows, and another webhook's.
    attempt(w, now - 8 * kDay, 9, 200, "delivered");
    attempt(other, now - kHour, 7, 200, "delivered");

    auto stats = DeliveryHistory(m_db, m_clock.get()).webhookStats(w.id);
    QVERIFY(stats);
    QCOMPARE(stats->last24h.attempts, 10);
    QCOMPARE(stats->last24h.delivered, 8);
    QCOMPARE(stats->last24h.failed, 2);
    QCOMPARE(stats->last24h.successRate, std::optional<double>(0.8));
    // Latency of the nine that got an answer: 10..80 and 1000.
    QCOMPARE(stats->last24h.p50Ms, std::optional<qint64>(50));
    QCOMPARE(stats->last24h.p95Ms, std::optional<qint64>(1000));
    QCOMPARE(stats->last7d.attempts, 15);
    QCOMPARE(stats->last7d.delivered, 13);
    QCOMPARE(stats->last7d.p50Ms, std::optional<qint64>(70));
    QCOMPARE(stats->hourly.size(), 24);
    QCOMPARE(stats->daily.size(), 7);
    int hourlyAttempts = 0;
    for (const LatencyWindow &b : stats->hourly)
        hourlyAttempts += b.attempts;
    QCOMPARE(hourlyAttempts, 10);
    QCOMPARE(stats->hourly.constLast().attempts, 2); // the last hour: 10 ms and the 500
    QCOMPARE(stats->daily.at(3).attempts, 5);
    QVERIFY(!stats->daily.at(0).successRate);

    auto none = DeliveryHistory(m_db, m_clock.get()).webhookStats(QStringLiteral("nobody"));
    QVERIFY(none);
    QCOMPARE(none->last7d.attempts, 0);
    QVERIFY(!none->last7d.p50Ms);
}

// ---------------------------------------------------------------------------------------------
// Replay

void TestHistory::replayLinksToOriginalAndLeavesItUnchanged()
{
    const Webhook w = hook(QStringLiteral("w"));
    Spec s{m_clock->nowMs() - kHour, w.id, w.name};
    s.status = QStringLiteral("failed");
    s.http = 500;
    s.attempts = 3;
    s.data = QJsonObject{{QStringLiteral("customer"), QStringLiteral("cus_1")}};
    const QString original = add(s);
    const QVariantList before = deliveryRecord(original);
    const qint64 attemptsBefore = scalar(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts"));
    const QByteArray storedBody = DeliveryHistory(m_db).detail(original)->body;

    m_clock->advanceMs(5000);
    auto r = Replay(m_db, m_clock.get()).replayOne(original);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QVERIFY(r->deliveryId != original);
    QCOMPARE(r->replayOf, original);
    QCOMPARE(r->webhookId, w.id);

    QCOMPARE(deliveryRecord(original), before);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts")), attemptsBefore);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM events")), qint64(1));

    auto row = DeliveryHistory(m_db).row(r->deliveryId);
    QVERIFY(row);
    QCOMPARE(row->replayOf, original);
    QCOMPARE(row->eventId, DeliveryHistory(m_db).row(original)->eventId);
    QCOMPARE(row->status, DeliveryStatus::Pending);
    QCOMPARE(row->createdAtMs, m_clock->nowMs());

    // The dispatcher gets the same stored bytes to sign with the webhook's current secret.
    auto claimed = DeliveryStore(m_db).claimDue(QStringLiteral("owner"), m_clock->nowMs(), 10, 0);
    QVERIFY(claimed);
    QCOMPARE(claimed->size(), 1);
    QCOMPARE(claimed->at(0).deliveryId, r->deliveryId);
    QCOMPARE(claimed->at(0).body, storedBody);
    QCOMPARE(claimed->at(0).eventId, row->eventId);
}

void TestHistory::replayToAnotherWebhook()
{
    const Webhook a = hook(QStringLiteral("a"));
    const Webhook b = hook(QStringLiteral("b"));
    const QString original = add(Spec{m_clock->nowMs() - kHour, a.id, a.name});
    auto r = Replay(m_db, m_clock.get()).replayOne(original, b.id);
    QVERIFY2(r, qPrintable(r.error().toString()));
    QCOMPARE(r->webhookId, b.id);
    QCOMPARE(r->webhookName, b.name);
    auto row = DeliveryHistory(m_db).row(r->deliveryId);
    QCOMPARE(row->webhookId, b.id);
    QCOMPARE(row->replayOf, original);
    QCOMPARE(DeliveryHistory(m_db).row(original)->webhookId, a.id);
}

void TestHistory::replayRefusesDisabledOrDeletedWebhook()
{
    const Webhook a = hook(QStringLiteral("a"));
    const Webhook b = hook(QStringLiteral("b"));
    const QString original = add(Spec{m_clock->nowMs() - kHour, a.id, a.name});
    Replay replay(m_db, m_clock.get());
    QVERIFY(m_t.session->registry->disable(b.id));
    auto toDisabled = replay.replayOne(original, b.id);
    QVERIFY(!toDisabled);
    QCOMPARE(toDisabled.error().code, ErrorCode::Conflict);
    QCOMPARE(toDisabled.error().field, QStringLiteral("to"));
    auto toNobody = replay.replayOne(original, QStringLiteral("no-such-webhook"));
    QCOMPARE(toNobody.error().code, ErrorCode::NotFound);
    QCOMPARE(replay.replayOne(QStringLiteral("no-such-delivery")).error().code,
             ErrorCode::NotFound);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries")), qint64(1));

    // A paused webhook keeps the replay queued until it resumes.
    QVERIFY(m_t.session->registry->pause(a.id, QStringLiteral("maintenance")));
    QVERIFY(replay.replayOne(original));
}

void TestHistory::bulkReplayCountsAndPaces()
{
    const Webhook a = hook(QStringLiteral("a"));
    const Webhook b = hook(QStringLiteral("b"));
    const qint64 t = m_clock->nowMs() - kHour;
    QStringList failedA, failedB;
    for (int i = 0; i < 25; ++i) {
        Spec s{t + i * 10, a.id, a.name};
        s.status = QStringLiteral("failed");
        s.http = 500;
        failedA << add(s);
        if (i < 10) {
            Spec sb{t + i * 10 + 5, b.id, b.name};
            sb.status = QStringLiteral("failed");
            sb.http = std::nullopt;
            sb.error = QStringLiteral("timed out");
            failedB << add(sb);
        }
        add(Spec{t + i * 10 + 1, a.id, a.name}); // delivered: not replayed
    }
    Replay replay(m_db, m_clock.get());
    DeliveryFilter f;
    f.status = DeliveryStatus::Failed;
    auto plan = replay.plan(f);
    QVERIFY(plan);
    QCOMPARE(plan->count, qint64(35));

    QList<QPair<qint64, qint64>> progress;
    BulkReplayOptions options;
    options.chunkSize = 7;
    options.ratePerWebhookPerSecond = 10; // one every 100 ms per webhook
    options.progress = [&progress](qint64 done, qint64 total) { progress.append({done, total}); };
    auto result = replay.execute(plan.value(), options);
    QVERIFY2(result, qPrintable(result.error().toString()));
    QCOMPARE(result->enqueued, qint64(35));
    QCOMPARE(result->skipped, qint64(0));
    QVERIFY(!result->cancelled);
    QCOMPARE(result->perWebhook.value(a.id), qint64(25));
    QCOMPARE(result->perWebhook.value(b.id), qint64(10));
    QCOMPARE(progress.size(), 5);
    QCOMPARE(progress.constLast(), (QPair<qint64, qint64>(35, 35)));
    QCOMPARE(result->lastDueAtMs, std::optional<qint64>(m_clock->nowMs() + 24 * 100));

    // Oldest original first, 100 ms apart per webhook, starting now.
    const auto dueTimes = [this](const QStringList &originals) {
        QList<qint64> due;
        for (const QString &id : originals) {
            QSqlQuery q(m_db->connection());
            q.prepare(QStringLiteral("SELECT next_attempt_at, status, created_at FROM deliveries "
                                     "WHERE replay_of = ?"));
            q.addBindValue(id);
            if (!q.exec() || !q.next())
                qFatal("replay missing");
            if (q.value(1).toString() != QLatin1String("pending"))
                qFatal("replay not pending");
            due << q.value(0).toLongLong();
            if (q.next())
                qFatal("replayed twice");
        }
        return due;
    };
    const QList<qint64> dueA = dueTimes(failedA);
    const QList<qint64> dueB = dueTimes(failedB);
    for (int i = 0; i < dueA.size(); ++i)
        QCOMPARE(dueA.at(i), m_clock->nowMs() + i * 100);
    for (int i = 0; i < dueB.size(); ++i)
        QCOMPARE(dueB.at(i), m_clock->nowMs() + i * 100);
}

void TestHistory::bulkReplayNeverPicksUpItsOwnReplays()
{
    const Webhook a = hook(QStringLiteral("a"));
    // The newest match is "now": replays created now would match the filter too.
    for (int i = 0; i < 12; ++i)
        add(Spec{m_clock->nowMs() - 11 + i, a.id, a.name});
    DeliveryFilter f;
    f.webhookId = a.id;
    Replay replay(m_db, m_clock.get());
    auto plan = replay.plan(f);
    QCOMPARE(plan->count, qint64(12));
    BulkReplayOptions options;
    options.chunkSize = 5;
    auto result = replay.execute(plan.value(), options);
    QVERIFY(result);
    QCOMPARE(result->enqueued, qint64(12));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE replay_of IS NOT NULL")),
             qint64(12));
    // Replays sort after every original.
    QCOMPARE(scalar(QStringLiteral("SELECT MIN(created_at) FROM deliveries WHERE replay_of IS NOT "
                                   "NULL")),
             m_clock->nowMs() + 1);
}

void TestHistory::bulkReplayContinuesAfterQueuedReplays()
{
    const Webhook a = hook(QStringLiteral("a"));
    for (int i = 0; i < 5; ++i) {
        Spec s{m_clock->nowMs() - kHour + i, a.id, a.name};
        s.status = QStringLiteral("failed");
        s.http = 500;
        add(s);
    }
    DeliveryFilter f;
    f.status = DeliveryStatus::Failed;
    Replay replay(m_db, m_clock.get());
    BulkReplayOptions options;
    options.ratePerWebhookPerSecond = 2; // 500 ms apart
    QVERIFY(replay.execute(replay.plan(f).value(), options));
    const qint64 firstRunLast = m_clock->nowMs() + 4 * 500;
    m_clock->advanceMs(100);
    auto again = replay.execute(replay.plan(f).value(), options);
    QVERIFY(again);
    QCOMPARE(again->enqueued, qint64(5));
    QCOMPARE(again->lastDueAtMs, std::optional<qint64>(firstRunLast + 5 * 500));

    // No pacing: everything due at once.
    options.ratePerWebhookPerSecond = 0;
    m_clock->advanceMs(100);
    auto burst = replay.execute(replay.plan(f).value(), options);
    QCOMPARE(burst->lastDueAtMs, std::optional<qint64>(m_clock->nowMs()));
}

void TestHistory::bulkReplayCancelsMidway()
{
    const Webhook a = hook(QStringLiteral("a"));
    for (int i = 0; i < 30; ++i) {
        Spec s{m_clock->nowMs() - kHour + i, a.id, a.name};
        s.status = QStringLiteral("failed");
        s.http = 502;
        add(s);
    }
    DeliveryFilter f;
    f.statusClass = StatusClass::ServerError5xx;
    Replay replay(m_db, m_clock.get());
    auto plan = replay.plan(f);
    QCOMPARE(plan->count, qint64(30));
    std::atomic<bool> cancel{false};
    BulkReplayOptions options;
    options.chunkSize = 8;
    options.cancel = &cancel;
    options.progress = [&cancel](qint64 done, qint64) {
        if (done >= 16)
            cancel = true;
    };
    auto result = replay.execute(plan.value(), options);
    QVERIFY(result);
    QVERIFY(result->cancelled);
    QCOMPARE(result->enqueued, qint64(16));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE replay_of IS NOT NULL")),
             qint64(16));
}

void TestHistory::bulkReplaySkipsDisabledWebhooks()
{
    const Webhook a = hook(QStringLiteral("a"));
    const Webhook b = hook(QStringLiteral("b"));
    const Webhook c = hook(QStringLiteral("c"));
    for (int i = 0; i < 4; ++i) {
        add(Spec{m_clock->nowMs() - kHour + i, a.id, a.name});
        add(Spec{m_clock->nowMs() - kHour + i, b.id, b.name});
    }
    QVERIFY(m_t.session->registry->disable(b.id));
    Replay replay(m_db, m_clock.get());
    auto result = replay.execute(replay.plan({}).value());
    QCOMPARE(result->enqueued, qint64(4));
    QCOMPARE(result->skipped, qint64(4));

    // With a target, every match goes there.
    DeliveryFilter f;
    f.webhookId = b.id;
    auto plan = replay.plan(f, c.id);
    QVERIFY(plan);
    auto moved = replay.execute(plan.value());
    QCOMPARE(moved->enqueued, qint64(4));
    QCOMPARE(moved->perWebhook.value(c.id), qint64(4));
    QCOMPARE(replay.plan(f, b.id).error().code, ErrorCode::Conflict);
}

// ---------------------------------------------------------------------------------------------
// Copy as cURL

void TestHistory::curlReproducesTheSignedRequest_data()
{
    QTest::addColumn<SignatureScheme>("scheme");
    QTest::newRow("x-webhook-signature") << SignatureScheme::XWebhookSignature;
    QTest::newRow("standard-webhooks") << SignatureScheme::StandardWebhooks;
    QTest::newRow("github") << SignatureScheme::GitHub;
    QTest::newRow("stripe") << SignatureScheme::Stripe;
}

void TestHistory::curlReproducesTheSignedRequest()
{
    QFETCH(SignatureScheme, scheme);
    const QString curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    const QString sh = QStandardPaths::findExecutable(QStringLiteral("sh"));
    if (curl.isEmpty() || sh.isEmpty())
        QSKIP("curl (or sh) is not installed");

    test::LocalHttpServer server;
    QVERIFY(server.start());
    const Webhook w =
        hook(QStringLiteral("local"), server.url(QStringLiteral("/hook?src=test")), scheme);
    auto keys = m_t.session->registry->signingKeys(w.id);
    QVERIFY(keys);

    // Enqueue, claim and record an attempt the way the dispatcher does: headers as sent, the
    // auth value redacted in storage, signatures as sent.
    DeliveryStore store(m_db);
    const OutgoingEvent event = OutgoingEvent::create(
        QStringLiteral("peopleCreated"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("O'Brien \"the\" $HOME `x`")}},
        m_clock->nowMs(), {QStringLiteral("p-1")});
    auto enqueued = store.enqueue(event, {w}, m_clock->nowMs());
    QVERIFY(enqueued);
    auto claimed = store.claimDue(QStringLiteral("me"), m_clock->nowMs(), 1, 0);
    QVERIFY(claimed && claimed->size() == 1);
    const ClaimedDelivery claim = claimed->at(0);
    auto signature = WebhookSigner::sign(scheme, keys.value(), claim.deliveryId,
                                         m_clock->nowMs() / 1000, claim.body);
    QVERIFY(signature);
    AttemptRecord r;
    r.deliveryId = claim.deliveryId;
    r.webhookId = w.id;
    r.attemptNo = claim.attemptNo;
    r.startedAtMs = m_clock->nowMs();
    r.durationMs = 12;
    r.requestHeaders = {{"Content-Type", "application/json"},
                        {"User-Agent", "Hookline/test"},
                        {"X-Webhook-Id", claim.deliveryId.toLatin1()},
                        {"Authorization", "Bearer [redacted]"}};
    r.requestHeaders += signature.value();
    r.responseStatus = 200;
    r.outcome = AttemptOutcome::Delivered;
    QVERIFY(store.recordAttempts(QStringLiteral("me"), {r}, m_clock->nowMs()));

    DeliveryHistory history(m_db, m_clock.get());
    auto redacted = history.curlCommand(claim.deliveryId);
    QVERIFY2(redacted, qPrintable(redacted.error().toString()));
    QVERIFY(redacted->contains(QLatin1String("Authorization: Bearer [redacted]")));
    QVERIFY(!redacted->contains(w.auth.token));
    CurlOptions withSecrets;
    withSecrets.includeSecrets = true;
    QCOMPARE(history.curlCommand(claim.deliveryId, withSecrets).error().code,
             ErrorCode::InvalidArgument); // no registry to open the credentials
    withSecrets.registry = m_t.session->registry.get();
    auto command = history.curlCommand(claim.deliveryId, withSecrets);
    QVERIFY2(command, qPrintable(command.error().toString()));
    QVERIFY(command->contains(w.auth.token));

    QProcess process;
    process.start(sh, {QStringLiteral("-c"), command.value()});
    QVERIFY(process.waitForStarted(10'000));
    QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 20'000);
    QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
    QCOMPARE(server.requestCount(), 1);

    const test::ReceivedRequest got = server.requests().constFirst();
    QCOMPARE(got.method, QByteArray("POST"));
    QVERIFY(got.path.startsWith("/hook")); // the query may or may not be split off
    QCOMPARE(got.body, claim.body);        // byte for byte, quotes and all
    QCOMPARE(got.header("Authorization"), QByteArray("Bearer ") + w.auth.token.toUtf8());
    QCOMPARE(got.header("X-Webhook-Id"), claim.deliveryId.toLatin1());
    QVERIFY(!got.hasHeader("Expect"));
    const Verdict verdict =
        SignatureVerifier::verify(scheme, VerificationSecret::fromSigningKeys(keys.value()),
                                  got.headers, got.body, m_clock->nowMs() / 1000);
    QVERIFY2(verdict.verified(), qPrintable(verdict.message));

    // The body can also come from stdin.
    CurlOptions stdinBody;
    stdinBody.bodyFromStdin = true;
    QVERIFY(history.curlCommand(claim.deliveryId, stdinBody)
                ->endsWith(QLatin1String("--data-binary @-\n")));
    stdinBody.attemptNo = 2;
    QCOMPARE(history.curlCommand(claim.deliveryId, stdinBody).error().code, ErrorCode::NotFound);
}

// ---------------------------------------------------------------------------------------------
// Export

void TestHistory::jsonLinesParse()
{
    const QList<Seeded> rows = seedMix();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ExportOptions options;
    options.pageSize = 7;
    auto result = HistoryExport(m_db).write({}, &buffer, options);
    QVERIFY2(result, qPrintable(result.error().toString()));
    QCOMPARE(result->deliveries, qint64(rows.size()));
    const QList<QByteArray> lines = buffer.data().split('\n');
    QCOMPARE(lines.size(), rows.size() + 1);
    QVERIFY(lines.constLast().isEmpty());
    for (int i = 0; i < rows.size(); ++i) {
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(lines.at(i), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QStringLiteral("id")).toString(), rows.at(i).id);
        QCOMPARE(o.value(QStringLiteral("status")).toString(), rows.at(i).status);
        for (const char *key : {"event", "response_status", "latency_ms", "attempt", "delivered_at",
                                "payload", "attempts", "webhook_id"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QVERIFY(o.value(QStringLiteral("payload")).toObject().contains(QStringLiteral("eventId")));
        for (const QJsonValue &a : o.value(QStringLiteral("attempts")).toArray())
            for (const QJsonValue &h :
                 a.toObject().value(QStringLiteral("request_headers")).toArray())
                if (h.toArray().at(0).toString() == QLatin1String("X-Webhook-Signature"))
                    QCOMPARE(h.toArray().at(1).toString(), QStringLiteral("[redacted]"));
    }
    // The same result whatever the page size.
    QBuffer again;
    again.open(QIODevice::WriteOnly);
    QVERIFY(HistoryExport(m_db).write({}, &again));
    QCOMPARE(again.data(), buffer.data());
}

void TestHistory::harParsesBackWithRequiredFields()
{
    const Webhook w = hook(QStringLiteral("w"));
    Spec ok{m_clock->nowMs() - 3000, w.id, w.name};
    ok.attempts = 2;
    add(ok);
    Spec down{m_clock->nowMs() - 2000, w.id, w.name};
    down.status = QStringLiteral("failed");
    down.http = std::nullopt;
    down.error = QStringLiteral("connection refused");
    add(down);
    Spec pending{m_clock->nowMs() - 1000, w.id, w.name};
    pending.status = QStringLiteral("pending");
    add(pending);

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ExportOptions options;
    options.format = ExportFormat::Har;
    auto result = HistoryExport(m_db).write({}, &buffer, options);
    QVERIFY(result);
    QCOMPARE(result->deliveries, qint64(3));
    QCOMPARE(result->entries, qint64(3)); // two attempts, one attempt, none
    QJsonParseError error;
    const QJsonObject har = QJsonDocument::fromJson(buffer.data(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject log = har.value(QStringLiteral("log")).toObject();
    QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    QCOMPARE(
        log.value(QStringLiteral("creator")).toObject().value(QStringLiteral("name")).toString(),
        QStringLiteral("Hookline"));
    QVERIFY(log.value(QStringLiteral("creator")).toObject().contains(QStringLiteral("version")));
    const QJsonArray entries = log.value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 3);
    const auto has = [](const QJsonObject &o, const QStringList &keys) {
        for (const QString &k : keys)
            if (!o.contains(k))
                return k;
        return QString();
    };
    for (const QJsonValue &v : entries) {
        const QJsonObject e = v.toObject();
        QCOMPARE(has(e, {QStringLiteral("startedDateTime"), QStringLiteral("time"),
                         QStringLiteral("request"), QStringLiteral("response"),
                         QStringLiteral("cache"), QStringLiteral("timings")}),
                 QString());
        QVERIFY(e.value(QStringLiteral("time")).isDouble());
        QVERIFY(QDateTime::fromString(e.value(QStringLiteral("startedDateTime")).toString(),
                                      Qt::ISODateWithMs)
                    .isValid());
        const QJsonObject req = e.value(QStringLiteral("request")).toObject();
        QCOMPARE(has(req, {QStringLiteral("method"), QStringLiteral("url"),
                           QStringLiteral("httpVersion"), QStringLiteral("cookies"),
                           QStringLiteral("headers"), QStringLiteral("queryString"),
                           QStringLiteral("headersSize"), QStringLiteral("bodySize"),
                           QStringLiteral("postData")}),
                 QString());
        QCOMPARE(req.value(QStringLiteral("url")).toString(), w.url);
        QVERIFY(req.value(QStringLiteral("postData"))
                    .toObject()
                    .value(QStringLiteral("text"))
                    .toString()
                    .contains(QLatin1String("eventId")));
        const QJsonObject res = e.value(QStringLiteral("response")).toObject();
        QCOMPARE(has(res, {QStringLiteral("status"), QStringLiteral("statusText"),
                           QStringLiteral("httpVersion"), QStringLiteral("cookies"),
                           QStringLiteral("headers"), QStringLiteral("content"),
                           QStringLiteral("redirectURL"), QStringLiteral("headersSize"),
                           QStringLiteral("bodySize")}),
                 QString());
        QCOMPARE(has(res.value(QStringLiteral("content")).toObject(),
                     {QStringLiteral("size"), QStringLiteral("mimeType")}),
                 QString());
        const QJsonObject timings = e.value(QStringLiteral("timings")).toObject();
        QCOMPARE(has(timings,
                     {QStringLiteral("send"), QStringLiteral("wait"), QStringLiteral("receive")}),
                 QString());
        QCOMPARE(timings.value(QStringLiteral("wait")).toDouble(),
                 e.value(QStringLiteral("time")).toDouble());
        for (const QJsonValue &h : req.value(QStringLiteral("headers")).toArray()) {
            const QString name = h.toObject().value(QStringLiteral("name")).toString();
            const QString value = h.toObject().value(QStringLiteral("value")).toString();
            if (name == QLatin1String("X-Webhook-Signature"))
                QCOMPARE(value, QStringLiteral("[redacted]"));
            if (name == QLatin1String("Authorization"))
                QCOMPARE(value, QStringLiteral("Bearer [redacted]"));
        }
    }
    // Newest first: the network error, then the delivered delivery's two attempts.
    QCOMPARE(entries.at(0)
                 .toObject()
                 .value(QStringLiteral("response"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toInt(),
             0);
    QCOMPARE(entries.at(0)
                 .toObject()
                 .value(QStringLiteral("response"))
                 .toObject()
                 .value(QStringLiteral("_error"))
                 .toString(),
             QStringLiteral("connection refused"));
    QCOMPARE(entries.at(2)
                 .toObject()
                 .value(QStringLiteral("response"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toInt(),
             200);

    // Signatures on request only.
    QBuffer revealed;
    revealed.open(QIODevice::WriteOnly);
    options.includeSignatures = true;
    QVERIFY(HistoryExport(m_db).write({}, &revealed, options));
    QVERIFY(revealed.data().contains(sentHeaders(QString()).constLast().second));
    QVERIFY(!buffer.data().contains(sentHeaders(QString()).constLast().second));
}

void TestHistory::exportOfASelection()
{
    const Webhook w = hook(QStringLiteral("w"));
    QStringList chosen;
    for (int i = 0; i < 10; ++i) {
        const QString id = add(Spec{m_clock->nowMs() - 1000 + i, w.id, w.name});
        if (i % 3 == 0)
            chosen << id;
    }
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    ExportOptions options;
    options.deliveryIds = chosen;
    options.pageSize = 2;
    auto result = HistoryExport(m_db).write({}, &buffer, options);
    QVERIFY(result);
    QCOMPARE(result->deliveries, qint64(chosen.size()));
    QStringList got;
    for (const QByteArray &line : buffer.data().split('\n'))
        if (!line.isEmpty())
            got << QJsonDocument::fromJson(line).object().value(QStringLiteral("id")).toString();
    QCOMPARE(got, chosen);
}

// ---------------------------------------------------------------------------------------------
// Retention

void TestHistory::retentionByDays()
{
    const Webhook w = hook(QStringLiteral("w"));
    const qint64 now = m_clock->nowMs();
    QStringList old;
    for (int i = 0; i < 7; ++i) {
        Spec s{now - (40 - i) * kDay, w.id, w.name};
        s.status = i % 2 ? QStringLiteral("failed") : QStringLiteral("delivered");
        s.attempts = 2;
        s.data = QJsonObject{{QStringLiteral("customer"), QStringLiteral("cus_gone%1").arg(i)}};
        old << add(s);
    }
    // Old but unfinished: stays.
    Spec waiting{now - 31 * kDay, w.id, w.name};
    waiting.status = QStringLiteral("retry_scheduled");
    waiting.http = 503;
    const QString stays = add(waiting);
    // An old delivery whose event was delivered again recently: the event stays.
    Spec shared{now - 35 * kDay, w.id, w.name};
    shared.data = QJsonObject{{QStringLiteral("customer"), QStringLiteral("cus_shared")}};
    const QString sharedOld = add(shared);
    Spec sharedNew{now - kDay, w.id, w.name};
    sharedNew.eventId = DeliveryHistory(m_db).row(sharedOld)->eventId;
    const QString sharedRecent = add(sharedNew);
    const QString recent = add(Spec{now - 29 * kDay, w.id, w.name});
    // An event sent to nobody, long ago.
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("INSERT INTO events(id, system_id, type, created_at, body) "
                                  "VALUES('orphan', 'default', 'peopleCreated', %1, "
                                  "'{\"customer\":\"cus_orphan\"}')")
                       .arg(now - 50 * kDay)));
    // Received requests of four receivers (pruned receiver by receiver): two old ones each in
    // three, and in "m" four old ones, more than a batch.
    const QList<QPair<QString, QList<qint64>>> received = {
        {QStringLiteral("r"), {40 * kDay, 31 * kDay, 29 * kDay, kHour}},
        {QStringLiteral("127.0.0.1:8787"), {kHour, 31 * kDay, 29 * kDay, 40 * kDay}},
        {QStringLiteral("m"), {35 * kDay, 34 * kDay, 33 * kDay, 32 * kDay}},
        {QStringLiteral("z"), {29 * kDay, 40 * kDay, kHour, 31 * kDay}},
    };
    // As the recorder writes them: each receiver's rows in one transaction, with its span.
    for (const auto &[receiver, ages] : received) {
        qint64 first = 0, last = 0;
        for (qint64 age : ages) {
            q.prepare(QStringLiteral("INSERT INTO received_requests(receiver_id, received_at, "
                                     "method, path) VALUES(?, ?, 'POST', '/')"));
            q.addBindValue(receiver);
            q.addBindValue(now - age);
            QVERIFY(q.exec());
            last = q.lastInsertId().toLongLong();
            first = first ? first : last;
        }
        q.prepare(QStringLiteral("INSERT INTO received_spans(receiver_id, last_id, first_id, rows, "
                                 "first_at, last_at) VALUES(?, ?, ?, ?, ?, ?)"));
        q.addBindValue(receiver);
        q.addBindValue(last);
        q.addBindValue(first);
        q.addBindValue(ages.size());
        q.addBindValue(now - *std::max_element(ages.begin(), ages.end()));
        q.addBindValue(now - *std::min_element(ages.begin(), ages.end()));
        QVERIFY(q.exec());
    }

    QList<PruneResult> reports;
    RetentionPolicy policy; // 30 days
    policy.batchSize = 3;
    auto result =
        Retention(m_db, m_clock.get()).prune(policy, nullptr, [&reports](const PruneResult &r) {
            reports << r;
        });
    QVERIFY2(result, qPrintable(result.error().toString()));
    QCOMPARE(result->deliveries, qint64(8)); // seven old and the old shared one
    QCOMPARE(result->attempts, qint64(15));  // 7 x 2 + 1
    QCOMPARE(result->events, qint64(8));     // seven, and the orphan; the shared event stays
    QCOMPARE(result->receivedRequests, qint64(10));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM received_requests WHERE received_at < %1")
                        .arg(now - 30 * kDay)),
             qint64(0));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM received_requests")), qint64(6));
    // Spans: "m" went whole, the others lost their old rows and count what is left.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM received_spans")), qint64(3));
    QCOMPARE(scalar(QStringLiteral("SELECT SUM(rows) FROM received_spans")), qint64(6));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM received_spans WHERE receiver_id = 'm'")),
             qint64(0));
    QVERIFY(!result->cancelled);
    QVERIFY(result->batches >= 4); // 8 deliveries in batches of 3, then the orphan, then requests
    QCOMPARE(reports.size(), result->batches);
    QCOMPARE(reports.constLast().deliveries, result->deliveries);

    QStringList left = ids(allPages({}, 50));
    left.sort();
    QStringList want{stays, sharedRecent, recent};
    want.sort();
    QCOMPARE(left, want);
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM delivery_attempts WHERE delivery_id NOT "
                                   "IN (SELECT id FROM deliveries)")),
             qint64(0));
    // Their search entries went with the events.
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM event_search_keys")),
             scalar(QStringLiteral("SELECT COUNT(*) FROM events")));
    DeliveryFilter gone;
    gone.search = QStringLiteral("cus_gone3");
    QVERIFY(allPages(gone, 10).isEmpty());
    DeliveryFilter kept;
    kept.search = QStringLiteral("cus_shared");
    QCOMPARE(ids(allPages(kept, 10)), QStringList{sharedRecent});

    // Nothing more to do the second time.
    auto again = Retention(m_db, m_clock.get()).prune(policy);
    QCOMPARE(again->deliveries + again->events + again->receivedRequests, qint64(0));
}

void TestHistory::retentionByCount()
{
    const Webhook w = hook(QStringLiteral("w"));
    QList<Seeded> rows;
    for (int i = 0; i < 10; ++i)
        rows << seeded(add(Spec{m_clock->nowMs() - 1000 + i / 2, w.id, w.name}));
    std::sort(rows.begin(), rows.end(), newestFirst);
    RetentionPolicy policy;
    policy.keepDays.reset();
    policy.keepCount = 4;
    policy.batchSize = 4;
    auto result = Retention(m_db, m_clock.get()).prune(policy);
    QVERIFY(result);
    QCOMPARE(result->deliveries, qint64(6));
    QCOMPARE(result->events, qint64(6));
    QCOMPARE(ids(allPages({}, 50)), ids(rows.mid(0, 4)));

    policy.keepCount = 0;
    QCOMPARE(Retention(m_db, m_clock.get()).prune(policy)->deliveries, qint64(4));
    policy.keepCount.reset();
    QCOMPARE(Retention(m_db, m_clock.get()).prune(policy).error().code, ErrorCode::InvalidArgument);
}

void TestHistory::retentionCancels()
{
    const Webhook w = hook(QStringLiteral("w"));
    for (int i = 0; i < 10; ++i)
        add(Spec{m_clock->nowMs() - 60 * kDay + i, w.id, w.name});
    std::atomic<bool> cancel{false};
    RetentionPolicy policy;
    policy.batchSize = 3;
    auto result =
        Retention(m_db, m_clock.get()).prune(policy, &cancel, [&cancel](const PruneResult &) {
            cancel = true;
        });
    QVERIFY(result);
    QVERIFY(result->cancelled);
    QCOMPARE(result->deliveries, qint64(3));
    QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM deliveries")), qint64(7));
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
