#include "catalog/EventCatalog.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace hookline;

class TestEventCatalog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void builtinProviderOrder();
    void builtinProviderTitles_data();
    void builtinProviderTitles();
    void documentedNames_data();
    void documentedNames();
    void documentedProviderCounts_data();
    void documentedProviderCounts();
    void everyEventDescribed();
    void namesUnique();
    void builtinLoadsTwice();

    void unknown_data();
    void unknown();
    void byProvider_data();
    void byProvider();

    void fromJsonValid();
    void fromJsonErrors_data();
    void fromJsonErrors();

    void checkCustom_data();
    void checkCustom();
    void checkCustomAfterAdd();
    void addReplacesSameName();
    void mergeKeepsOrder();

private:
    EventCatalog m_builtin;
};

namespace {

EventType customType(const QString &name, const QString &description = {})
{
    EventType type;
    type.name = name;
    type.provider = QStringLiteral("custom");
    type.providerTitle = QStringLiteral("Custom");
    type.category = QStringLiteral("Custom Events");
    type.description = description;
    return type;
}

QStringList namesOf(const QList<EventType> &types)
{
    QStringList names;
    for (const EventType &type : types)
        names.append(type.name);
    return names;
}

} // namespace

void TestEventCatalog::initTestCase()
{
    const Result<EventCatalog> loaded = EventCatalog::loadBuiltin();
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().toString()));
    m_builtin = loaded.value();
}

void TestEventCatalog::builtinProviderOrder()
{
    const QStringList expected{QStringLiteral("suresend"), QStringLiteral("sendkit"),
                               QStringLiteral("saleshandy"), QStringLiteral("zyntro"),
                               QStringLiteral("callbridge")};
    QCOMPARE(m_builtin.providers(), expected);

    // all() lists each provider's events together, in that same order.
    QStringList seen;
    for (const EventType &type : m_builtin.all()) {
        if (seen.isEmpty() || seen.last() != type.provider) {
            QVERIFY2(!seen.contains(type.provider), qPrintable(type.provider));
            seen.append(type.provider);
        }
    }
    QCOMPARE(seen, expected);
}

void TestEventCatalog::builtinProviderTitles_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("title");

    QTest::newRow("suresend") << QStringLiteral("suresend") << QStringLiteral("SureSend CRM");
    QTest::newRow("sendkit") << QStringLiteral("sendkit") << QStringLiteral("SendKit");
    QTest::newRow("saleshandy") << QStringLiteral("saleshandy") << QStringLiteral("Saleshandy");
    QTest::newRow("zyntro") << QStringLiteral("zyntro") << QStringLiteral("Zyntro");
    QTest::newRow("callbridge") << QStringLiteral("callbridge") << QStringLiteral("CallBridge");
}

void TestEventCatalog::builtinProviderTitles()
{
    QFETCH(QString, provider);
    QFETCH(QString, title);

    const QList<EventType> types = m_builtin.byProvider(provider);
    QVERIFY(!types.isEmpty());
    for (const EventType &type : types) {
        QCOMPARE(type.provider, provider);
        QCOMPARE(type.providerTitle, title);
        QVERIFY(!type.isCustom());
    }
}

void TestEventCatalog::documentedNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("category");

    const auto row = [](const char *name, const char *provider, const char *category) {
        QTest::newRow(name) << QString::fromLatin1(name) << QString::fromLatin1(provider)
                            << QString::fromLatin1(category);
    };
    row("peopleCreated", "suresend", "People Events");
    row("peopleUpdated", "suresend", "People Events");
    row("peopleStageUpdated", "suresend", "People Events");
    row("email.replied", "sendkit", "Email Events");
    row("email.positive_reply", "sendkit", "Email Events");
    row("email-sent", "saleshandy", "Email Events");
    row("reply-received", "saleshandy", "Email Events");
    row("inbox-analyser-test-completed", "saleshandy", "Email Account Events");
    row("whatsapp-task-updated", "saleshandy", "Task Events");
    row("new_contact", "zyntro", "Contact Events");
    row("email_reply_response_posted", "zyntro", "Email Events");
    row("subscription.payment.requires_action", "zyntro", "Subscription Events");
    row("billing_customer.suspended", "zyntro", "Trigger Billing");
    row("webinar_feedback_given", "zyntro", "Webinar Events");
    row("call.qualified", "callbridge", "Call Events");
    row("lead.created", "callbridge", "Lead Events");
    row("claim.scope.ready", "callbridge", "Claim Events");
    row("audit.log.event", "callbridge", "Audit Events");
}

