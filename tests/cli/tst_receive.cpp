// hookline-cli receive end to end: the real executable, real sockets, NDJSON on stdout, startup
// information on stderr, a clean stop on SIGTERM and SIGINT with every request recorded.
#include "TestSupport.h"

#include "signing/WebhookSigner.h"
#include "storage/Database.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

using namespace hookline;

namespace {

constexpr int kWait = 15000;
const QString kSecret = QStringLiteral("cli-receiver-secret-0123456789");

// The receiver process, with its output read as it comes.
class ReceiveProcess {
public:
    explicit ReceiveProcess(const QStringList &arguments)
    {
        m_process.setProgram(QStringLiteral(HOOKLINE_CLI_PATH));
        m_process.setArguments(QStringList{QStringLiteral("receive")} + arguments);
        m_process.start();
    }
    ~ReceiveProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    // The port from "Listening on http(s)://127.0.0.1:PORT/", or 0 when it did not start.
    quint16 waitForPort()
    {
        static const QRegularExpression listening(
            QStringLiteral("Listening on https?://[^:]+:(\\d+)/"));
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < kWait) {
            m_err += m_process.readAllStandardError();
            const auto match = listening.match(QString::fromUtf8(m_err));
            if (match.hasMatch())
                return quint16(match.captured(1).toUInt());
            if (m_process.state() == QProcess::NotRunning)
                return 0;
            m_process.waitForReadyRead(50);
        }
        return 0;
    }

    // Waits until `count` complete lines are on stdout; returns them parsed.
    QList<QJsonObject> waitForLines(int count)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < kWait) {
            m_out += m_process.readAllStandardOutput();
            if (m_out.count('\n') >= count)
                break;
            m_process.waitForReadyRead(50);
        }
        return lines();
    }

    QList<QJsonObject> lines() const
    {
        QList<QJsonObject> out;
        for (const QByteArray &line : m_out.split('\n')) {
            if (line.isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            if (error.error != QJsonParseError::NoError || !doc.isObject())
                qWarning("not a JSON object line: %s", line.constData());
            out << doc.object();
        }
        return out;
    }

    // Sends `signal` and waits for the exit; returns the exit code (-1: crashed or hung).
    int stop(int signal)
    {
#ifdef Q_OS_UNIX
        ::kill(pid_t(m_process.processId()), signal);
#else
        Q_UNUSED(signal);
        m_process.terminate();
#endif
        if (!m_process.waitForFinished(kWait))
            return -1;
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    int waitForExit()
    {
        if (!m_process.waitForFinished(kWait))
            return -1;
        m_out += m_process.readAllStandardOutput();
        m_err += m_process.readAllStandardError();
        return m_process.exitCode();
    }

    QString err() const
    {
        return QString::fromUtf8(m_err);
    }
    QByteArray out() const
    {
        return m_out;
    }

private:
    QProcess m_process;
    QByteArray m_out;
    QByteArray m_err;
};

// One request on its own connection; returns the status code (0: no answer).
int sendRequest(QTcpSocket &socket, const QByteArray &target, const QByteArray &body,
                const RawHeaderList &headers)
{
    QByteArray request = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : headers)
        request += name + ": " + value + "\r\n";
    request += "\r\n" + body;
    socket.write(request);
    QByteArray response;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < kWait && !response.contains("\r\n\r\n")) {
        if (socket.bytesAvailable() == 0 && !socket.waitForReadyRead(100) &&
            socket.state() != QAbstractSocket::ConnectedState)
            break;
        response += socket.readAll();
    }
    return response.mid(9, 3).toInt();
}

int post(quint16 port, const QByteArray &target, const QByteArray &body,
         const RawHeaderList &headers = {})
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    if (!socket.waitForConnected(kWait))
        return 0;
    return sendRequest(socket, target, body, headers);
}

RawHeaderList signedHeaders(const QString &secret, const QByteArray &body)
{
    return WebhookSigner::sign(SignatureScheme::XWebhookSignature, QStringList{secret}, {}, 0, body)
        .value();
}

} // namespace

class TestReceive : public QObject {
    Q_OBJECT

private slots:
    void init();

    void printsNdjsonAndRecordsUntilSigterm();
    void sigintStopsCleanly();
    void badVerifySyntaxIsAUsageError_data();
    void badVerifySyntaxIsAUsageError();
    void unknownSchemeIsRejected();
    void tlsPrintsFingerprintAndServesHttps();
    void nonLoopbackHostWarns();
    void noRecordWritesNothing();
    void quietRecordsAndPrintsNoLines();
    void quietWithoutRecordingIsAUsageError();

private:
    QString m_db;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestReceive::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_db = m_dir->filePath(QStringLiteral("receive.sqlite"));
    qputenv("HOOKLINE_MASTER_KEY", test::testKeyHex().toLatin1());
}

