#include "TestSupport.h"

#include "registry/WebhookRegistry.h"
#include "secrets/SecretVault.h"
#include "storage/Database.h"

#include <QFile>
#include <QTest>

namespace hookline::test {

QByteArray testKey()
{
    return QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
}

QString testKeyHex()
{
    return QString::fromLatin1(testKey().toHex());
}

TestSession makeSession(const Clock *clock)
{
    TestSession t;
    t.dir = std::make_unique<QTemporaryDir>();
    if (!t.dir->isValid())
        qFatal("cannot create a temporary folder");
    t.databasePath = t.dir->filePath(QStringLiteral("test.sqlite"));
    auto db = Database::open(t.databasePath);
    if (!db)
        qFatal("%s", qPrintable(db.error().toString()));
    auto vault = SecretVault::withKey(testKey());
    WebhookRegistry::Options options;
    options.clock = clock;
    auto registry = WebhookRegistry::open(db.value(), vault, options);
    if (!registry)
        qFatal("%s", qPrintable(registry.error().toString()));
    t.session = std::make_shared<Session>();
    t.session->database = db.value();
    t.session->vault = vault;
    t.session->registry = registry.value();
    return t;
}

QByteArray readDatabaseFiles(const QString &databasePath)
{
    QByteArray all;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile f(databasePath + suffix);
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

} // namespace hookline::test