void TestEventCatalog::documentedNames()
{
    QFETCH(QString, name);
    QFETCH(QString, provider);
    QFETCH(QString, category);

    QVERIFY(m_builtin.contains(name));
    const std::optional<EventType> type = m_builtin.find(name);
    QVERIFY(type.has_value());
    QCOMPARE(type->name, name);
    QCOMPARE(type->provider, provider);
    QCOMPARE(type->category, category);
}

void TestEventCatalog::documentedProviderCounts_data()
{
    // Providers whose documents list every event: the catalog holds exactly those.
    QTest::addColumn<QString>("provider");
    QTest::addColumn<int>("count");

    QTest::newRow("saleshandy") << QStringLiteral("saleshandy") << 19;
    QTest::newRow("zyntro") << QStringLiteral("zyntro") << 77;
    QTest::newRow("callbridge") << QStringLiteral("callbridge") << 11;
}

void TestEventCatalog::documentedProviderCounts()
{
    QFETCH(QString, provider);
    QFETCH(int, count);

    QCOMPARE(int(m_builtin.byProvider(provider).size()), count);
}

void TestEventCatalog::everyEventDescribed()
{
    QVERIFY(m_builtin.size() > 0);
    for (const EventType &type : m_builtin.all()) {
        const QByteArray what = type.name.toUtf8();
        QVERIFY2(!type.name.isEmpty(), what.constData());
        QVERIFY2(!type.provider.isEmpty(), what.constData());
        QVERIFY2(!type.providerTitle.isEmpty(), what.constData());
        QVERIFY2(!type.category.isEmpty(), what.constData());
        QVERIFY2(!type.description.trimmed().isEmpty(), what.constData());
        QVERIFY2(!type.sample.isEmpty(), what.constData());
    }
}

void TestEventCatalog::namesUnique()
{
    QSet<QString> names;
    for (const EventType &type : m_builtin.all()) {
        QVERIFY2(!names.contains(type.name), qPrintable(type.name));
        names.insert(type.name);
        // The index points at this very entry.
        const std::optional<EventType> found = m_builtin.find(type.name);
        QVERIFY(found.has_value());
        QCOMPARE(found->provider, type.provider);
    }
    QCOMPARE(int(names.size()), m_builtin.size());
}

void TestEventCatalog::builtinLoadsTwice()
{
    const Result<EventCatalog> again = EventCatalog::loadBuiltin();
    QVERIFY2(again.ok(), qPrintable(again.error().toString()));
    QCOMPARE(again->size(), m_builtin.size());
    QCOMPARE(namesOf(again->all()), namesOf(m_builtin.all()));
}

void TestEventCatalog::unknown_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("empty") << QStringList{} << QStringList{};
    QTest::newRow("all known") << QStringList{QStringLiteral("email.replied"),
                                              QStringLiteral("peopleCreated"),
                                              QStringLiteral("claim.scope.ready")}
                               << QStringList{};
    QTest::newRow("order kept, repeats dropped")
        << QStringList{QStringLiteral("zeta.event"),  QStringLiteral("email.replied"),
                       QStringLiteral("alpha.event"), QStringLiteral("zeta.event"),
                       QStringLiteral("new_contact"), QStringLiteral("alpha.event")}
        << QStringList{QStringLiteral("zeta.event"), QStringLiteral("alpha.event")};
    QTest::newRow("case sensitive")
        << QStringList{QStringLiteral("Email.Replied"), QStringLiteral("email.replied")}
        << QStringList{QStringLiteral("Email.Replied")};
    QTest::newRow("near misses across styles")
        << QStringList{QStringLiteral("email_sent"), QStringLiteral("email-sent"),
                       QStringLiteral("email.sent"), QStringLiteral("emailSent")}
        << QStringList{QStringLiteral("emailSent")};
}

void TestEventCatalog::unknown()
{
    QFETCH(QStringList, names);
    QFETCH(QStringList, expected);

    QCOMPARE(m_builtin.unknown(names), expected);
}