void TestReceive::printsNdjsonAndRecordsUntilSigterm()
{
    ReceiveProcess receiver({QStringLiteral("--db"), m_db, QStringLiteral("--port"),
                             QStringLiteral("0"), QStringLiteral("--verify"),
                             QStringLiteral("x-webhook-signature:") + kSecret,
                             QStringLiteral("--respond"), QStringLiteral("/flaky:202:accepted"),
                             QStringLiteral("--fail-first"), QStringLiteral("1")});
    const quint16 port = receiver.waitForPort();
    QVERIFY2(port != 0, qPrintable(receiver.err()));
    QVERIFY(receiver.err().contains(QStringLiteral("Verifying: x-webhook-signature")));
    QVERIFY(!receiver.err().contains(kSecret));
    QVERIFY(!receiver.err().contains(QStringLiteral("warning")));

    const QByteArray json = R"({"event":"peopleCreated"})";
    const QByteArray binary("\x00\x01\xfe\xff", 4);
    QCOMPARE(post(port, "/hooks/a?x=1&y=2", json, signedHeaders(kSecret, json)), 500); // fail-first
    QCOMPARE(post(port, "/hooks/a", json, signedHeaders(kSecret, json)), 200);
    QCOMPARE(post(port, "/hooks/a", json, signedHeaders(QStringLiteral("wrong-secret"), json)),
             200);
    QCOMPARE(post(port, "/raw", binary), 200);
    QCOMPARE(post(port, "/flaky", json), 500);
    QCOMPARE(post(port, "/flaky", json), 202);

    const QList<QJsonObject> lines = receiver.waitForLines(6);
    QCOMPARE(lines.size(), 6);
    const QJsonObject first = lines.at(0);
    QCOMPARE(first.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(first.value(QStringLiteral("path")).toString(), QStringLiteral("/hooks/a"));
    QCOMPARE(first.value(QStringLiteral("query")).toString(), QStringLiteral("x=1&y=2"));
    QCOMPARE(first.value(QStringLiteral("body")).toString(), QString::fromUtf8(json));
    QCOMPARE(first.value(QStringLiteral("body_encoding")).toString(), QStringLiteral("text"));
    QCOMPARE(first.value(QStringLiteral("size")).toInt(), json.size());
    QCOMPARE(first.value(QStringLiteral("status")).toInt(), 500);
    QVERIFY(
        first.value(QStringLiteral("remote")).toString().startsWith(QStringLiteral("127.0.0.1:")));
    QVERIFY(first.value(QStringLiteral("time")).toString().endsWith(QLatin1Char('Z')));
    bool sawSignature = false;
    for (const QJsonValue &h : first.value(QStringLiteral("headers")).toArray())
        sawSignature =
            sawSignature || h.toArray().at(0).toString() == QLatin1String("X-Webhook-Signature");
    QVERIFY(sawSignature);
    const QJsonObject verdict = first.value(QStringLiteral("verdict")).toObject();
    QCOMPARE(verdict.value(QStringLiteral("outcome")).toString(), QStringLiteral("verified"));
    QVERIFY(verdict.value(QStringLiteral("secret")).toString().startsWith(QStringLiteral("cli-")));
    QVERIFY(!verdict.value(QStringLiteral("message")).toString().isEmpty());

    const QJsonObject wrong = lines.at(2).value(QStringLiteral("verdict")).toObject();
    QCOMPARE(wrong.value(QStringLiteral("outcome")).toString(),
             QStringLiteral("signature_mismatch"));
    QVERIFY(!wrong.contains(QStringLiteral("expected")));
    const QJsonObject raw = lines.at(3);
    QCOMPARE(raw.value(QStringLiteral("body_encoding")).toString(), QStringLiteral("base64"));
    QCOMPARE(QByteArray::fromBase64(raw.value(QStringLiteral("body")).toString().toLatin1()),
             binary);
    QCOMPARE(
        raw.value(QStringLiteral("verdict")).toObject().value(QStringLiteral("outcome")).toString(),
        QStringLiteral("header_missing"));
    QCOMPARE(lines.at(5).value(QStringLiteral("status")).toInt(), 202);
    QVERIFY(!receiver.out().contains(kSecret.toUtf8()));

    QCOMPARE(receiver.stop(SIGTERM), 0);
    QVERIFY2(receiver.err().contains(QStringLiteral("Stopped: 6 requests (2 verified, 4 failed "
                                                    "verification), 6 recorded")),
             qPrintable(receiver.err()));

    auto db = Database::open(m_db);
    QVERIFY(db.ok());
    QSqlQuery q(db.value()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT verdict, response_status, path FROM received_requests "
                                  "ORDER BY id")));
    QStringList rows;
    while (q.next())
        rows << q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString() +
                    QLatin1Char(' ') + q.value(2).toString();
    QCOMPARE(rows, (QStringList{QStringLiteral("verified 500 /hooks/a"),
                                QStringLiteral("verified 200 /hooks/a"),
                                QStringLiteral("signature_mismatch 200 /hooks/a"),
                                QStringLiteral("header_missing 200 /raw"),
                                QStringLiteral("header_missing 500 /flaky"),
                                QStringLiteral("header_missing 202 /flaky")}));
    QVERIFY(!test::readDatabaseFiles(m_db).contains(kSecret.toUtf8()));
}

