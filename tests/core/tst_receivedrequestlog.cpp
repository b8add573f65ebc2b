// Reading recorded requests back: what RequestRecorder wrote comes back as it was stored.
#include "TestSupport.h"
#include "receiver/ReceivedRequestLog.h"
#include "receiver/RequestRecorder.h"
#include "storage/Database.h"

#include <QFileInfo>
#include <QSqlQuery>
#include <QTest>

using namespace hookline;

class TestReceivedRequestLog : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void outcomeNamesRoundTrip();
    // Each with the recorder's SQLite C API path (where built) and its QtSql path.
    void latestComesBackNewestFirstAsStored_data() { bothPaths(); }
    void latestComesBackNewestFirstAsStored();
    void textsAreStoredAsText_data() { bothPaths(); }
    void textsAreStoredAsText();
    void eachRowKeepsItsOwnVerdict_data() { bothPaths(); }
    void eachRowKeepsItsOwnVerdict();
    void emptyBodyAndQueryAreEmptyNotNull_data() { bothPaths(); }
    void latestReadsAcrossTransactions_data() { bothPaths(); }
    void latestReadsAcrossTransactions();
    void emptyBodyAndQueryAreEmptyNotNull();
    void walStaysBoundedWhileRecording_data() { bothPaths(); }
    void walStaysBoundedWhileRecording();
    void receiversAreListedByLastUse();

private:
    static void bothPaths()
    {
        QTest::addColumn<bool>("sqliteApi");
        QTest::newRow("sqlite api") << true;
        QTest::newRow("qtsql") << false;
    }
    ReceivedRequest request(const QString &receiver, qint64 atMs, const QByteArray &path) const;
    void record(const QList<ReceivedRequest> &requests);

    test::TestSession m_test;
};

void TestReceivedRequestLog::init()
{
    m_test = test::makeSession();
}

void TestReceivedRequestLog::cleanup()
{
    m_test = {};
}

ReceivedRequest TestReceivedRequestLog::request(const QString &receiver, qint64 atMs,
                                                const QByteArray &path) const
{
    ReceivedRequest r;
    r.receiverId = receiver;
    r.receivedAtMs = atMs;
    r.method = "POST";
    r.path = path;
    r.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer tok_secret"}};
    r.body = R"({"id":"evt_1","note":"caf\u00e9"})";
    r.remoteAddress = QHostAddress(QStringLiteral("127.0.0.1"));
    r.remotePort = 50123;
    r.responseStatus = 503;
    r.scheme = SignatureScheme::Stripe;
    r.verdict.outcome = Verdict::Outcome::TimestampOutOfTolerance;
    r.verdict.header = QStringLiteral("Stripe-Signature");
    r.verdict.message = QStringLiteral("The t= timestamp is 912 s in the past.");
    r.verdict.skewSeconds = 912;
    r.verdict.secretLabel = QStringLiteral("Stripe test mode");
    return r;
}

void TestReceivedRequestLog::record(const QList<ReceivedRequest> &requests)
{
    RequestRecorder::Options options;
    if (QTest::currentDataTag())
        options.sqliteApi = QTest::currentDataTag() == QByteArrayView("sqlite api");
    RequestRecorder recorder(m_test.session->database, options);
    for (ReceivedRequest r : requests) // enqueue() takes its argument
        QVERIFY(recorder.enqueue(r));
    QVERIFY(recorder.flush().ok());
}

void TestReceivedRequestLog::walStaysBoundedWhileRecording()
{
    QFETCH(bool, sqliteApi);
    RequestRecorder::Options options;
    options.sqliteApi = sqliteApi;
    options.maxBatch = 50;
    options.walCheckpointBytes = 64 * 1024;
    RequestRecorder recorder(m_test.session->database, options);
    const QByteArray body(2048, 'b');
    qint64 total = 0;
    for (int i = 0; i < 1500; ++i) {
        ReceivedRequest r = request(QStringLiteral("wal"), 1000 + i, "/wal");
        r.body = body;
        total += body.size();
        QVERIFY(recorder.enqueue(r));
        if (i % 100 == 99) // several transactions
            QVERIFY(recorder.flush().ok());
    }
    QVERIFY(recorder.flush().ok());
    if (sqliteApi && RequestRecorder::sqliteApiBuilt())
        QTRY_VERIFY_WITH_TIMEOUT(recorder.stats().backgroundCheckpoints > 0, 5000);
    else
        QCOMPARE(recorder.stats().backgroundCheckpoints, 0);
    recorder.stop();

    // Checkpoints copied the WAL into the database as it grew, and it started over: it never
    // held more than a few thresholds' worth, far less than was written.
    const qint64 wal = QFileInfo(m_test.session->database->path() + QStringLiteral("-wal")).size();
    QVERIFY2(wal < total / 3,
             qPrintable(QStringLiteral("WAL %1 bytes after %2 written").arg(wal).arg(total)));
    QSqlQuery q(m_test.session->database->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), SUM(size) FROM received_requests")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1500);
    QCOMPARE(q.value(1).toLongLong(), total);
}