void TestEventCatalog::byProvider_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("provider"); // empty: no match

    QTest::newRow("id") << QStringLiteral("sendkit") << QStringLiteral("sendkit");
    QTest::newRow("id upper case") << QStringLiteral("SENDKIT") << QStringLiteral("sendkit");
    QTest::newRow("title") << QStringLiteral("SendKit") << QStringLiteral("sendkit");
    QTest::newRow("title with space")
        << QStringLiteral("SureSend CRM") << QStringLiteral("suresend");
    QTest::newRow("title lower case")
        << QStringLiteral("suresend crm") << QStringLiteral("suresend");
    QTest::newRow("title mixed case")
        << QStringLiteral("cAllbRidge") << QStringLiteral("callbridge");
    QTest::newRow("surrounding spaces") << QStringLiteral("  zyntro ") << QStringLiteral("zyntro");
    QTest::newRow("unknown") << QStringLiteral("stripe") << QString();
    QTest::newRow("prefix only") << QStringLiteral("sure") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestEventCatalog::byProvider()
{
    QFETCH(QString, query);
    QFETCH(QString, provider);

    const QList<EventType> types = m_builtin.byProvider(query);
    if (provider.isEmpty()) {
        QVERIFY(types.isEmpty());
        return;
    }
    QVERIFY(!types.isEmpty());
    int expectedCount = 0;
    for (const EventType &type : m_builtin.all())
        expectedCount += type.provider == provider ? 1 : 0;
    QCOMPARE(int(types.size()), expectedCount);
    for (const EventType &type : types)
        QCOMPARE(type.provider, provider);
}

void TestEventCatalog::fromJsonValid()
{
    const QByteArray json = R"({
        "provider": "acme",
        "title": "Acme Hooks",
        "source": "test",
        "categories": [
            {"name": "Orders", "events": [
                {"name": "order.created", "description": "An order was placed.",
                 "sample": {"id": "ord_1", "total": {"amount": 12.5, "currency": "EUR"}}},
                {"name": "order.shipped"}
            ]},
            {"name": "Empty", "events": []}
        ]
    })";
    const Result<EventCatalog> parsed = EventCatalog::fromJson(json, QStringLiteral("acme.json"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
    QCOMPARE(parsed->size(), 2);
    QCOMPARE(parsed->providers(), QStringList{QStringLiteral("acme")});

    const std::optional<EventType> created = parsed->find(QStringLiteral("order.created"));
    QVERIFY(created.has_value());
    QCOMPARE(created->provider, QStringLiteral("acme"));
    QCOMPARE(created->providerTitle, QStringLiteral("Acme Hooks"));
    QCOMPARE(created->category, QStringLiteral("Orders"));
    QCOMPARE(created->description, QStringLiteral("An order was placed."));
    QCOMPARE(created->sample.value(QStringLiteral("id")).toString(), QStringLiteral("ord_1"));
    QVERIFY(created->sample.value(QStringLiteral("total")).isObject());

    const std::optional<EventType> shipped = parsed->find(QStringLiteral("order.shipped"));
    QVERIFY(shipped.has_value());
    QVERIFY(shipped->description.isEmpty());
    QVERIFY(shipped->sample.isEmpty());
}

void TestEventCatalog::fromJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("messagePart");

    const auto doc = [](const char *categories) -> QByteArray {
        return QByteArray(R"({"provider": "acme", "title": "Acme", "categories": )") + categories +
               "}";
    };

    QTest::newRow("not json") << QByteArray("{\"provider\": ") << QStringLiteral("not valid JSON");
    QTest::newRow("empty input") << QByteArray() << QStringLiteral("not valid JSON");
    QTest::newRow("top-level array") << QByteArray("[]") << QStringLiteral("JSON object");
    QTest::newRow("missing provider")
        << QByteArray(R"({"title": "Acme", "categories": []})") << QStringLiteral("\"provider\"");
    QTest::newRow("provider not a string")
        << QByteArray(R"({"provider": 7, "title": "Acme", "categories": []})")
        << QStringLiteral("\"provider\"");
    QTest::newRow("provider custom")
        << QByteArray(R"({"provider": "custom", "title": "Mine", "categories": []})")
        << QStringLiteral("reserved");
    QTest::newRow("missing title")
        << QByteArray(R"({"provider": "acme", "categories": []})") << QStringLiteral("\"title\"");
    QTest::newRow("blank title") << QByteArray(
                                        R"({"provider": "acme", "title": "  ", "categories": []})")
                                 << QStringLiteral("\"title\"");
    QTest::newRow("missing categories") << QByteArray(R"({"provider": "acme", "title": "Acme"})")
                                        << QStringLiteral("\"categories\"");
    QTest::newRow("categories not array")
        << doc(R"({"name": "Orders"})") << QStringLiteral("\"categories\"");
    QTest::newRow("category not object")
        << doc(R"(["Orders"])") << QStringLiteral("categories[0] must be an object");
    QTest::newRow("category without name")
        << doc(R"([{"events": []}])") << QStringLiteral("categories[0].name");
    QTest::newRow("events missing")
        << doc(R"([{"name": "Orders"}])") << QStringLiteral("categories[0].events");
    QTest::newRow("event not object")
        << doc(R"([{"name": "Orders", "events": ["order.created"]}])")
        << QStringLiteral("categories[0].events[0] must be an object");
    QTest::newRow("event without name")
        << doc(R"([{"name": "A", "events": []}, {"name": "B", "events": [{"description": "x"}]}])")
        << QStringLiteral("categories[1].events[0].name");
    QTest::newRow("event name not string")
        << doc(R"([{"name": "Orders", "events": [{"name": 42}]}])")
        << QStringLiteral("categories[0].events[0].name");
    QTest::newRow("description not string")
        << doc(R"([{"name": "Orders", "events": [{"name": "a", "description": ["x"]}]}])")
        << QStringLiteral("categories[0].events[0].description");
    QTest::newRow("sample array")
        << doc(R"([{"name": "Orders", "events": [{"name": "a", "sample": [1, 2]}]}])")
        << QStringLiteral("categories[0].events[0].sample must be a JSON object");
    QTest::newRow("sample string")
        << doc(R"([{"name": "Orders", "events": [{"name": "a", "sample": "{}"}]}])")
        << QStringLiteral("categories[0].events[0].sample must be a JSON object");
    QTest::newRow("duplicate name")
        << doc(R"([{"name": "A", "events": [{"name": "a.b"}]},
                   {"name": "B", "events": [{"name": "x"}, {"name": "a.b"}]}])")
        << QStringLiteral("categories[1].events[1].name: \"a.b\" is listed more than once");
}

