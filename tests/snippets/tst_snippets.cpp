// Runs every verification snippet the GUI shows (core/receiver/VerificationSnippets) in its own
// language, against requests signed by WebhookSigner: an authentic request must verify, and a
// tampered body, a wrong secret or a stale timestamp must not. Languages whose interpreter or
// compiler is not installed are skipped with the package that provides it.
#include "receiver/VerificationSnippets.h"
#include "signing/WebhookSigner.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace hookline;

Q_DECLARE_METATYPE(hookline::SnippetLanguage)
Q_DECLARE_METATYPE(hookline::SignatureScheme)

namespace {

constexpr int kRunMs = 60000; // a first Go build fills its cache; everything else takes < 1 s

struct Case {
    QString name;
    QString secret;
    QByteArray body;
    QStringList headers;
    bool expected = false;
};

QString findProgram(SnippetLanguage language)
{
    switch (language) {
    case SnippetLanguage::Python:
        return QStandardPaths::findExecutable(QStringLiteral("python3"));
    case SnippetLanguage::Node: {
        const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
        return node.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("nodejs")) : node;
    }
    case SnippetLanguage::Ruby:
        return QStandardPaths::findExecutable(QStringLiteral("ruby"));
    case SnippetLanguage::Go:
        return QStandardPaths::findExecutable(QStringLiteral("go"));
    case SnippetLanguage::Php:
        return QStandardPaths::findExecutable(QStringLiteral("php"));
    }
    return {};
}

QString debianPackage(SnippetLanguage language)
{
    switch (language) {
    case SnippetLanguage::Python:
        return QStringLiteral("python3");
    case SnippetLanguage::Node:
        return QStringLiteral("nodejs");
    case SnippetLanguage::Ruby:
        return QStringLiteral("ruby");
    case SnippetLanguage::Go:
        return QStringLiteral("golang-go");
    case SnippetLanguage::Php:
        return QStringLiteral("php-cli");
    }
    return {};
}

QByteArray readHarness(const QString &name)
{
    QFile f(QStringLiteral(HOOKLINE_SNIPPET_HARNESS_DIR) + QLatin1Char('/') + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read harness %s", qPrintable(f.fileName()));
    return f.readAll();
}

// The header values a scheme's snippet takes, in its parameter order, from signed headers.
QStringList headerValues(SignatureScheme scheme, const RawHeaderList &headers)
{
    QStringList out;
    for (const QString &name : VerificationSnippets::headerNames(scheme)) {
        QString value;
        for (const auto &[n, v] : headers)
            if (QString::fromLatin1(n).compare(name, Qt::CaseInsensitive) == 0)
                value = QString::fromLatin1(v);
        out << value;
    }
    return out;
}

Case signedCase(const QString &name, SignatureScheme scheme, const QStringList &signWith,
                const QString &verifyWith, const QByteArray &body, qint64 timestamp, bool expected,
                const QByteArray &sentBody = {})
{
    auto headers = WebhookSigner::sign(scheme, signWith, QStringLiteral("msg_2Lw9SnippetTest"),
                                       timestamp, body);
    if (!headers)
        qFatal("%s", qPrintable(headers.error().toString()));
    return Case{name, verifyWith, sentBody.isNull() ? body : sentBody,
                headerValues(scheme, headers.value()), expected};
}

QList<Case> casesFor(SignatureScheme scheme)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString secret = QStringLiteral("whsec_c25pcHBldC10ZXN0LXNlY3JldC0wMTIzNDU2Nzg5");
    const QString previous = QStringLiteral("whsec_cHJldmlvdXMtc25pcHBldC1zZWNyZXQtOTg3NjU=");
    const QByteArray json = R"({"type":"peopleCreated","data":{"id":"p-1","name":"Zoë"}})";
    const QByteArray binary("\x00\xff\xfe{\x80}\r\n", 9);
    QList<Case> cases{
        signedCase(QStringLiteral("valid"), scheme, {secret}, secret, json, now, true),
        signedCase(QStringLiteral("valid, non-UTF-8 body"), scheme, {secret}, secret, binary, now,
                   true),
        signedCase(QStringLiteral("body tampered"), scheme, {secret}, secret, json, now, false,
                   QByteArray(json).replace("p-1", "p-2")),
        signedCase(QStringLiteral("body re-encoded"), scheme, {secret}, secret, json, now, false,
                   QJsonDocument::fromJson(json).toJson(QJsonDocument::Indented)),
        signedCase(QStringLiteral("wrong secret"), scheme, {previous}, secret, json, now, false),
    };
    if (scheme == SignatureScheme::StandardWebhooks || scheme == SignatureScheme::Stripe) {
        cases << signedCase(QStringLiteral("stale timestamp"), scheme, {secret}, secret, json,
                            now - 600, false)
              << signedCase(QStringLiteral("future timestamp"), scheme, {secret}, secret, json,
                            now + 600, false)
              // During a rotation the header carries one signature per secret; a receiver
              // still on the previous secret verifies by the second one.
              << signedCase(QStringLiteral("previous secret among several signatures"), scheme,
                            {secret, previous}, previous, json, now, true);
    }
    return cases;
}

} // namespace

