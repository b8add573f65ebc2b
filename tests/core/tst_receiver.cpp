// The local receiver end to end on real sockets: verdicts for every scheme (published vectors,
// wrong secret, stale and future timestamps, missing and malformed headers, the previous secret
// during a rotation's overlap), response simulation, batched recording, the coalesced feed,
// HTTPS with the kept certificate, and the round trip from the dispatcher to a verified verdict.
#include "TestSupport.h"

#include "delivery/Dispatcher.h"
#include "http/SelfSignedCertificate.h"
#include "model/WebhookJson.h"
#include "receiver/ReceivedRequest.h"
#include "receiver/Receiver.h"
#include "receiver/ReceiverCertificate.h"
#include "receiver/ReceiverFeed.h"
#include "receiver/ReceiverRoundTrip.h"
#include "registry/WebhookRegistry.h"
#include "secrets/SecretVault.h"
#include "signing/WebhookSigner.h"
#include "storage/Database.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>

using namespace hookline;

namespace {

constexpr int kWait = 10000; // upper bound of any wait; tests finish far sooner
// 2021-02-25T15:02:10Z: the Standard Webhooks specification's test vector time.
constexpr qint64 kVectorTimeMs = 1'614'265'330'000;

struct Response {
    int status = 0;
    QByteArray head;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && httpTokenEquals(line.first(colon), name))
                return line.sliced(colon + 1).trimmed();
        }
        return {};
    }
};

// Complete responses at the front of `bytes`.
QList<Response> parseResponses(const QByteArray &bytes)
{
    QList<Response> out;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype end = bytes.indexOf("\r\n\r\n", pos);
        if (end < 0)
            break;
        Response r;
        r.head = bytes.mid(pos, end - pos);
        r.status = r.head.mid(9, 3).toInt();
        const qsizetype length = r.header("Content-Length").toLongLong();
        if (bytes.size() < end + 4 + length)
            break;
        r.body = bytes.mid(end + 4, length);
        pos = end + 4 + length;
        out.append(r);
    }
    return out;
}

QByteArray httpRequest(const QByteArray &method, const QByteArray &target,
                       const RawHeaderList &headers, const QByteArray &body)
{
    QByteArray out = method;
    out += ' ';
    out += target;
    out += " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ";
    out += QByteArray::number(body.size());
    out += "\r\n";
    for (const auto &[name, value] : headers) {
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    out += "\r\n";
    out += body;
    return out;
}

// Sends raw bytes and waits (running the event loop, so a receiver on this thread answers)
// until `count` responses are in. A TLS socket is set up by the caller.
QList<Response> exchange(QTcpSocket *socket, const QByteArray &bytes, int count)
{
    QByteArray received;
    QEventLoop loop;
    QObject::connect(socket, &QIODevice::readyRead, &loop, [&] {
        received += socket->readAll();
        if (parseResponses(received).size() >= count)
            loop.quit();
    });
    QObject::connect(socket, &QAbstractSocket::disconnected, &loop, &QEventLoop::quit);
    QTimer::singleShot(kWait, &loop, &QEventLoop::quit);
    socket->write(bytes);
    loop.exec();
    return parseResponses(received);
}

QList<Response> send(quint16 port, const QByteArray &bytes, int count = 1)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    return exchange(&socket, bytes, count);
}

Response post(quint16 port, const QByteArray &target, const RawHeaderList &headers,
              const QByteArray &body)
{
    const QList<Response> r = send(port, httpRequest("POST", target, headers, body));
    return r.isEmpty() ? Response() : r.first();
}

int countRows(Database &db, const QString &where = QString())
{
    QSqlQuery q(db.connection());
    q.exec(QStringLiteral("SELECT COUNT(*) FROM received_requests") +
           (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where));
    return q.next() ? q.value(0).toInt() : -1;
}

} // namespace

class TestReceiver : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void publishedVectorsVerify_data();
    void publishedVectorsVerify();
    void verdicts_data();
    void verdicts();
    void severalSchemesPickTheTellingVerdict();
    void noSecretsMeansNotChecked();
    void secretsChangedWhileRunningApplyAtOnce();
    void previousSecretDuringOverlap();
    void expectedSignatureOnlyOnRequest();
    void responseRulesPickStatusBodyHeaders();
    void responseDelay();
    void failFirstNThenSucceed();
    void ruleParsing_data();
    void ruleParsing();
    void rulesRoundTripThroughJson();
    void badSavedRulesNameTheRule();
    void jsonLineIsValidJson_data();
    void jsonLineIsValidJson();
    void jsonLineKeepsEveryBodyByte();
    void recordsEveryRequestInBatches();
    void recordedColumns();
    void fullRecorderAnswers503();
    void feedCoalesces();
    void severalReceiversAtOnce();
    void bindingBeyondLoopbackWarns();
    void httpsWithKeptCertificate();
    void userCertificateFiles();
    void roundTrip_data();
    void roundTrip();

private:
    Receiver *makeReceiver(const std::function<void(Receiver::Options &)> &tweak = {});
    ReceiverStarted startReceiver(Receiver *receiver, ReceiverConfig config = ReceiverConfig());
    // Waits until the feed has delivered `count` requests in total.
    bool waitForFeed(qsizetype count);

    void stopDispatcher();

    std::unique_ptr<ManualClock> m_clock;
    test::TestSession m_t;
    QThread *m_dispatcherThread = nullptr;
    Dispatcher *m_dispatcher = nullptr;
    QList<Receiver *> m_receivers;
    QList<ReceivedRequest> m_fed;
};

void TestReceiver::init()
{
    m_clock = std::make_unique<ManualClock>(kVectorTimeMs);
    m_t = test::makeSession(m_clock.get());
    m_fed.clear();
}

void TestReceiver::cleanup()
{
    stopDispatcher();
    qDeleteAll(m_receivers);
    m_receivers.clear();
    m_t = {};
    m_clock.reset();
}

void TestReceiver::stopDispatcher()
{
    if (!m_dispatcher)
        return;
    QMetaObject::invokeMethod(m_dispatcher, &Dispatcher::stop, Qt::BlockingQueuedConnection);
    m_dispatcherThread->quit();
    m_dispatcherThread->wait();
    delete m_dispatcher;
    delete m_dispatcherThread;
    m_dispatcher = nullptr;
    m_dispatcherThread = nullptr;
}

Receiver *TestReceiver::makeReceiver(const std::function<void(Receiver::Options &)> &tweak)
{
    Receiver::Options o;
    o.clock = m_clock.get();
    o.database = m_t.session->database;
    o.registry = m_t.session->registry;
    o.recorder.flushIntervalMs = 20;
    if (tweak)
        tweak(o);
    auto *receiver = new Receiver(o);
    receiver->feed()->setIntervalMs(10);
    connect(receiver->feed(), &ReceiverFeed::requestsArrived, this,
            [this](const QList<ReceivedRequest> &requests, qint64) { m_fed += requests; });
    m_receivers << receiver;
    return receiver;
}

ReceiverStarted TestReceiver::startReceiver(Receiver *receiver, ReceiverConfig config)
{
    auto started = receiver->start(config);
    if (!started)
        qFatal("%s", qPrintable(started.error().toString()));
    return started.value();
}

bool TestReceiver::waitForFeed(qsizetype count)
{
    QElapsedTimer timer;
    timer.start();
    while (m_fed.size() < count && timer.elapsed() < kWait)
        QTest::qWait(5);
    return m_fed.size() >= count;
}

