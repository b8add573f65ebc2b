// Third-party verifiers accept Hookline's signatures: the official Standard Webhooks library
// (npm "standardwebhooks", installed by the interop_npm fixture) verifies what WebhookSigner
// writes, with one secret and during a rotation's overlap window; a tampered body is rejected.
#include "registry/WebhookRegistry.h"
#include "secrets/SecretVault.h"
#include "signing/WebhookSigner.h"

#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace hookline;

class TestInterop : public QObject {
    Q_OBJECT

private:
    QString m_node;
    QString m_script;

    // Runs the official verifier; returns its one-line answer and whether it accepted.
    QPair<bool, QString> verify(const QString &secret, const QByteArray &body,
                                const RawHeaderList &headers)
    {
        QJsonObject h;
        for (const auto &[name, value] : headers)
            h.insert(QString::fromLatin1(name), QString::fromLatin1(value));
        const QJsonObject input{{QStringLiteral("secret"), secret},
                                {QStringLiteral("body"), QString::fromUtf8(body)},
                                {QStringLiteral("headers"), h}};
        QProcess node;
        node.setWorkingDirectory(QStringLiteral(HOOKLINE_INTEROP_DIR));
        node.start(m_node, {m_script});
        node.write(QJsonDocument(input).toJson(QJsonDocument::Compact));
        node.closeWriteChannel();
        if (!node.waitForFinished(30000))
            return {false, QStringLiteral("node did not finish")};
        const QString out = QString::fromUtf8(node.readAllStandardOutput()).trimmed();
        return {node.exitStatus() == QProcess::NormalExit && node.exitCode() == 0,
                out + QString::fromUtf8(node.readAllStandardError())};
    }

private slots:
    void initTestCase()
    {
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        m_script = QDir(QStringLiteral(HOOKLINE_INTEROP_DIR))
                       .filePath(QStringLiteral("verify-standardwebhooks.mjs"));
        if (m_node.isEmpty())
            QSKIP("node is not installed; scripts/test installs it");
        if (!QDir(QStringLiteral(HOOKLINE_INTEROP_DIR))
                 .exists(QStringLiteral("node_modules/standardwebhooks")))
            QSKIP("the standardwebhooks npm package could not be installed (no registry?)");
    }

    void officialLibraryVerifiesOurSignature_data()
    {
        QTest::addColumn<int>("secrets");
        QTest::addColumn<int>("verifyWith"); // index of the secret the receiver holds
        QTest::newRow("one secret") << 1 << 0;
        QTest::newRow("overlap, receiver has the new secret") << 2 << 0;
        QTest::newRow("overlap, receiver still has the old secret") << 2 << 1;
    }

    void officialLibraryVerifiesOurSignature()
    {
        QFETCH(int, secrets);
        QFETCH(int, verifyWith);
        QStringList keys;
        for (int i = 0; i < secrets; ++i)
            keys << SecretVault::generateSigningSecret();
        const QByteArray body = R"({"eventId":"e1","event":"peopleCreated","data":{"n":"Zoë"}})";
        const qint64 now = QDateTime::currentSecsSinceEpoch(); // the library checks freshness
        auto headers = WebhookSigner::sign(SignatureScheme::StandardWebhooks, keys,
                                           QStringLiteral("msg_2a9f0c3d"), now, body);
        QVERIFY(headers.ok());
        const auto [ok, answer] = verify(keys.at(verifyWith), body, headers.value());
        QVERIFY2(ok, qPrintable(answer));
        QCOMPARE(answer, QStringLiteral("verified"));
    }

    void officialLibraryRejectsTamperedBodyAndWrongSecret()
    {
        const QString secret = SecretVault::generateSigningSecret();
        const QByteArray body = R"({"eventId":"e1"})";
        auto headers =
            WebhookSigner::sign(SignatureScheme::StandardWebhooks, QStringList{secret},
                                QStringLiteral("msg_1"), QDateTime::currentSecsSinceEpoch(), body);
        QVERIFY(headers.ok());
        QVERIFY(!verify(secret, R"({"eventId":"e2"})", headers.value()).first);
        QVERIFY(!verify(SecretVault::generateSigningSecret(), body, headers.value()).first);
    }
};

QTEST_GUILESS_MAIN(TestInterop)
#include "tst_interop.moc"