void TestReceivedRequestLog::outcomeNamesRoundTrip()
{
    for (const Verdict::Outcome o :
         {Verdict::Outcome::Verified, Verdict::Outcome::HeaderMissing,
          Verdict::Outcome::HeaderMalformed, Verdict::Outcome::TimestampOutOfTolerance,
          Verdict::Outcome::SignatureMismatch, Verdict::Outcome::BodyReencoded,
          Verdict::Outcome::NoSecrets, Verdict::Outcome::NotChecked})
        QCOMPARE(ReceivedRequestLog::outcomeFromName(Verdict::outcomeName(o)), o);
    QVERIFY(!ReceivedRequestLog::outcomeFromName(QStringLiteral("verified-ish")));
}

void TestReceivedRequestLog::latestComesBackNewestFirstAsStored()
{
    ReceivedRequest withQuery = request(QStringLiteral("127.0.0.1:8787"), 2000, "/b");
    withQuery.query = "x=1&y=%C3%A9";
    withQuery.hasQuery = true;
    record({request(QStringLiteral("127.0.0.1:8787"), 1000, "/a"), withQuery,
            request(QStringLiteral("127.0.0.1:8787"), 3000, "/c"),
            request(QStringLiteral("127.0.0.1:9999"), 4000, "/other")});

    auto latest =
        ReceivedRequestLog::latest(*m_test.session->database, QStringLiteral("127.0.0.1:8787"), 2);
    QVERIFY(latest.ok());
    QCOMPARE(latest->size(), 2);
    QCOMPARE(latest->at(0).path, QByteArray("/c"));
    const ReceivedRequest &r = latest->at(1);
    QCOMPARE(r.path, QByteArray("/b"));
    QCOMPARE(r.query, QByteArray("x=1&y=%C3%A9"));
    QVERIFY(r.hasQuery);
    QCOMPARE(r.receivedAtMs, qint64(2000));
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.body, withQuery.body);
    QCOMPARE(r.remote(), QStringLiteral("127.0.0.1:50123"));
    QCOMPARE(r.responseStatus, 503);
    QCOMPARE(r.sequence, qint64(0));
    // Credentials were redacted when written, and stay so.
    QCOMPARE(r.headers.size(), 2);
    QCOMPARE(r.headers.at(1).value, QByteArray("Bearer [redacted]"));
    QCOMPARE(r.verdict.outcome, Verdict::Outcome::TimestampOutOfTolerance);
    QCOMPARE(r.verdict.skewSeconds, std::optional<qint64>(912));
    QCOMPARE(r.verdict.header, QStringLiteral("Stripe-Signature"));
    QCOMPARE(r.verdict.secretLabel, QStringLiteral("Stripe test mode"));
    QCOMPARE(r.verdict.message, withQuery.verdict.message);
    QCOMPARE(r.scheme, std::optional<SignatureScheme>(SignatureScheme::Stripe));
    QVERIFY(r.verdict.expected.isEmpty());
}