// Vectors published with each scheme (GitHub's documentation, the Standard Webhooks
// specification) or computed by hand with Python's hmac module, sent to a running receiver.
void TestReceiver::publishedVectorsVerify_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<RawHeaderList>("headers");

    const QByteArray hello = "Hello, World!";
    const QString github = QStringLiteral("It's a Secret to Everybody");
    QTest::newRow("x-webhook-signature")
        << QStringLiteral("x-webhook-signature") << github << hello
        << RawHeaderList{{"X-Webhook-Signature",
                          "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"}};
    QTest::newRow("github")
        << QStringLiteral("github") << github << hello
        << RawHeaderList{
               {"X-Hub-Signature-256",
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"}};
    QTest::newRow("standard-webhooks")
        << QStringLiteral("standard-webhooks")
        << QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        << QByteArray(R"({"test": 2432232314})")
        << RawHeaderList{{"webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek"},
                         {"webhook-timestamp", "1614265330"},
                         {"webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="}};
    QTest::newRow("stripe")
        << QStringLiteral("stripe") << QStringLiteral("sk_test_receiver_secret")
        << QByteArray(R"({"id":"evt_1"})")
        << RawHeaderList{{"Stripe-Signature",
                          "t=1614265330,v1="
                          "0b9cd3be839691b53fcfc6aab8860ea700fd2ed813f88b38fa97a5021a6dac42"}};
}

void TestReceiver::publishedVectorsVerify()
{
    QFETCH(QString, scheme);
    QFETCH(QString, secret);
    QFETCH(QByteArray, body);
    QFETCH(RawHeaderList, headers);
    Receiver *receiver = makeReceiver();
    QVERIFY(receiver->addSecret(*schemeFromName(scheme), secret, QStringLiteral("vector")).ok());
    startReceiver(receiver);
    QCOMPARE(post(receiver->port(), "/hooks", headers, body).status, 200);
    QVERIFY(waitForFeed(1));
    const ReceivedRequest &r = m_fed.first();
    QVERIFY2(r.verdict.verified(), qPrintable(r.verdict.message));
    QCOMPARE(r.verdict.secretLabel, QStringLiteral("vector"));
    QCOMPARE(r.scheme, schemeFromName(scheme));
}

void TestReceiver::verdicts_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("signWith");        // empty: send no signature headers
    QTest::addColumn<qint64>("timestampOffset");  // seconds from the receiver's now
    QTest::addColumn<QByteArray>("mangleHeader"); // header whose value is replaced by "garbage"
    QTest::addColumn<QString>("outcome");
    QTest::addColumn<QString>("messagePart");

    const QString right = QStringLiteral("whsec_dGVzdC1zZWNyZXQtZm9yLXRoZS1yZWNlaXZlcg==");
    const QString wrong = QStringLiteral("whsec_b3RoZXItc2VjcmV0LWZyb20tYW5vdGhlci10b29s");
    for (const QString &scheme :
         {QStringLiteral("x-webhook-signature"), QStringLiteral("standard-webhooks"),
          QStringLiteral("github"), QStringLiteral("stripe")}) {
        const QByteArray name = scheme.toLatin1();
        const auto tag = [&name](const char *what) { return QByteArray(name + ' ' + what); };
        const bool timed =
            scheme == QLatin1String("standard-webhooks") || scheme == QLatin1String("stripe");
        const QByteArray mainHeader =
            scheme == QLatin1String("x-webhook-signature") ? QByteArray("X-Webhook-Signature")
            : scheme == QLatin1String("github")            ? QByteArray("X-Hub-Signature-256")
            : scheme == QLatin1String("stripe")            ? QByteArray("Stripe-Signature")
                                                           : QByteArray("webhook-signature");
        QTest::newRow(tag("valid").constData())
            << scheme << right << qint64(0) << QByteArray() << "verified" << QString();
        QTest::newRow(tag("wrong secret").constData())
            << scheme << wrong << qint64(0) << QByteArray() << "signature_mismatch"
            << QStringLiteral("secret");
        QTest::newRow(tag("missing header").constData())
            << scheme << QString() << qint64(0) << QByteArray() << "header_missing" << QString();
        QTest::newRow(tag("malformed header").constData())
            << scheme << right << qint64(0) << mainHeader << "header_malformed" << QString();
        if (timed) {
            QTest::newRow(tag("stale").constData())
                << scheme << right << qint64(-301) << QByteArray() << "timestamp_out_of_tolerance"
                << QStringLiteral("301");
            QTest::newRow(tag("future").constData())
                << scheme << right << qint64(400) << QByteArray() << "timestamp_out_of_tolerance"
                << QStringLiteral("400");
            QTest::newRow(tag("at the tolerance").constData())
                << scheme << right << qint64(-300) << QByteArray() << "verified" << QString();
        }
    }
}

void TestReceiver::verdicts()
{
    QFETCH(QString, scheme);
    QFETCH(QString, signWith);
    QFETCH(qint64, timestampOffset);
    QFETCH(QByteArray, mangleHeader);
    QFETCH(QString, outcome);
    QFETCH(QString, messagePart);

    const SignatureScheme s = *schemeFromName(scheme);
    const QString right = QStringLiteral("whsec_dGVzdC1zZWNyZXQtZm9yLXRoZS1yZWNlaXZlcg==");
    Receiver *receiver = makeReceiver();
    QVERIFY(receiver->addSecret(s, right).ok());
    startReceiver(receiver);

    const QByteArray body = R"({"type":"peopleCreated","data":{"id":"p-1"}})";
    RawHeaderList headers{{"Content-Type", "application/json"}};
    if (!signWith.isEmpty()) {
        auto signature = WebhookSigner::sign(s, QStringList{signWith}, QStringLiteral("msg_1"),
                                             m_clock->nowMs() / 1000 + timestampOffset, body);
        QVERIFY(signature.ok());
        for (auto h : signature.value()) {
            if (!mangleHeader.isEmpty() && httpTokenEquals(h.first, mangleHeader))
                h.second = "garbage";
            headers << h;
        }
    }
    QCOMPARE(post(receiver->port(), "/hooks/in?x=1", headers, body).status, 200);
    QVERIFY(waitForFeed(1));
    const ReceivedRequest &r = m_fed.first();
    QCOMPARE(r.verdictName(), outcome);
    QVERIFY(!r.verdict.message.isEmpty());
    if (!messagePart.isEmpty())
        QVERIFY2(r.verdict.message.contains(messagePart), qPrintable(r.verdict.message));
    if (r.verdict.verified())
        QVERIFY2(r.verdict.secretLabel.startsWith(QStringLiteral("whsec_dGVzdC")),
                 qPrintable(r.verdict.secretLabel));
    if (outcome == QLatin1String("timestamp_out_of_tolerance"))
        QCOMPARE(*r.verdict.skewSeconds, -timestampOffset);
    // The secret never shows up in what a person or a script sees.
    QVERIFY(!r.verdict.message.contains(right));
    QVERIFY(!r.verdict.secretLabel.contains(right));
    QVERIFY(r.verdict.expected.isEmpty());
}

void TestReceiver::severalSchemesPickTheTellingVerdict()
{
    Receiver *receiver = makeReceiver();
    QVERIFY(
        receiver->addSecret(SignatureScheme::GitHub, QStringLiteral("github-secret-123456")).ok());
    QVERIFY(
        receiver->addSecret(SignatureScheme::Stripe, QStringLiteral("stripe-secret-123456")).ok());
    startReceiver(receiver);
    const QByteArray body = "{}";
    // A stripe request signed with another secret: the verdict is stripe's mismatch, not
    // github's "header missing".
    auto other = WebhookSigner::sign(SignatureScheme::Stripe, QStringList{QStringLiteral("nope")},
                                     {}, m_clock->nowMs() / 1000, body);
    post(receiver->port(), "/", other.value(), body);
    auto good = WebhookSigner::sign(SignatureScheme::Stripe,
                                    QStringList{QStringLiteral("stripe-secret-123456")}, {},
                                    m_clock->nowMs() / 1000, body);
    post(receiver->port(), "/", good.value(), body);
    QVERIFY(waitForFeed(2));
    QCOMPARE(m_fed.at(0).verdictName(), QStringLiteral("signature_mismatch"));
    QCOMPARE(m_fed.at(0).scheme, SignatureScheme::Stripe);
    QCOMPARE(m_fed.at(1).verdictName(), QStringLiteral("verified"));
    QCOMPARE(m_fed.at(1).scheme, SignatureScheme::Stripe);
}

