#include "delivery/RetrySchedule.h"

#include <QTest>

using namespace hookline;

class TestRetrySchedule : public QObject {
    Q_OBJECT

private:
    static RetrySchedule pinned(double random)
    {
        RetrySchedule::Options o;
        o.random = [random] { return random; };
        return RetrySchedule(o);
    }

private slots:
    void documentedScheduleWithoutJitter_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<qint64>("delayMs");
        QTest::newRow("after 1st: 5 s") << 1 << qint64(5'000);
        QTest::newRow("after 2nd: 5 min") << 2 << qint64(300'000);
        QTest::newRow("after 3rd: 30 min") << 3 << qint64(1'800'000);
        QTest::newRow("after 4th: 2 h") << 4 << qint64(7'200'000);
        QTest::newRow("after 5th: 5 h") << 5 << qint64(18'000'000);
        QTest::newRow("after 6th: 10 h") << 6 << qint64(36'000'000);
        QTest::newRow("after 7th: stays 10 h") << 7 << qint64(36'000'000);
    }

    void documentedScheduleWithoutJitter()
    {
        QFETCH(int, attempt);
        QFETCH(qint64, delayMs);
        // random() = 0.5 is the middle of the jitter band: no spread.
        QCOMPARE(pinned(0.5).delayAfterAttempt(attempt, 10).value_or(-1), delayMs);
    }

    void cutToTheWebhooksRetryAttempts()
    {
        const RetrySchedule s = pinned(0.5);
        QVERIFY(!s.delayAfterAttempt(1, 0).has_value()); // no retries at all
        QVERIFY(s.delayAfterAttempt(3, 3).has_value());  // the 3rd retry is allowed
        QVERIFY(!s.delayAfterAttempt(4, 3).has_value()); // then it gives up
        QVERIFY(!s.delayAfterAttempt(0, 3).has_value());
    }

    void jitterStaysWithinBounds()
    {
        QCOMPARE(pinned(0.0).delayAfterAttempt(1, 3).value(), qint64(4'000));      // -20 %
        QCOMPARE(pinned(0.999999).delayAfterAttempt(1, 3).value(), qint64(6'000)); // +20 %
        RetrySchedule real; // the CSPRNG-backed default
        for (int i = 0; i < 1000; ++i) {
            const qint64 d = real.delayAfterAttempt(2, 3).value();
            QVERIFY2(d >= 240'000 && d <= 360'000, qPrintable(QString::number(d)));
        }
    }

    void retryAfter_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("delayMs");
        const qint64 scheduled = 5'000;
        QTest::newRow("429 seconds") << 429 << QByteArray("120") << qint64(120'000);
        QTest::newRow("503 seconds") << 503 << QByteArray(" 30 ") << qint64(30'000);
        QTest::newRow("429 zero clamps to 1 s") << 429 << QByteArray("0") << qint64(1'000);
        QTest::newRow("429 a week clamps to 6 h")
            << 429 << QByteArray("604800") << qint64(21'600'000);
        QTest::newRow("429 absurd clamps to 6 h")
            << 429 << QByteArray("99999999999999") << qint64(21'600'000);
        QTest::newRow("503 http-date +90 s")
            << 503 << QByteArray("Tue, 14 Nov 2023 22:15:20 GMT") << qint64(90'000);
        QTest::newRow("429 garbage ignored") << 429 << QByteArray("soon") << scheduled;
        QTest::newRow("429 negative ignored") << 429 << QByteArray("-5") << scheduled;
        QTest::newRow("500 header ignored") << 500 << QByteArray("120") << scheduled;
        QTest::newRow("429 absent") << 429 << QByteArray() << scheduled;
    }

    void retryAfter()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, header);
        QFETCH(qint64, delayMs);
        const qint64 now = 1'700'000'030'000; // Tue, 14 Nov 2023 22:13:50 GMT
        QCOMPARE(pinned(0.5).delayAfterAttempt(1, 3, status, header, now).value_or(-1), delayMs);
    }

    void retryAfterDoesNotExtendRetriesBeyondTheLimit()
    {
        QVERIFY(!pinned(0.5).delayAfterAttempt(4, 3, 429, "10", 0).has_value());
    }
};

QTEST_GUILESS_MAIN(TestRetrySchedule)
#include "tst_retryschedule.moc"
