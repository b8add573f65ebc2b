#include "registry/WebhookRegistry.h"
#include "signing/SignatureVerifier.h"
#include "signing/WebhookSigner.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace hookline;
using Outcome = Verdict::Outcome;

namespace {

// Expected values in this file are literals: the published vectors, or HMACs computed outside
// Hookline with `printf '%s' CONTENT | openssl dgst -sha256 -hmac SECRET` (hex) or
// `... -mac HMAC -macopt hexkey:KEY -binary | base64` (standard-webhooks). Never with the code
// under test.

// The Standard Webhooks specification's published example.
const QString kSwSecret = QStringLiteral("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
const QString kSwId = QStringLiteral("msg_p5jXN8AQM9LWM0D4loKWxJek");
constexpr qint64 kSwTimestamp = 1614265330;
const QByteArray kSwBody = R"({"test": 2432232314})";
const QByteArray kSwSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
// A second standard-webhooks secret (decodes to "secret-of-a-rotated-endpoint").
const QString kSwSecret2 = QStringLiteral("whsec_c2VjcmV0LW9mLWEtcm90YXRlZC1lbmRwb2ludA==");

// GitHub's documentation example.
const QString kGhSecret = QStringLiteral("It's a Secret to Everybody");
const QByteArray kGhBody = "Hello, World!";
const QByteArray kGhSignature =
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

// An event envelope as the seed document describes it.
const QByteArray kEnvelope =
    R"({"eventId":"0b5a8c1e-3f4d-4c2a-9b7e-1d2c3b4a5f60","eventCreated":"2025-10-16T12:00:00Z",)"
    R"("event":"peopleCreated","resourceIds":["p-1"],)"
    R"("uri":"https://api.example.com/api/partner/people/p-1","data":{"name":"Ada"}})";

// "sécret-ñ-0123456789": the key is its UTF-8 bytes.
const QString kUtf8Secret = QString::fromUtf8("s\xc3\xa9"
                                              "cret-\xc3\xb1-0123456789");
const QString kPlainSecret = QStringLiteral("hl_0123456789abcdef");
const QString kStripeSecret = QStringLiteral("whsec_stripe_test_0123456789");
const QString kStripeOld = QStringLiteral("whsec_stripe_old_9876543210");
const QByteArray kStripeBody = R"({"id":"evt_1","object":"event"})";

QByteArrayList lines(const RawHeaderList &headers)
{
    QByteArrayList out;
    for (const auto &h : headers)
        out << QByteArray(h.first).append(": ").append(h.second);
    return out;
}

RawHeaderList headersOf(const QByteArrayList &lines)
{
    RawHeaderList out;
    for (const QByteArray &line : lines) {
        const qsizetype colon = line.indexOf(':');
        out.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    return out;
}

SignatureScheme scheme(const QString &name)
{
    const auto s = schemeFromName(name);
    if (!s)
        qFatal("unknown scheme in test data");
    return *s;
}

RawHeaderList signOrFail(SignatureScheme s, const QStringList &secrets, const QString &id,
                         qint64 timestamp, const QByteArray &body)
{
    const auto r = WebhookSigner::sign(s, secrets, id, timestamp, body);
    if (!r.ok())
        qFatal("signing failed in a test that expects success");
    return r.value();
}

QList<VerificationSecret> receiverSecrets(const QStringList &secrets)
{
    QList<VerificationSecret> out;
    for (int i = 0; i < secrets.size(); ++i)
        out.append({secrets.at(i), QStringLiteral("secret #%1").arg(i + 1)});
    return out;
}

void setHeader(RawHeaderList &headers, const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    headers.append({name, value});
}

void removeHeader(RawHeaderList &headers, const QByteArray &name)
{
    headers.removeIf(
        [&](const auto &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

// A secret for each scheme, and a different one for "wrong secret" checks.
QString secretFor(SignatureScheme s, int n)
{
    if (s == SignatureScheme::StandardWebhooks)
        return n == 0 ? kSwSecret : kSwSecret2;
    return n == 0 ? kStripeSecret : kStripeOld;
}

const QString kOtherSecret = QStringLiteral("whsec_b3RoZXItc2VuZGVyLXNlY3JldC0wMTIzNDU2Nzg5");

// The two lines between the markers are the seed document's, character for character. Rack is
// a gem that may be missing; the fallback is Rack::Utils.secure_compare's own definition, so the
// lines run unchanged either way. (Plain literals, not a raw string: moc reads this file.)
const QByteArray kRubyVerify =
    "require \"openssl\"\n"
    "require \"stringio\"\n"
    "begin\n"
    "  require \"rack/utils\"\n"
    "rescue LoadError\n"
    "  module Rack\n"
    "    module Utils\n"
    "      def self.secure_compare(a, b)\n"
    "        return false unless a.bytesize == b.bytesize\n"
    "        l = a.unpack(\"C*\")\n"
    "        r, i = 0, -1\n"
    "        b.each_byte { |v| r |= v ^ l[i += 1] }\n"
    "        r == 0\n"
    "      end\n"
    "    end\n"
    "  end\n"
    "end\n"
    "secret_key = File.binread(ARGV[0])\n"
    "request = Struct.new(:body, :headers).new(\n"
    "  StringIO.new(File.binread(ARGV[1])),\n"
    "  { \"X-Webhook-Signature\" => File.binread(ARGV[2]) })\n"
    "# --- seed ---\n"
    "signature = OpenSSL::HMAC.hexdigest(\"SHA256\", secret_key, request.body.read)\n"
    "valid = Rack::Utils.secure_compare(signature, request.headers[\"X-Webhook-Signature\"])\n"
    "# --- end ---\n"
    "print(valid == true ? \"true\" : \"false\")\n";

} // namespace

class TestSigning : public QObject {
    Q_OBJECT

private:
    void addSchemeRows()
    {
        QTest::addColumn<QString>("schemeName");
        for (const QString &name :
             {QStringLiteral("x-webhook-signature"), QStringLiteral("standard-webhooks"),
              QStringLiteral("github"), QStringLiteral("stripe")})
            QTest::newRow(qPrintable(name)) << name;
    }

private slots:
    // ---- Signing: fixed vectors -------------------------------------------------------------

    void signVectors_data()
    {
        QTest::addColumn<QString>("schemeName");
        QTest::addColumn<QStringList>("secrets");
        QTest::addColumn<QString>("id");
        QTest::addColumn<qint64>("timestamp");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArrayList>("expected");

        QTest::newRow("standard-webhooks published example")
            << QStringLiteral("standard-webhooks") << QStringList{kSwSecret} << kSwId
            << kSwTimestamp << kSwBody
            << QByteArrayList{"webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek",
                              "webhook-timestamp: 1614265330",
                              "webhook-signature: " + kSwSignature};
        QTest::newRow("standard-webhooks two secrets")
            << QStringLiteral("standard-webhooks") << QStringList{kSwSecret, kSwSecret2} << kSwId
            << kSwTimestamp << kSwBody
            << QByteArrayList{"webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek",
                              "webhook-timestamp: 1614265330",
                              "webhook-signature: " + kSwSignature +
                                  " v1,lvXIl+uXeTDa+pEiTZIuJaA2nNjGlxg722u944nAW6Y="};
        QTest::newRow("standard-webhooks secret without whsec_ keys with raw bytes")
            << QStringLiteral("standard-webhooks")
            << QStringList{QStringLiteral("not-a-whsec-secret-123")} << QStringLiteral("msg_1")
            << qint64(1700000000) << QByteArray("{}")
            << QByteArrayList{"webhook-id: msg_1", "webhook-timestamp: 1700000000",
                              "webhook-signature: v1,U906rrKKMgl2EF317G03ipg3MmLyF2CXB54Imz/uZo4="};

        QTest::newRow("github documentation example")
            << QStringLiteral("github") << QStringList{kGhSecret} << QString() << qint64(1)
            << kGhBody << QByteArrayList{"X-Hub-Signature-256: " + kGhSignature};
        QTest::newRow("github with previous secret")
            << QStringLiteral("github") << QStringList{kGhSecret, kPlainSecret} << QString()
            << qint64(1) << kGhBody
            << QByteArrayList{
                   "X-Hub-Signature-256: " + kGhSignature,
                   "X-Hub-Signature-256-Previous: "
                   "sha256=61cac12f3f7400750c279d44a9544aba88228ef4731fcdf915105282f50a1e1f"};

        QTest::newRow("x-webhook-signature envelope")
            << QStringLiteral("x-webhook-signature") << QStringList{kSwSecret}
            << QStringLiteral("d-1") << qint64(1700000000) << kEnvelope
            << QByteArrayList{"X-Webhook-Signature: "
                              "0788512e752c00754102a68b6a94f3b3c5510552989a840bda75b16e371da630"};
        QTest::newRow("x-webhook-signature UTF-8 secret")
            << QStringLiteral("x-webhook-signature") << QStringList{kUtf8Secret}
            << QStringLiteral("d-2") << qint64(1700000000) << QByteArray("hello")
            << QByteArrayList{"X-Webhook-Signature: "
                              "6426bf694f706f78cf5912a5a3fac2c1225626b4db5182238ef3879548f37dca"};
        QTest::newRow("x-webhook-signature empty body")
            << QStringLiteral("x-webhook-signature") << QStringList{kPlainSecret}
            << QStringLiteral("d-3") << qint64(1700000000) << QByteArray()
            << QByteArrayList{"X-Webhook-Signature: "
                              "3d7ae3ae4781ba0dc99341ab7f90714800c92fdfc457d3e95e3397c938fd558f"};
        QTest::newRow("x-webhook-signature with previous secret")
            << QStringLiteral("x-webhook-signature") << QStringList{kUtf8Secret, kPlainSecret}
            << QStringLiteral("d-4") << qint64(1700000000) << QByteArray("hello")
            << QByteArrayList{"X-Webhook-Signature: "
                              "6426bf694f706f78cf5912a5a3fac2c1225626b4db5182238ef3879548f37dca",
                              "X-Webhook-Signature-Previous: "
                              "4256bb3684deb2012f57c9a0601ea8ab4f5e5e443e85c50b95dd3ce87741c5b3"};

        QTest::newRow("stripe one secret")
            << QStringLiteral("stripe") << QStringList{kStripeSecret} << QStringLiteral("d-5")
            << qint64(1700000000) << kStripeBody
            << QByteArrayList{"Stripe-Signature: t=1700000000,v1="
                              "4e79ae563f5797b235332715bfd8f30efc378e91ae64467a7aa2e196f2635b2b"};
        QTest::newRow("stripe two secrets")
            << QStringLiteral("stripe") << QStringList{kStripeSecret, kStripeOld}
            << QStringLiteral("d-6") << qint64(1700000000) << kStripeBody
            << QByteArrayList{"Stripe-Signature: t=1700000000,v1="
                              "4e79ae563f5797b235332715bfd8f30efc378e91ae64467a7aa2e196f2635b2b,v1="
                              "4fe6f9b678101538b19d4c1eae870c0485dfcc34ff6e56c84e794200bd408a49"};
        QTest::newRow("stripe t=0 empty body")
            << QStringLiteral("stripe") << QStringList{kStripeSecret} << QStringLiteral("d-7")
            << qint64(0) << QByteArray()
            << QByteArrayList{"Stripe-Signature: t=0,v1="
                              "24d07723ae0c4f5285782f776e1273236ecce7b7049f718bc9c6943d93b44e9b"};

        QTest::newRow("none") << QStringLiteral("none") << QStringList{} << QStringLiteral("d-8")
                              << qint64(1700000000) << kEnvelope << QByteArrayList{};
    }

    void signVectors()
    {
        QFETCH(QString, schemeName);
        QFETCH(QStringList, secrets);
        QFETCH(QString, id);
        QFETCH(qint64, timestamp);
        QFETCH(QByteArray, body);
        QFETCH(QByteArrayList, expected);
        const auto result = WebhookSigner::sign(scheme(schemeName), secrets, id, timestamp, body);
        QVERIFY2(result.ok(), qPrintable(result.error().toString()));
        QCOMPARE(lines(result.value()), expected);
    }

    void publishedVectorsVerify_data()
    {
        QTest::addColumn<QString>("schemeName");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QByteArrayList>("headers");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<qint64>("now");
        QTest::newRow("standard-webhooks")
            << QStringLiteral("standard-webhooks") << kSwSecret
            << QByteArrayList{"webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek",
                              "webhook-timestamp: 1614265330", "webhook-signature: " + kSwSignature}
            << kSwBody << kSwTimestamp;
        // Pasted without its prefix, as the Standard Webhooks libraries also accept.
        QTest::newRow("standard-webhooks secret without whsec_")
            << QStringLiteral("standard-webhooks") << kSwSecret.mid(6)
            << QByteArrayList{"webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek",
                              "webhook-timestamp: 1614265330", "webhook-signature: " + kSwSignature}
            << kSwBody << kSwTimestamp + 299;
        QTest::newRow("github") << QStringLiteral("github") << kGhSecret
                                << QByteArrayList{"X-Hub-Signature-256: " + kGhSignature} << kGhBody
                                << qint64(1700000000);
    }

    void publishedVectorsVerify()
    {
        QFETCH(QString, schemeName);
        QFETCH(QString, secret);
        QFETCH(QByteArrayList, headers);
        QFETCH(QByteArray, body);
        QFETCH(qint64, now);
        const Verdict v = SignatureVerifier::verify(
            scheme(schemeName), {{secret, QStringLiteral("s")}}, headersOf(headers), body, now);
        QCOMPARE(v.outcomeName(), QStringLiteral("verified"));
        QCOMPARE(v.secretLabel, QStringLiteral("s"));
    }

    void signErrors()
    {
        auto r = WebhookSigner::sign(SignatureScheme::XWebhookSignature, QStringList{}, {}, 1, "x");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::InvalidSecret);
        r = WebhookSigner::sign(SignatureScheme::Stripe, QStringList{kStripeSecret, QString()}, {},
                                1, "x");
        QCOMPARE(r.error().code, ErrorCode::InvalidSecret);
        r = WebhookSigner::sign(SignatureScheme::Stripe, QStringList{kStripeSecret}, {}, -5, "x");
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        r = WebhookSigner::sign(SignatureScheme::StandardWebhooks, QStringList{kSwSecret}, {}, 1,
                                "x");
        QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
        // none needs no secret.
        QVERIFY(WebhookSigner::sign(SignatureScheme::None, QStringList{}, {}, 1, "x").ok());
    }

    void signWithRegistryKeys()
    {
        const QList<SigningKey> keys{{kUtf8Secret, QStringLiteral("sécr"), 1, std::nullopt},
                                     {kPlainSecret, QStringLiteral("hl_0"), 0, qint64(99)}};
        const auto r = WebhookSigner::sign(SignatureScheme::XWebhookSignature, keys,
                                           QStringLiteral("d"), 1, "hello");
        QVERIFY(r.ok());
        QCOMPARE(
            lines(r.value()),
            (QByteArrayList{"X-Webhook-Signature: "
                            "6426bf694f706f78cf5912a5a3fac2c1225626b4db5182238ef3879548f37dca",
                            "X-Webhook-Signature-Previous: "
                            "4256bb3684deb2012f57c9a0601ea8ab4f5e5e443e85c50b95dd3ce87741c5b3"}));
        const auto secrets = VerificationSecret::fromSigningKeys(keys);
        QCOMPARE(secrets.size(), 2);
        QCOMPARE(secrets.at(0).label, QString::fromUtf8("sécr… (current)"));
        QCOMPARE(secrets.at(1).label, QString::fromUtf8("hl_0… (previous)"));
    }

    // ---- The seed's Ruby verification, run unchanged ----------------------------------------

    void rubyVerifiesXWebhookSignature_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("generated secret, envelope") << kSwSecret << kEnvelope;
        QTest::newRow("UTF-8 secret, UTF-8 body")
            << kUtf8Secret << QByteArray("{\"name\":\"Zo\xc3\xab\",\"note\":\"caf\xc3\xa9\"}");
        QTest::newRow("empty body") << kPlainSecret << QByteArray();
    }

    void rubyVerifiesXWebhookSignature()
    {
        QFETCH(QString, secret);
        QFETCH(QByteArray, body);
        const QString ruby = QStandardPaths::findExecutable(QStringLiteral("ruby"));
        if (ruby.isEmpty())
            QSKIP("ruby is not installed on this machine, so the seed's two Ruby lines cannot be "
                  "run (install Debian's ruby package to run this check)");

        const auto headers = signOrFail(SignatureScheme::XWebhookSignature, {secret},
                                        QStringLiteral("d"), 1700000000, body);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto write = [&](const QString &name, const QByteArray &data) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(data), data.size());
        };
        write(QStringLiteral("secret"), secret.toUtf8());
        write(QStringLiteral("body"), body);
        write(QStringLiteral("signature"), headers.first().second);
        write(QStringLiteral("verify.rb"), kRubyVerify);
        QProcess p;
        p.start(ruby,
                {dir.filePath(QStringLiteral("verify.rb")), dir.filePath(QStringLiteral("secret")),
                 dir.filePath(QStringLiteral("body")), dir.filePath(QStringLiteral("signature"))});
        QVERIFY2(p.waitForFinished(60000), "ruby did not finish");
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(p.readAllStandardOutput(), QByteArray("true"));
    }

    // ---- Round trips ------------------------------------------------------------------------

    void roundTrip_data() { addSchemeRows(); }

    void roundTrip()
    {
        QFETCH(QString, schemeName);
        const SignatureScheme s = scheme(schemeName);
        const QString current = secretFor(s, 0);
        const QString previous = secretFor(s, 1);
        const qint64 t = 1700000000;

        // One secret.
        auto headers = signOrFail(s, {current}, QStringLiteral("dlv_1"), t, kEnvelope);
        Verdict v = SignatureVerifier::verify(s, receiverSecrets({current}), headers, kEnvelope, t);
        QCOMPARE(v.outcomeName(), QStringLiteral("verified"));
        QCOMPARE(v.secretLabel, QStringLiteral("secret #1"));
        QCOMPARE(v.expected, WebhookSigner::headerValue(s, current, "dlv_1", t, kEnvelope));

        // Two secrets during a rotation's overlap: a receiver holding either one verifies.
        headers = signOrFail(s, {current, previous}, QStringLiteral("dlv_2"), t, kEnvelope);
        for (const QString &held : {current, previous}) {
            v = SignatureVerifier::verify(s, receiverSecrets({held}), headers, kEnvelope, t + 10);
            QVERIFY2(v.verified(), qPrintable(v.message));
        }
        // A receiver holding both names the one that matched first.
        v = SignatureVerifier::verify(s, receiverSecrets({kOtherSecret, previous}), headers,
                                      kEnvelope, t);
        QVERIFY(v.verified());
        QCOMPARE(v.secretLabel, QStringLiteral("secret #2"));
        // And one holding neither does not.
        v = SignatureVerifier::verify(s, receiverSecrets({kOtherSecret}), headers, kEnvelope, t);
        QCOMPARE(v.outcomeName(), QStringLiteral("signature_mismatch"));
    }

    void previousHeaderVerifies_data()
    {
        QTest::addColumn<QString>("schemeName");
        QTest::addColumn<QByteArray>("previousHeader");
        QTest::newRow("x-webhook-signature")
            << QStringLiteral("x-webhook-signature") << QByteArray("X-Webhook-Signature-Previous");
        QTest::newRow("github") << QStringLiteral("github")
                                << QByteArray("X-Hub-Signature-256-Previous");
    }

    void previousHeaderVerifies()
    {
        QFETCH(QString, schemeName);
        QFETCH(QByteArray, previousHeader);
        const SignatureScheme s = scheme(schemeName);
        const auto headers = signOrFail(s, {kStripeSecret, kStripeOld}, {}, 1, kEnvelope);
        const Verdict v = SignatureVerifier::verify(s, {{kStripeOld, QStringLiteral("old")}},
                                                    headers, kEnvelope, 1);
        QVERIFY(v.verified());
        QCOMPARE(v.header, QString::fromLatin1(previousHeader));
        QCOMPARE(v.secretLabel, QStringLiteral("old"));
    }

    // ---- Verdicts ---------------------------------------------------------------------------

    void wrongSecret_data() { addSchemeRows(); }

    void wrongSecret()
    {
        QFETCH(QString, schemeName);
        const SignatureScheme s = scheme(schemeName);
        const auto headers =
            signOrFail(s, {kOtherSecret}, QStringLiteral("d"), 1700000000, kEnvelope);
        const QList<VerificationSecret> held{{secretFor(s, 0), QString()},
                                             {secretFor(s, 1), QString()}};
        const Verdict v = SignatureVerifier::verify(s, held, headers, kEnvelope, 1700000000);
        QCOMPARE(v.outcomeName(), QStringLiteral("signature_mismatch"));
        QVERIFY(v.secretLabel.isEmpty());
        // Names both secrets by prefix; never shows a secret or the expected value.
        const QString p0 = secretFor(s, 0).left(12) + QChar(0x2026);
        const QString p1 = secretFor(s, 1).left(12) + QChar(0x2026);
        QVERIFY2(
            v.message.startsWith(QStringLiteral("Signature mismatch: none of 2 secrets (%1, %2) "
                                                "produced the received value. Is the receiver "
                                                "using the current secret?")
                                     .arg(p0, p1)),
            qPrintable(v.message));
        QVERIFY(!v.message.contains(secretFor(s, 0)));
        QVERIFY(!v.message.contains(QString::fromLatin1(v.expected)));
        QCOMPARE(v.expected,
                 WebhookSigner::headerValue(s, secretFor(s, 0), "d", 1700000000, kEnvelope));
    }

    void timestampTolerance_data()
    {
        QTest::addColumn<QString>("schemeName");
        QTest::addColumn<qint64>("skew"); // now - signed timestamp
        QTest::addColumn<bool>("verified");
        for (const QString &name :
             {QStringLiteral("standard-webhooks"), QStringLiteral("stripe")}) {
            const QByteArray n = name.toLatin1();
            QTest::newRow(QByteArray(n).append(" on time").constData())
                << name << qint64(0) << true;
            QTest::newRow(QByteArray(n).append(" 300 s past (edge)").constData())
                << name << qint64(300) << true;
            QTest::newRow(QByteArray(n).append(" 301 s past").constData())
                << name << qint64(301) << false;
            QTest::newRow(QByteArray(n).append(" 299 s past").constData())
                << name << qint64(299) << true;
            QTest::newRow(QByteArray(n).append(" 300 s future (edge)").constData())
                << name << qint64(-300) << true;
            QTest::newRow(QByteArray(n).append(" 301 s future").constData())
                << name << qint64(-301) << false;
            QTest::newRow(QByteArray(n).append(" a day stale").constData())
                << name << qint64(86400) << false;
            QTest::newRow(QByteArray(n).append(" an hour ahead").constData())
                << name << qint64(-3600) << false;
        }
    }

    void timestampTolerance()
    {
        QFETCH(QString, schemeName);
        QFETCH(qint64, skew);
        QFETCH(bool, verified);
        const SignatureScheme s = scheme(schemeName);
        const qint64 t = 1700000000;
        const auto headers = signOrFail(s, {secretFor(s, 0)}, QStringLiteral("d"), t, kEnvelope);
        const Verdict v = SignatureVerifier::verify(s, receiverSecrets({secretFor(s, 0)}), headers,
                                                    kEnvelope, t + skew);
        QVERIFY(v.skewSeconds.has_value());
        QCOMPARE(*v.skewSeconds, skew);
        if (verified) {
            QVERIFY2(v.verified(), qPrintable(v.message));
            return;
        }
        QCOMPARE(v.outcomeName(), QStringLiteral("timestamp_out_of_tolerance"));
        const qint64 off = skew < 0 ? -skew : skew;
        QVERIFY2(v.message.contains(
                     QStringLiteral(" is %1 s in the %2; tolerance is 300 s. Check "
                                    "the sender's clock or replay protection.")
                         .arg(off)
                         .arg(skew < 0 ? QStringLiteral("future") : QStringLiteral("past"))),
                 qPrintable(v.message));
        // The signature itself was good: the message says so.
        QCOMPARE(v.secretLabel, QStringLiteral("secret #1"));
    }

    void timestampMessageExample()
    {
        const auto headers = signOrFail(SignatureScheme::StandardWebhooks, {kSwSecret},
                                        QStringLiteral("d"), 1000, "{}");
        const Verdict v = SignatureVerifier::verify(
            SignatureScheme::StandardWebhooks, receiverSecrets({kSwSecret2}), headers, "{}", 1412);
        QCOMPARE(v.outcome, Outcome::TimestampOutOfTolerance);
        QCOMPARE(v.header, QStringLiteral("webhook-timestamp"));
        // The receiver holds another secret, so the message also says the signature is wrong.
        QCOMPARE(
            v.message,
            QStringLiteral("Header webhook-timestamp is 412 s in the past; tolerance is 300 s. "
                           "Check the sender's clock or replay protection. The signature does "
                           "not match any secret either."));
        // A custom tolerance.
        QVERIFY(SignatureVerifier::verify(SignatureScheme::StandardWebhooks,
                                          receiverSecrets({kSwSecret}), headers, "{}", 1412, 600)
                    .verified());
    }

    void missingHeader_data()
    {
        QTest::addColumn<QString>("schemeName");
        QTest::addColumn<QByteArray>("removed");
        QTest::newRow("x-webhook-signature")
            << QStringLiteral("x-webhook-signature") << QByteArray("X-Webhook-Signature");
        QTest::newRow("standard-webhooks id")
            << QStringLiteral("standard-webhooks") << QByteArray("webhook-id");
        QTest::newRow("standard-webhooks timestamp")
            << QStringLiteral("standard-webhooks") << QByteArray("webhook-timestamp");
        QTest::newRow("standard-webhooks signature")
            << QStringLiteral("standard-webhooks") << QByteArray("webhook-signature");
        QTest::newRow("github") << QStringLiteral("github") << QByteArray("X-Hub-Signature-256");
        QTest::newRow("stripe") << QStringLiteral("stripe") << QByteArray("Stripe-Signature");
    }

    void missingHeader()
    {
        QFETCH(QString, schemeName);
        QFETCH(QByteArray, removed);
        const SignatureScheme s = scheme(schemeName);
        auto headers = signOrFail(s, {secretFor(s, 0)}, QStringLiteral("d"), 1700000000, kEnvelope);
        removeHeader(headers, removed);
        const Verdict v = SignatureVerifier::verify(s, receiverSecrets({secretFor(s, 0)}), headers,
                                                    kEnvelope, 1700000000);
        QCOMPARE(v.outcomeName(), QStringLiteral("header_missing"));
        QCOMPARE(v.header, QString::fromLatin1(removed));
        QVERIFY(v.message.contains(QString::fromLatin1(removed)));
    }

    void missingHeaderNamesOtherScheme()
    {
        const auto headers = signOrFail(SignatureScheme::GitHub, {kGhSecret}, {}, 1, kGhBody);
        const Verdict v = SignatureVerifier::verify(
            SignatureScheme::XWebhookSignature, receiverSecrets({kGhSecret}), headers, kGhBody, 1);
        QCOMPARE(v.outcome, Outcome::HeaderMissing);
        QVERIFY2(v.message.contains(QStringLiteral("The request carries X-Hub-Signature-256, the "
                                                   "header of the github scheme: is the sender "
                                                   "using github?")),
                 qPrintable(v.message));
    }

    void headerNamesAreCaseInsensitive()
    {
        auto headers = signOrFail(SignatureScheme::StandardWebhooks, {kSwSecret}, kSwId,
                                  kSwTimestamp, kSwBody);
        for (auto &h : headers)
            h.first = h.first.toUpper();
        QVERIFY(SignatureVerifier::verify(SignatureScheme::StandardWebhooks,
                                          receiverSecrets({kSwSecret}), headers, kSwBody,
                                          kSwTimestamp)
                    .verified());
        const RawHeaderList gh{{"x-hub-signature-256", kGhSignature}};
        QVERIFY(SignatureVerifier::verify(SignatureScheme::GitHub, receiverSecrets({kGhSecret}), gh,
                                          kGhBody, 0)
                    .verified());
    }

    void malformedHeaders_data()
    {
        QTest::addColumn<QString>("schemeName");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        const QByteArray hex64(64, 'a');
        auto row = [](const char *name, const char *s, const char *h, const QByteArray &v) {
            QTest::newRow(name) << QString::fromLatin1(s) << QByteArray(h) << v;
        };
        row("x-webhook empty", "x-webhook-signature", "X-Webhook-Signature", "   ");
        row("x-webhook short hex", "x-webhook-signature", "X-Webhook-Signature", "abc123");
        row("x-webhook 65 hex", "x-webhook-signature", "X-Webhook-Signature", hex64 + "a");
        row("x-webhook non-hex", "x-webhook-signature", "X-Webhook-Signature",
            QByteArray(63, 'a') + "g");
        row("x-webhook github format", "x-webhook-signature", "X-Webhook-Signature",
            "sha256=" + hex64);
        row("x-webhook previous garbage", "x-webhook-signature", "X-Webhook-Signature-Previous",
            "zzz");
        row("github no prefix", "github", "X-Hub-Signature-256", hex64);
        row("github sha1 prefix", "github", "X-Hub-Signature-256", "sha1=" + QByteArray(40, 'a'));
        row("github non-hex", "github", "X-Hub-Signature-256", "sha256=" + QByteArray(64, 'x'));
        row("github prefix only", "github", "X-Hub-Signature-256", "sha256=");
        row("standard timestamp non-numeric", "standard-webhooks", "webhook-timestamp",
            "1614265330a");
        row("standard timestamp negative", "standard-webhooks", "webhook-timestamp", "-5");
        row("standard timestamp float", "standard-webhooks", "webhook-timestamp", "1614265330.5");
        row("standard timestamp overflow", "standard-webhooks", "webhook-timestamp",
            "99999999999999999999999");
        row("standard no v1 entry", "standard-webhooks", "webhook-signature",
            "v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        row("standard entry without comma", "standard-webhooks", "webhook-signature",
            "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        row("standard invalid base64", "standard-webhooks", "webhook-signature",
            "v1,g0hM9SsE*OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        row("standard short base64", "standard-webhooks", "webhook-signature", "v1,AAAA");
        row("standard empty id", "standard-webhooks", "webhook-id", "");
        row("stripe no t", "stripe", "Stripe-Signature", "v1=" + hex64);
        row("stripe no v1", "stripe", "Stripe-Signature", "t=1700000000,v0=" + hex64);
        row("stripe t not numeric", "stripe", "Stripe-Signature", "t=soon,v1=" + hex64);
        row("stripe two t", "stripe", "Stripe-Signature", "t=1700000000,t=1700000000,v1=" + hex64);
        row("stripe item without =", "stripe", "Stripe-Signature", "t=1700000000,v1");
        row("stripe short v1", "stripe", "Stripe-Signature", "t=1700000000,v1=abcd");
        row("stripe garbage", "stripe", "Stripe-Signature", "\x01\xff,,==,");
        row("over 8 KiB", "x-webhook-signature", "X-Webhook-Signature",
            QByteArray(MaxSignatureHeaderBytes + 1, 'a'));
    }

    void malformedHeaders()
    {
        QFETCH(QString, schemeName);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        const SignatureScheme s = scheme(schemeName);
        const qint64 t = 1700000000;
        auto headers = signOrFail(s, {secretFor(s, 0)}, QStringLiteral("d"), t, kEnvelope);
        setHeader(headers, header, value);
        const Verdict v =
            SignatureVerifier::verify(s, receiverSecrets({secretFor(s, 0)}), headers, kEnvelope, t);
        QCOMPARE(v.outcomeName(), QStringLiteral("header_malformed"));
        QCOMPARE(v.header.toLower(), QString::fromLatin1(header).toLower());
        QVERIFY(!v.message.isEmpty());
    }

    void ignoresOtherVersions()
    {
        // Entries of other versions and extra Stripe items are skipped, as the reference
        // libraries do; the v1 signature still verifies.
        auto headers = signOrFail(SignatureScheme::StandardWebhooks, {kSwSecret}, kSwId,
                                  kSwTimestamp, kSwBody);
        setHeader(headers, "webhook-signature", "v1a,c29tZXRoaW5n  " + kSwSignature + " v2,xyz");
        QVERIFY(SignatureVerifier::verify(SignatureScheme::StandardWebhooks,
                                          receiverSecrets({kSwSecret}), headers, kSwBody,
                                          kSwTimestamp)
                    .verified());
        const RawHeaderList stripe{
            {"Stripe-Signature",
             "t=1700000000, v0=00, "
             "v1=4E79AE563F5797B235332715BFD8F30EFC378E91AE64467A7AA2E196F2635B2B"}};
        QVERIFY(SignatureVerifier::verify(SignatureScheme::Stripe, receiverSecrets({kStripeSecret}),
                                          stripe, kStripeBody, 1700000000)
                    .verified());
    }

    void reencodedBody_data()
    {
        QTest::addColumn<QString>("schemeName");
        QTest::addColumn<QByteArray>("signedBody");
        QTest::addColumn<QByteArray>("receivedBody");
        // kEnvelope as JSON.stringify(value, null, 2) writes it: same key order, new whitespace.
        // (No multi-line raw string here: moc 6.4 loses its way in them.)
        const QByteArray pretty = "{\n"
                                  "  \"eventId\": \"0b5a8c1e-3f4d-4c2a-9b7e-1d2c3b4a5f60\",\n"
                                  "  \"eventCreated\": \"2025-10-16T12:00:00Z\",\n"
                                  "  \"event\": \"peopleCreated\",\n"
                                  "  \"resourceIds\": [\n"
                                  "    \"p-1\"\n"
                                  "  ],\n"
                                  "  \"uri\": \"https://api.example.com/api/partner/people/p-1\",\n"
                                  "  \"data\": {\n"
                                  "    \"name\": \"Ada\"\n"
                                  "  }\n"
                                  "}";
        const QJsonDocument doc = QJsonDocument::fromJson(kEnvelope);
        const QByteArray sortedCompact = doc.toJson(QJsonDocument::Compact);
        const QByteArray qtIndented = doc.toJson(QJsonDocument::Indented);
        for (const QString &name :
             {QStringLiteral("x-webhook-signature"), QStringLiteral("standard-webhooks"),
              QStringLiteral("github"), QStringLiteral("stripe")}) {
            const QByteArray n = name.toLatin1();
            // Signed compact, pretty-printed on the way (key order kept).
            QTest::newRow(QByteArray(n).append(" pretty-printed").constData())
                << name << kEnvelope << pretty;
            // Signed compact with sorted keys, delivered with spaces and another key order.
            QTest::newRow(QByteArray(n).append(" key order").constData())
                << name << QByteArray(R"({"a":1,"b":[true,null],"c":"x"})")
                << QByteArray(R"({ "c": "x", "b": [ true, null ], "a": 1 })");
            // Signed as Qt indents (sorted keys), delivered compact in another order.
            QTest::newRow(QByteArray(n).append(" compacted").constData())
                << name << qtIndented << kEnvelope;
            QTest::newRow(QByteArray(n).append(" compacted, no final newline").constData())
                << name << qtIndented.chopped(1) << kEnvelope;
            QTest::newRow(QByteArray(n).append(" indented by Qt").constData())
                << name << sortedCompact << qtIndented;
        }
    }

    void reencodedBody()
    {
        QFETCH(QString, schemeName);
        QFETCH(QByteArray, signedBody);
        QFETCH(QByteArray, receivedBody);
        const SignatureScheme s = scheme(schemeName);
        const auto headers =
            signOrFail(s, {secretFor(s, 0)}, QStringLiteral("d"), 1700000000, signedBody);
        const Verdict v = SignatureVerifier::verify(s, receiverSecrets({secretFor(s, 0)}), headers,
                                                    receivedBody, 1700000000);
        QCOMPARE(v.outcomeName(), QStringLiteral("body_reencoded"));
        QVERIFY(v.message.startsWith(QStringLiteral(
            "The body was re-encoded (whitespace/key order changed) before verification; verify "
            "the raw bytes as received.")));
        QCOMPARE(v.secretLabel, QStringLiteral("secret #1"));
    }

    void alteredBodyIsMismatch()
    {
        const auto headers = signOrFail(SignatureScheme::GitHub, {kGhSecret}, {}, 1, kEnvelope);
        QByteArray altered = kEnvelope;
        altered.replace("Ada", "Eve");
        QCOMPARE(SignatureVerifier::verify(SignatureScheme::GitHub, receiverSecrets({kGhSecret}),
                                           headers, altered, 1)
                     .outcome,
                 Outcome::SignatureMismatch);
        const Verdict one = SignatureVerifier::verify(SignatureScheme::GitHub,
                                                      {{kGhSecret, QStringLiteral("It's…")}},
                                                      headers, "not json", 1);
        QCOMPARE(one.message, QString::fromUtf8("Signature mismatch: the secret It's… did not "
                                                "produce the received value. Is the receiver using "
                                                "the current secret?"));
    }

    void noSecretsAndNone()
    {
        const auto headers = signOrFail(SignatureScheme::Stripe, {kStripeSecret}, {}, 1, "{}");
        Verdict v = SignatureVerifier::verify(SignatureScheme::Stripe, {}, headers, "{}", 1);
        QCOMPARE(v.outcomeName(), QStringLiteral("no_secrets"));
        QVERIFY(v.expected.isEmpty());
        v = SignatureVerifier::verify(SignatureScheme::None, receiverSecrets({kStripeSecret}),
                                      headers, "{}", 1);
        QCOMPARE(v.outcomeName(), QStringLiteral("not_checked"));
        QVERIFY(!v.verified());
    }

    void extremeClocks()
    {
        const auto headers =
            signOrFail(SignatureScheme::Stripe, {kStripeSecret}, {}, 1700000000, kStripeBody);
        for (const qint64 now : {std::numeric_limits<qint64>::min(), qint64(-1), qint64(0),
                                 std::numeric_limits<qint64>::max()}) {
            const Verdict v =
                SignatureVerifier::verify(SignatureScheme::Stripe, receiverSecrets({kStripeSecret}),
                                          headers, kStripeBody, now);
            QCOMPARE(v.outcome, Outcome::TimestampOutOfTolerance);
        }
        const RawHeaderList far{
            {"Stripe-Signature", "t=999999999999999999,v1=" + QByteArray(64, 'a')}};
        QCOMPARE(SignatureVerifier::verify(SignatureScheme::Stripe,
                                           receiverSecrets({kStripeSecret}), far, kStripeBody,
                                           1700000000)
                     .outcome,
                 Outcome::TimestampOutOfTolerance);
    }

    // ---- Robustness -------------------------------------------------------------------------

    void longGarbageIsLinear_data()
    {
        QTest::addColumn<QString>("schemeName");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("unit");
        auto row = [](const char *name, const char *s, const char *h, const QByteArray &unit) {
            QTest::newRow(name) << QString::fromLatin1(s) << QByteArray(h) << unit;
        };
        row("standard many v1 entries", "standard-webhooks", "webhook-signature",
            "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ");
        row("standard many ignored entries", "standard-webhooks", "webhook-signature", "v9,x ");
        row("standard spaces", "standard-webhooks", "webhook-signature", " ");
        row("stripe many v1", "stripe", "Stripe-Signature", "v1=" + QByteArray(64, 'b') + ",");
        row("stripe many ignored", "stripe", "Stripe-Signature", "v0=1,");
        row("stripe commas", "stripe", "Stripe-Signature", ",");
        row("github hex", "github", "X-Hub-Signature-256", "0");
    }

    void longGarbageIsLinear()
    {
        QFETCH(QString, schemeName);
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, unit);
        const SignatureScheme s = scheme(schemeName);
        const qint64 t = 1700000000;
        auto headers = signOrFail(s, {secretFor(s, 0)}, QStringLiteral("d"), t, kEnvelope);
        QByteArray value =
            header == "Stripe-Signature" ? QByteArray("t=1700000000,") : QByteArray();
        while (value.size() + unit.size() <= MaxSignatureHeaderBytes)
            value.append(unit);
        setHeader(headers, header, value);
        const auto secrets = receiverSecrets({secretFor(s, 0), secretFor(s, 1)});
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 200; ++i) {
            const Verdict v = SignatureVerifier::verify(s, secrets, headers, kEnvelope, t);
            QVERIFY(!v.verified());
        }
        // 200 checks of an 8 KiB header: linear work is a few ms each even in a Debug build.
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    }