void TestReceiver::noSecretsMeansNotChecked()
{
    Receiver *receiver = makeReceiver();
    startReceiver(receiver);
    QCOMPARE(post(receiver->port(), "/x", {}, "hi").status, 200);
    QVERIFY(waitForFeed(1));
    QCOMPARE(m_fed.first().verdictName(), QStringLiteral("not_checked"));
    QVERIFY(!m_fed.first().scheme);
}

void TestReceiver::secretsChangedWhileRunningApplyAtOnce()
{
    // The receiver reuses what it built to verify while nothing changed: every change must
    // show in the very next request's verdict.
    const QString first = QStringLiteral("first-secret-0123456789");
    const QString second = QStringLiteral("second-secret-0123456789");
    const QByteArray body = R"({"n":2})";
    const auto signedWith = [&](const QString &secret) {
        return WebhookSigner::sign(SignatureScheme::XWebhookSignature, QStringList{secret}, {},
                                   m_clock->nowMs() / 1000, body)
            .value();
    };
    Receiver *receiver = makeReceiver();
    startReceiver(receiver);
    QVERIFY(
        receiver->addSecret(SignatureScheme::XWebhookSignature, first, QStringLiteral("A")).ok());
    post(receiver->port(), "/", signedWith(first), body);
    QVERIFY(waitForFeed(1));
    QCOMPARE(m_fed.at(0).verdict.secretLabel, QStringLiteral("A"));

    QVERIFY(
        receiver->addSecret(SignatureScheme::XWebhookSignature, second, QStringLiteral("B")).ok());
    post(receiver->port(), "/", signedWith(second), body);
    QVERIFY(waitForFeed(2));
    QVERIFY(m_fed.at(1).verdict.verified());
    QCOMPARE(m_fed.at(1).verdict.secretLabel, QStringLiteral("B"));

    QVERIFY(receiver->removeSecret(0));
    post(receiver->port(), "/", signedWith(first), body);
    QVERIFY(waitForFeed(3));
    QCOMPARE(m_fed.at(2).verdictName(), QStringLiteral("signature_mismatch"));

    receiver->clearVerification();
    post(receiver->port(), "/", signedWith(second), body);
    QVERIFY(waitForFeed(4));
    QCOMPARE(m_fed.at(3).verdictName(), QStringLiteral("not_checked"));
}

void TestReceiver::previousSecretDuringOverlap()
{
    WebhookDraft draft;
    draft.name = QStringLiteral("Rotating");
    draft.url = QStringLiteral("http://127.0.0.1:9/hook");
    draft.events = {QStringLiteral("peopleCreated")};
    draft.localTesting = true;
    auto created = m_t.session->registry->create(draft);
    QVERIFY(created.ok());
    const QString oldSecret = created->signingSecret;

    Receiver *receiver = makeReceiver();
    auto attached = receiver->attachWebhook(created->webhook.id.left(8));
    QVERIFY2(attached.ok(), qPrintable(attached.error().toString()));
    QCOMPARE(attached->scheme, SignatureScheme::XWebhookSignature);
    startReceiver(receiver);

    auto rotated = m_t.session->registry->rotateSecret(created->webhook.id, 3600 * 1000);
    QVERIFY(rotated.ok());
    const QString newSecret = rotated->signingSecret;
    receiver->reloadWebhookKeys();

    const QByteArray body = R"({"n":1})";
    auto signedWith = [&](const QString &secret) {
        return WebhookSigner::sign(SignatureScheme::XWebhookSignature, QStringList{secret}, {},
                                   m_clock->nowMs() / 1000, body)
            .value();
    };
    // A sender still on the old secret, one on the new one: both verified during the overlap,
    // each by the secret that signed it.
    post(receiver->port(), "/", signedWith(oldSecret), body);
    post(receiver->port(), "/", signedWith(newSecret), body);
    QVERIFY(waitForFeed(2));
    QVERIFY2(m_fed.at(0).verdict.verified(), qPrintable(m_fed.at(0).verdict.message));
    QVERIFY2(m_fed.at(0).verdict.secretLabel.contains(QStringLiteral("(previous)")),
             qPrintable(m_fed.at(0).verdict.secretLabel));
    QVERIFY(m_fed.at(0).verdict.secretLabel.contains(QStringLiteral("Rotating")));
    QVERIFY(m_fed.at(1).verdict.verified());
    QVERIFY2(m_fed.at(1).verdict.secretLabel.contains(QStringLiteral("(current)")),
             qPrintable(m_fed.at(1).verdict.secretLabel));

    // After the overlap the old secret no longer verifies, without any reload.
    m_clock->advanceMs(3600 * 1000 + 1);
    post(receiver->port(), "/", signedWith(oldSecret), body);
    QVERIFY(waitForFeed(3));
    QCOMPARE(m_fed.at(2).verdictName(), QStringLiteral("signature_mismatch"));
}

