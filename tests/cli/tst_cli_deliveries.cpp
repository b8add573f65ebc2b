// hookline-cli deliveries end to end: history seeded through the core, then the real executable
// lists, shows, replays, exports and prunes it.
#include "TestSupport.h"

#include "delivery/DeliveryStore.h"
#include "registry/WebhookRegistry.h"
#include "signing/WebhookSigner.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace hookline;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;

    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

} // namespace

class TestCliDeliveries : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void listJsonFollowsTheApiShape();
    void listPagesWithCursor();
    void listTable();
    void badValues_data();
    void badValues();
    void showAndCurl();
    void replayOneAndBulk();
    void exportHarToFile();
    void prune();

private:
    Run cli(const QStringList &args, const QByteArray &input = {});
    // A webhook and `count` deliveries, every third failed with a 503; returns delivery ids,
    // oldest first.
    QStringList seed(int count);

    test::TestSession m_t;
    Webhook m_hook;
};

void TestCliDeliveries::init()
{
    m_t = test::makeSession();
    WebhookDraft d;
    d.name = QStringLiteral("CRM bridge");
    d.url = QStringLiteral("https://crm.example.com/hook");
    d.events = {QStringLiteral("peopleCreated")};
    d.auth.type = AuthType::Bearer;
    d.auth.token = QStringLiteral("tok-very-secret");
    auto created = m_t.session->registry->create(d);
    QVERIFY2(created, qPrintable(created.error().toString()));
    m_hook = created->webhook;
}

void TestCliDeliveries::cleanup()
{
    m_t = {};
}

