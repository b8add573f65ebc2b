#include "TestSupport.h"

#include "delivery/DeliveryStore.h"
#include "registry/WebhookRegistry.h"
#include "storage/Database.h"

#include <QJsonDocument>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

using namespace hookline;

class TestDeliveryStore : public QObject {
    Q_OBJECT

private:
    static Webhook makeWebhook(WebhookRegistry &registry, const QString &name)
    {
        WebhookDraft d;
        d.name = name;
        d.url = QStringLiteral("https://receiver.example.com/") + name;
        d.events = {QStringLiteral("peopleCreated")};
        d.systemId = name; // its own system: no per-event limit between test webhooks
        auto created = registry.create(d);
        if (!created)
            qFatal("%s", qPrintable(created.error().toString()));
        return created->webhook;
    }

    static OutgoingEvent event(qint64 now)
    {
        return OutgoingEvent::create(QStringLiteral("peopleCreated"),
                                     QJsonObject{{QStringLiteral("id"), QStringLiteral("p-1")}},
                                     now, {QStringLiteral("p-1")});
    }

    static AttemptRecord record(const ClaimedDelivery &c, AttemptOutcome outcome,
                                std::optional<int> status, qint64 now)
    {
        AttemptRecord r;
        r.deliveryId = c.deliveryId;
        r.webhookId = c.webhookId;
        r.attemptNo = c.attemptNo;
        r.startedAtMs = now;
        r.durationMs = 12;
        r.requestHeaders = {{"Authorization", "Bearer [redacted]"}};
        r.responseStatus = status;
        r.responseBody = "ok";
        r.outcome = outcome;
        r.isTest = c.isTest;
        if (!status)
            r.error = QStringLiteral("connection refused");
        return r;
    }

