// hookline-cli end to end: every test runs the real executable on a fresh database.
#include "TestSupport.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hookline;

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;

    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

const QRegularExpression &secretPattern()
{
    static const QRegularExpression re(QStringLiteral("^whsec_[A-Za-z0-9+/]{43}=$"));
    return re;
}

// The value printed after "Signing secret: ", or empty.
QString printedSecret(const QString &out)
{
    static const QRegularExpression line(QStringLiteral("^Signing secret: (\\S+)$"),
                                         QRegularExpression::MultilineOption);
    return line.match(out).captured(1);
}

QStringList createArgs(const QString &name = QStringLiteral("CRM bridge"),
                       const QString &event = QStringLiteral("new_contact"))
{
    return {QStringLiteral("webhooks"), QStringLiteral("create"),
            QStringLiteral("--name"),   name,
            QStringLiteral("--url"),    QStringLiteral("https://crm.example.com/hook"),
            QStringLiteral("--event"),  event};
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void createPrintsSecretOnce();
    void createJson();
    void listAndShowShowOnlyThePrefix();
    void secretAbsentFromDatabase();
    void credentialsHidden_data();
    void credentialsHidden();
    void rotateSecret();
    void exitCodes_data();
    void exitCodes();
    void roundTrip();
    void deleteNeedsYesWithoutTerminal();
    void emptyList();
    void eventTypes();
    void eventTypesJson();
    void addTypeThenCreate();
    void info();
    void databaseFromEnvironment();
    void wrongKey();
    void lostKeyIsAnErrorNotANewKey();
    void help_data();
    void help();
    void version();

private:
    Run cli(const QStringList &args, const QStringList &extraEnv = {}, bool withDb = true);
    // Creates a webhook through the CLI (--json) and returns the JSON object.
    QJsonObject create(const QStringList &args);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_db;
};

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_db = m_dir->filePath(QStringLiteral("hookline.sqlite"));
}

void TestCli::cleanup()
{
    m_dir.reset();
}

Run TestCli::cli(const QStringList &args, const QStringList &extraEnv, bool withDb)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("HOOKLINE_DB"));
    env.insert(QStringLiteral("HOOKLINE_MASTER_KEY"), test::testKeyHex());
    env.insert(QStringLiteral("HOOKLINE_KEYCHAIN"), QStringLiteral("off"));
    for (const QString &entry : extraEnv) {
        if (entry.startsWith(QLatin1Char('-'))) // "-NAME": unset it
            env.remove(entry.mid(1));
        else
            env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    }
    process.setProcessEnvironment(env);
    QStringList all = args;
    if (withDb && !args.contains(QStringLiteral("--db")))
        all << QStringLiteral("--db") << m_db;
    process.start(QStringLiteral(HOOKLINE_CLI_PATH), all);
    Run run;
    if (!process.waitForStarted(10000)) {
        run.err = QStringLiteral("cannot start hookline-cli");
        return run;
    }
    process.closeWriteChannel(); // stdin: an empty pipe, never a terminal
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        run.err = QStringLiteral("hookline-cli timed out");
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

QJsonObject TestCli::create(const QStringList &args)
{
    const Run r = cli(args + QStringList{QStringLiteral("--json")});
    if (r.exitCode != 0)
        qWarning("create failed (%d): %s", r.exitCode, qPrintable(r.err));
    return r.json();
}

void TestCli::createPrintsSecretOnce()
{
    const Run r = cli(createArgs());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.err.isEmpty());
    const QString secret = printedSecret(r.out);
    QVERIFY2(secretPattern().match(secret).hasMatch(), qPrintable(r.out));
    QCOMPARE(r.out.count(secret), 1);
    QVERIFY(r.out.startsWith(QStringLiteral("Created webhook ")));
    QVERIFY(r.out.contains(QStringLiteral("\n\nSigning secret: ")));
    QVERIFY(r.out.contains(
        QStringLiteral("Save this signing secret now. It will not be shown again.")));
}