class TestSnippets : public QObject {
    Q_OBJECT

private slots:
    void everySchemeHasASnippetPerLanguage();
    void snippetsVerify_data();
    void snippetsVerify();

private:
    // Runs the snippet on `cases`; returns one "true"/"false" per case, or fails the test.
    QStringList run(const VerificationSnippet &snippet, const QString &program,
                    const QList<Case> &cases);
};

void TestSnippets::everySchemeHasASnippetPerLanguage()
{
    for (const SignatureScheme scheme :
         {SignatureScheme::XWebhookSignature, SignatureScheme::StandardWebhooks,
          SignatureScheme::GitHub, SignatureScheme::Stripe}) {
        for (const SnippetLanguage language : VerificationSnippets::languages()) {
            const auto snippet = VerificationSnippets::snippet(scheme, language);
            QVERIFY(snippet);
            QVERIFY(snippet->code.contains(snippet->functionName));
            // Constant-time comparison in every language.
            static const QStringList constantTime = {
                QStringLiteral("compare_digest"), QStringLiteral("timingSafeEqual"),
                QStringLiteral("secure_compare"), QStringLiteral("hmac.Equal"),
                QStringLiteral("hash_equals")};
            bool safe = false;
            for (const QString &call : constantTime)
                safe = safe || snippet->code.contains(call);
            QVERIFY2(safe, qPrintable(schemeName(scheme) + QLatin1Char('/') +
                                      VerificationSnippets::languageName(language)));
            QVERIFY(!snippet->code.contains(QStringLiteral("==") + QLatin1Char(' ') +
                                            QStringLiteral("signature")));
        }
        QCOMPARE(VerificationSnippets::headerNames(scheme).isEmpty(), false);
    }
    QVERIFY(!VerificationSnippets::snippet(SignatureScheme::None, SnippetLanguage::Python));
}

void TestSnippets::snippetsVerify_data()
{
    QTest::addColumn<SnippetLanguage>("language");
    QTest::addColumn<SignatureScheme>("scheme");
    for (const SnippetLanguage language : VerificationSnippets::languages())
        for (const SignatureScheme scheme :
             {SignatureScheme::XWebhookSignature, SignatureScheme::StandardWebhooks,
              SignatureScheme::GitHub, SignatureScheme::Stripe})
            QTest::newRow(qPrintable(VerificationSnippets::languageId(language) + QLatin1Char(' ') +
                                     schemeName(scheme)))
                << language << scheme;
}

void TestSnippets::snippetsVerify()
{
    QFETCH(SnippetLanguage, language);
    QFETCH(SignatureScheme, scheme);
    const QString program = findProgram(language);
    if (program.isEmpty())
        QSKIP(qPrintable(
            QStringLiteral("%1 is not installed (Debian package %2, listed in "
                           "scripts/setup.sh)")
                .arg(VerificationSnippets::languageName(language), debianPackage(language))));
    const auto snippet = VerificationSnippets::snippet(scheme, language);
    QVERIFY(snippet);
    const QList<Case> cases = casesFor(scheme);
    const QStringList results = run(*snippet, program, cases);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(results.size(), cases.size());
    for (qsizetype i = 0; i < cases.size(); ++i)
        QVERIFY2(
            results.at(i) ==
                (cases.at(i).expected ? QLatin1String("true") : QLatin1String("false")),
            qPrintable(QStringLiteral("case \"%1\": got %2").arg(cases.at(i).name, results.at(i))));
}