    static QString deliveryStatus(Database &db, const QString &id)
    {
        QSqlQuery q(db.connection());
        q.prepare(QStringLiteral("SELECT status FROM deliveries WHERE id = ?"));
        q.addBindValue(id);
        q.exec();
        return q.next() ? q.value(0).toString() : QString();
    }

private slots:
    void envelopeBodyFollowsTheProviderFormat()
    {
        OutgoingEvent e;
        e.id = QStringLiteral("5a3c0d4e-0000-4000-8000-000000000001");
        e.type = QStringLiteral("peopleCreated");
        e.createdAtMs = 1'760'616'000'000; // 2025-10-16T12:00:00Z
        e.resourceIds = {QStringLiteral("person-uuid")};
        e.uri = QStringLiteral("https://api.example.com/people/person-uuid");
        e.data = QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada \"A\" L")}};
        const QByteArray expected =
            "{\"eventId\":\"5a3c0d4e-0000-4000-8000-000000000001\","
            "\"eventCreated\":\"2025-10-16T12:00:00Z\",\"event\":\"peopleCreated\","
            "\"resourceIds\":[\"person-uuid\"],"
            "\"uri\":\"https://api.example.com/people/person-uuid\","
            "\"data\":{\"name\":\"Ada \\\"A\\\" L\"}}";
        QCOMPARE(e.body(), expected);
        e.uri.clear();
        QVERIFY(QJsonDocument::fromJson(e.body()).object().value(QStringLiteral("uri")).isNull());
    }

    void enqueueCommitsEventAndDeliveriesBeforeAnyClaim()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        DeliveryStore store(t.session->database);
        const Webhook a = makeWebhook(*t.session->registry, QStringLiteral("a"));
        const Webhook b = makeWebhook(*t.session->registry, QStringLiteral("b"));
        auto enq = store.enqueue(event(clock.nowMs()), {a, b}, clock.nowMs());
        QVERIFY2(enq.ok(), qPrintable(enq.error().toString()));
        QCOMPARE(enq->deliveryIds.size(), 2);
        QCOMPARE(deliveryStatus(*t.session->database, enq->deliveryIds.first()),
                 QStringLiteral("pending"));
        QCOMPARE(store.stats(clock.nowMs())->queued, 2);
        QCOMPARE(store.nextDueAtMs(clock.nowMs())->value_or(-1), clock.nowMs());

        auto claimed = store.claimDue(QStringLiteral("one"), clock.nowMs(), 10, 30'000);
        QVERIFY(claimed.ok());
        QCOMPARE(claimed->size(), 2);
        QCOMPARE(claimed->first().attemptNo, 1);
        QCOMPARE(claimed->first().body, enq->event.body());
        QCOMPARE(store.stats(clock.nowMs())->inFlight, 2);
    }

    void aLeaseKeepsOthersOutUntilItExpires()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        DeliveryStore store(t.session->database);
        const Webhook a = makeWebhook(*t.session->registry, QStringLiteral("a"));
        QVERIFY(store.enqueue(event(clock.nowMs()), {a}, clock.nowMs()).ok());
        // Lease: the webhook's 10 s timeout plus a 20 s margin.
        auto first = store.claimDue(QStringLiteral("one"), clock.nowMs(), 10, 20'000);
        QCOMPARE(first->size(), 1);
        QCOMPARE(first->first().leaseUntilMs, clock.nowMs() + 30'000);
        QCOMPARE(store.claimDue(QStringLiteral("two"), clock.nowMs(), 10, 30'000)->size(), 0);
        clock.advanceMs(29'999);
        QCOMPARE(store.claimDue(QStringLiteral("two"), clock.nowMs(), 10, 30'000)->size(), 0);
        clock.advanceMs(1);
        // "one" died: its lease ran out, "two" takes over and this counts as attempt 2.
        auto second = store.claimDue(QStringLiteral("two"), clock.nowMs(), 10, 30'000);
        QCOMPARE(second->size(), 1);
        QCOMPARE(second->first().attemptNo, 2);
        // A late answer from "one" is dropped: it no longer holds the lease.
        auto late = store.recordAttempts(
            QStringLiteral("one"),
            {record(first->first(), AttemptOutcome::Delivered, 200, clock.nowMs())}, clock.nowMs());
        QVERIFY(late.ok());
        QCOMPARE(deliveryStatus(*t.session->database, first->first().deliveryId),
                 QStringLiteral("in_flight"));
        QVERIFY(store
                    .recordAttempts(
                        QStringLiteral("two"),
                        {record(second->first(), AttemptOutcome::Delivered, 200, clock.nowMs())},
                        clock.nowMs())
                    .ok());
        QCOMPARE(deliveryStatus(*t.session->database, first->first().deliveryId),
                 QStringLiteral("delivered"));
        QSqlQuery q(t.session->database->connection());
        QVERIFY(q.exec(
            QStringLiteral("SELECT attempt_no, outcome, response_status FROM delivery_attempts")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QCOMPARE(q.value(1).toString(), QStringLiteral("delivered"));
        QCOMPARE(q.value(2).toInt(), 200);
        QVERIFY(!q.next()); // exactly one attempt logged
        auto w = t.session->registry->get(a.id);
        QCOMPARE(w->lastDeliveryStatus.value_or(-1), 200);
    }

    void twoClaimersOnTwoThreadsNeverShareADelivery()
    {
        auto t = test::makeSession();
        DeliveryStore store(t.session->database);
        const Webhook a = makeWebhook(*t.session->registry, QStringLiteral("a"));
        for (int i = 0; i < 200; ++i)
            QVERIFY(store.enqueue(event(1000), {a}, 1000).ok());
        QSet<QString> seen[2];
        auto claimer = [&](int which) {
            return QThread::create([&, which] {
                DeliveryStore own(t.session->database);
                for (;;) {
                    auto c = own.claimDue(QStringLiteral("owner-%1").arg(which), 2000, 7, 60'000);
                    if (!c || c->isEmpty())
                        break;
                    for (const ClaimedDelivery &d : c.value())
                        seen[which].insert(d.deliveryId);
                }
            });
        };
        QThread *t0 = claimer(0);
        QThread *t1 = claimer(1);
        t0->start();
        t1->start();
        QVERIFY(t0->wait(30000));
        QVERIFY(t1->wait(30000));
        delete t0;
        delete t1;
        QCOMPARE(seen[0].size() + seen[1].size(), 200);
        QVERIFY(!seen[0].intersects(seen[1]));
    }

    void retriesWaitUntilTheirTime()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        DeliveryStore store(t.session->database);
        const Webhook a = makeWebhook(*t.session->registry, QStringLiteral("a"));
        QVERIFY(store.enqueue(event(clock.nowMs()), {a}, clock.nowMs()).ok());
        auto c = store.claimDue(QStringLiteral("one"), clock.nowMs(), 10, 30'000);
        AttemptRecord r = record(c->first(), AttemptOutcome::RetryScheduled, 500, clock.nowMs());
        r.nextAttemptAtMs = clock.nowMs() + 5'000;
        QVERIFY(store.recordAttempts(QStringLiteral("one"), {r}, clock.nowMs()).ok());
        QCOMPARE(deliveryStatus(*t.session->database, c->first().deliveryId),
                 QStringLiteral("retry_scheduled"));
        QCOMPARE(store.nextDueAtMs(clock.nowMs())->value_or(-1), clock.nowMs() + 5'000);
        clock.advanceMs(4'999);
        QCOMPARE(store.claimDue(QStringLiteral("one"), clock.nowMs(), 10, 30'000)->size(), 0);
        clock.advanceMs(1);
        auto again = store.claimDue(QStringLiteral("one"), clock.nowMs(), 10, 30'000);
        QCOMPARE(again->size(), 1);
        QCOMPARE(again->first().attemptNo, 2);
    }

    void goneDisablesTheWebhookAndCancelsTheRest()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        DeliveryStore store(t.session->database);
        const Webhook a = makeWebhook(*t.session->registry, QStringLiteral("a"));
        auto e1 = store.enqueue(event(clock.nowMs()), {a}, clock.nowMs());
        auto c = store.claimDue(QStringLiteral("one"), clock.nowMs(), 1, 30'000);
        auto e2 = store.enqueue(event(clock.nowMs()), {a}, clock.nowMs());
        auto changes = store.recordAttempts(
            QStringLiteral("one"), {record(c->first(), AttemptOutcome::GaveUp, 410, clock.nowMs())},
            clock.nowMs());
        QVERIFY(changes.ok());
        QCOMPARE(changes->size(), 1);
        QCOMPARE(changes->first().status, WebhookStatus::Disabled);
        QVERIFY(changes->first().reason.contains(QStringLiteral("410")));
        QCOMPARE(t.session->registry->get(a.id)->status, WebhookStatus::Disabled);
        QCOMPARE(deliveryStatus(*t.session->database, e2->deliveryIds.first()),
                 QStringLiteral("cancelled"));
        QCOMPARE(deliveryStatus(*t.session->database, e1->deliveryIds.first()),
                 QStringLiteral("failed"));
    }

    void autoPauseAfterConsecutiveFailuresAndResetOnSuccess()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        DeliveryStore::Options options;
        options.autoPauseAfterFailures = 3;
        DeliveryStore store(t.session->database, options);
        const Webhook a = makeWebhook(*t.session->registry, QStringLiteral("a"));
        auto fail = [&](std::optional<int> status) {
            store.enqueue(event(clock.nowMs()), {a}, clock.nowMs());
            auto c = store.claimDue(QStringLiteral("one"), clock.nowMs(), 1, 30'000);
            if (c->isEmpty())
                return QList<WebhookStatusChange>();
            const AttemptOutcome o =
                status && *status < 300 ? AttemptOutcome::Delivered : AttemptOutcome::GaveUp;
            return store
                .recordAttempts(QStringLiteral("one"),
                                {record(c->first(), o, status, clock.nowMs())}, clock.nowMs())
                .value();
        };
        QVERIFY(fail(500).isEmpty());
        QVERIFY(fail(500).isEmpty());
        QVERIFY(fail(200).isEmpty()); // a success resets the count
        QVERIFY(fail(500).isEmpty());
        QVERIFY(fail(std::nullopt).isEmpty());
        const auto changes = fail(502);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().status, WebhookStatus::Paused);
        QVERIFY2(changes.first().reason.contains(
                     QStringLiteral("3 failed attempts in a row (last: HTTP 502)")),
                 qPrintable(changes.first().reason));
        QCOMPARE(t.session->registry->get(a.id)->status, WebhookStatus::Paused);

        // Paused: new deliveries wait, they are neither sent nor cancelled; resuming releases them.
        auto held = store.enqueue(event(clock.nowMs()), {a}, clock.nowMs());
        QCOMPARE(store.claimDue(QStringLiteral("one"), clock.nowMs(), 10, 30'000)->size(), 0);
        QCOMPARE(deliveryStatus(*t.session->database, held->deliveryIds.first()),
                 QStringLiteral("pending"));
        QVERIFY(t.session->registry->enable(a.id).ok());
        QCOMPARE(store.claimDue(QStringLiteral("one"), clock.nowMs(), 10, 30'000)->size(), 1);
    }

    void aFailedTestEventPausesTheWebhook()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        DeliveryStore store(t.session->database);
        const Webhook a = makeWebhook(*t.session->registry, QStringLiteral("a"));
        EnqueueOptions test;
        test.isTest = true;
        QVERIFY(store.enqueue(event(clock.nowMs()), {a}, clock.nowMs(), test).ok());
        auto c = store.claimDue(QStringLiteral("one"), clock.nowMs(), 1, 30'000);
        QVERIFY(c->first().isTest);
        auto changes = store.recordAttempts(
            QStringLiteral("one"),
            {record(c->first(), AttemptOutcome::GaveUp, std::nullopt, clock.nowMs())},
            clock.nowMs());
        QCOMPARE(changes->size(), 1);
        QCOMPARE(changes->first().status, WebhookStatus::Paused);
        QCOMPARE(t.session->registry->get(a.id)->statusReason,
                 QStringLiteral("Paused: the test delivery failed (connection refused)"));
    }

    void releasedLeasesAreDueAgainWithoutUsingAnAttempt()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        DeliveryStore store(t.session->database);
        const Webhook a = makeWebhook(*t.session->registry, QStringLiteral("a"));
        store.enqueue(event(clock.nowMs()), {a}, clock.nowMs());
        QCOMPARE(store.claimDue(QStringLiteral("one"), clock.nowMs(), 1, 30'000)->size(), 1);
        QVERIFY(store.releaseLeases(QStringLiteral("one"), clock.nowMs()).ok());
        auto c = store.claimDue(QStringLiteral("two"), clock.nowMs(), 1, 30'000);
        QCOMPARE(c->size(), 1);
        QCOMPARE(c->first().attemptNo, 1);
    }

    void releasingChosenLeasesLeavesTheOthers()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        DeliveryStore store(t.session->database);
        const Webhook a = makeWebhook(*t.session->registry, QStringLiteral("a"));
        for (int i = 0; i < 3; ++i)
            store.enqueue(event(clock.nowMs()), {a}, clock.nowMs());
        auto mine = store.claimDue(QStringLiteral("one"), clock.nowMs(), 2, 30'000);
        QCOMPARE(mine->size(), 2);
        auto theirs = store.claimDue(QStringLiteral("two"), clock.nowMs(), 1, 30'000);
        QCOMPARE(theirs->size(), 1);
        // "one" gives back its first claim, and tries to give back "two"'s: only its own goes.
        QVERIFY(store
                    .releaseLeases(QStringLiteral("one"), clock.nowMs(),
                                   {mine->at(0).deliveryId, theirs->at(0).deliveryId})
                    .ok());
        QCOMPARE(deliveryStatus(*t.session->database, mine->at(0).deliveryId),
                 QStringLiteral("pending"));
        QCOMPARE(deliveryStatus(*t.session->database, mine->at(1).deliveryId),
                 QStringLiteral("in_flight"));
        QCOMPARE(deliveryStatus(*t.session->database, theirs->at(0).deliveryId),
                 QStringLiteral("in_flight"));
        auto again = store.claimDue(QStringLiteral("three"), clock.nowMs(), 10, 30'000);
        QCOMPARE(again->size(), 1);
        QCOMPARE(again->first().deliveryId, mine->at(0).deliveryId);
        QCOMPARE(again->first().attemptNo, 1);
    }

    void disablingCancelsQueuedDeliveries()
    {
        ManualClock clock;
        auto t = test::makeSession(&clock);
        DeliveryStore store(t.session->database);
        const Webhook a = makeWebhook(*t.session->registry, QStringLiteral("a"));
        auto e = store.enqueue(event(clock.nowMs()), {a}, clock.nowMs());
        QVERIFY(t.session->registry->disable(a.id).ok());
        QCOMPARE(deliveryStatus(*t.session->database, e->deliveryIds.first()),
                 QStringLiteral("cancelled"));
        QVERIFY(t.session->registry->enable(a.id).ok());
        QCOMPARE(store.claimDue(QStringLiteral("one"), clock.nowMs(), 10, 30'000)->size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDeliveryStore)
#include "tst_deliverystore.moc"