void TestReceivedRequestLog::textsAreStoredAsText()
{
    ReceivedRequest invalid = request(QStringLiteral("127.0.0.1:8787"), 1000, "/caf\xc3\xa9");
    invalid.query = "bad=\xff";
    invalid.hasQuery = true;
    record({invalid});
    QSqlQuery q(m_test.session->database->connection());
    QVERIFY(q.exec(QStringLiteral(
        "SELECT typeof(receiver_id), typeof(method), typeof(path), typeof(query), "
        "typeof(headers_json), typeof(remote_address), typeof(verdict_detail), typeof(verdict), "
        "typeof(body), path, query FROM received_requests")));
    QVERIFY(q.next());
    for (int column = 0; column < 8; ++column)
        QCOMPARE(q.value(column).toString(), QStringLiteral("text"));
    QCOMPARE(q.value(8).toString(), QStringLiteral("blob"));
    QCOMPARE(q.value(9).toString(), QStringLiteral("/caf\u00e9"));
    // Bytes that are not UTF-8 are stored as U+FFFD, as QString would have them.
    QCOMPARE(q.value(10).toString(), QStringLiteral("bad=\ufffd"));
    // Queries comparing texts see them as texts.
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM received_requests WHERE method = 'POST' "
                                  "AND receiver_id = '127.0.0.1:8787'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void TestReceivedRequestLog::eachRowKeepsItsOwnVerdict()
{
    // The recorder reuses the JSON of a verdict equal to the previous row's: every field that
    // differs must give a row its own.
    ReceivedRequest verified = request(QStringLiteral("r"), 1000, "/1");
    verified.scheme = SignatureScheme::XWebhookSignature;
    verified.verdict = {};
    verified.verdict.outcome = Verdict::Outcome::Verified;
    verified.verdict.secretLabel = QStringLiteral("Secret 1");
    verified.verdict.message = QStringLiteral("Verified with Secret 1.");
    ReceivedRequest otherSecret = verified;
    otherSecret.path = "/2";
    otherSecret.receivedAtMs = 2000;
    otherSecret.verdict.secretLabel = QStringLiteral("Secret 2");
    ReceivedRequest otherScheme = verified;
    otherScheme.path = "/3";
    otherScheme.receivedAtMs = 3000;
    otherScheme.scheme = SignatureScheme::GitHub;
    ReceivedRequest stale = request(QStringLiteral("r"), 4000, "/4");
    ReceivedRequest staler = stale;
    staler.path = "/5";
    staler.receivedAtMs = 5000;
    staler.verdict.skewSeconds = 913;
    ReceivedRequest again = verified;
    again.path = "/6";
    again.receivedAtMs = 6000;
    again.receiverId = QStringLiteral("other");
    record({verified, verified, otherSecret, otherScheme, stale, staler, again});

    auto rows = ReceivedRequestLog::latest(*m_test.session->database, QStringLiteral("r"), 10);
    QVERIFY(rows.ok());
    QCOMPARE(rows->size(), 6);
    // Newest first: /5, /4, /3, /2, /1, /1.
    QCOMPARE(rows->at(0).verdict.skewSeconds, std::optional<qint64>(913));
    QCOMPARE(rows->at(1).verdict.skewSeconds, std::optional<qint64>(912));
    QCOMPARE(rows->at(1).verdict.outcome, Verdict::Outcome::TimestampOutOfTolerance);
    QCOMPARE(rows->at(2).scheme, std::optional<SignatureScheme>(SignatureScheme::GitHub));
    QCOMPARE(rows->at(2).verdict.secretLabel, QStringLiteral("Secret 1"));
    QCOMPARE(rows->at(3).scheme,
             std::optional<SignatureScheme>(SignatureScheme::XWebhookSignature));
    QCOMPARE(rows->at(3).verdict.secretLabel, QStringLiteral("Secret 2"));
    for (int i : {4, 5}) {
        QCOMPARE(rows->at(i).verdict.outcome, Verdict::Outcome::Verified);
        QCOMPARE(rows->at(i).verdict.secretLabel, QStringLiteral("Secret 1"));
    }
    QSqlQuery q(m_test.session->database->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT verdict, COUNT(*) FROM received_requests GROUP BY 1 "
                                  "ORDER BY 1")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("timestamp_out_of_tolerance"));
    QCOMPARE(q.value(1).toInt(), 2);
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("verified"));
    QCOMPARE(q.value(1).toInt(), 5);
    // The receiver id changed with an otherwise equal request.
    auto other = ReceivedRequestLog::latest(*m_test.session->database, QStringLiteral("other"), 10);
    QCOMPARE(other->size(), 1);
    QCOMPARE(other->at(0).path, QByteArray("/6"));
}