void TestReceiver::expectedSignatureOnlyOnRequest()
{
    const QString secret = QStringLiteral("receiver-secret-0123456789");
    const QByteArray body = R"({"a":1})";
    const QByteArray expected =
        WebhookSigner::headerValue(SignatureScheme::GitHub, secret, {}, 0, body);
    RawHeaderList wrong{{"X-Hub-Signature-256", "sha256=" + QByteArray(64, 'a')}};

    Receiver *quiet = makeReceiver();
    QVERIFY(quiet->addSecret(SignatureScheme::GitHub, secret).ok());
    startReceiver(quiet);
    post(quiet->port(), "/", wrong, body);
    QVERIFY(waitForFeed(1));
    const ReceivedRequest hidden = m_fed.first();
    QCOMPARE(hidden.verdictName(), QStringLiteral("signature_mismatch"));
    QVERIFY(hidden.verdict.expected.isEmpty());
    QVERIFY(!hidden.verdictJson(true).contains(QStringLiteral("expected")));
    QVERIFY(!hidden.verdict.message.contains(QString::fromLatin1(expected)));
    // Asked for, it is computed on demand and nothing else changes.
    QCOMPARE(quiet->verify(hidden, true).expected, expected);
    QVERIFY(quiet->flushRecording().ok());
    {
        QSqlQuery q(m_t.session->database->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT verdict_detail FROM received_requests")));
        QVERIFY(q.next());
        QVERIFY(!q.value(0).toString().contains(QString::fromLatin1(expected.mid(7))));
        QVERIFY(!q.value(0).toString().contains(QStringLiteral("expected")));
    }

    // A receiver told to reveal it keeps it with the verdict.
    Receiver *open = makeReceiver();
    QVERIFY(open->addSecret(SignatureScheme::GitHub, secret).ok());
    ReceiverConfig config;
    config.revealExpectedSignature = true;
    QVERIFY(!startReceiver(open, config).warnings.isEmpty());
    post(open->port(), "/", wrong, body);
    QVERIFY(waitForFeed(2));
    QCOMPARE(m_fed.at(1).verdict.expected, expected);
    QCOMPARE(m_fed.at(1).verdictJson(true).value(QStringLiteral("expected")).toString(),
             QString::fromLatin1(expected));
}

void TestReceiver::responseRulesPickStatusBodyHeaders()
{
    Receiver *receiver = makeReceiver();
    ResponseRule prefix;
    prefix.path = QStringLiteral("/hooks/*");
    prefix.status = 202;
    prefix.body = "accepted";
    ResponseRule longer;
    longer.path = QStringLiteral("/hooks/github/*");
    longer.status = 204;
    longer.body = {};
    ResponseRule exact;
    exact.path = QStringLiteral("/hooks/teapot");
    exact.status = 418;
    exact.body = R"({"error":"teapot"})";
    exact.headers = {{"Content-Type", "application/json"}, {"X-Simulated", "yes"}};
    ResponseRule fallback;
    fallback.status = 404;
    fallback.body = "nothing here";
    QVERIFY(receiver->setResponseRules({prefix, longer, exact}, fallback).ok());
    startReceiver(receiver);
    const quint16 port = receiver->port();

    Response r = post(port, "/hooks/a", {}, "x");
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body, QByteArray("accepted"));
    r = post(port, "/hooks/github/push", {}, "x");
    QCOMPARE(r.status, 204);
    r = post(port, "/hooks/teapot?q=1", {}, "x");
    QCOMPARE(r.status, 418);
    QCOMPARE(r.header("X-Simulated"), QByteArray("yes"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(r.body, QByteArray(R"({"error":"teapot"})"));
    r = post(port, "/elsewhere", {}, "x");
    QCOMPARE(r.status, 404);
    QCOMPARE(r.body, QByteArray("nothing here"));
    // Any method.
    const QList<Response> del = send(port, "DELETE /hooks/a HTTP/1.1\r\nHost: x\r\n\r\n");
    QCOMPARE(del.size(), 1);
    QCOMPARE(del.first().status, 202);
    QVERIFY(waitForFeed(5));
    QCOMPARE(m_fed.at(4).method, QByteArray("DELETE"));
    QCOMPARE(m_fed.at(2).responseStatus, 418);
    QCOMPARE(m_fed.at(2).query, QByteArray("q=1"));
}

void TestReceiver::responseDelay()
{
    Receiver *receiver = makeReceiver();
    ResponseRule slow;
    slow.path = QStringLiteral("/slow");
    slow.delayMs = 300;
    QVERIFY(receiver->setResponseRules({slow}).ok());
    startReceiver(receiver);
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(post(receiver->port(), "/fast", {}, "x").status, 200);
    QVERIFY(timer.elapsed() < 250);
    timer.restart();
    const Response r = post(receiver->port(), "/slow", {}, "x");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray("ok"));
    QVERIFY2(timer.elapsed() >= 290, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(waitForFeed(2));
    QCOMPARE(m_fed.at(1).responseDelayMs, 300);
}

void TestReceiver::failFirstNThenSucceed()
{
    Receiver *receiver = makeReceiver();
    ResponseRule flaky;
    flaky.path = QStringLiteral("/flaky");
    flaky.failFirst = 3;
    flaky.failStatus = 503;
    QVERIFY(receiver->setResponseRules({flaky}).ok());
    startReceiver(receiver);
    QList<int> statuses;
    for (int i = 0; i < 5; ++i)
        statuses << post(receiver->port(), "/flaky", {}, "x").status;
    // Other paths are not affected.
    statuses << post(receiver->port(), "/other", {}, "x").status;
    QCOMPARE(statuses, (QList<int>{503, 503, 503, 200, 200, 200}));
    // Setting the rules again starts counting again.
    QVERIFY(receiver->setResponseRules({flaky}).ok());
    QCOMPARE(post(receiver->port(), "/flaky", {}, "x").status, 503);
}

void TestReceiver::ruleParsing_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("path and status") << "/hooks/*:503" << true << "/hooks/*" << 503 << QByteArray();
    QTest::newRow("with body") << "/ok:200:done" << true << "/ok" << 200 << QByteArray("done");
    QTest::newRow("body with colons")
        << "/j:201:{\"a\":1}" << true << "/j" << 201 << QByteArray("{\"a\":1}");
    QTest::newRow("everything") << "*:500" << true << "*" << 500 << QByteArray();
    QTest::newRow("no status") << "/x" << false << "" << 0 << QByteArray();
    QTest::newRow("status not a number") << "/x:abc" << false << "" << 0 << QByteArray();
    QTest::newRow("status out of range") << "/x:99" << false << "" << 0 << QByteArray();
    QTest::newRow("relative path") << "x:200" << false << "" << 0 << QByteArray();
    QTest::newRow("star inside") << "/a*b:200" << false << "" << 0 << QByteArray();
}

void TestReceiver::ruleParsing()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    auto rule = ResponseRule::parse(text);
    QCOMPARE(rule.ok(), ok);
    if (!ok) {
        QVERIFY(!rule.error().message.isEmpty());
        return;
    }
    QTEST(rule->path, "path");
    QTEST(rule->status, "status");
    QTEST(rule->body, "body");
}

void TestReceiver::rulesRoundTripThroughJson()
{
    ResponseRule flaky;
    flaky.path = QStringLiteral("/hooks/*");
    flaky.status = 202;
    flaky.body = QByteArray("\x00\xff binary \n", 12);
    flaky.contentType = "application/octet-stream";
    flaky.headers = {{"X-Trace", "abc"}, {"X-Latin", "caf\xe9"}};
    flaky.delayMs = 1500;
    flaky.failFirst = 3;
    flaky.failStatus = 503;
    ResponseRule exact;
    exact.path = QStringLiteral("/ok");
    ResponseRule fallback;
    fallback.status = 404;
    fallback.body = "nothing here";

    const QByteArray json = responseRulesToJson({flaky, exact}, fallback);
    auto back = responseRulesFromJson(json);
    QVERIFY2(back.ok(), qPrintable(back.ok() ? QString() : back.error().toString()));
    const auto &[rules, defaults] = back.value();
    QCOMPARE(rules.size(), 2);
    const ResponseRule &r = rules.at(0);
    QCOMPARE(r.path, flaky.path);
    QCOMPARE(r.status, 202);
    QCOMPARE(r.body, flaky.body);
    QCOMPARE(r.contentType, flaky.contentType);
    QCOMPARE(r.headers.size(), 2);
    QCOMPARE(r.headers.at(1).name, QByteArray("X-Latin"));
    QCOMPARE(r.headers.at(1).value, QByteArray("caf\xe9"));
    QCOMPARE(r.delayMs, 1500);
    QCOMPARE(r.failFirst, 3);
    QCOMPARE(r.failStatus, 503);
    QCOMPARE(rules.at(1).path, QStringLiteral("/ok"));
    QCOMPARE(rules.at(1).body, QByteArray("ok"));
    QCOMPARE(defaults.path, QStringLiteral("*"));
    QCOMPARE(defaults.status, 404);
    QCOMPARE(defaults.body, QByteArray("nothing here"));
}

void TestReceiver::badSavedRulesNameTheRule()
{
    QVERIFY(!responseRulesFromJson("not json").ok());
    QCOMPARE(responseRulesFromJson("not json").error().field, QStringLiteral("rules"));
    auto badStatus = responseRulesFromJson(
        R"({"rules":[{"path":"/a","status":200},{"path":"/b","status":99}],"default":{}})");
    QVERIFY(!badStatus.ok());
    QCOMPARE(badStatus.error().field, QStringLiteral("rule 2 status"));
    QVERIFY(badStatus.error().message.contains(QStringLiteral("99")));
    auto badPath = responseRulesFromJson(R"({"rules":[{"path":"no-slash"}]})");
    QCOMPARE(badPath.error().field, QStringLiteral("rule 1 path"));
    auto badBody = responseRulesFromJson(R"({"rules":[{"path":"/a","body":"***"}]})");
    QCOMPARE(badBody.error().field, QStringLiteral("rule 1 body"));
    auto badDefault = responseRulesFromJson(R"({"rules":[],"default":{"delay_ms":-5}})");
    QCOMPARE(badDefault.error().field, QStringLiteral("default delay"));
    // Missing members keep their defaults.
    auto sparse = responseRulesFromJson(R"({"rules":[{"path":"/x"}]})");
    QVERIFY(sparse.ok());
    QCOMPARE(sparse->first.at(0).status, 200);
    QCOMPARE(sparse->second.body, QByteArray("ok"));
}

