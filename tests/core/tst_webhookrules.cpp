#include "catalog/EventCatalog.h"
#include "rules/WebhookRules.h"

#include <QTest>

using namespace hookline;

// Each row: a change to an otherwise valid draft, and the error code and message fragment the
// rules must answer with (or OK).
class TestWebhookRules : public QObject {
    Q_OBJECT

private:
    EventCatalog m_catalog;

    static WebhookDraft validDraft()
    {
        WebhookDraft d;
        d.name = QStringLiteral("CRM Sync");
        d.url = QStringLiteral("https://crm.example.com/webhooks/sendkit");
        d.events = {QStringLiteral("email.replied"), QStringLiteral("email.positive_reply")};
        return d;
    }

private slots:
    void initTestCase()
    {
        auto c = EventCatalog::loadBuiltin();
        QVERIFY2(c.ok(), qPrintable(c.error().toString()));
        m_catalog = c.value();
    }

    void validDraftPasses()
    {
        const QList<Error> errors =
            WebhookRules::check(WebhookRules::normalized(validDraft()), m_catalog);
        QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().toString()));
    }

    void rules_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("fragment");

        // name
        QTest::newRow("name empty") << "name"
                                    << ""
                                    << "MISSING_FIELDS"
                                    << "Name is required";
        QTest::newRow("name blank") << "name"
                                    << "   "
                                    << "MISSING_FIELDS"
                                    << "Name is required";
        QTest::newRow("name 100") << "name" << QString(100, QLatin1Char('n')) << "OK"
                                  << "";
        QTest::newRow("name 101") << "name" << QString(101, QLatin1Char('n')) << "INVALID_NAME"
                                  << "at most 100";
        QTest::newRow("name padded 100")
            << "name"
            << (QStringLiteral("  ") + QString(100, QLatin1Char('n')) + QStringLiteral("  "))
            << "OK"
            << "";
        QTest::newRow("name control") << "name"
                                      << "a\tb"
                                      << "INVALID_NAME"
                                      << "control characters";
        // url
        QTest::newRow("url empty") << "url"
                                   << ""
                                   << "MISSING_FIELDS"
                                   << "URL is required";
        QTest::newRow("url http public") << "url"
                                         << "http://example.com/hook"
                                         << "INVALID_URL"
                                         << "must use https";
        QTest::newRow("url http loopback unmarked") << "url"
                                                    << "http://127.0.0.1:8080/hook"
                                                    << "INVALID_URL"
                                                    << "local testing";
        QTest::newRow("url http localhost unmarked") << "url"
                                                     << "http://localhost/hook"
                                                     << "INVALID_URL"
                                                     << "local testing";
        QTest::newRow("url relative") << "url"
                                      << "/webhooks"
                                      << "INVALID_URL"
                                      << "not a valid absolute URL";
        QTest::newRow("url garbage") << "url"
                                     << "not a url"
                                     << "INVALID_URL"
                                     << "not a valid absolute URL";
        QTest::newRow("url ftp") << "url"
                                 << "ftp://example.com/x"
                                 << "INVALID_URL"
                                 << "not supported";
        QTest::newRow("url credentials") << "url"
                                         << "https://user:pw@example.com/x"
                                         << "INVALID_URL"
                                         << "Authentication";
        QTest::newRow("url https ip") << "url"
                                      << "https://203.0.113.9/hook"
                                      << "OK"
                                      << "";
        QTest::newRow("url https port") << "url"
                                        << "https://example.com:8443/a?b=c"
                                        << "OK"
                                        << "";
        // events
        QTest::newRow("events none") << "events"
                                     << ""
                                     << "MISSING_FIELDS"
                                     << "At least one event";
        QTest::newRow("events unknown") << "events"
                                        << "email.replied,foo,bar"
                                        << "INVALID_EVENTS"
                                        << "Invalid event(s): foo, bar";
        QTest::newRow("events duplicate unknown") << "events"
                                                  << "foo,foo"
                                                  << "INVALID_EVENTS"
                                                  << "Invalid event(s): foo.";
        QTest::newRow("events across providers") << "events"
                                                 << "email-sent,invoice_paid,claim.scope.ready"
                                                 << "OK"
                                                 << "";
        // timeout and retries
        QTest::newRow("timeout 4") << "timeout"
                                   << "4"
                                   << "INVALID_TIMEOUT"
                                   << "5 to 120";
        QTest::newRow("timeout 5") << "timeout"
                                   << "5"
                                   << "OK"
                                   << "";
        QTest::newRow("timeout 120") << "timeout"
                                     << "120"
                                     << "OK"
                                     << "";
        QTest::newRow("timeout 121") << "timeout"
                                     << "121"
                                     << "INVALID_TIMEOUT"
                                     << "5 to 120";
        QTest::newRow("retries -1") << "retries"
                                    << "-1"
                                    << "INVALID_RETRY_ATTEMPTS"
                                    << "0 to 10";
        QTest::newRow("retries 0") << "retries"
                                   << "0"
                                   << "OK"
                                   << "";
        QTest::newRow("retries 10") << "retries"
                                    << "10"
                                    << "OK"
                                    << "";
        QTest::newRow("retries 11") << "retries"
                                    << "11"
                                    << "INVALID_RETRY_ATTEMPTS"
                                    << "0 to 10";
        // headers: name=value pairs separated by '|'
        QTest::newRow("header ok") << "headers"
                                   << "X-Webhook-Source=saleshandy"
                                   << "OK"
                                   << "";
        QTest::newRow("header space in name") << "headers"
                                              << "X Source=a"
                                              << "INVALID_HEADER"
                                              << "not a valid header name";
        QTest::newRow("header colon in name") << "headers"
                                              << "X:Source=a"
                                              << "INVALID_HEADER"
                                              << "not a valid header name";
        QTest::newRow("header CR in value") << "headers"
                                            << "X-A=a\rb"
                                            << "INVALID_HEADER"
                                            << "line break";
        QTest::newRow("header LF in value") << "headers"
                                            << "X-A=a\nInjected: 1"
                                            << "INVALID_HEADER"
                                            << "line break";
        QTest::newRow("header LF in name") << "headers"
                                           << "X-A\n=a"
                                           << "INVALID_HEADER"
                                           << "line break";
        QTest::newRow("header content-type") << "headers"
                                             << "content-type=text/plain"
                                             << "INVALID_HEADER"
                                             << "set by Hookline";
        QTest::newRow("header user-agent") << "headers"
                                           << "User-Agent=me"
                                           << "INVALID_HEADER"
                                           << "set by Hookline";
        QTest::newRow("header authorization") << "headers"
                                              << "Authorization=Bearer x"
                                              << "INVALID_HEADER"
                                              << "authentication type";
        QTest::newRow("header signature") << "headers"
                                          << "X-Webhook-Signature=x"
                                          << "INVALID_HEADER"
                                          << "set by Hookline";
        QTest::newRow("header stripe signature") << "headers"
                                                 << "stripe-signature=x"
                                                 << "INVALID_HEADER"
                                                 << "set by Hookline";
        QTest::newRow("header webhook-id") << "headers"
                                           << "Webhook-Id=x"
                                           << "INVALID_HEADER"
                                           << "set by Hookline";
        QTest::newRow("header twice") << "headers"
                                      << "X-A=1|x-a=2"
                                      << "INVALID_HEADER"
                                      << "given twice";
        QTest::newRow("header empty name") << "headers"
                                           << "=v"
                                           << "INVALID_HEADER"
                                           << "not a valid header name";
        // auth: type:fields
        QTest::newRow("auth bearer ok") << "auth"
                                        << "bearer:tok_123"
                                        << "OK"
                                        << "";
        QTest::newRow("auth bearer empty") << "auth"
                                           << "bearer:"
                                           << "INVALID_AUTH"
                                           << "needs a token";
        QTest::newRow("auth bearer space") << "auth"
                                           << "bearer:a b"
                                           << "INVALID_AUTH"
                                           << "spaces";
        QTest::newRow("auth basic ok") << "auth"
                                       << "basic:user:pw"
                                       << "OK"
                                       << "";
        QTest::newRow("auth basic no password") << "auth"
                                                << "basic:user:"
                                                << "INVALID_AUTH"
                                                << "username and a password";
        QTest::newRow("auth basic no user") << "auth"
                                            << "basic::pw"
                                            << "INVALID_AUTH"
                                            << "username and a password";
        QTest::newRow("auth api_key ok") << "auth"
                                         << "api_key:X-Key:abc"
                                         << "OK"
                                         << "";
        QTest::newRow("auth api_key no value") << "auth"
                                               << "api_key:X-Key:"
                                               << "INVALID_AUTH"
                                               << "header name and a value";
        QTest::newRow("auth api_key bad header") << "auth"
                                                 << "api_key:X Key:abc"
                                                 << "INVALID_AUTH"
                                                 << "not a valid header name";
        QTest::newRow("auth custom reserved") << "auth"
                                              << "custom_header:Content-Type:abc"
                                              << "INVALID_AUTH"
                                              << "set by Hookline";
        QTest::newRow("auth custom ok") << "auth"
                                        << "custom_header:X-Token:abc"
                                        << "OK"
                                        << "";
        QTest::newRow("auth header clash") << "auth+header"
                                           << "api_key:X-Key:abc"
                                           << "INVALID_HEADER"
                                           << "already sent by the authentication";
        // secret
        QTest::newRow("secret 15") << "secret" << QString(15, QLatin1Char('s')) << "INVALID_SECRET"
                                   << "at least 16";
        QTest::newRow("secret 16") << "secret" << QString(16, QLatin1Char('s')) << "OK"
                                   << "";
        QTest::newRow("secret space") << "secret"
                                      << "abcdefgh ijklmnopq"
                                      << "INVALID_SECRET"
                                      << "whitespace";
        QTest::newRow("secret tab") << "secret"
                                    << "abcdefgh\tijklmnopq"
                                    << "INVALID_SECRET"
                                    << "whitespace";
        QTest::newRow("secret standard bad") << "secret-standard"
                                             << "mysecretmysecretmysecret"
                                             << "INVALID_SECRET"
                                             << "base64";
        QTest::newRow("secret standard ok") << "secret-standard"
                                            << "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
                                            << "OK"
                                            << "";
        // system identifier
        QTest::newRow("system ok") << "system"
                                   << "workspace-42"
                                   << "OK"
                                   << "";
        QTest::newRow("system blank uses default") << "system"
                                                   << "  "
                                                   << "OK"
                                                   << "";
        QTest::newRow("system space") << "system"
                                      << "my workspace"
                                      << "INVALID_SYSTEM_ID"
                                      << "invalid";
        QTest::newRow("system too long")
            << "system" << QString(65, QLatin1Char('w')) << "INVALID_SYSTEM_ID"
            << "1-64";
        // description
        QTest::newRow("description 1001")
            << "description" << QString(1001, QLatin1Char('d')) << "INVALID_DESCRIPTION"
            << "at most 1000";
    }

    void rules()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, code);
        QFETCH(QString, fragment);

        WebhookDraft d = validDraft();
        auto parseAuth = [](const QString &spec) {
            OutboundAuth a;
            const QStringList parts = spec.split(QLatin1Char(':'));
            a.type = authTypeFromName(parts.value(0)).value_or(AuthType::None);
            if (a.type == AuthType::Bearer)
                a.token = parts.value(1);
            else if (a.type == AuthType::Basic) {
                a.username = parts.value(1);
                a.password = parts.value(2);
            } else {
                a.headerName = parts.value(1);
                a.headerValue = parts.value(2);
            }
            return a;
        };
        if (field == QLatin1String("name"))
            d.name = value;
        else if (field == QLatin1String("url"))
            d.url = value;
        else if (field == QLatin1String("events"))
            d.events = value.isEmpty() ? QStringList() : value.split(QLatin1Char(','));
        else if (field == QLatin1String("timeout"))
            d.timeoutSeconds = value.toInt();
        else if (field == QLatin1String("retries"))
            d.retryAttempts = value.toInt();
        else if (field == QLatin1String("headers")) {
            for (const QString &pair : value.split(QLatin1Char('|'))) {
                const qsizetype eq = pair.indexOf(QLatin1Char('='));
                d.headers.append({pair.left(eq), pair.mid(eq + 1)});
            }
        } else if (field == QLatin1String("auth"))
            d.auth = parseAuth(value);
        else if (field == QLatin1String("auth+header")) {
            d.auth = parseAuth(value);
            d.headers.append({d.auth.headerName, QStringLiteral("other")});
        } else if (field == QLatin1String("secret"))
            d.customSecret = value;
        else if (field == QLatin1String("secret-standard")) {
            d.customSecret = value;
            d.scheme = SignatureScheme::StandardWebhooks;
        } else if (field == QLatin1String("system"))
            d.systemId = value;
        else if (field == QLatin1String("description"))
            d.description = value;
        else
            QFAIL("unknown field in test table");

        const QList<Error> errors = WebhookRules::check(WebhookRules::normalized(d), m_catalog);
        if (code == QLatin1String("OK")) {
            QVERIFY2(errors.isEmpty(),
                     errors.isEmpty() ? "" : qPrintable(errors.first().toString()));
            return;
        }
        QVERIFY2(!errors.isEmpty(), "the rules accepted an invalid draft");
        QCOMPARE(errors.first().codeName(), code);
        QVERIFY2(errors.first().message.contains(fragment), qPrintable(errors.first().message));
        QVERIFY(!errors.first().field.isEmpty());
    }

    void localTestingAllowsLoopbackHttp_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("127.0.0.1") << "http://127.0.0.1:8080/hook" << true;
        QTest::newRow("127.5.6.7") << "http://127.5.6.7/hook" << true;
        QTest::newRow("localhost") << "http://localhost:9000/" << true;
        QTest::newRow("LOCALHOST") << "http://LOCALHOST:9000/" << true;
        QTest::newRow("::1") << "http://[::1]:8080/x" << true;
        QTest::newRow("public") << "http://example.com/x" << false;
        QTest::newRow("private range") << "http://192.168.1.10/x" << false;
        QTest::newRow("localhost lookalike") << "http://localhost.example.com/x" << false;
        QTest::newRow("128.0.0.1") << "http://128.0.0.1/x" << false;
    }

    void localTestingAllowsLoopbackHttp()
    {
        QFETCH(QString, url);
        QFETCH(bool, accepted);
        QCOMPARE(!WebhookRules::checkUrl(url, true).has_value(), accepted);
        // Without the local-testing mark, http is never accepted.
        QVERIFY(WebhookRules::checkUrl(url, false).has_value());
    }

    void pinnedCertificate_data()
    {
        QTest::addColumn<QString>("pin");
        QTest::addColumn<bool>("localTesting");
        QTest::addColumn<QString>("fragment"); // empty: accepted
        const QString hex = QStringLiteral("AB").repeated(32);
        QTest::newRow("none") << QString() << false << QString();
        QTest::newRow("hex, local testing") << hex << true << QString();
        QTest::newRow("colons, local testing")
            << QStringLiteral("ab:").repeated(31) + QStringLiteral("ab") << true << QString();
        QTest::newRow("not local testing") << hex << false << QStringLiteral("only allowed");
        QTest::newRow("too short") << hex.left(62) << true << QStringLiteral("64 hex digits");
        QTest::newRow("not hex") << QStringLiteral("zz").repeated(32) << true
                                 << QStringLiteral("64 hex digits");
    }

    void pinnedCertificate()
    {
        QFETCH(QString, pin);
        QFETCH(bool, localTesting);
        QFETCH(QString, fragment);
        const auto e = WebhookRules::checkPinnedCertificate(pin, localTesting);
        QCOMPARE(e.has_value(), !fragment.isEmpty());
        if (e) {
            QCOMPARE(e->field, QStringLiteral("pinned_certificate"));
            QVERIFY2(e->message.contains(fragment), qPrintable(e->message));
        }
        QCOMPARE(WebhookRules::normalizedFingerprint(QStringLiteral(" AB:cd ")),
                 QStringLiteral("abcd"));
    }

    void normalizedTrimsAndDeduplicates()
    {
        WebhookDraft d = validDraft();
        d.name = QStringLiteral("  CRM Sync  ");
        d.url = QStringLiteral(" https://crm.example.com/x ");
        d.events = {QStringLiteral(" email.replied"), QStringLiteral("email.replied "), QString()};
        d.systemId = QString();
        const WebhookDraft n = WebhookRules::normalized(d);
        QCOMPARE(n.name, QStringLiteral("CRM Sync"));
        QCOMPARE(n.url, QStringLiteral("https://crm.example.com/x"));
        QCOMPARE(n.events, QStringList{QStringLiteral("email.replied")});
        QCOMPARE(n.systemId, QStringLiteral("default"));
    }

    void checkReportsEveryViolationInFormOrder()
    {
        WebhookDraft d;
        d.timeoutSeconds = 1;
        const QList<Error> errors = WebhookRules::check(WebhookRules::normalized(d), m_catalog);
        QStringList fields;
        for (const Error &e : errors)
            fields << e.field;
        QCOMPARE(fields, (QStringList{QStringLiteral("name"), QStringLiteral("url"),
                                      QStringLiteral("events"), QStringLiteral("timeout")}));
    }
};

QTEST_GUILESS_MAIN(TestWebhookRules)
#include "tst_webhookrules.moc"
