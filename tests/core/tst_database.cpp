#include "storage/Database.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace hookline;

class TestDatabase : public QObject {
    Q_OBJECT

private slots:
    void migratesToLatestAndIsIdempotent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a/b/hookline.sqlite"));
        {
            auto db = Database::open(path);
            QVERIFY2(db.ok(), qPrintable(db.error().toString()));
            QCOMPARE(db.value()->schemaVersion(), Database::latestSchemaVersion());
            QSqlQuery q(db.value()->connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")));
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO event_types(name, created_at) VALUES('keep.me', 1)")));
        }
        auto again = Database::open(path);
        QVERIFY(again.ok());
        QCOMPARE(again.value()->schemaVersion(), Database::latestSchemaVersion());
        QSqlQuery q(again.value()->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM event_types")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1); // data survives reopening
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("h.sqlite"));
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QVERIFY(
                db.value()->setMeta(QStringLiteral("schema_version"), QStringLiteral("999")).ok());
        }
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY(db.error().message.contains(QStringLiteral("newer")));
    }

    void badPathsAreClearErrors_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("empty") << "empty";
        QTest::newRow("folder") << "folder";
        QTest::newRow("not a database") << "garbage";
    }

    void badPathsAreClearErrors()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        QString path;
        if (kind == QLatin1String("folder")) {
            path = dir.path();
        } else if (kind == QLatin1String("garbage")) {
            path = dir.filePath(QStringLiteral("notes.txt"));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(4096, 'x'));
        }
        auto db = Database::open(path);
        QVERIFY(!db.ok());
        QVERIFY(!db.error().message.isEmpty());
        if (kind == QLatin1String("garbage")) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(f.readAll(), QByteArray(4096, 'x')); // the user's file is untouched
        }
    }

    void eachThreadGetsItsOwnConnection()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("h.sqlite")));
        QVERIFY(db.ok());
        const QString mine = db.value()->connection().connectionName();
        QString theirs;
        bool wrote = false;
        QThread *t = QThread::create([&] {
            QSqlDatabase c = db.value()->connection();
            theirs = c.connectionName();
            QSqlQuery q(c);
            wrote = q.exec(QStringLiteral(
                "INSERT INTO event_types(name, created_at) VALUES('from.thread', 1)"));
        });
        t->start();
        QVERIFY(t->wait(10000));
        delete t;
        QVERIFY(wrote);
        QVERIFY(mine != theirs);
        QCOMPARE(db.value()->connection().connectionName(), mine);
    }

    // Thread ids are reused once a thread ends; a new thread must still get a working
    // connection of its own, not the finished thread's.
    void threadsThatComeAndGoAlwaysGetAWorkingConnection()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("h.sqlite")));
        QVERIFY(db.ok());
        int wrote = 0;
        for (int i = 0; i < 20; ++i) {
            QThread *t = QThread::create([&, i] {
                QSqlQuery q(db.value()->connection());
                q.prepare(QStringLiteral("INSERT INTO event_types(name, created_at) VALUES(?, 1)"));
                q.addBindValue(QStringLiteral("t.%1").arg(i));
                if (q.exec())
                    ++wrote;
            });
            t->start();
            QVERIFY(t->wait(10000));
            delete t;
        }
        QCOMPARE(wrote, 20);
    }

    void writeTransactionRollsBackUnlessCommitted()
    {
        QTemporaryDir dir;
        auto db = Database::open(dir.filePath(QStringLiteral("h.sqlite")));
        QVERIFY(db.ok());
        {
            WriteTransaction tx(db.value()->connection());
            QVERIFY(tx.begun());
            QSqlQuery q(db.value()->connection());
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO event_types(name, created_at) VALUES('gone', 1)")));
        }
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM event_types")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