void TestEventCatalog::fromJsonErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, messagePart);

    const QString source = QStringLiteral("broken.json");
    const Result<EventCatalog> parsed = EventCatalog::fromJson(json, source);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(parsed.error().field, source);
    QVERIFY2(parsed.error().message.contains(messagePart), qPrintable(parsed.error().message));
}

void TestEventCatalog::checkCustom_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("code"); // errorCodeName(); "OK" for success
    QTest::addColumn<QString>("field");

    const QString custom = QStringLiteral("custom");
    const QString ok = QStringLiteral("OK");
    const QString invalidType = QStringLiteral("INVALID_EVENT_TYPE");
    const QString name = QStringLiteral("name");

    QTest::newRow("good name") << QStringLiteral("order.shipped")
                               << QStringLiteral("An order left the warehouse.") << custom << ok
                               << QString();
    QTest::newRow("good, every allowed char")
        << QStringLiteral("Acme:invoice-paid_v2.final") << QString() << custom << ok << QString();
    QTest::newRow("good, single letter")
        << QStringLiteral("x") << QString() << custom << ok << QString();
    QTest::newRow("good, 100 chars")
        << QString(100, QLatin1Char('a')) << QString() << custom << ok << QString();
    QTest::newRow("empty name") << QString() << QString() << custom << invalidType << name;
    QTest::newRow("space") << QStringLiteral("order shipped") << QString() << custom << invalidType
                           << name;
    QTest::newRow("slash") << QStringLiteral("order/shipped") << QString() << custom << invalidType
                           << name;
    QTest::newRow("non-ascii letter")
        << QStringLiteral("ordér.shipped") << QString() << custom << invalidType << name;
    QTest::newRow("trailing newline")
        << QStringLiteral("order.shipped\n") << QString() << custom << invalidType << name;
    QTest::newRow("starts with digit")
        << QStringLiteral("2fa.enabled") << QString() << custom << invalidType << name;
    QTest::newRow("starts with underscore")
        << QStringLiteral("_internal") << QString() << custom << invalidType << name;
    QTest::newRow("starts with dot")
        << QStringLiteral(".hidden") << QString() << custom << invalidType << name;
    QTest::newRow("too long") << QString(101, QLatin1Char('a')) << QString() << custom
                              << invalidType << name;
    QTest::newRow("duplicate of builtin") << QStringLiteral("email.replied") << QString() << custom
                                          << QStringLiteral("CONFLICT") << name;
    QTest::newRow("duplicate of documented zyntro")
        << QStringLiteral("subscription.payment.requires_action") << QString() << custom
        << QStringLiteral("CONFLICT") << name;
    QTest::newRow("differs from builtin by case")
        << QStringLiteral("Email.Replied") << QString() << custom << ok << QString();
    QTest::newRow("description 500 chars")
        << QStringLiteral("order.refunded") << QString(500, QLatin1Char('d')) << custom << ok
        << QString();
    QTest::newRow("description too long")
        << QStringLiteral("order.refunded") << QString(501, QLatin1Char('d')) << custom
        << QStringLiteral("INVALID_DESCRIPTION") << QStringLiteral("description");
    QTest::newRow("provider not custom")
        << QStringLiteral("order.shipped") << QString() << QStringLiteral("sendkit")
        << QStringLiteral("INVALID_ARGUMENT") << QStringLiteral("provider");
}