void TestReceiver::jsonLineIsValidJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("headerValue");
    QTest::addColumn<qint64>("timeMs");
    QTest::addColumn<QString>("bodyEncoding");

    QTest::newRow("json") << QByteArray(R"({"a":"b\"c","n":[1,2]})") << QByteArray("plain")
                          << qint64(0) << "text";
    QTest::newRow("utf-8 and escapes")
        << QByteArray("Zo\xc3\xab \xf0\x9f\x98\x80 \"q\" \\ \t\n\r\x01\x1f\x7f")
        << QByteArray("tab\there \"quoted\" back\\slash") << qint64(951'782'400'123) << "text";
    QTest::newRow("nul is binary")
        << QByteArray("a\0b", 3) << QByteArray("x") << qint64(4'107'542'400'999) << "base64";
    QTest::newRow("invalid utf-8") << QByteArray("\xc3\x28 \xed\xa0\x80 \xf5\x80\x80\x80")
                                   << QByteArray("caf\xe9 \xff") << kVectorTimeMs << "base64";
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << QByteArray("\xe0\x80\xaf")
                              << qint64(1'709'251'199'999) << "base64";
    QTest::newRow("truncated") << QByteArray("ok \xe2\x82") << QByteArray("\xf0\x9f\x98")
                               << qint64(86'399'999) << "base64";
    QTest::newRow("empty") << QByteArray() << QByteArray() << qint64(1) << "text";

    // Long bodies go eight bytes at a time: what needs a look may sit anywhere in a word.
    QByteArray longText = QByteArray(1000, 'a');
    longText.replace(7, 1, "\"").replace(16, 1, "\\").replace(300, 1, "\x1f");
    longText.insert(517, "\xc3\xa9\xf0\x9f\x98\x80\xe2\x82\xac");
    QTest::newRow("long text") << longText << QByteArray(40, 'v').append("\xc3\xa9") << qint64(2)
                               << "text";
    QTest::newRow("long, late nul")
        << QByteArray(999, 'a').append('\0') << QByteArray(20, 'v') << qint64(3) << "base64";
    QTest::newRow("long, late invalid")
        << QByteArray(512, 'a').append("\xff").append(QByteArray(64, 'b'))
        << QByteArray(16, 'v').append("\xff").append(QByteArray(16, 'w')) << qint64(4) << "base64";
    QTest::newRow("long, truncated at the end")
        << QByteArray(64, 'a').append("\xe2\x82") << QByteArray(24, 'v').append("\xe2\x82")
        << qint64(5) << "base64";
}

// Bodies of text with a character that needs escaping (or is multi-byte, or a NUL) at every
// offset and beside every other: the escaper takes eight bytes at a time and jumps to the first
// byte that needs a look, so a slip shows as a changed or lost byte here.
void TestReceiver::jsonLineKeepsEveryBodyByte()
{
    const QList<QByteArray> pieces = {
        "a",    "\"",   "\\",       "\n",           "\x01",
        "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
        "/",    " "};
    QRandomGenerator random(20261202); // fixed: a failure can be replayed
    for (int round = 0; round < 3000; ++round) {
        QByteArray body;
        const int length = int(random.bounded(40));
        for (int i = 0; i < length; ++i)
            body += random.bounded(3) == 0 ? pieces.at(int(random.bounded(pieces.size())))
                                           : QByteArray(1, char('a' + random.bounded(26)));
        const bool withNul = random.bounded(10) == 0;
        if (withNul)
            body.insert(random.bounded(body.size() + 1), '\0');
        ReceivedRequest r;
        r.method = "POST";
        r.path = "/";
        r.body = body;
        const QByteArray line = r.toJsonLine(false);
        QJsonParseError error;
        const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        const QString encoding = o.value(QStringLiteral("body_encoding")).toString();
        if (withNul) {
            QCOMPARE(encoding, QStringLiteral("base64"));
            QCOMPARE(QByteArray::fromBase64(o.value(QStringLiteral("body")).toString().toLatin1()),
                     body);
        } else {
            QCOMPARE(encoding, QStringLiteral("text"));
            QCOMPARE(o.value(QStringLiteral("body")).toString().toUtf8(), body);
        }
    }
}

// The hand-written NDJSON line is valid JSON that says what Qt's own JSON would say.
void TestReceiver::jsonLineIsValidJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, headerValue);
    QFETCH(qint64, timeMs);
    QFETCH(QString, bodyEncoding);

    ReceivedRequest r;
    r.sequence = 7;
    r.receiverId = QStringLiteral("r\"1");
    r.receivedAtMs = timeMs;
    r.method = "PATCH";
    r.path = "/a b/\xc3\xa9";
    r.query = "x=\"1\"";
    r.hasQuery = true;
    r.headers = {{"X-Odd", headerValue}, {"Host", "h"}};
    r.body = body;
    r.remoteAddress = QHostAddress(QStringLiteral("::1"));
    r.remotePort = 4321;
    r.wireSize = 99;
    r.scheme = SignatureScheme::Stripe;
    r.verdict.outcome = Verdict::Outcome::TimestampOutOfTolerance;
    r.verdict.message = QStringLiteral("line\nbreak \"and\" quote \u00e9");
    r.verdict.skewSeconds = -42;
    r.verdict.expected = "t=1,v1=abc";
    r.responseStatus = 503;
    r.responseDelayMs = 10;

    QJsonParseError error;
    const QByteArray line = r.toJsonLine(false);
    QVERIFY(!line.contains('\n'));
    const QJsonObject o = QJsonDocument::fromJson(line, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError,
             qPrintable(error.errorString() + QLatin1Char(' ') + QString::fromUtf8(line)));
    QCOMPARE(o.value(QStringLiteral("time")).toString(), isoTime(timeMs));
    QCOMPARE(o.value(QStringLiteral("receiver")).toString(), r.receiverId);
    QCOMPARE(o.value(QStringLiteral("sequence")).toInteger(), 7);
    QCOMPARE(o.value(QStringLiteral("method")).toString(), QStringLiteral("PATCH"));
    QCOMPARE(o.value(QStringLiteral("path")).toString(), QString::fromUtf8(r.path));
    QCOMPARE(o.value(QStringLiteral("query")).toString(), QStringLiteral("x=\"1\""));
    const QJsonArray headers = o.value(QStringLiteral("headers")).toArray();
    QCOMPARE(headers.size(), 2);
    QCOMPARE(headers.at(0).toArray().at(0).toString(), QStringLiteral("X-Odd"));
    QCOMPARE(headers.at(0).toArray().at(1).toString(), QString::fromUtf8(headerValue));
    QCOMPARE(o.value(QStringLiteral("body_encoding")).toString(), bodyEncoding);
    if (bodyEncoding == QLatin1String("text"))
        QCOMPARE(o.value(QStringLiteral("body")).toString().toUtf8(), body);
    else
        QCOMPARE(QByteArray::fromBase64(o.value(QStringLiteral("body")).toString().toLatin1()),
                 body);
    QCOMPARE(o.value(QStringLiteral("size")).toInt(), body.size());
    QCOMPARE(o.value(QStringLiteral("remote")).toString(), QStringLiteral("[::1]:4321"));
    QCOMPARE(o.value(QStringLiteral("status")).toInt(), 503);
    QCOMPARE(o.value(QStringLiteral("delay_ms")).toInt(), 10);
    const QJsonObject verdict = o.value(QStringLiteral("verdict")).toObject();
    QCOMPARE(verdict.value(QStringLiteral("outcome")).toString(),
             QStringLiteral("timestamp_out_of_tolerance"));
    QCOMPARE(verdict.value(QStringLiteral("scheme")).toString(), QStringLiteral("stripe"));
    QVERIFY(verdict.value(QStringLiteral("secret")).isNull());
    QCOMPARE(verdict.value(QStringLiteral("message")).toString(), r.verdict.message);
    QCOMPARE(verdict.value(QStringLiteral("skew_seconds")).toInteger(), -42);
    QVERIFY(!verdict.contains(QStringLiteral("expected")));
    QCOMPARE(r.toJson(true)
                 .value(QStringLiteral("verdict"))
                 .toObject()
                 .value(QStringLiteral("expected"))
                 .toString(),
             QStringLiteral("t=1,v1=abc"));
    QCOMPARE(QJsonDocument::fromJson(ReceivedRequest::headersJson(r.headers).toUtf8()).array(),
             headers);

    // Lines reuse the verdict's JSON while it stays the same: a changed verdict shows at once.
    const auto verdictOf = [](const ReceivedRequest &request) {
        return QJsonDocument::fromJson(request.toJsonLine(false))
            .object()
            .value(QStringLiteral("verdict"))
            .toObject();
    };
    ReceivedRequest next = r;
    next.verdict.skewSeconds = -43;
    QCOMPARE(verdictOf(next).value(QStringLiteral("skew_seconds")).toInteger(), -43);
    next.verdict.message = QStringLiteral("another reason");
    QCOMPARE(verdictOf(next).value(QStringLiteral("message")).toString(),
             QStringLiteral("another reason"));
    next.scheme = SignatureScheme::GitHub;
    QCOMPARE(verdictOf(next).value(QStringLiteral("scheme")).toString(), QStringLiteral("github"));
    next.verdict.outcome = Verdict::Outcome::SignatureMismatch;
    QCOMPARE(verdictOf(next).value(QStringLiteral("outcome")).toString(),
             QStringLiteral("signature_mismatch"));
    QCOMPARE(verdictOf(r).value(QStringLiteral("skew_seconds")).toInteger(), -42);
}