Run TestCliDeliveries::cli(const QStringList &args, const QByteArray &input)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HOOKLINE_DB"));
    env.insert(QStringLiteral("HOOKLINE_MASTER_KEY"), test::testKeyHex());
    env.insert(QStringLiteral("HOOKLINE_KEYCHAIN"), QStringLiteral("off"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HOOKLINE_CLI_PATH),
                  QStringList{QStringLiteral("deliveries")} + args +
                      QStringList{QStringLiteral("--db"), m_t.databasePath});
    Run run;
    if (!process.waitForStarted(10'000))
        return run;
    process.write(input);
    process.closeWriteChannel(); // stdin is not a terminal
    process.waitForFinished(30'000);
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QStringList TestCliDeliveries::seed(int count)
{
    DeliveryStore store(m_t.session->database);
    auto keys = m_t.session->registry->signingKeys(m_hook.id);
    QStringList ids;
    qint64 now = 1'760'000'000'000;
    for (int i = 0; i < count; ++i, now += 1000) {
        const OutgoingEvent event = OutgoingEvent::create(
            QStringLiteral("peopleCreated"),
            QJsonObject{{QStringLiteral("customer"), QStringLiteral("cus_%1").arg(i)}}, now,
            {QStringLiteral("p-%1").arg(i)});
        auto enqueued = store.enqueue(event, {m_hook}, now);
        if (!enqueued)
            qFatal("enqueue failed");
        auto claimed = store.claimDue(QStringLiteral("me"), now, 1, 0);
        if (!claimed || claimed->size() != 1)
            qFatal("claim failed");
        const ClaimedDelivery c = claimed->at(0);
        AttemptRecord r;
        r.deliveryId = c.deliveryId;
        r.webhookId = m_hook.id;
        r.attemptNo = 1;
        r.startedAtMs = now;
        r.durationMs = 30 + i;
        r.requestHeaders = {{"Content-Type", "application/json"},
                            {"Authorization", "Bearer [redacted]"}};
        r.requestHeaders +=
            WebhookSigner::sign(m_hook.scheme, keys.value(), c.deliveryId, now / 1000, c.body)
                .value();
        const bool failed = i % 3 == 0;
        r.responseStatus = failed ? 503 : 200;
        r.responseBody = failed ? QByteArrayLiteral("busy") : QByteArrayLiteral("ok");
        r.outcome = failed ? AttemptOutcome::GaveUp : AttemptOutcome::Delivered;
        if (!store.recordAttempts(QStringLiteral("me"), {r}, now))
            qFatal("record failed");
        ids << c.deliveryId;
    }
    return ids;
}

void TestCliDeliveries::listJsonFollowsTheApiShape()
{
    const QStringList ids = seed(3);
    const Run run = cli({QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject o = run.json();
    QVERIFY(o.contains(QStringLiteral("next_cursor")));
    QVERIFY(o.value(QStringLiteral("next_cursor")).isNull());
    const QJsonArray data = o.value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 3);
    const QJsonObject newest = data.at(0).toObject();
    QCOMPARE(newest.value(QStringLiteral("id")).toString(), ids.constLast());
    QCOMPARE(newest.value(QStringLiteral("event")).toString(), QStringLiteral("peopleCreated"));
    QCOMPARE(newest.value(QStringLiteral("status")).toString(), QStringLiteral("delivered"));
    QCOMPARE(newest.value(QStringLiteral("response_status")).toInt(), 200);
    QCOMPARE(newest.value(QStringLiteral("latency_ms")).toInt(), 32);
    QCOMPARE(newest.value(QStringLiteral("attempt")).toInt(), 1);
    QVERIFY(newest.value(QStringLiteral("delivered_at")).toString().endsWith(QLatin1Char('Z')));
    const QJsonObject failed = data.at(2).toObject();
    QCOMPARE(failed.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
    QVERIFY(failed.value(QStringLiteral("delivered_at")).isNull());
}

void TestCliDeliveries::listPagesWithCursor()
{
    QStringList ids = seed(7);
    std::reverse(ids.begin(), ids.end());
    QStringList seen;
    QString cursor;
    for (int page = 0; page < 10; ++page) {
        QStringList args{QStringLiteral("list"), QStringLiteral("--json"),
                         QStringLiteral("--limit"), QStringLiteral("3")};
        if (!cursor.isEmpty())
            args << QStringLiteral("--cursor") << cursor;
        const Run run = cli(args);
        QCOMPARE(run.exitCode, 0);
        for (const QJsonValue &v : run.json().value(QStringLiteral("data")).toArray())
            seen << v.toObject().value(QStringLiteral("id")).toString();
        cursor = run.json().value(QStringLiteral("next_cursor")).toString();
        if (cursor.isEmpty())
            break;
    }
    QCOMPARE(seen, ids);

    const Run failed =
        cli({QStringLiteral("list"), QStringLiteral("--json"), QStringLiteral("--outcome"),
             QStringLiteral("failed"), QStringLiteral("--status"), QStringLiteral("5xx")});
    QCOMPARE(failed.json().value(QStringLiteral("data")).toArray().size(), 3); // 0, 3, 6
    const Run found = cli({QStringLiteral("list"), QStringLiteral("--json"),
                           QStringLiteral("--search"), QStringLiteral("cus_4")});
    const QJsonArray one = found.json().value(QStringLiteral("data")).toArray();
    QCOMPARE(one.size(), 1);
    QCOMPARE(one.at(0).toObject().value(QStringLiteral("id")).toString(), ids.at(2));
}

void TestCliDeliveries::listTable()
{
    const QStringList ids = seed(2);
    const Run run = cli({QStringLiteral("list")});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.startsWith(QLatin1String("CREATED (UTC)")));
    QVERIFY(run.out.contains(ids.at(0).left(8)));
    QVERIFY(run.out.contains(QLatin1String("CRM bridge")));
    QVERIFY(run.out.contains(QLatin1String("503")));
    const Run none =
        cli({QStringLiteral("list"), QStringLiteral("--event"), QStringLiteral("nothing")});
    QCOMPARE(none.exitCode, 0);
    QCOMPARE(none.out, QStringLiteral("No deliveries match.\n"));
}

void TestCliDeliveries::badValues_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    const auto row = [](const char *tag, QStringList args, int code, const char *mentions) {
        QTest::newRow(tag) << args << code << QString::fromLatin1(mentions);
    };
    const QString list = QStringLiteral("list");
    row("unknown outcome", {list, QStringLiteral("--outcome"), QStringLiteral("done")}, 2,
        "--outcome");
    row("unknown status", {list, QStringLiteral("--status"), QStringLiteral("6xx")}, 2, "--status");
    row("bad time", {list, QStringLiteral("--since"), QStringLiteral("yesterday")}, 2, "--since");
    row("time without zone", {list, QStringLiteral("--until"), QStringLiteral("2026-01-01T10:00")},
        2, "--until");
    row("limit", {list, QStringLiteral("--limit"), QStringLiteral("0")}, 2, "--limit");
    row("cursor", {list, QStringLiteral("--cursor"), QStringLiteral("junk!")}, 2, "--cursor");
    row("since after until",
        {list, QStringLiteral("--since"), QStringLiteral("1h"), QStringLiteral("--until"),
         QStringLiteral("2h")},
        3, "--since");
    row("short id", {QStringLiteral("show"), QStringLiteral("ab")}, 3, "6 characters");
    row("unknown id", {QStringLiteral("show"), QStringLiteral("ffffffff-0000")}, 1, "No delivery");
    row("secrets without curl",
        {QStringLiteral("show"), QStringLiteral("ffffffff"), QStringLiteral("--include-secrets")},
        2, "--curl");
    row("replay nothing", {QStringLiteral("replay")}, 2, "filter");
    row("replay ids and filter",
        {QStringLiteral("replay"), QStringLiteral("ffffffff"), QStringLiteral("--outcome"),
         QStringLiteral("failed")},
        2, "not both");
    row("bulk without terminal",
        {QStringLiteral("replay"), QStringLiteral("--outcome"), QStringLiteral("failed")}, 2,
        "--yes");
    row("rate",
        {QStringLiteral("replay"), QStringLiteral("--outcome"), QStringLiteral("failed"),
         QStringLiteral("--rate"), QStringLiteral("fast")},
        2, "--rate");
    row("format", {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("csv")}, 2,
        "--format");
    row("days", {QStringLiteral("prune"), QStringLiteral("--days"), QStringLiteral("many")}, 2,
        "--days");
}

void TestCliDeliveries::badValues()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    seed(3);
    const Run run = cli(args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestCliDeliveries::showAndCurl()
{
    const QStringList ids = seed(1);
    const Run json = cli({QStringLiteral("show"), ids.at(0).left(8), QStringLiteral("--json")});
    QCOMPARE(json.exitCode, 0);
    const QJsonObject o = json.json();
    QCOMPARE(o.value(QStringLiteral("id")).toString(), ids.at(0));
    QCOMPARE(o.value(QStringLiteral("payload"))
                 .toObject()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("customer"))
                 .toString(),
             QStringLiteral("cus_0"));
    const QJsonArray attempts = o.value(QStringLiteral("attempts")).toArray();
    QCOMPARE(attempts.size(), 1);
    QCOMPARE(attempts.at(0).toObject().value(QStringLiteral("response_body")).toString(),
             QStringLiteral("busy"));
    QVERIFY(!json.out.contains(QLatin1String("tok-very-secret")));

    const Run text = cli({QStringLiteral("show"), ids.at(0)});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains(QLatin1String("\"customer\": \"cus_0\"")));
    QVERIFY(text.out.contains(QLatin1String("X-Webhook-Signature: [redacted]")));

    const Run curl = cli({QStringLiteral("show"), ids.at(0), QStringLiteral("--curl")});
    QCOMPARE(curl.exitCode, 0);
    QVERIFY(curl.out.startsWith(QLatin1String("curl ")));
    QVERIFY(curl.out.contains(QLatin1String("Authorization: Bearer [redacted]")));
    QVERIFY(!curl.out.contains(QLatin1String("tok-very-secret")));
    const Run secret = cli({QStringLiteral("show"), ids.at(0), QStringLiteral("--curl"),
                            QStringLiteral("--include-secrets")});
    QCOMPARE(secret.exitCode, 0);
    QVERIFY(secret.out.contains(QLatin1String("Authorization: Bearer tok-very-secret")));
    QVERIFY(secret.err.contains(QLatin1String("credentials")));
}

void TestCliDeliveries::replayOneAndBulk()
{
    const QStringList ids = seed(6);
    const Run one = cli({QStringLiteral("replay"), ids.at(1), QStringLiteral("--json")});
    QCOMPARE(one.exitCode, 0);
    const QJsonObject replayed =
        one.json().value(QStringLiteral("data")).toArray().at(0).toObject();
    QCOMPARE(replayed.value(QStringLiteral("replay_of")).toString(), ids.at(1));
    QCOMPARE(replayed.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));

    const Run asked = cli(
        {QStringLiteral("replay"), QStringLiteral("--outcome"), QStringLiteral("failed")}, "y\n");
    QCOMPARE(asked.exitCode, 2); // stdin is a pipe: --yes is required
    QVERIFY(asked.err.contains(QLatin1String("2 deliveries match")));

    const Run bulk = cli({QStringLiteral("replay"), QStringLiteral("--outcome"),
                          QStringLiteral("failed"), QStringLiteral("--yes"),
                          QStringLiteral("--rate"), QStringLiteral("2"), QStringLiteral("--json")});
    QCOMPARE(bulk.exitCode, 0);
    QCOMPARE(bulk.json().value(QStringLiteral("matched")).toInt(), 2);
    QCOMPARE(bulk.json().value(QStringLiteral("enqueued")).toInt(), 2);

    const Run pending = cli({QStringLiteral("list"), QStringLiteral("--json"),
                             QStringLiteral("--outcome"), QStringLiteral("pending")});
    QCOMPARE(pending.json().value(QStringLiteral("data")).toArray().size(), 3);
}

void TestCliDeliveries::exportHarToFile()
{
    seed(3);
    const QString path = m_t.dir->filePath(QStringLiteral("out.har"));
    const Run run = cli({QStringLiteral("export"), QStringLiteral("--format"),
                         QStringLiteral("har"), QStringLiteral("--output"), path});
    QCOMPARE(run.exitCode, 0);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray har = f.readAll();
    const QJsonObject log =
        QJsonDocument::fromJson(har).object().value(QStringLiteral("log")).toObject();
    QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("1.2"));
    QCOMPARE(log.value(QStringLiteral("entries")).toArray().size(), 3);
    QVERIFY(!har.contains("tok-very-secret"));

    const Run lines =
        cli({QStringLiteral("export"), QStringLiteral("--outcome"), QStringLiteral("delivered")});
    QCOMPARE(lines.exitCode, 0);
    const QStringList rows = lines.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(rows.size(), 2);
    for (const QString &row : rows)
        QVERIFY(QJsonDocument::fromJson(row.toUtf8()).isObject());
}

void TestCliDeliveries::prune()
{
    seed(5);
    const Run run = cli({QStringLiteral("prune"), QStringLiteral("--keep"), QStringLiteral("2"),
                         QStringLiteral("--json")});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.json().value(QStringLiteral("deliveries")).toInt(), 3);
    QCOMPARE(run.json().value(QStringLiteral("events")).toInt(), 3);
    const Run left = cli({QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(left.json().value(QStringLiteral("data")).toArray().size(), 2);
}

QTEST_GUILESS_MAIN(TestCliDeliveries)
#include "tst_cli_deliveries.moc"