void TestEventCatalog::checkCustom()
{
    QFETCH(QString, name);
    QFETCH(QString, description);
    QFETCH(QString, provider);
    QFETCH(QString, code);
    QFETCH(QString, field);

    EventType type = customType(name, description);
    type.provider = provider;
    const Status status = m_builtin.checkCustom(type);
    QCOMPARE(status.error().codeName(), code);
    QCOMPARE(status.ok(), code == QLatin1String("OK"));
    QCOMPARE(status.error().field, field);
    if (!status.ok()) {
        QVERIFY(!status.error().message.isEmpty());
        QVERIFY(status.error().isValidationError());
    }
    if (code == QLatin1String("INVALID_EVENT_TYPE") && name.size() <= 100 && !name.isEmpty()) {
        // The message says what is allowed.
        QVERIFY2(status.error().message.contains(QStringLiteral("letter")),
                 qPrintable(status.error().message));
    }
}

void TestEventCatalog::checkCustomAfterAdd()
{
    EventCatalog catalog = m_builtin;
    const EventType type = customType(QStringLiteral("acme.order.shipped"), QStringLiteral("x"));
    QVERIFY(catalog.checkCustom(type).ok());
    catalog.add(type);
    QVERIFY(catalog.contains(type.name));
    QVERIFY(catalog.find(type.name)->isCustom());

    const Status again = catalog.checkCustom(type);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(again.error().field, QStringLiteral("name"));
    QVERIFY(catalog.unknown({type.name}).isEmpty());
    QCOMPARE(int(catalog.byProvider(QStringLiteral("custom")).size()), 1);
    QCOMPARE(catalog.providers().last(), QStringLiteral("custom"));
}

void TestEventCatalog::addReplacesSameName()
{
    EventCatalog catalog;
    catalog.add(customType(QStringLiteral("a.one"), QStringLiteral("first")));
    catalog.add(customType(QStringLiteral("b.two"), QStringLiteral("second")));
    catalog.add(customType(QStringLiteral("a.one"), QStringLiteral("replaced")));

    QCOMPARE(catalog.size(), 2);
    QCOMPARE(namesOf(catalog.all()),
             (QStringList{QStringLiteral("a.one"), QStringLiteral("b.two")}));
    QCOMPARE(catalog.find(QStringLiteral("a.one"))->description, QStringLiteral("replaced"));
    QVERIFY(!catalog.find(QStringLiteral("c.three")).has_value());
}

void TestEventCatalog::mergeKeepsOrder()
{
    EventCatalog first;
    first.add(customType(QStringLiteral("a.one"), QStringLiteral("first")));
    first.add(customType(QStringLiteral("b.two")));
    EventCatalog second;
    second.add(customType(QStringLiteral("c.three")));
    second.add(customType(QStringLiteral("a.one"), QStringLiteral("from second")));

    first.merge(second);
    QCOMPARE(namesOf(first.all()), (QStringList{QStringLiteral("a.one"), QStringLiteral("b.two"),
                                                QStringLiteral("c.three")}));
    QCOMPARE(first.find(QStringLiteral("a.one"))->description, QStringLiteral("from second"));
    QCOMPARE(first.find(QStringLiteral("c.three"))->provider, QStringLiteral("custom"));
}

QTEST_GUILESS_MAIN(TestEventCatalog)
#include "tst_eventcatalog.moc"