void TestReceiver::recordsEveryRequestInBatches()
{
    Receiver *receiver =
        makeReceiver([](Receiver::Options &o) { o.recorder.flushIntervalMs = 50; });
    QVERIFY(receiver
                ->addSecret(SignatureScheme::XWebhookSignature,
                            QStringLiteral("bench-secret-0123456789"))
                .ok());
    startReceiver(receiver);
    // 8 connections, 100 pipelined requests each.
    const int perConnection = 100;
    QList<QTcpSocket *> sockets;
    QByteArray burst;
    for (int i = 0; i < perConnection; ++i)
        burst += httpRequest("POST", "/load/" + QByteArray::number(i), {}, "payload");
    int answered = 0;
    for (int c = 0; c < 8; ++c) {
        auto *socket = new QTcpSocket(this);
        auto *buffer = new QByteArray;
        connect(socket, &QIODevice::readyRead, this, [socket, buffer, &answered] {
            *buffer += socket->readAll();
            const QList<Response> done = parseResponses(*buffer);
            if (!done.isEmpty()) {
                qsizetype consumed = 0;
                for (const Response &r : done)
                    consumed += r.head.size() + 4 + r.body.size();
                buffer->remove(0, consumed);
                answered += int(done.size());
            }
        });
        connect(socket, &QObject::destroyed, this, [buffer] { delete buffer; });
        socket->connectToHost(QHostAddress(QHostAddress::LocalHost), receiver->port());
        socket->write(burst);
        sockets << socket;
    }
    QTRY_COMPARE_WITH_TIMEOUT(answered, 8 * perConnection, kWait);
    QVERIFY(receiver->flushRecording().ok());
    QCOMPARE(countRows(*m_t.session->database), 8 * perConnection);
    const Receiver::Stats stats = receiver->stats();
    QCOMPARE(stats.received, 8 * perConnection);
    QCOMPARE(stats.recording.written, 8 * perConnection);
    QCOMPARE(stats.failed, 8 * perConnection); // no signature header sent
    // Batched: far fewer transactions than requests.
    QVERIFY2(stats.recording.transactions * 10 <= 8 * perConnection,
             qPrintable(QString::number(stats.recording.transactions)));
    qDeleteAll(sockets);
}