QStringList TestSnippets::run(const VerificationSnippet &snippet, const QString &program,
                              const QList<Case> &cases)
{
    QTemporaryDir dir;
    const auto write = [&dir](const QString &name, const QByteArray &data) {
        QFile f(dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            qFatal("cannot write %s", qPrintable(f.fileName()));
        return f.fileName();
    };
    QJsonArray json;
    for (const Case &c : cases)
        json.append(
            QJsonObject{{QStringLiteral("secret"), c.secret},
                        {QStringLiteral("body"), QString::fromLatin1(c.body.toBase64())},
                        {QStringLiteral("headers"), QJsonArray::fromStringList(c.headers)}});
    const QString casesFile = write(QStringLiteral("cases.json"), QJsonDocument(json).toJson());
    const QByteArray code = snippet.code.toUtf8();

    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList arguments;
    QString executable = program;
    switch (snippet.language) {
    case SnippetLanguage::Python:
        arguments << write(QStringLiteral("verify.py"),
                           code + readHarness(QStringLiteral("harness.py")));
        break;
    case SnippetLanguage::Node:
        arguments << write(QStringLiteral("verify.js"),
                           code + readHarness(QStringLiteral("harness.js")));
        break;
    case SnippetLanguage::Ruby:
        arguments << write(QStringLiteral("verify.rb"),
                           code + readHarness(QStringLiteral("harness.rb")));
        break;
    case SnippetLanguage::Php:
        arguments << write(QStringLiteral("verify.php"),
                           code + readHarness(QStringLiteral("harness.php")));
        break;
    case SnippetLanguage::Go: {
        // The snippet is a file body without its package clause, as one pastes it.
        write(QStringLiteral("verify.go"), "package main\n\n" + code);
        write(QStringLiteral("main.go"), readHarness(QStringLiteral("main.go")));
        QStringList args;
        for (qsizetype i = 0; i < snippet.headerNames.size(); ++i)
            args << QStringLiteral("h[%1]").arg(i);
        write(QStringLiteral("call.go"),
              QStringLiteral("package main\n\nfunc callVerify(secret string, body []byte, h "
                             "[]string) bool {\n\treturn VerifyWebhook(secret, body, %1)\n}\n")
                  .arg(args.join(QStringLiteral(", ")))
                  .toUtf8());
        if (!env.contains(QStringLiteral("GOCACHE")) &&
            !env.contains(QStringLiteral("XDG_CACHE_HOME")) &&
            !env.contains(QStringLiteral("HOME")))
            env.insert(QStringLiteral("GOCACHE"), dir.filePath(QStringLiteral("gocache")));
        env.insert(QStringLiteral("GO111MODULE"), QStringLiteral("off"));
        env.insert(QStringLiteral("GOPATH"), dir.filePath(QStringLiteral("gopath")));
        env.insert(QStringLiteral("GOPROXY"), QStringLiteral("off"));
        QProcess build;
        build.setProcessEnvironment(env);
        build.setWorkingDirectory(dir.path());
        build.start(program, {QStringLiteral("build"), QStringLiteral("-o"),
                              dir.filePath(QStringLiteral("verify")), QStringLiteral("verify.go"),
                              QStringLiteral("main.go"), QStringLiteral("call.go")});
        if (!build.waitForFinished(kRunMs) || build.exitCode() != 0) {
            QTest::qFail(qPrintable(QStringLiteral("go build failed: %1")
                                        .arg(QString::fromUtf8(build.readAllStandardError()))),
                         __FILE__, __LINE__);
            return {};
        }
        executable = dir.filePath(QStringLiteral("verify"));
        break;
    }
    }
    arguments << casesFile;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(dir.path());
    process.start(executable, arguments);
    if (!process.waitForFinished(kRunMs) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        QTest::qFail(qPrintable(QStringLiteral("%1 failed (exit %2): %3")
                                    .arg(VerificationSnippets::languageName(snippet.language))
                                    .arg(process.exitCode())
                                    .arg(QString::fromUtf8(process.readAllStandardError()))),
                     __FILE__, __LINE__);
        return {};
    }
    QStringList results;
    for (const QByteArray &line : process.readAllStandardOutput().split('\n'))
        if (!line.trimmed().isEmpty())
            results << QString::fromLatin1(line.trimmed());
    return results;
}

QTEST_GUILESS_MAIN(TestSnippets)
#include "tst_snippets.moc"