    void fuzz_data() { addSchemeRows(); }

    // Random and mutated header values, signed by a secret the receiver does not hold: nothing
    // may crash, and nothing may verify.
    void fuzz()
    {
        QFETCH(QString, schemeName);
        const SignatureScheme s = scheme(schemeName);
        QRandomGenerator rng(0x5157u + quint32(s));
        const qint64 t = 1700000000;
        const RawHeaderList forged =
            signOrFail(s, {kOtherSecret, kPlainSecret}, QStringLiteral("msg_fuzz"), t, kEnvelope);
        const auto secrets = receiverSecrets({secretFor(s, 0), secretFor(s, 1)});
        const QByteArray alphabet = "0123456789abcdefABCDEF=,; v1t.sha256+/whsec_-\t\r\n\"\\";
        auto randomChar = [&] {
            return rng.bounded(4) == 0 ? char(rng.bounded(256))
                                       : alphabet.at(rng.bounded(int(alphabet.size())));
        };
        auto mutate = [&](QByteArray v) {
            const int ops = 1 + int(rng.bounded(3));
            for (int op = 0; op < ops; ++op) {
                const int at = v.isEmpty() ? 0 : int(rng.bounded(int(v.size())));
                switch (rng.bounded(8)) {
                case 0: { // fresh random value, now and then a very long one
                    const int len =
                        rng.bounded(20) == 0 ? int(rng.bounded(12000)) : int(rng.bounded(100));
                    v.resize(len);
                    for (char &c : v)
                        c = randomChar();
                    break;
                }
                case 1:
                    if (!v.isEmpty())
                        v[at] = char(v.at(at) ^ char(1 << rng.bounded(8)));
                    break;
                case 2:
                    v.insert(at, randomChar());
                    break;
                case 3:
                    v.remove(at, int(rng.bounded(8)) + 1);
                    break;
                case 4:
                    v.truncate(at);
                    break;
                case 5:
                    v.append(v.mid(at, int(rng.bounded(64))));
                    break;
                case 6:
                    if (!v.isEmpty())
                        v[at] = alphabet.at(rng.bounded(int(alphabet.size())));
                    break;
                case 7: { // repeat with a separator
                    const QByteArray copy = v;
                    const char sep = " ,="[rng.bounded(3)];
                    for (int r = int(rng.bounded(6)); r > 0 && v.size() < 12000; --r)
                        v.append(sep).append(copy);
                    break;
                }
                }
            }
            return v;
        };

        QHash<int, int> seen;
        for (int i = 0; i < 20000; ++i) {
            RawHeaderList headers = forged;
            auto &target = headers[int(rng.bounded(int(headers.size())))];
            target.second = mutate(target.second);
            if (rng.bounded(10) == 0)
                target.first = rng.bounded(2) ? target.first.toLower() : mutate(target.first);
            const Verdict v = SignatureVerifier::verify(s, secrets, headers, kEnvelope, t);
            if (v.verified() || v.message.isEmpty())
                QFAIL(qPrintable(QStringLiteral("iteration %1 verified or gave no message: %2")
                                     .arg(i)
                                     .arg(QString::fromLatin1(target.second.toPercentEncoding()))));
            ++seen[int(v.outcome)];
        }
        // The fuzzing reaches both the parser's rejections and the signature comparison.
        QVERIFY(seen.value(int(Outcome::HeaderMalformed)) > 0);
        QVERIFY(seen.value(int(Outcome::SignatureMismatch)) > 0);
    }
};

QTEST_GUILESS_MAIN(TestSigning)
#include "tst_signing.moc"
