#include "secrets/SecretVault.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hookline;

class TestSecretVault : public QObject {
    Q_OBJECT

private slots:
    void init()
    {
        qunsetenv("HOOKLINE_MASTER_KEY");
        qputenv("HOOKLINE_KEYCHAIN", "off");
    }

    void generatedSecretFormat()
    {
        static const QRegularExpression re(QStringLiteral("^whsec_[A-Za-z0-9+/]{43}=$"));
        QSet<QString> seen;
        for (int i = 0; i < 50; ++i) {
            const QString s = SecretVault::generateSigningSecret();
            QVERIFY2(re.match(s).hasMatch(), qPrintable(s.left(6)));
            QCOMPARE(QByteArray::fromBase64(s.mid(6).toLatin1()).size(), 32);
            seen.insert(s);
        }
        QCOMPARE(seen.size(), 50);
    }

    void prefix_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("prefix");
        QTest::newRow("whsec") << "whsec_a1b2c3d4e5f6g7h8"
                               << "whsec_a1b2c3";
        QTest::newRow("custom") << "my-own-secret-value"
                                << "my-o";
    }

    void prefix()
    {
        QFETCH(QString, secret);
        QFETCH(QString, prefix);
        QCOMPARE(SecretVault::secretPrefix(secret), prefix);
    }

    void parseKey_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("hex") << QString(64, QLatin1Char('a')) << true;
        QTest::newRow("hex upper") << QString(64, QLatin1Char('A')) << true;
        QTest::newRow("base64") << QString::fromLatin1(QByteArray(32, '\x01').toBase64()) << true;
        QTest::newRow("short hex") << QString(62, QLatin1Char('a')) << false;
        QTest::newRow("not hex") << QString(64, QLatin1Char('z')) << false;
        QTest::newRow("passphrase") << "correct horse battery staple" << false;
        QTest::newRow("empty") << "" << false;
    }

    void parseKey()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto key = SecretVault::parseKey(text);
        QCOMPARE(key.has_value(), valid);
        if (valid)
            QCOMPARE(key->size(), 32);
    }

    void sealedSecretsOpenOnlyInTheirContext()
    {
        auto vault = SecretVault::withKey(QByteArray(32, '\x07'));
        const QByteArray sealed = vault->seal("whsec_abc", "webhook-secret:1");
        QVERIFY(!sealed.contains("whsec_abc"));
        QCOMPARE(vault->open(sealed, "webhook-secret:1").value_or(QByteArray()),
                 QByteArray("whsec_abc"));
        QVERIFY(!vault->open(sealed, "webhook-secret:2"));
        auto other = SecretVault::withKey(QByteArray(32, '\x08'));
        QVERIFY(!other->open(sealed, "webhook-secret:1"));
        QVERIFY(vault->keyCheck() != other->keyCheck());
        QVERIFY(!vault->keyCheck().contains(QByteArray(32, '\x07').toHex()));
    }

    void keyFromEnvironment()
    {
        const QByteArray key(32, '\x11');
        qputenv("HOOKLINE_MASTER_KEY", key.toHex());
        auto vault = SecretVault::open({});
        QVERIFY2(vault.ok(), qPrintable(vault.error().toString()));
        QCOMPARE(vault.value()->source(), KeySource::Environment);
        QCOMPARE(vault.value()->keyCheck(), SecretVault::withKey(key)->keyCheck());
        QVERIFY(
            vault.value()->protectionDescription().contains(QStringLiteral("HOOKLINE_MASTER_KEY")));
    }

    void badEnvironmentKeyNamesTheVariableAndTheFix()
    {
        qputenv("HOOKLINE_MASTER_KEY", "too-short");
        auto vault = SecretVault::open({});
        QVERIFY(!vault.ok());
        QCOMPARE(vault.error().code, ErrorCode::KeyUnavailable);
        QCOMPARE(vault.error().field, QStringLiteral("HOOKLINE_MASTER_KEY"));
        QVERIFY(vault.error().message.contains(QStringLiteral("openssl rand -hex 32")));
    }

    void keyFileIsCreatedOwnerOnlyAndReused()
    {
        QTemporaryDir dir;
        SecretVault::Options options;
        options.useKeychain = false;
        options.keyFilePath = dir.filePath(QStringLiteral("sub/master.key"));
        auto first = SecretVault::open(options);
        QVERIFY2(first.ok(), qPrintable(first.error().toString()));
        QCOMPARE(first.value()->source(), KeySource::KeyFile);
        const auto perms = QFile::permissions(options.keyFilePath);
        QCOMPARE(perms & ~(QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ReadOwner |
                           QFileDevice::WriteOwner),
                 QFileDevice::Permissions());
        auto second = SecretVault::open(options);
        QVERIFY(second.ok());
        QCOMPARE(second.value()->keyCheck(), first.value()->keyCheck());
    }

    void looseKeyFilePermissionsAreRefusedWithTheFix()
    {
        QTemporaryDir dir;
        SecretVault::Options options;
        options.useKeychain = false;
        options.keyFilePath = dir.filePath(QStringLiteral("master.key"));
        QVERIFY(SecretVault::open(options).ok());
        QFile::setPermissions(options.keyFilePath, QFileDevice::ReadOwner |
                                                       QFileDevice::WriteOwner |
                                                       QFileDevice::ReadOther);
        auto vault = SecretVault::open(options);
        QVERIFY(!vault.ok());
        QVERIFY(vault.error().message.contains(QStringLiteral("chmod 600")));
    }

    void aSealedDatabaseNeverGetsANewKey()
    {
        // Secrets were sealed with a key that is nowhere to be found now (the keychain did not
        // answer, or the key file was lost): an error naming the ways out, and no new key file
        // that would shadow the real key from then on.
        QTemporaryDir dir;
        SecretVault::Options options;
        options.useKeychain = false;
        options.keyFilePath = dir.filePath(QStringLiteral("master.key"));
        options.databaseIsSealed = true;
        auto vault = SecretVault::open(options);
        QVERIFY(!vault.ok());
        QCOMPARE(vault.error().code, ErrorCode::KeyUnavailable);
        QVERIFY(vault.error().message.contains(QStringLiteral("HOOKLINE_MASTER_KEY")));
        QVERIFY(vault.error().message.contains(QDir::toNativeSeparators(options.keyFilePath)));
        QVERIFY(!QFile::exists(options.keyFilePath));
        // An unsealed database gets its key file as before.
        options.databaseIsSealed = false;
        QVERIFY(SecretVault::open(options).ok());
        QVERIFY(QFile::exists(options.keyFilePath));
    }

    void corruptKeyFileIsAnErrorNotANewKey()
    {
        QTemporaryDir dir;
        SecretVault::Options options;
        options.useKeychain = false;
        options.keyFilePath = dir.filePath(QStringLiteral("master.key"));
        QFile f(options.keyFilePath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("garbage");
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        auto vault = SecretVault::open(options);
        QVERIFY(!vault.ok());
        QCOMPARE(vault.error().code, ErrorCode::KeyUnavailable);
        QFile again(options.keyFilePath);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(again.readAll(), QByteArray("garbage")); // never overwritten
    }
};

QTEST_GUILESS_MAIN(TestSecretVault)
#include "tst_secretvault.moc"