void TestReceive::sigintStopsCleanly()
{
    ReceiveProcess receiver(
        {QStringLiteral("--db"), m_db, QStringLiteral("--port"), QStringLiteral("0")});
    const quint16 port = receiver.waitForPort();
    QVERIFY2(port != 0, qPrintable(receiver.err()));
    QVERIFY(receiver.err().contains(QStringLiteral("Not verifying")));
    // A burst, then Ctrl+C at once: what was answered is recorded before the exit.
    for (int i = 0; i < 50; ++i)
        QCOMPARE(post(port, "/burst", QByteArray::number(i)), 200);
    QCOMPARE(receiver.stop(SIGINT), 0);
    QCOMPARE(receiver.lines().size(), 50);
    auto db = Database::open(m_db);
    QVERIFY(db.ok());
    QSqlQuery q(db.value()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*), MIN(verdict) FROM received_requests")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 50);
    QCOMPARE(q.value(1).toString(), QStringLiteral("not_checked"));
}

void TestReceive::badVerifySyntaxIsAUsageError_data()
{
    QTest::addColumn<QString>("verify");
    QTest::newRow("no colon") << QStringLiteral("x-webhook-signature");
    QTest::newRow("no secret") << QStringLiteral("github:");
    QTest::newRow("no scheme") << QStringLiteral(":secret");
}

void TestReceive::badVerifySyntaxIsAUsageError()
{
    QFETCH(QString, verify);
    ReceiveProcess receiver({QStringLiteral("--db"), m_db, QStringLiteral("--port"),
                             QStringLiteral("0"), QStringLiteral("--verify"), verify});
    QCOMPARE(receiver.waitForExit(), 2);
    QVERIFY2(receiver.err().contains(QStringLiteral("SCHEME:SECRET")), qPrintable(receiver.err()));
}

void TestReceive::unknownSchemeIsRejected()
{
    ReceiveProcess receiver({QStringLiteral("--db"), m_db, QStringLiteral("--port"),
                             QStringLiteral("0"), QStringLiteral("--verify"),
                             QStringLiteral("sha1:do-not-print-me")});
    QCOMPARE(receiver.waitForExit(), 3);
    QVERIFY(receiver.err().contains(QStringLiteral("INVALID_SCHEME")));
    QVERIFY(!receiver.err().contains(QStringLiteral("do-not-print-me")));
}