void TestCli::createJson()
{
    const Run r = cli(createArgs() + QStringList{QStringLiteral("--description"),
                                                 QStringLiteral("Production CRM bridge"),
                                                 QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QJsonObject o = doc.object();
    const QString secret = o.value(QStringLiteral("signing_secret")).toString();
    QVERIFY(secretPattern().match(secret).hasMatch());
    QCOMPARE(r.out.count(secret), 1);
    QVERIFY(o.value(QStringLiteral("_warning"))
                .toString()
                .contains(QStringLiteral("not be shown again")));
    QVERIFY(!o.value(QStringLiteral("id")).toString().isEmpty());
    QCOMPARE(o.value(QStringLiteral("signing_secret_prefix")).toString(), secret.left(12));
    QCOMPARE(o.value(QStringLiteral("enabled")), QJsonValue(true));
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    QCOMPARE(o.value(QStringLiteral("name")).toString(), QStringLiteral("CRM bridge"));
    QCOMPARE(o.value(QStringLiteral("url")).toString(),
             QStringLiteral("https://crm.example.com/hook"));
    QCOMPARE(o.value(QStringLiteral("events")).toArray(),
             QJsonArray{QStringLiteral("new_contact")});
    QCOMPARE(o.value(QStringLiteral("description")).toString(),
             QStringLiteral("Production CRM bridge"));
    QVERIFY(o.value(QStringLiteral("created_at")).toString().endsWith(QLatin1Char('Z')));
}

void TestCli::listAndShowShowOnlyThePrefix()
{
    const QJsonObject created = create(createArgs());
    const QString secret = created.value(QStringLiteral("signing_secret")).toString();
    const QString id = created.value(QStringLiteral("id")).toString();
    QVERIFY(!secret.isEmpty());
    const QString prefix = secret.left(12);

    const QList<QStringList> commands = {
        {QStringLiteral("webhooks"), QStringLiteral("list")},
        {QStringLiteral("webhooks"), QStringLiteral("list"), QStringLiteral("--json")},
        {QStringLiteral("webhooks"), QStringLiteral("show"), id},
        {QStringLiteral("webhooks"), QStringLiteral("show"), id.left(8)},
        {QStringLiteral("webhooks"), QStringLiteral("show"), id, QStringLiteral("--json")},
    };
    for (const QStringList &command : commands) {
        const Run r = cli(command);
        QVERIFY2(r.exitCode == 0, qPrintable(command.join(QLatin1Char(' ')) + r.err));
        QVERIFY2(r.out.contains(prefix), qPrintable(command.join(QLatin1Char(' '))));
        QVERIFY2(!r.out.contains(secret), qPrintable(command.join(QLatin1Char(' '))));
        QVERIFY2(!r.out.contains(secret.mid(6, 20)), qPrintable(command.join(QLatin1Char(' '))));
        QVERIFY(!r.err.contains(secret));
    }

    const Run list = cli({QStringLiteral("webhooks"), QStringLiteral("list")});
    QVERIFY(list.out.startsWith(QStringLiteral("ID")));
    QVERIFY(list.out.contains(id.left(8)));
    QVERIFY(!list.out.contains(id)); // the table shows the short id
    QVERIFY(list.out.contains(prefix + QChar(0x2026)));
    QVERIFY(list.out.contains(QStringLiteral("never")));

    const Run listJson =
        cli({QStringLiteral("webhooks"), QStringLiteral("list"), QStringLiteral("--json")});
    const QJsonObject page = listJson.json();
    QVERIFY(page.contains(QStringLiteral("next_cursor")));
    QVERIFY(page.value(QStringLiteral("next_cursor")).isNull());
    const QJsonArray data = page.value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 1);
    QCOMPARE(data.at(0).toObject().value(QStringLiteral("id")).toString(), id);
    QVERIFY(!data.at(0).toObject().contains(QStringLiteral("signing_secret")));

    const Run show = cli({QStringLiteral("webhooks"), QStringLiteral("show"), id});
    QVERIFY(show.out.contains(QStringLiteral("ID:")));
    QVERIFY(show.out.contains(prefix + QChar(0x2026) +
                              QStringLiteral(" (hidden; rotate to get a new one)")));
    QVERIFY(show.out.contains(QStringLiteral("x-webhook-signature")));

    const QJsonObject showJson =
        cli({QStringLiteral("webhooks"), QStringLiteral("show"), id, QStringLiteral("--json")})
            .json();
    QCOMPARE(showJson.value(QStringLiteral("id")).toString(), id);
    QVERIFY(!showJson.contains(QStringLiteral("signing_secret")));
    QVERIFY(!showJson.contains(QStringLiteral("_warning")));
    QCOMPARE(showJson.value(QStringLiteral("signing_secret_prefix")).toString(), prefix);
}

void TestCli::secretAbsentFromDatabase()
{
    const QJsonObject created = create(createArgs());
    const QString secret = created.value(QStringLiteral("signing_secret")).toString();
    const QString id = created.value(QStringLiteral("id")).toString();
    QVERIFY(secretPattern().match(secret).hasMatch());

    auto assertAbsent = [this](const QString &s) {
        const QByteArray files = test::readDatabaseFiles(m_db);
        QVERIFY(!files.isEmpty());
        QVERIFY(!files.contains(s.toUtf8()));
        QVERIFY(!files.contains(s.mid(6).toUtf8()));
        const QByteArray decoded = QByteArray::fromBase64(s.mid(6).toLatin1());
        QCOMPARE(decoded.size(), 32);
        QVERIFY(!files.contains(decoded));
    };
    assertAbsent(secret);
    if (QTest::currentTestFailed())
        return;

    const Run rotated = cli({QStringLiteral("webhooks"), QStringLiteral("rotate-secret"), id,
                             QStringLiteral("--json")});
    QVERIFY2(rotated.exitCode == 0, qPrintable(rotated.err));
    const QString second = rotated.json().value(QStringLiteral("signing_secret")).toString();
    QVERIFY(secretPattern().match(second).hasMatch());
    QVERIFY(second != secret);
    assertAbsent(second);
    assertAbsent(secret);
}

void TestCli::credentialsHidden_data()
{
    QTest::addColumn<QString>("auth");
    QTest::addColumn<QString>("hidden");
    QTest::addColumn<QString>("shown");

    QTest::newRow("bearer") << QStringLiteral("bearer:tok_live_4f9a8c2e7b1d")
                            << QStringLiteral("tok_live_4f9a8c2e7b1d")
                            << QStringLiteral("bearer (token set)");
    QTest::newRow("basic") << QStringLiteral("basic:alice:pw-Zq81xLm0")
                           << QStringLiteral("pw-Zq81xLm0")
                           << QStringLiteral("basic (username alice, password set)");
    QTest::newRow("api_key") << QStringLiteral("api_key:X-Api-Key:key_93jd8Qm2pLx")
                             << QStringLiteral("key_93jd8Qm2pLx")
                             << QStringLiteral("api_key (header X-Api-Key, value set)");
    QTest::newRow("custom_header")
        << QStringLiteral("custom_header:X-Token:ct_77Hh2kPq") << QStringLiteral("ct_77Hh2kPq")
        << QStringLiteral("custom_header (header X-Token, value set)");
}

void TestCli::credentialsHidden()
{
    QFETCH(QString, auth);
    QFETCH(QString, hidden);
    QFETCH(QString, shown);

    const Run created = cli(createArgs() + QStringList{QStringLiteral("--auth"), auth});
    QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    QVERIFY(!created.out.contains(hidden));
    QVERIFY(!test::readDatabaseFiles(m_db).contains(hidden.toUtf8()));

    const QString id =
        cli({QStringLiteral("webhooks"), QStringLiteral("list"), QStringLiteral("--json")})
            .json()
            .value(QStringLiteral("data"))
            .toArray()
            .at(0)
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    QVERIFY(!id.isEmpty());
    const Run show = cli({QStringLiteral("webhooks"), QStringLiteral("show"), id});
    QVERIFY(show.out.contains(shown));
    const QList<QStringList> commands = {
        {QStringLiteral("webhooks"), QStringLiteral("list")},
        {QStringLiteral("webhooks"), QStringLiteral("list"), QStringLiteral("--json")},
        {QStringLiteral("webhooks"), QStringLiteral("show"), id},
        {QStringLiteral("webhooks"), QStringLiteral("show"), id, QStringLiteral("--json")},
        {QStringLiteral("webhooks"), QStringLiteral("update"), id, QStringLiteral("--timeout"),
         QStringLiteral("20")},
        {QStringLiteral("webhooks"), QStringLiteral("disable"), id, QStringLiteral("--json")},
    };
    for (const QStringList &command : commands) {
        const Run r = cli(command);
        QVERIFY2(r.exitCode == 0, qPrintable(command.join(QLatin1Char(' ')) + r.err));
        QVERIFY2(!r.out.contains(hidden), qPrintable(command.join(QLatin1Char(' '))));
        QVERIFY(!r.err.contains(hidden));
    }
    QVERIFY(!test::readDatabaseFiles(m_db).contains(hidden.toUtf8()));
}

void TestCli::rotateSecret()
{
    const QJsonObject created = create(createArgs());
    const QString first = created.value(QStringLiteral("signing_secret")).toString();
    const QString id = created.value(QStringLiteral("id")).toString();

    const Run r = cli({QStringLiteral("webhooks"), QStringLiteral("rotate-secret"), id.left(8)});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString second = printedSecret(r.out);
    QVERIFY2(secretPattern().match(second).hasMatch(), qPrintable(r.out));
    QVERIFY(second != first);
    QCOMPARE(r.out.count(second), 1);
    QVERIFY(!r.out.contains(first));
    QVERIFY(r.out.contains(
        QStringLiteral("Save this signing secret now. It will not be shown again.")));
    static const QRegularExpression expiry(
        QStringLiteral("The previous secret remains valid until "
                       "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\."));
    QVERIFY2(expiry.match(r.out).hasMatch(), qPrintable(r.out));

    const QJsonObject shown =
        cli({QStringLiteral("webhooks"), QStringLiteral("show"), id, QStringLiteral("--json")})
            .json();
    QCOMPARE(shown.value(QStringLiteral("signing_secret_prefix")).toString(), second.left(12));

    const Run json =
        cli({QStringLiteral("webhooks"), QStringLiteral("rotate-secret"), id,
             QStringLiteral("--overlap-hours"), QStringLiteral("1"), QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonObject o = json.json();
    const QString third = o.value(QStringLiteral("signing_secret")).toString();
    QVERIFY(secretPattern().match(third).hasMatch());
    QCOMPARE(o.value(QStringLiteral("signing_secret_prefix")).toString(), third.left(12));
    QVERIFY(o.value(QStringLiteral("_warning"))
                .toString()
                .contains(QStringLiteral("remains valid until")));
    QVERIFY(o.contains(QStringLiteral("previous_secret_expires_at")));
}

void TestCli::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("existing"); // webhooks on new_contact created first
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrHas");

    const QString wh = QStringLiteral("webhooks");
    const QString cr = QStringLiteral("create");
    auto with = [](QStringList args, const QStringList &more) { return args + more; };
    const QStringList noEvent = {wh,
                                 cr,
                                 QStringLiteral("--name"),
                                 QStringLiteral("A"),
                                 QStringLiteral("--url"),
                                 QStringLiteral("https://example.com/hook")};

    // Rules (exit 3).
    QTest::newRow("http url") << QStringList{wh,
                                             cr,
                                             QStringLiteral("--name"),
                                             QStringLiteral("A"),
                                             QStringLiteral("--url"),
                                             QStringLiteral("http://example.com"),
                                             QStringLiteral("--event"),
                                             QStringLiteral("new_contact")}
                              << 0 << 3 << QStringLiteral("error: INVALID_URL: url: ");
    QTest::newRow("loopback without local testing")
        << QStringList{wh,
                       cr,
                       QStringLiteral("--name"),
                       QStringLiteral("A"),
                       QStringLiteral("--url"),
                       QStringLiteral("http://127.0.0.1:8080/hook"),
                       QStringLiteral("--event"),
                       QStringLiteral("new_contact")}
        << 0 << 3 << QStringLiteral("INVALID_URL");
    QTest::newRow("no event") << noEvent << 0 << 3
                              << QStringLiteral("error: MISSING_FIELDS: events: ");
    QTest::newRow("no name") << QStringList{wh,
                                            cr,
                                            QStringLiteral("--url"),
                                            QStringLiteral("https://example.com/hook"),
                                            QStringLiteral("--event"),
                                            QStringLiteral("new_contact")}
                             << 0 << 3 << QStringLiteral("MISSING_FIELDS: name: ");
    QTest::newRow("unknown events")
        << with(noEvent, {QStringLiteral("--event"), QStringLiteral("foo"),
                          QStringLiteral("--event"), QStringLiteral("new_contact,bar")})
        << 0 << 3 << QStringLiteral("INVALID_EVENTS: events: Invalid event(s): foo, bar");
    QTest::newRow("third webhook for one event")
        << createArgs(QStringLiteral("Third")) << 2 << 3
        << QStringLiteral("LIMIT_EXCEEDED: events: Event \"new_contact\"");
    QTest::newRow("other system not limited")
        << with(createArgs(QStringLiteral("Third")),
                {QStringLiteral("--system"), QStringLiteral("staging")})
        << 2 << 0 << QString();
    QTest::newRow("timeout too short")
        << with(createArgs(), {QStringLiteral("--timeout"), QStringLiteral("4")}) << 0 << 3
        << QStringLiteral("INVALID_TIMEOUT: timeout: ");
    QTest::newRow("timeout too long")
        << with(createArgs(), {QStringLiteral("--timeout"), QStringLiteral("121")}) << 0 << 3
        << QStringLiteral("INVALID_TIMEOUT");
    QTest::newRow("retry attempts")
        << with(createArgs(), {QStringLiteral("--retry-attempts"), QStringLiteral("11")}) << 0 << 3
        << QStringLiteral("INVALID_RETRY_ATTEMPTS: retry_attempts: ");
    QTest::newRow("reserved header")
        << with(createArgs(), {QStringLiteral("--header"), QStringLiteral("Content-Type:x")}) << 0
        << 3 << QStringLiteral("INVALID_HEADER: headers: ");
    QTest::newRow("header with space in name")
        << with(createArgs(), {QStringLiteral("--header"), QStringLiteral("X Team:payments")}) << 0
        << 3 << QStringLiteral("INVALID_HEADER");
    QTest::newRow("basic without password")
        << with(createArgs(), {QStringLiteral("--auth"), QStringLiteral("basic:onlyuser")}) << 0
        << 3 << QStringLiteral("INVALID_AUTH: auth: ");
    QTest::newRow("bearer without token")
        << with(createArgs(), {QStringLiteral("--auth"), QStringLiteral("bearer")}) << 0 << 3
        << QStringLiteral("INVALID_AUTH");
    QTest::newRow("short secret") << with(createArgs(),
                                          {QStringLiteral("--secret"), QStringLiteral("tooshort")})
                                  << 0 << 3 << QStringLiteral("INVALID_SECRET: secret: ");
    QTest::newRow("unknown scheme")
        << with(createArgs(), {QStringLiteral("--scheme"), QStringLiteral("hmac-md5")}) << 0 << 3
        << QStringLiteral(
               "INVALID_SCHEME: scheme: Unknown signature scheme \"hmac-md5\"; use one of: "
               "x-webhook-signature, standard-webhooks, github, stripe, none.");
    QTest::newRow("bad system id")
        << with(createArgs(), {QStringLiteral("--system"), QStringLiteral("a b")}) << 0 << 3
        << QStringLiteral("INVALID_SYSTEM_ID");
    QTest::newRow("rotate overlap too long")
        << QStringList{wh, QStringLiteral("rotate-secret"), QStringLiteral("@first"),
                       QStringLiteral("--overlap-hours"), QStringLiteral("1000")}
        << 1 << 3 << QStringLiteral("INVALID_ARGUMENT");
    QTest::newRow("sample not an object")
        << QStringList{QStringLiteral("events"), QStringLiteral("add-type"),
                       QStringLiteral("order.shipped"), QStringLiteral("--sample"),
                       QStringLiteral("[1, 2]")}
        << 0 << 3 << QStringLiteral("INVALID_EVENT_TYPE: sample: ");
    QTest::newRow("sample not json")
        << QStringList{QStringLiteral("events"), QStringLiteral("add-type"),
                       QStringLiteral("order.shipped"), QStringLiteral("--sample"),
                       QStringLiteral("{oops")}
        << 0 << 3 << QStringLiteral("INVALID_EVENT_TYPE");
    QTest::newRow("add built-in type")
        << QStringList{QStringLiteral("events"), QStringLiteral("add-type"),
                       QStringLiteral("new_contact")}
        << 0 << 3 << QStringLiteral("CONFLICT");

    // Usage errors (exit 2).
    QTest::newRow("no command") << QStringList{} << 0 << 2
                                << QStringLiteral("error: no command given");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")} << 0 << 2
                                     << QStringLiteral("unknown command \"frobnicate\"");
    QTest::newRow("unknown webhooks command")
        << QStringList{wh, QStringLiteral("frobnicate")} << 0 << 2 << QStringLiteral("--help");
    QTest::newRow("missing webhooks command")
        << QStringList{wh} << 0 << 2 << QStringLiteral("missing webhooks command");
    QTest::newRow("unknown option")
        << QStringList{wh, QStringLiteral("list"), QStringLiteral("--bogus")} << 0 << 2
        << QStringLiteral("Run 'hookline-cli webhooks list --help' for usage.");
    QTest::newRow("missing option value")
        << QStringList{wh, cr, QStringLiteral("--name")} << 0 << 2 << QStringLiteral("error: ");
    QTest::newRow("missing id") << QStringList{wh, QStringLiteral("show")} << 0 << 2
                                << QStringLiteral("missing ID");
    QTest::newRow("extra argument")
        << QStringList{wh, QStringLiteral("show"), QStringLiteral("abcd"), QStringLiteral("efgh")}
        << 0 << 2 << QStringLiteral("unexpected argument \"efgh\"");
    QTest::newRow("timeout not a number")
        << with(createArgs(), {QStringLiteral("--timeout"), QStringLiteral("abc")}) << 0 << 2
        << QStringLiteral("--timeout \"abc\"");
    QTest::newRow("retry attempts not a number")
        << with(createArgs(), {QStringLiteral("--retry-attempts"), QStringLiteral("many")}) << 0
        << 2 << QStringLiteral("--retry-attempts");
    // A header without a colon has no name/value split at all: a usage error, not a rule.
    QTest::newRow("header without colon")
        << with(createArgs(), {QStringLiteral("--header"), QStringLiteral("X-Team")}) << 0 << 2
        << QStringLiteral("NAME:VALUE");
    QTest::newRow("unknown auth type")
        << with(createArgs(), {QStringLiteral("--auth"), QStringLiteral("oauth:abc")}) << 0 << 2
        << QStringLiteral("unknown authentication type");
    QTest::newRow("update without changes")
        << QStringList{wh, QStringLiteral("update"), QStringLiteral("@first")} << 1 << 2
        << QStringLiteral("nothing to change");
    QTest::newRow("update secret")
        << QStringList{wh, QStringLiteral("update"), QStringLiteral("@first"),
                       QStringLiteral("--secret"), QStringLiteral("0123456789abcdef0123")}
        << 1 << 2
        << QStringLiteral(
               "--secret is only for create; use 'hookline-cli webhooks rotate-secret ID'");
    QTest::newRow("overlap not a number")
        << QStringList{wh, QStringLiteral("rotate-secret"), QStringLiteral("@first"),
                       QStringLiteral("--overlap-hours"), QStringLiteral("soon")}
        << 1 << 2 << QStringLiteral("--overlap-hours");
    QTest::newRow("unknown provider")
        << QStringList{QStringLiteral("events"), QStringLiteral("types"),
                       QStringLiteral("--provider"), QStringLiteral("nope")}
        << 0 << 2
        << QStringLiteral("known providers: suresend, sendkit, saleshandy, zyntro, callbridge");
    QTest::newRow("empty db path")
        << QStringList{QStringLiteral("info"), QStringLiteral("--db"), QString()} << 0 << 2
        << QStringLiteral("--db");

    // Everything else (exit 1).
    QTest::newRow("show unknown id")
        << QStringList{wh, QStringLiteral("show"), QStringLiteral("deadbeef")} << 0 << 1
        << QStringLiteral("error: NOT_FOUND: id: ");
    QTest::newRow("enable unknown id")
        << QStringList{wh, QStringLiteral("enable"), QStringLiteral("deadbeef")} << 0 << 1
        << QStringLiteral("NOT_FOUND");
    QTest::newRow("delete unknown id")
        << QStringList{wh, QStringLiteral("delete"), QStringLiteral("deadbeef"),
                       QStringLiteral("--yes")}
        << 0 << 1 << QStringLiteral("NOT_FOUND");
    QTest::newRow("remove built-in type")
        << QStringList{QStringLiteral("events"), QStringLiteral("remove-type"),
                       QStringLiteral("new_contact")}
        << 0 << 1 << QStringLiteral("NOT_FOUND");

    // Accepted.
    QTest::newRow("loopback with local testing")
        << QStringList{wh,
                       cr,
                       QStringLiteral("--name"),
                       QStringLiteral("Local"),
                       QStringLiteral("--url"),
                       QStringLiteral("http://127.0.0.1:8080/hook"),
                       QStringLiteral("--event"),
                       QStringLiteral("new_contact"),
                       QStringLiteral("--local-testing")}
        << 0 << 0 << QString();
    QTest::newRow("every option")
        << with(createArgs(),
                {QStringLiteral("--description"), QStringLiteral("d"), QStringLiteral("--header"),
                 QStringLiteral("X-Team: payments"), QStringLiteral("--auth"),
                 QStringLiteral("bearer:abc"), QStringLiteral("--secret"),
                 QStringLiteral("my-own-long-secret-value"), QStringLiteral("--timeout"),
                 QStringLiteral("30"), QStringLiteral("--retry-attempts"), QStringLiteral("0"),
                 QStringLiteral("--system"), QStringLiteral("staging"), QStringLiteral("--scheme"),
                 QStringLiteral("github")})
        << 0 << 0 << QString();
    QTest::newRow("show by prefix")
        << QStringList{wh, QStringLiteral("show"), QStringLiteral("@first")} << 1 << 0 << QString();
    QTest::newRow("global options first")
        << QStringList{QStringLiteral("--json"), wh, QStringLiteral("list"),
                       QStringLiteral("--system"), QStringLiteral("default")}
        << 1 << 0 << QString();
}

void TestCli::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, existing);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrHas);

    QString firstId;
    for (int i = 0; i < existing; ++i) {
        const QJsonObject o = create(createArgs(QStringLiteral("Existing %1").arg(i)));
        QVERIFY(!o.isEmpty());
        if (i == 0)
            firstId = o.value(QStringLiteral("id")).toString().left(8);
    }
    // "@first": the first existing webhook's short id.
    for (QString &a : args)
        if (a == QLatin1String("@first"))
            a = firstId;

    const Run r = cli(args);
    QVERIFY2(r.exitCode == exitCode,
             qPrintable(QStringLiteral("exit %1, stderr: %2").arg(r.exitCode).arg(r.err)));
    if (exitCode == 0) {
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    } else {
        QVERIFY2(r.err.contains(stderrHas), qPrintable(r.err));
        QVERIFY2(r.err.startsWith(QStringLiteral("error: ")), qPrintable(r.err));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out)); // stdout stays clean
    }
    if (exitCode == 2 && !args.isEmpty())
        QVERIFY(r.err.contains(QStringLiteral("--help")));

    // Nothing is stored when a rule rejects a create.
    if (exitCode == 3 && args.value(1) == QLatin1String("create")) {
        const Run list =
            cli({QStringLiteral("webhooks"), QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(list.json().value(QStringLiteral("data")).toArray().size(), existing);
    }
}

void TestCli::roundTrip()
{
    const QJsonObject created = create(createArgs());
    const QString id = created.value(QStringLiteral("id")).toString();
    const QString shortId = id.left(8);
    const QString wh = QStringLiteral("webhooks");
    const QString json = QStringLiteral("--json");

    Run r = cli({wh, QStringLiteral("update"), shortId, QStringLiteral("--name"),
                 QStringLiteral("Renamed"), QStringLiteral("--add-event"),
                 QStringLiteral("invoice_paid"), QStringLiteral("--header"),
                 QStringLiteral("X-Team:payments"), QStringLiteral("--timeout"),
                 QStringLiteral("30"), json});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(o.value(QStringLiteral("name")).toString(), QStringLiteral("Renamed"));
    QCOMPARE(o.value(QStringLiteral("events")).toArray(),
             (QJsonArray{QStringLiteral("new_contact"), QStringLiteral("invoice_paid")}));
    QCOMPARE(o.value(QStringLiteral("timeout_seconds")).toInt(), 30);
    QCOMPARE(
        o.value(QStringLiteral("headers")).toObject().value(QStringLiteral("X-Team")).toString(),
        QStringLiteral("payments"));
    QCOMPARE(o.value(QStringLiteral("url")).toString(),
             QStringLiteral("https://crm.example.com/hook"));
    QVERIFY(!o.contains(QStringLiteral("signing_secret")));

    // --event replaces the list; --remove-header drops a header.
    r = cli({wh, QStringLiteral("update"), id, QStringLiteral("--event"),
             QStringLiteral("contact_email_verified"), QStringLiteral("--remove-header"),
             QStringLiteral("x-team"), json});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    o = r.json();
    QCOMPARE(o.value(QStringLiteral("events")).toArray(),
             QJsonArray{QStringLiteral("contact_email_verified")});
    QVERIFY(o.value(QStringLiteral("headers")).toObject().isEmpty());
    QCOMPARE(o.value(QStringLiteral("timeout_seconds")).toInt(), 30);

    // A rule failure on update stores nothing.
    r = cli({wh, QStringLiteral("update"), id, QStringLiteral("--url"),
             QStringLiteral("http://example.com")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY(r.err.contains(QStringLiteral("INVALID_URL")));
    r = cli({wh, QStringLiteral("update"), id, QStringLiteral("--remove-event"),
             QStringLiteral("contact_email_verified")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY(r.err.contains(QStringLiteral("MISSING_FIELDS")));

    // Human update output.
    r = cli({wh, QStringLiteral("update"), id, QStringLiteral("--description"),
             QStringLiteral("Nightly sync")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.startsWith(QStringLiteral("Updated webhook ") + id));
    QVERIFY(r.out.contains(QStringLiteral("Nightly sync")));

    r = cli({wh, QStringLiteral("disable"), shortId, QStringLiteral("--reason"),
             QStringLiteral("receiver down"), json});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    o = r.json();
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("disabled"));
    QCOMPARE(o.value(QStringLiteral("enabled")), QJsonValue(false));
    QCOMPARE(o.value(QStringLiteral("status_reason")).toString(), QStringLiteral("receiver down"));

    r = cli({wh, QStringLiteral("list")});
    QVERIFY(r.out.contains(QStringLiteral("disabled")));

    r = cli({wh, QStringLiteral("enable"), shortId});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("Enabled webhook ") + id));
    o = cli({wh, QStringLiteral("show"), id, json}).json();
    QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    QCOMPARE(o.value(QStringLiteral("enabled")), QJsonValue(true));

    r = cli({wh, QStringLiteral("delete"), shortId, QStringLiteral("--yes"), json});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    o = r.json();
    QCOMPARE(o.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(o.value(QStringLiteral("deleted")), QJsonValue(true));

    r = cli({wh, QStringLiteral("show"), id});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QStringLiteral("NOT_FOUND")));
    r = cli({wh, QStringLiteral("list")});
    QVERIFY(r.out.startsWith(QStringLiteral("No webhooks yet.")));
}

void TestCli::deleteNeedsYesWithoutTerminal()
{
    const QString id = create(createArgs()).value(QStringLiteral("id")).toString();
    const Run r = cli({QStringLiteral("webhooks"), QStringLiteral("delete"), id});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(QStringLiteral("pass --yes to delete without a prompt")));
    QVERIFY(r.out.isEmpty());
    QCOMPARE(cli({QStringLiteral("webhooks"), QStringLiteral("show"), id}).exitCode, 0);
}

void TestCli::emptyList()
{
    const Run r = cli({QStringLiteral("webhooks"), QStringLiteral("list")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith(
        QStringLiteral("No webhooks yet. Create one with: hookline-cli webhooks create")));
    const QJsonObject o =
        cli({QStringLiteral("webhooks"), QStringLiteral("list"), QStringLiteral("--json")}).json();
    QVERIFY(o.value(QStringLiteral("data")).isArray());
    QVERIFY(o.value(QStringLiteral("data")).toArray().isEmpty());
    QVERIFY(o.value(QStringLiteral("next_cursor")).isNull());
}

void TestCli::eventTypes()
{
    const Run r = cli({QStringLiteral("events"), QStringLiteral("types"),
                       QStringLiteral("--provider"), QStringLiteral("zyntro")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 2);
    QVERIFY(lines.first().startsWith(QStringLiteral("EVENT")));
    QVERIFY(lines.first().contains(QStringLiteral("PROVIDER")));
    QVERIFY(lines.first().contains(QStringLiteral("CATEGORY")));
    QVERIFY(lines.first().contains(QStringLiteral("DESCRIPTION")));
    QVERIFY(r.out.contains(QStringLiteral("invoice_paid")));
    QVERIFY(!r.out.contains(QStringLiteral("email.sent"))); // SendKit's
    // The provider title works too.
    const Run byTitle = cli({QStringLiteral("events"), QStringLiteral("types"),
                             QStringLiteral("--provider"), QStringLiteral("Zyntro")});
    QCOMPARE(byTitle.out, r.out);

    const Run all = cli({QStringLiteral("events"), QStringLiteral("types")});
    QVERIFY(all.out.contains(QStringLiteral("invoice_paid")));
    QVERIFY(all.out.contains(QStringLiteral("email.sent")));
    // Catalog order: providers grouped.
    QVERIFY(all.out.indexOf(QStringLiteral("peopleCreated")) <
            all.out.indexOf(QStringLiteral("email.sent")));
    QVERIFY(all.out.indexOf(QStringLiteral("email.sent")) <
            all.out.indexOf(QStringLiteral("invoice_paid")));
}

void TestCli::eventTypesJson()
{
    const Run r =
        cli({QStringLiteral("events"), QStringLiteral("types"), QStringLiteral("--provider"),
             QStringLiteral("zyntro"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonArray data = r.json().value(QStringLiteral("data")).toArray();
    QVERIFY(!data.isEmpty());
    bool sawInvoicePaid = false;
    for (const QJsonValue &v : data) {
        const QJsonObject t = v.toObject();
        for (const char *key :
             {"name", "provider", "provider_title", "category", "description", "sample"})
            QVERIFY2(t.contains(QLatin1String(key)), key);
        QCOMPARE(t.value(QStringLiteral("provider")).toString(), QStringLiteral("zyntro"));
        QCOMPARE(t.value(QStringLiteral("provider_title")).toString(), QStringLiteral("Zyntro"));
        QVERIFY(t.value(QStringLiteral("sample")).isObject());
        if (t.value(QStringLiteral("name")).toString() == QLatin1String("invoice_paid")) {
            sawInvoicePaid = true;
            QVERIFY(!t.value(QStringLiteral("sample")).toObject().isEmpty());
        }
    }
    QVERIFY(sawInvoicePaid);
}

void TestCli::addTypeThenCreate()
{
    QFile sample(m_dir->filePath(QStringLiteral("sample.json")));
    QVERIFY(sample.open(QIODevice::WriteOnly));
    sample.write(R"({"order_id": "o_123", "carrier": "UPS"})");
    sample.close();

    Run r =
        cli({QStringLiteral("events"), QStringLiteral("add-type"), QStringLiteral("order.shipped"),
             QStringLiteral("--description"), QStringLiteral("An order left the warehouse"),
             QStringLiteral("--sample"), QLatin1Char('@') + sample.fileName()});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = cli({QStringLiteral("events"), QStringLiteral("add-type"), QStringLiteral("order.returned"),
             QStringLiteral("--category"), QStringLiteral("Orders"), QStringLiteral("--sample"),
             QStringLiteral(R"({"order_id": "o_9"})"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("category")).toString(), QStringLiteral("Orders"));
    QCOMPARE(r.json().value(QStringLiteral("provider")).toString(), QStringLiteral("custom"));

    r = cli({QStringLiteral("events"), QStringLiteral("types"), QStringLiteral("--provider"),
             QStringLiteral("custom"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonArray data = r.json().value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 2);
    QJsonObject shipped;
    for (const QJsonValue &v : data)
        if (v.toObject().value(QStringLiteral("name")).toString() == QLatin1String("order.shipped"))
            shipped = v.toObject();
    QCOMPARE(shipped.value(QStringLiteral("name")).toString(), QStringLiteral("order.shipped"));
    QCOMPARE(shipped.value(QStringLiteral("description")).toString(),
             QStringLiteral("An order left the warehouse"));
    QCOMPARE(shipped.value(QStringLiteral("sample"))
                 .toObject()
                 .value(QStringLiteral("carrier"))
                 .toString(),
             QStringLiteral("UPS"));

    r = cli(createArgs(QStringLiteral("Orders"), QStringLiteral("order.shipped,order.returned")));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    // A type still in use is not removed (the webhook would be left with an unknown event).
    r = cli({QStringLiteral("events"), QStringLiteral("remove-type"),
             QStringLiteral("order.returned")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY(r.err.contains(QStringLiteral("CONFLICT")));
    QVERIFY(r.err.contains(QStringLiteral("Orders")));

    r = cli({QStringLiteral("events"), QStringLiteral("add-type"),
             QStringLiteral("order.returned.unused")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = cli({QStringLiteral("events"), QStringLiteral("remove-type"),
             QStringLiteral("order.returned.unused")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    r = cli(createArgs(QStringLiteral("Returns"), QStringLiteral("order.returned.unused")));
    QCOMPARE(r.exitCode, 3);
    QVERIFY(r.err.contains(QStringLiteral("Invalid event(s): order.returned.unused")));
}

void TestCli::info()
{
    create(createArgs());
    Run r = cli({QStringLiteral("info"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QStringLiteral("database")).toString(), QFileInfo(m_db).absoluteFilePath());
    QVERIFY(o.value(QStringLiteral("schema_version")).toInt() >= 1);
    QVERIFY(o.value(QStringLiteral("secret_protection"))
                .toString()
                .contains(QStringLiteral("HOOKLINE_MASTER_KEY")));
    QCOMPARE(o.value(QStringLiteral("webhooks")).toInt(), 1);
    QVERIFY(o.value(QStringLiteral("event_types")).toInt() > 20);

    r = cli({QStringLiteral("info")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    for (const char *label :
         {"Database:", "Schema version:", "Secret protection:", "Webhooks:", "Event types:"})
        QVERIFY2(r.out.contains(QLatin1String(label)), label);
}

void TestCli::databaseFromEnvironment()
{
    const QString other = m_dir->filePath(QStringLiteral("from-env.sqlite"));
    const Run r = cli({QStringLiteral("info"), QStringLiteral("--json")},
                      {QStringLiteral("HOOKLINE_DB=") + other}, false);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(r.json().value(QStringLiteral("database")).toString(), other);
    QVERIFY(QFile::exists(other));
}

void TestCli::wrongKey()
{
    create(createArgs());
    const Run r = cli({QStringLiteral("webhooks"), QStringLiteral("list")},
                      {QStringLiteral("HOOKLINE_MASTER_KEY=") + QString(64, QLatin1Char('a'))});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith(QStringLiteral("error: KEY_UNAVAILABLE")), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestCli::lostKeyIsAnErrorNotANewKey()
{
    // The database was sealed with HOOKLINE_MASTER_KEY; run without it (no key file, keychain
    // off): an error that names the ways out, and no key file made that would shadow the key.
    create(createArgs());
    const QString data = m_dir->filePath(QStringLiteral("data"));
    const Run r =
        cli({QStringLiteral("webhooks"), QStringLiteral("list")},
            {QStringLiteral("-HOOKLINE_MASTER_KEY"), QStringLiteral("XDG_DATA_HOME=") + data});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith(QStringLiteral("error: KEY_UNAVAILABLE")), qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("cannot find")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("HOOKLINE_MASTER_KEY")));
    QDirIterator files(data, QDir::Files, QDirIterator::Subdirectories);
    QVERIFY2(!files.hasNext(), qPrintable(files.hasNext() ? files.next() : QString()));
    // With the key back, everything opens as before.
    QCOMPARE(cli({QStringLiteral("webhooks"), QStringLiteral("list")}).exitCode, 0);
}

void TestCli::help_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("mentions");

    const QString wh = QStringLiteral("webhooks");
    const QString ev = QStringLiteral("events");
    const QString h = QStringLiteral("--help");
    auto l = [](std::initializer_list<const char *> items) {
        QStringList out;
        for (const char *i : items)
            out << QString::fromLatin1(i);
        return out;
    };
    QTest::newRow("top") << QStringList{h}
                         << l({"webhooks create", "webhooks rotate-secret", "events types", "info",
                               "--db"});
    QTest::newRow("top -h") << QStringList{QStringLiteral("-h")} << l({"webhooks list"});
    QTest::newRow("webhooks") << QStringList{wh, h}
                              << l({"create", "list", "show", "update", "enable", "disable",
                                    "delete", "rotate-secret"});
    QTest::newRow("events") << QStringList{ev, h} << l({"types", "add-type", "remove-type"});
    QTest::newRow("create") << QStringList{wh, QStringLiteral("create"), h}
                            << l({"--name NAME", "--url URL", "--event EVENT", "--description",
                                  "--header NAME:VALUE", "--auth", "bearer:TOKEN",
                                  "basic:USER:PASSWORD", "api_key:HEADER:VALUE", "--secret",
                                  "--timeout", "--retry-attempts", "--system", "--scheme",
                                  "standard-webhooks", "--local-testing", "Example"});
    QTest::newRow("create -h") << QStringList{wh, QStringLiteral("create"), QStringLiteral("-h")}
                               << l({"--name"});
    QTest::newRow("list") << QStringList{wh, QStringLiteral("list"), h} << l({"--system"});
    QTest::newRow("show") << QStringList{wh, QStringLiteral("show"), h} << l({"ID", "prefix"});
    QTest::newRow("update") << QStringList{wh, QStringLiteral("update"), h}
                            << l({"ID", "--name", "--event", "--add-event", "--remove-event",
                                  "--header", "--remove-header", "--auth", "--timeout",
                                  "--retry-attempts", "--scheme", "--local-testing",
                                  "--no-local-testing"});
    QTest::newRow("enable") << QStringList{wh, QStringLiteral("enable"), h} << l({"ID"});
    QTest::newRow("disable") << QStringList{wh, QStringLiteral("disable"), h}
                             << l({"ID", "--reason"});
    QTest::newRow("delete") << QStringList{wh, QStringLiteral("delete"), h} << l({"ID", "--yes"});
    QTest::newRow("rotate-secret")
        << QStringList{wh, QStringLiteral("rotate-secret"), h} << l({"ID", "--overlap-hours"});
    QTest::newRow("events types") << QStringList{ev, QStringLiteral("types"), h}
                                  << l({"--provider"});
    QTest::newRow("events add-type") << QStringList{ev, QStringLiteral("add-type"), h}
                                     << l({"NAME", "--description", "--category", "--sample"});
    QTest::newRow("events remove-type")
        << QStringList{ev, QStringLiteral("remove-type"), h} << l({"NAME"});
    QTest::newRow("info") << QStringList{QStringLiteral("info"), h} << l({"--db", "--json"});
}

void TestCli::help()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, mentions);
    const Run r = cli(args, {}, false);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.err.isEmpty());
    for (const QString &m : mentions)
        QVERIFY2(r.out.contains(m), qPrintable(m + QStringLiteral(" missing from:\n") + r.out));
    if (args.size() > 2 || args.first() == QLatin1String("info")) {
        // A command's own help: usage line, its global options and an example.
        QVERIFY(r.out.startsWith(QStringLiteral("Usage: hookline-cli ")));
        QVERIFY(r.out.contains(QStringLiteral("--json")));
        QVERIFY(r.out.contains(QStringLiteral("--db PATH")));
        QVERIFY(r.out.contains(QStringLiteral("Example")));
    }
    QVERIFY(!QFile::exists(m_db)); // help never opens a database
}

void TestCli::version()
{
    for (const QStringList &args : {QStringList{QStringLiteral("--version")},
                                    QStringList{QStringLiteral("webhooks"), QStringLiteral("list"),
                                                QStringLiteral("--version")}}) {
        const Run r = cli(args, {}, false);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QStringLiteral("hookline-cli " HOOKLINE_VERSION "\n"));
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
