#include "TestSupport.h"

#include "registry/WebhookRegistry.h"
#include "secrets/SecretVault.h"
#include "storage/Database.h"

#include <QSqlQuery>
#include <QTest>

using namespace hookline;

class TestRegistry : public QObject {
    Q_OBJECT

private:
    static WebhookDraft draft(const QString &name = QStringLiteral("CRM Sync"),
                              const QStringList &events = {QStringLiteral("email.replied")})
    {
        WebhookDraft d;
        d.name = name;
        d.url = QStringLiteral("https://crm.example.com/webhooks");
        d.events = events;
        return d;
    }

    static int rowCount(Database &db, const char *table)
    {
        QSqlQuery q(db.connection());
        q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + QLatin1String(table));
        q.next();
        return q.value(0).toInt();
    }

private slots:
    void createReturnsSecretOnceAndStoresOnlyThePrefix()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        auto &registry = *t.session->registry;
        WebhookDraft d = draft();
        d.auth.type = AuthType::Bearer;
        d.auth.token = QStringLiteral("tok_live_bearer_value_123");
        auto created = registry.create(d);
        QVERIFY2(created.ok(), qPrintable(created.error().toString()));
        const QString secret = created->signingSecret;
        QVERIFY(secret.startsWith(QStringLiteral("whsec_")));
        QCOMPARE(secret.size(), 50);
        QCOMPARE(created->webhook.signingSecretPrefix, secret.left(12));
        QCOMPARE(created->webhook.createdAtMs, clock.nowMs());
        QCOMPARE(created->webhook.status, WebhookStatus::Active);

        auto fetched = registry.get(created->webhook.id);
        QVERIFY(fetched.ok());
        QCOMPARE(fetched->signingSecretPrefix, secret.left(12));
        QCOMPARE(fetched->auth.token, d.auth.token); // opened for the owner's edit form

        const QByteArray files = test::readDatabaseFiles(t.databasePath);
        QVERIFY(!files.isEmpty());
        QVERIFY(!files.contains(secret.toUtf8()));
        QVERIFY(!files.contains(QByteArray::fromBase64(secret.mid(6).toLatin1())));
        QVERIFY(!files.contains(secret.mid(6).toUtf8()));
        QVERIFY(!files.contains(d.auth.token.toUtf8()));
    }

    void customSecretIsUsedAndSealed()
    {
        auto t = test::makeSession();
        WebhookDraft d = draft();
        d.customSecret = QStringLiteral("my-own-long-secret-value");
        auto created = t.session->registry->create(d);
        QVERIFY(created.ok());
        QCOMPARE(created->signingSecret, d.customSecret);
        QCOMPARE(created->webhook.signingSecretPrefix, QStringLiteral("my-o"));
        auto keys = t.session->registry->signingKeys(created->webhook.id);
        QVERIFY(keys.ok());
        QCOMPARE(keys->size(), 1);
        QCOMPARE(keys->first().secret, d.customSecret);
        QVERIFY(!test::readDatabaseFiles(t.databasePath).contains(d.customSecret.toUtf8()));
    }

    void ruleFailureStoresNothing()
    {
        auto t = test::makeSession();
        WebhookDraft d = draft();
        d.url = QStringLiteral("http://example.com/hook");
        auto created = t.session->registry->create(d);
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::InvalidUrl);
        QCOMPARE(rowCount(*t.session->database, "webhooks"), 0);
        QCOMPARE(rowCount(*t.session->database, "webhook_secrets"), 0);
    }

    void atMostTwoWebhooksPerEventPerSystem()
    {
        auto t = test::makeSession();
        auto &registry = *t.session->registry;
        QVERIFY(
            registry.create(draft(QStringLiteral("A"), {QStringLiteral("email.replied")})).ok());
        QVERIFY(registry
                    .create(draft(QStringLiteral("B"),
                                  {QStringLiteral("email.replied"), QStringLiteral("email.sent")}))
                    .ok());
        auto third = registry.create(draft(
            QStringLiteral("C"), {QStringLiteral("email.sent"), QStringLiteral("email.replied")}));
        QVERIFY(!third.ok());
        QCOMPARE(third.error().codeName(), QStringLiteral("LIMIT_EXCEEDED"));
        QVERIFY(third.error().message.contains(QStringLiteral("\"email.replied\"")));
        QCOMPARE(rowCount(*t.session->database, "webhooks"), 2);

        // Another system identifier has its own limit.
        WebhookDraft other = draft(QStringLiteral("C"));
        other.systemId = QStringLiteral("workspace-2");
        QVERIFY(registry.create(other).ok());

        // Updating a webhook does not count against itself, but moving a third one onto the event
        // does.
        auto list = registry.list(QStringLiteral("default"));
        QVERIFY(list.ok());
        WebhookDraft same = list->first().toDraft();
        same.description = QStringLiteral("changed");
        QVERIFY(registry.update(list->first().id, same).ok());
        auto d = registry.create(draft(QStringLiteral("D"), {QStringLiteral("email.opened")}));
        QVERIFY(d.ok());
        WebhookDraft moved = d->webhook.toDraft();
        moved.events << QStringLiteral("email.replied");
        auto updated = registry.update(d->webhook.id, moved);
        QVERIFY(!updated.ok());
        QCOMPARE(updated.error().code, ErrorCode::LimitExceeded);
        QCOMPARE(registry.get(d->webhook.id)->events, QStringList{QStringLiteral("email.opened")});
    }

    void rotationKeepsThePreviousSecretForTheOverlapWindow()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        auto &registry = *t.session->registry;
        auto created = registry.create(draft());
        QVERIFY(created.ok());
        const QString id = created->webhook.id;
        const QString first = created->signingSecret;

        clock.advanceMs(60'000);
        auto rotated = registry.rotateSecret(id);
        QVERIFY2(rotated.ok(), qPrintable(rotated.error().toString()));
        const QString second = rotated->signingSecret;
        QVERIFY(second != first);
        QCOMPARE(rotated->previousSecretExpiresAtMs, clock.nowMs() + DefaultRotationOverlapMs);
        QCOMPARE(registry.get(id)->signingSecretPrefix, second.left(12));
        QVERIFY(!test::readDatabaseFiles(t.databasePath).contains(second.toUtf8()));

        auto keys = registry.signingKeys(id);
        QVERIFY(keys.ok());
        QCOMPARE(keys->size(), 2);
        QCOMPARE(keys->at(0).secret, second); // newest first
        QCOMPARE(keys->at(1).secret, first);

        clock.advanceMs(DefaultRotationOverlapMs - 1); // one millisecond before expiry
        QCOMPARE(registry.signingKeys(id)->size(), 2);
        clock.advanceMs(1);
        keys = registry.signingKeys(id);
        QCOMPARE(keys->size(), 1);
        QCOMPARE(keys->first().secret, second);
    }

    void rotationWithCustomOverlapAndRepeatedRotation()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        auto &registry = *t.session->registry;
        const QString id = registry.create(draft())->webhook.id;
        const qint64 hour = 3'600'000;
        auto r1 = registry.rotateSecret(id, hour);
        QVERIFY(r1.ok());
        clock.advanceMs(hour / 2);
        auto r2 = registry.rotateSecret(id, hour);
        QVERIFY(r2.ok());
        // Original (expires at +1h), r1 (expires at +1.5h) and r2 (current).
        QCOMPARE(registry.signingKeys(id)->size(), 3);
        clock.advanceMs(hour / 2);
        QCOMPARE(registry.signingKeys(id)->size(), 2);
        QVERIFY(!registry.rotateSecret(id, -1).ok());
    }

    void disableAndDeleteCancelPendingDeliveries()
    {
        auto t = test::makeSession();
        auto &registry = *t.session->registry;
        const QString a = registry.create(draft(QStringLiteral("A")))->webhook.id;
        const QString b = registry.create(draft(QStringLiteral("B")))->webhook.id;
        QSqlQuery q(t.session->database->connection());
        QVERIFY(q.exec(QStringLiteral("INSERT INTO events(id, system_id, type, created_at, body) "
                                      "VALUES('e1', 'default', 'email.replied', 1, '{}')")));
        for (const QString &w : {a, b}) {
            q.prepare(QStringLiteral(
                "INSERT INTO deliveries(id, event_id, event_type, system_id, webhook_id, "
                "webhook_name, status, created_at, updated_at) "
                "VALUES(?, 'e1', 'email.replied', 'default', ?, 'n', 'pending', 1, 1)"));
            q.addBindValue(QString(QStringLiteral("d-") + w));
            q.addBindValue(w);
            QVERIFY(q.exec());
        }
        auto disabled = registry.disable(a);
        QVERIFY(disabled.ok());
        QCOMPARE(disabled->status, WebhookStatus::Disabled);
        QCOMPARE(registry.get(a)->statusReason, QStringLiteral("Disabled by user"));
        QVERIFY(q.exec(
            QStringLiteral("SELECT webhook_id, status FROM deliveries ORDER BY webhook_id")));
        QHash<QString, QString> statuses;
        while (q.next())
            statuses.insert(q.value(0).toString(), q.value(1).toString());
        QCOMPARE(statuses.value(a), QStringLiteral("cancelled"));
        QCOMPARE(statuses.value(b), QStringLiteral("pending"));

        QVERIFY(registry.enable(a).ok());
        QCOMPARE(registry.get(a)->status, WebhookStatus::Active);
        QVERIFY(registry.get(a)->statusReason.isEmpty());

        QVERIFY(registry.remove(b).ok());
        QCOMPARE(registry.get(b).error().code, ErrorCode::NotFound);
        QVERIFY(
            q.exec(QString(QStringLiteral("SELECT status FROM deliveries WHERE webhook_id = '") +
                           b + QStringLiteral("'"))));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("cancelled"));
        QCOMPARE(rowCount(*t.session->database, "webhook_secrets"), 1); // b's secrets went with it
        QCOMPARE(registry.remove(b).error().code, ErrorCode::NotFound);
    }

    void pauseRecordsTheReason()
    {
        auto t = test::makeSession();
        const QString id = t.session->registry->create(draft())->webhook.id;
        auto paused =
            t.session->registry->pause(id, QStringLiteral("Test delivery failed: HTTP 500"));
        QVERIFY(paused.ok());
        auto w = t.session->registry->get(id);
        QCOMPARE(w->status, WebhookStatus::Paused);
        QCOMPARE(w->statusReason, QStringLiteral("Test delivery failed: HTTP 500"));
        QVERIFY(!w->isEnabled());
    }

    void getByUniquePrefix()
    {
        auto t = test::makeSession();
        const QString id = t.session->registry->create(draft())->webhook.id;
        QCOMPARE(t.session->registry->get(id.left(8))->id, id);
        QCOMPARE(t.session->registry->get(id.left(3)).error().code, ErrorCode::NotFound);
        QCOMPARE(t.session->registry->get(QStringLiteral("zzzzzzzz")).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(t.session->registry->get(QStringLiteral("%%%%")).error().code,
                 ErrorCode::NotFound);
    }

    void updateKeepsIdentityAndChangesFields()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        auto created = t.session->registry->create(draft());
        clock.advanceMs(5000);
        WebhookDraft d = created->webhook.toDraft();
        d.name = QStringLiteral("Renamed");
        d.headers = {{QStringLiteral("X-Source"), QStringLiteral("hookline")}};
        d.auth.type = AuthType::ApiKey;
        d.auth.headerName = QStringLiteral("X-Api-Key");
        d.auth.headerValue = QStringLiteral("key_abcdef_123456");
        d.timeoutSeconds = 30;
        auto updated = t.session->registry->update(created->webhook.id, d);
        QVERIFY2(updated.ok(), qPrintable(updated.error().toString()));
        auto w = t.session->registry->get(created->webhook.id);
        QCOMPARE(w->name, QStringLiteral("Renamed"));
        QCOMPARE(w->headers.size(), 1);
        QCOMPARE(w->auth.headerValue, QStringLiteral("key_abcdef_123456"));
        QCOMPARE(w->timeoutSeconds, 30);
        QCOMPARE(w->createdAtMs, created->webhook.createdAtMs);
        QCOMPARE(w->updatedAtMs, clock.nowMs());
        QCOMPARE(w->signingSecretPrefix, created->webhook.signingSecretPrefix);
        QVERIFY(!test::readDatabaseFiles(t.databasePath).contains("key_abcdef_123456"));

        WebhookDraft bad = d;
        bad.timeoutSeconds = 500;
        QCOMPARE(t.session->registry->update(created->webhook.id, bad).error().code,
                 ErrorCode::InvalidTimeout);
        QCOMPARE(t.session->registry->get(created->webhook.id)->timeoutSeconds, 30);
    }

    void pinnedCertificateIsStoredNormalized()
    {
        auto t = test::makeSession();
        WebhookDraft d = draft();
        d.url = QStringLiteral("https://127.0.0.1:8443/hook");
        d.localTesting = true;
        d.pinnedCertSha256 = QStringLiteral("AB:").repeated(31) + QStringLiteral("AB");
        auto created = t.session->registry->create(d);
        QVERIFY2(created.ok(), qPrintable(created.error().toString()));
        QCOMPARE(t.session->registry->get(created->webhook.id)->pinnedCertSha256,
                 QStringLiteral("ab").repeated(32));
        WebhookDraft unmarked = t.session->registry->get(created->webhook.id)->toDraft();
        unmarked.localTesting = false;
        QCOMPARE(t.session->registry->update(created->webhook.id, unmarked).error().field,
                 QStringLiteral("pinned_certificate"));
    }

    void customEventTypes()
    {
        auto t = test::makeSession();
        auto &registry = *t.session->registry;
        EventType type;
        type.name = QStringLiteral("order.shipped");
        type.description = QStringLiteral("An order left the warehouse.");
        type.sample = QJsonObject{{QStringLiteral("orderId"), QStringLiteral("ord_1")}};
        auto added = registry.addEventType(type);
        QVERIFY2(added.ok(), qPrintable(added.error().toString()));
        QVERIFY(registry.catalog().contains(QStringLiteral("order.shipped")));
        QVERIFY(registry.create(draft(QStringLiteral("Orders"), {QStringLiteral("order.shipped")}))
                    .ok());
        QCOMPARE(registry.addEventType(type).error().code, ErrorCode::Conflict);

        // It survives reopening the database.
        auto reopened = WebhookRegistry::open(t.session->database, t.session->vault, {});
        QVERIFY(reopened.ok());
        QCOMPARE(reopened.value()
                     ->catalog()
                     .find(QStringLiteral("order.shipped"))
                     ->sample.value(QStringLiteral("orderId"))
                     .toString(),
                 QStringLiteral("ord_1"));
        // In use: refused, naming the webhook, and nothing changes.
        const Status inUse = registry.removeEventType(QStringLiteral("order.shipped"));
        QCOMPARE(inUse.error().code, ErrorCode::Conflict);
        QVERIFY(inUse.error().message.contains(QStringLiteral("Orders")));
        QVERIFY(registry.catalog().contains(QStringLiteral("order.shipped")));
        const QString ordersId = registry.list()->last().id;
        QVERIFY(registry.remove(ordersId).ok());
        QVERIFY(registry.removeEventType(QStringLiteral("order.shipped")).ok());
        QVERIFY(!registry.catalog().contains(QStringLiteral("order.shipped")));
        QCOMPARE(registry.removeEventType(QStringLiteral("email.replied")).error().code,
                 ErrorCode::NotFound);
    }

    void aDifferentKeyIsRefusedWithAClearMessage()
    {
        auto t = test::makeSession();
        QVERIFY(t.session->registry->create(draft()).ok());
        auto other = SecretVault::withKey(QByteArray(32, '\x55'));
        auto reopened = WebhookRegistry::open(t.session->database, other, {});
        QVERIFY(!reopened.ok());
        QCOMPARE(reopened.error().code, ErrorCode::KeyUnavailable);
        QVERIFY(reopened.error().message.contains(QStringLiteral("different data key")));
    }
};

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