void TestReceiver::recordedColumns()
{
    Receiver *receiver = makeReceiver();
    const QString secret = QStringLiteral("columns-secret-0123456789");
    QVERIFY(receiver->addSecret(SignatureScheme::XWebhookSignature, secret).ok());
    ResponseRule rule;
    rule.path = QStringLiteral("/hooks/*");
    rule.status = 201;
    QVERIFY(receiver->setResponseRules({rule}).ok());
    ReceiverConfig config;
    config.id = QStringLiteral("test-receiver");
    startReceiver(receiver, config);
    const QByteArray body("{\"x\":1}\x01\xff", 9);
    RawHeaderList headers =
        WebhookSigner::sign(SignatureScheme::XWebhookSignature, QStringList{secret}, {}, 0, body)
            .value();
    headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer very-secret-token")));
    // An api_key webhook's credential, under a name of the user's choosing.
    headers.append(qMakePair(QByteArray("X-Api-Key"), QByteArray("key-live-4242")));
    headers.append(qMakePair(QByteArray("X-Repeat"), QByteArray("1")));
    headers.append(qMakePair(QByteArray("x-repeat"), QByteArray("2")));
    QSignalSpy fed(receiver->feed(), &ReceiverFeed::requestsArrived);
    QCOMPARE(post(receiver->port(), "/hooks/in?a=1&b=%20", headers, body).status, 201);
    QVERIFY(receiver->flushRecording().ok());
    // The live list (and the CLI's NDJSON) get the credentials redacted too; the signature
    // was checked before.
    QTRY_VERIFY(!fed.isEmpty());
    const ReceivedRequest live = fed.first().at(0).value<QList<ReceivedRequest>>().constFirst();
    QVERIFY(live.verdict.verified());
    for (const HttpHeader &h : live.headers) {
        if (h.name == "Authorization")
            QCOMPARE(h.value, QByteArray("Bearer [redacted]"));
        if (h.name == "X-Api-Key")
            QCOMPARE(h.value, QByteArray("[redacted]"));
    }
    // The headers' JSON and the sender's address are made once, after redaction, and shared by
    // the row and the NDJSON line: the line must be the one made from scratch.
    QVERIFY(!live.preparedHeadersJson.isEmpty());
    QVERIFY(!live.preparedHeadersJson.contains("very-secret-token"));
    ReceivedRequest fresh = live;
    fresh.preparedHeadersJson.clear();
    fresh.preparedRemote.clear();
    QCOMPARE(live.toJsonLine(false), fresh.toJsonLine(false));
    const QJsonObject line = QJsonDocument::fromJson(live.toJsonLine(false)).object();

    QSqlQuery q(m_t.session->database->connection());
    QVERIFY(q.exec(QStringLiteral(
        "SELECT receiver_id, received_at, method, path, query, headers_json, body, "
        "remote_address, size, verdict, verdict_detail, response_status FROM received_requests")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("test-receiver"));
    QCOMPARE(q.value(1).toLongLong(), kVectorTimeMs);
    QCOMPARE(q.value(2).toString(), QStringLiteral("POST"));
    QCOMPARE(q.value(3).toString(), QStringLiteral("/hooks/in"));
    QCOMPARE(q.value(4).toString(), QStringLiteral("a=1&b=%20"));
    const QJsonArray stored = QJsonDocument::fromJson(q.value(5).toString().toUtf8()).array();
    QStringList names;
    for (const QJsonValue &pair : stored) {
        names << pair.toArray().at(0).toString();
        if (names.last() == QLatin1String("Authorization"))
            QCOMPARE(pair.toArray().at(1).toString(), QStringLiteral("Bearer [redacted]"));
        if (names.last() == QLatin1String("X-Api-Key"))
            QCOMPARE(pair.toArray().at(1).toString(), QStringLiteral("[redacted]"));
    }
    QCOMPARE(names, (QStringList{QStringLiteral("Host"), QStringLiteral("Content-Length"),
                                 QStringLiteral("X-Webhook-Signature"),
                                 QStringLiteral("Authorization"), QStringLiteral("X-Api-Key"),
                                 QStringLiteral("X-Repeat"), QStringLiteral("x-repeat")}));
    QCOMPARE(stored, line.value(QStringLiteral("headers")).toArray());
    QCOMPARE(q.value(6).toByteArray(), body);
    QVERIFY(q.value(7).toString().startsWith(QStringLiteral("127.0.0.1:")));
    QCOMPARE(q.value(7).toString(), line.value(QStringLiteral("remote")).toString());
    QCOMPARE(q.value(8).toInt(), 9);
    QCOMPARE(q.value(9).toString(), QStringLiteral("verified"));
    const QJsonObject detail = QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object();
    QCOMPARE(detail.value(QStringLiteral("outcome")).toString(), QStringLiteral("verified"));
    QCOMPARE(detail.value(QStringLiteral("scheme")).toString(),
             QStringLiteral("x-webhook-signature"));
    QVERIFY(detail.value(QStringLiteral("secret")).toString().startsWith(QStringLiteral("colu")));
    QCOMPARE(q.value(11).toInt(), 201);
    // Neither the verification secret nor the credential reached the database files.
    const QByteArray files = test::readDatabaseFiles(m_t.databasePath);
    QVERIFY(!files.contains(secret.toUtf8()));
    QVERIFY(!files.contains("very-secret-token"));
    QVERIFY(!files.contains("key-live-4242"));
}

void TestReceiver::fullRecorderAnswers503()
{
    Receiver *receiver = makeReceiver([](Receiver::Options &o) { o.recorder.maxPendingBytes = 1; });
    startReceiver(receiver);
    const Response r = post(receiver->port(), "/busy", {}, "x");
    QCOMPARE(r.status, 503);
    QCOMPARE(r.header("Retry-After"), QByteArray("1"));
    QVERIFY(waitForFeed(1));
    // The recorder refused it without taking it: the feed still shows the whole request.
    QCOMPARE(m_fed.first().path, QByteArray("/busy"));
    QCOMPARE(m_fed.first().body, QByteArray("x"));
    QVERIFY(!m_fed.first().recorded);
    QCOMPARE(m_fed.first().responseStatus, 503);
    QCOMPARE(receiver->stats().refusedBusy, 1);
    QVERIFY(receiver->flushRecording().ok());
    QCOMPARE(countRows(*m_t.session->database), 0);
}

void TestReceiver::feedCoalesces()
{
    // Posted from another thread as fast as it can: a few emissions, every request once, in
    // order, never two emissions closer than the interval.
    ReceiverFeed feed;
    feed.setIntervalMs(60);
    QList<qint64> sequences;
    QList<qint64> emittedAt;
    QElapsedTimer clock;
    clock.start();
    connect(&feed, &ReceiverFeed::requestsArrived, this,
            [&](const QList<ReceivedRequest> &requests, qint64 skipped) {
                QCOMPARE(skipped, 0);
                emittedAt << clock.elapsed();
                for (const ReceivedRequest &r : requests)
                    sequences << r.sequence;
            });
    const int total = 20000;
    QThread *producer = QThread::create([&feed] {
        for (int i = 1; i <= total; ++i) {
            ReceivedRequest r;
            r.sequence = i;
            feed.post(r);
            if (i % 1000 == 0)
                QThread::msleep(5);
        }
    });
    producer->start();
    QTRY_COMPARE_WITH_TIMEOUT(sequences.size(), total, kWait);
    producer->wait();
    delete producer;
    for (int i = 0; i < total; ++i)
        QCOMPARE(sequences.at(i), i + 1);
    QVERIFY2(emittedAt.size() < 20, qPrintable(QString::number(emittedAt.size())));
    for (qsizetype i = 1; i < emittedAt.size(); ++i)
        QVERIFY2(
            emittedAt.at(i) - emittedAt.at(i - 1) >= 50,
            qPrintable(QStringLiteral("%1 ms apart").arg(emittedAt.at(i) - emittedAt.at(i - 1))));

    // A consumer that falls behind loses the oldest pending entries, and is told how many.
    ReceiverFeed small;
    small.setMaxPending(10);
    qint64 skippedTotal = 0;
    QList<qint64> kept;
    connect(&small, &ReceiverFeed::requestsArrived, this,
            [&](const QList<ReceivedRequest> &requests, qint64 skipped) {
                skippedTotal += skipped;
                for (const ReceivedRequest &r : requests)
                    kept << r.sequence;
            });
    for (int i = 1; i <= 25; ++i) {
        ReceivedRequest r;
        r.sequence = i;
        small.post(r);
    }
    small.flush();
    QCOMPARE(skippedTotal, 15);
    QCOMPARE(kept.first(), 16);
    QCOMPARE(kept.size(), 10);
}

void TestReceiver::severalReceiversAtOnce()
{
    Receiver *a = makeReceiver();
    Receiver *b = makeReceiver();
    startReceiver(a);
    startReceiver(b);
    QVERIFY(a->port() != b->port());
    QVERIFY(a->id() != b->id());
    QCOMPARE(a->id(), QStringLiteral("127.0.0.1:%1").arg(a->port()));
    QCOMPARE(post(a->port(), "/a", {}, "1").status, 200);
    QCOMPARE(post(b->port(), "/b", {}, "2").status, 200);
    QCOMPARE(post(b->port(), "/b", {}, "3").status, 200);
    QVERIFY(a->flushRecording().ok());
    QVERIFY(b->flushRecording().ok());
    QCOMPARE(countRows(*m_t.session->database, QStringLiteral("receiver_id = '%1'").arg(a->id())),
             1);
    QCOMPARE(countRows(*m_t.session->database, QStringLiteral("receiver_id = '%1'").arg(b->id())),
             2);
    // A port in use is refused with a message that says so.
    Receiver *c = makeReceiver();
    ReceiverConfig taken;
    taken.port = a->port();
    auto refused = c->start(taken);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::Conflict);
    // Stopping one leaves the other running.
    a->stop();
    QVERIFY(!a->isListening());
    QCOMPARE(post(b->port(), "/b", {}, "4").status, 200);
}

void TestReceiver::bindingBeyondLoopbackWarns()
{
    Receiver *local = makeReceiver();
    const ReceiverStarted quiet = startReceiver(local);
    QVERIFY(quiet.warnings.isEmpty());
    QCOMPARE(quiet.url.toString(), QStringLiteral("http://127.0.0.1:%1/").arg(local->port()));

    Receiver *everywhere = makeReceiver();
    ReceiverConfig config;
    config.host = QHostAddress(QHostAddress::AnyIPv4);
    const ReceiverStarted loud = startReceiver(everywhere, config);
    QCOMPARE(loud.warnings.size(), 1);
    QVERIFY(loud.warnings.first().contains(QStringLiteral("other machines")));
    QCOMPARE(post(everywhere->port(), "/", {}, "x").status, 200);
}