void TestReceivedRequestLog::emptyBodyAndQueryAreEmptyNotNull()
{
    ReceivedRequest bare = request(QStringLiteral("r"), 1000, "/empty");
    bare.body = QByteArray();
    bare.query = QByteArray();
    bare.hasQuery = false;
    bare.remoteAddress = QHostAddress();
    record({bare});
    QSqlQuery q(m_test.session->database->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT body IS NULL, length(body), query, remote_address, size "
                                  "FROM received_requests")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QCOMPARE(q.value(1).toInt(), 0);
    QCOMPARE(q.value(2).toString(), QStringLiteral(""));
    QVERIFY(!q.value(2).isNull());
    QCOMPARE(q.value(3).toString(), QStringLiteral(""));
    QVERIFY(!q.value(3).isNull());
    QCOMPARE(q.value(4).toInt(), 0);
}

void TestReceivedRequestLog::latestReadsAcrossTransactions()
{
    // Each recorder transaction notes its span of ids per receiver; reading walks them newest
    // first, and a limit may end in the middle of one.
    const QString a = QStringLiteral("127.0.0.1:8787");
    const QString b = QStringLiteral("127.0.0.1:9999");
    record({request(a, 1000, "/1"), request(a, 1001, "/2")});
    record({request(a, 1002, "/3"), request(b, 1003, "/x"), request(a, 1004, "/4")});
    record({request(a, 1005, "/5")});
    const auto paths = [this](const QString &receiver, int limit) {
        QList<QByteArray> out;
        for (const ReceivedRequest &r :
             ReceivedRequestLog::latest(*m_test.session->database, receiver, limit).value())
            out << r.path;
        return out;
    };
    QCOMPARE(paths(a, 10), (QList<QByteArray>{"/5", "/4", "/3", "/2", "/1"}));
    QCOMPARE(paths(a, 3), (QList<QByteArray>{"/5", "/4", "/3"}));
    QCOMPARE(paths(b, 10), QList<QByteArray>{"/x"});
    QVERIFY(paths(QStringLiteral("nobody"), 10).isEmpty());
    auto receivers = ReceivedRequestLog::receivers(*m_test.session->database, 10);
    QVERIFY(receivers.ok());
    QCOMPARE(receivers->size(), 2);
    QCOMPARE(receivers->at(0).id, a);
    QCOMPARE(receivers->at(0).requests, qint64(5));
    QCOMPARE(receivers->at(0).lastReceivedAtMs, qint64(1005));
    QCOMPARE(receivers->at(1).requests, qint64(1));
    // One span per receiver and transaction (a recorder may split a batch into several
    // transactions as requests reach it): at least one per record() and receiver, counting
    // every row once, each within its ids.
    QSqlQuery q(m_test.session->database->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), SUM(rows), SUM(rows > last_id - first_id + 1) "
                                  "FROM received_spans")));
    QVERIFY(q.next());
    QVERIFY2(q.value(0).toInt() >= 4, qPrintable(q.value(0).toString()));
    QCOMPARE(q.value(1).toInt(), 6);
    QCOMPARE(q.value(2).toInt(), 0);
}

void TestReceivedRequestLog::receiversAreListedByLastUse()
{
    record({request(QStringLiteral("127.0.0.1:8787"), 1000, "/a"),
            request(QStringLiteral("127.0.0.1:8787"), 5000, "/b"),
            request(QStringLiteral("[::1]:9000"), 3000, "/c")});
    auto receivers = ReceivedRequestLog::receivers(*m_test.session->database, 10);
    QVERIFY(receivers.ok());
    QCOMPARE(receivers->size(), 2);
    QCOMPARE(receivers->at(0).id, QStringLiteral("127.0.0.1:8787"));
    QCOMPARE(receivers->at(0).requests, qint64(2));
    QCOMPARE(receivers->at(0).lastReceivedAtMs, qint64(5000));
    QCOMPARE(receivers->at(1).id, QStringLiteral("[::1]:9000"));
    auto one = ReceivedRequestLog::receivers(*m_test.session->database, 1);
    QCOMPARE(one->size(), 1);
}

QTEST_GUILESS_MAIN(TestReceivedRequestLog)
#include "tst_receivedrequestlog.moc"