void TestReceive::tlsPrintsFingerprintAndServesHttps()
{
    ReceiveProcess receiver({QStringLiteral("--db"), m_db, QStringLiteral("--port"),
                             QStringLiteral("0"), QStringLiteral("--tls")});
    const quint16 port = receiver.waitForPort();
    QVERIFY2(port != 0, qPrintable(receiver.err()));
    static const QRegularExpression fingerprintLine(
        QStringLiteral("TLS certificate SHA-256 fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})"));
    QElapsedTimer timer;
    timer.start();
    QRegularExpressionMatch match;
    while (!(match = fingerprintLine.match(receiver.err())).hasMatch() && timer.elapsed() < kWait)
        receiver.waitForPort();
    QVERIFY2(match.hasMatch(), qPrintable(receiver.err()));
    const QByteArray pin =
        QByteArray::fromHex(match.captured(1).remove(QLatin1Char(':')).toLatin1());

    // The client accepts exactly the errors of a self-signed certificate with this fingerprint,
    // as a sender pinning it does.
    QSslSocket socket;
    QObject::connect(&socket, &QSslSocket::sslErrors, &socket,
                     [&socket, pin](const QList<QSslError> &errors) {
                         if (socket.peerCertificate().digest(QCryptographicHash::Sha256) == pin)
                             socket.ignoreSslErrors(errors);
                     });
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, QStringLiteral("localhost"));
    QVERIFY(socket.waitForEncrypted(kWait));
    QCOMPARE(sendRequest(socket, "/tls", "secure", {}), 200);
    const QList<QJsonObject> lines = receiver.waitForLines(1);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().value(QStringLiteral("tls")).toBool(), true);
    QCOMPARE(receiver.stop(SIGTERM), 0);

    // The certificate is kept: a second run presents the same one.
    ReceiveProcess again({QStringLiteral("--db"), m_db, QStringLiteral("--port"),
                          QStringLiteral("0"), QStringLiteral("--tls"),
                          QStringLiteral("--no-record")});
    QVERIFY(again.waitForPort() != 0);
    QVERIFY2(again.err().contains(match.captured(1)), qPrintable(again.err()));
    QCOMPARE(again.stop(SIGTERM), 0);
    QVERIFY(!test::readDatabaseFiles(m_db).contains("PRIVATE KEY"));
}

void TestReceive::nonLoopbackHostWarns()
{
    ReceiveProcess receiver({QStringLiteral("--no-record"), QStringLiteral("--port"),
                             QStringLiteral("0"), QStringLiteral("--host"),
                             QStringLiteral("0.0.0.0")});
    QVERIFY(receiver.waitForPort() != 0);
    QTRY_VERIFY_WITH_TIMEOUT(
        receiver.waitForPort() && receiver.err().contains(QStringLiteral("warning:")), kWait);
    QVERIFY(receiver.err().contains(QStringLiteral("other machines")));
    QCOMPARE(receiver.stop(SIGTERM), 0);
}

void TestReceive::noRecordWritesNothing()
{
    ReceiveProcess receiver({QStringLiteral("--db"), m_db, QStringLiteral("--no-record"),
                             QStringLiteral("--port"), QStringLiteral("0")});
    const quint16 port = receiver.waitForPort();
    QVERIFY(port != 0);
    QCOMPARE(post(port, "/x", "y"), 200);
    QCOMPARE(receiver.waitForLines(1).size(), 1);
    QCOMPARE(receiver.lines().first().value(QStringLiteral("recorded")).toBool(), false);
    QCOMPARE(receiver.stop(SIGTERM), 0);
    // Without recording (and without --tls or --webhook) the database is not even opened.
    QVERIFY(!QFile::exists(m_db));
}

void TestReceive::quietRecordsAndPrintsNoLines()
{
    ReceiveProcess receiver({QStringLiteral("--db"), m_db, QStringLiteral("--quiet"),
                             QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--verify"),
                             QStringLiteral("x-webhook-signature:") + kSecret});
    const quint16 port = receiver.waitForPort();
    QVERIFY2(port != 0, qPrintable(receiver.err()));
    const QByteArray json = R"({"event":"quiet"})";
    QCOMPARE(post(port, "/q", json, signedHeaders(kSecret, json)), 200);
    QCOMPARE(post(port, "/q", json, signedHeaders(QStringLiteral("wrong-secret"), json)), 200);
    QCOMPARE(receiver.stop(SIGTERM), 0);
    QVERIFY2(receiver.out().isEmpty(), receiver.out().constData());
    QVERIFY2(receiver.err().contains(QStringLiteral("Stopped: 2 requests (1 verified, 1 failed "
                                                    "verification), 2 recorded")),
             qPrintable(receiver.err()));
    auto db = Database::open(m_db);
    QVERIFY(db.ok());
    QSqlQuery q(db.value()->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT verdict FROM received_requests ORDER BY id")));
    QStringList verdicts;
    while (q.next())
        verdicts << q.value(0).toString();
    QCOMPARE(verdicts,
             (QStringList{QStringLiteral("verified"), QStringLiteral("signature_mismatch")}));
}

void TestReceive::quietWithoutRecordingIsAUsageError()
{
    ReceiveProcess receiver({QStringLiteral("--quiet"), QStringLiteral("--no-record"),
                             QStringLiteral("--port"), QStringLiteral("0")});
    QCOMPARE(receiver.waitForExit(), 2);
    QVERIFY2(receiver.err().contains(QStringLiteral("--quiet with --no-record")),
             qPrintable(receiver.err()));
}

QTEST_GUILESS_MAIN(TestReceive)
#include "tst_receive.moc"