void TestReceiver::httpsWithKeptCertificate()
{
    Database &db = *m_t.session->database;
    // Real time, not the test clock's: the client checks validity against the real clock.
    auto first = ReceiverCertificate::loadOrGenerate(db, *m_t.session->vault);
    QVERIFY2(first.ok(), qPrintable(first.error().toString()));
    QCOMPARE(first->origin, ReceiverCertificate::Origin::Generated);
    auto again = ReceiverCertificate::loadOrGenerate(db, *m_t.session->vault);
    QVERIFY(again.ok());
    QCOMPARE(again->origin, ReceiverCertificate::Origin::Stored);
    QCOMPARE(again->sha256, first->sha256);
    QCOMPARE(first->fingerprint().size(), 32 * 3 - 1);
    QCOMPARE(first->pin(), QString::fromLatin1(first->sha256.toHex()));
    // The private key is sealed: neither its PEM nor its DER is in the database files.
    const QByteArray files = test::readDatabaseFiles(m_t.databasePath);
    QVERIFY(!files.contains("PRIVATE KEY"));
    QVERIFY(!files.contains(first->privateKey.toDer()));
    QVERIFY(!files.contains(first->privateKey.toDer().toBase64().left(40)));
    // Another data key cannot open it: a new certificate is made, not a failure.
    auto otherVault = SecretVault::withKey(QByteArray(32, '\x42'));
    auto renewed = ReceiverCertificate::loadOrGenerate(db, *otherVault);
    QVERIFY(renewed.ok());
    QVERIFY(renewed->sha256 != first->sha256);
    QVERIFY(renewed->description.contains(QStringLiteral("could not be opened")));

    Receiver *receiver = makeReceiver();
    ReceiverConfig config;
    config.tls = renewed.value();
    const ReceiverStarted started = startReceiver(receiver, config);
    QCOMPARE(started.url.scheme(), QStringLiteral("https"));
    QCOMPARE(started.fingerprint, renewed->fingerprint());

    // The client trusts exactly this certificate (pinned as its only CA), as a sender would.
    QSslSocket socket;
    QSslConfiguration tls = socket.sslConfiguration();
    tls.setCaCertificates({renewed->certificate});
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket.setSslConfiguration(tls);
    QList<QSslError> errors;
    connect(&socket, &QSslSocket::sslErrors, this,
            [&errors](const QList<QSslError> &e) { errors = e; });
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), receiver->port(),
                                  QStringLiteral("localhost"));
    QTRY_VERIFY_WITH_TIMEOUT(socket.isEncrypted() || !errors.isEmpty(), kWait);
    QVERIFY2(errors.isEmpty(),
             qPrintable(errors.isEmpty() ? QString() : errors.first().errorString()));
    QCOMPARE(socket.peerCertificate().digest(QCryptographicHash::Sha256), renewed->sha256);
    const QList<Response> r = exchange(&socket, httpRequest("POST", "/secure", {}, "tls"), 1);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r.first().status, 200);
    QVERIFY(waitForFeed(1));
    QVERIFY(m_fed.first().secure);
    QCOMPARE(m_fed.first().body, QByteArray("tls"));

    // A client that neither pins nor ignores the self-signed certificate is refused.
    QSslSocket strict;
    bool refused = false;
    connect(&strict, &QSslSocket::sslErrors, this, [&refused] { refused = true; });
    strict.connectToHostEncrypted(QStringLiteral("127.0.0.1"), receiver->port(),
                                  QStringLiteral("localhost"));
    QTRY_VERIFY_WITH_TIMEOUT(refused, kWait);
    QVERIFY(!strict.isEncrypted());
}

void TestReceiver::userCertificateFiles()
{
    auto generated = SelfSignedCertificate::generate();
    auto other = SelfSignedCertificate::generate();
    QVERIFY(generated.ok() && other.ok());
    QTemporaryDir dir;
    auto write = [&dir](const QString &name, const QByteArray &data) {
        QFile f(dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        f.write(data);
        return f.fileName();
    };
    const QString cert = write(QStringLiteral("cert.pem"), generated->certificatePem);
    const QString key = write(QStringLiteral("key.pem"), generated->privateKeyPem);
    const QString otherKey = write(QStringLiteral("other.pem"), other->privateKeyPem);
    const QString encrypted =
        write(QStringLiteral("enc.pem"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n"
                                         "-----END ENCRYPTED PRIVATE KEY-----\n");

    auto loaded = ReceiverCertificate::fromPemFiles(cert, key);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
    QCOMPARE(loaded->sha256, generated->sha256);
    QCOMPARE(loaded->origin, ReceiverCertificate::Origin::Files);

    auto mismatched = ReceiverCertificate::fromPemFiles(cert, otherKey);
    QVERIFY(!mismatched.ok());
    QVERIFY(mismatched.error().message.contains(QStringLiteral("does not belong")));
    auto locked = ReceiverCertificate::fromPemFiles(cert, encrypted);
    QVERIFY(!locked.ok());
    QVERIFY(locked.error().message.contains(QStringLiteral("passphrase")));
    auto missing = ReceiverCertificate::fromPemFiles(dir.filePath(QStringLiteral("none.pem")), key);
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.contains(QStringLiteral("Cannot read")));

    Receiver *receiver = makeReceiver();
    ReceiverConfig config;
    config.tls = loaded.value();
    startReceiver(receiver, config);
    QVERIFY(receiver->server()->isSecure());
}

void TestReceiver::roundTrip_data()
{
    QTest::addColumn<bool>("https");
    QTest::newRow("http") << false;
    QTest::newRow("https pinned") << true;
}

// The delivery engine on its own thread sends the test event; the receiver on this thread
// records it with a verified verdict.
void TestReceiver::roundTrip()
{
    QFETCH(bool, https);
    Receiver *receiver = makeReceiver();
    ReceiverConfig config;
    if (https) {
        auto certificate =
            ReceiverCertificate::loadOrGenerate(*m_t.session->database, *m_t.session->vault);
        QVERIFY(certificate.ok());
        config.tls = certificate.value();
    }
    startReceiver(receiver, config);

    Dispatcher::Options o;
    o.database = m_t.session->database;
    o.registry = m_t.session->registry;
    o.clock = m_clock.get();
    o.maxPollMs = 100;
    m_dispatcherThread = new QThread;
    m_dispatcher = new Dispatcher(o);
    Dispatcher *dispatcher = m_dispatcher;
    dispatcher->moveToThread(m_dispatcherThread);
    // Disconnected with the dispatcher in cleanup(), never outliving `attempts`.
    auto attempts = std::make_shared<QList<AttemptSummary>>();
    connect(dispatcher, &Dispatcher::attemptsRecorded, this,
            [attempts](const QList<AttemptSummary> &list) { *attempts += list; });
    m_dispatcherThread->start();
    QMetaObject::invokeMethod(dispatcher, &Dispatcher::start, Qt::QueuedConnection);

    TestWebhookOptions options;
    options.dispatcher = dispatcher;
    auto test = createTestWebhookFor(*receiver, options);
    QVERIFY2(test.ok(), qPrintable(test.error().toString()));
    QVERIFY(test->created);
    QVERIFY(test->webhook.localTesting);
    QCOMPARE(test->webhook.url, QStringLiteral("%1://127.0.0.1:%2/hookline")
                                    .arg(https ? QStringLiteral("https") : QStringLiteral("http"))
                                    .arg(receiver->port()));
    QCOMPARE(test->webhook.pinnedCertSha256, https ? receiver->certificate()->pin() : QString());
    QCOMPARE(receiver->webhooks().size(), 1);

    QVERIFY(waitForFeed(1));
    const ReceivedRequest &r = m_fed.first();
    QCOMPARE(r.path, QByteArray("/hookline"));
    QCOMPARE(r.secure, https);
    QVERIFY2(r.verdict.verified(), qPrintable(r.verdict.message));
    QVERIFY(r.verdict.secretLabel.contains(QStringLiteral("(current)")));
    QTRY_COMPARE_WITH_TIMEOUT(attempts->size(), 1, kWait);
    QCOMPARE(attempts->first().outcome, AttemptOutcome::Delivered);

    // A second click reuses the webhook and verifies again.
    auto again = createTestWebhookFor(*receiver, options);
    QVERIFY2(again.ok(), qPrintable(again.error().toString()));
    QVERIFY(!again->created);
    QCOMPARE(again->webhook.id, test->webhook.id);
    QVERIFY(waitForFeed(2));
    QVERIFY(m_fed.at(1).verdict.verified());

    QVERIFY(receiver->flushRecording().ok());
    QCOMPARE(countRows(*m_t.session->database, QStringLiteral("verdict = 'verified'")), 2);
}

QTEST_GUILESS_MAIN(TestReceiver)
#include "tst_receiver.moc"
