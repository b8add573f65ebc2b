#include "secrets/Crypto.h"

#include <QSet>
#include <QTest>

#include <thread>

using namespace hookline;

class TestCrypto : public QObject {
    Q_OBJECT

private slots:
    // RFC 4231 test vectors for HMAC-SHA256.
    void hmacSha256_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("hex");
        QTest::newRow("rfc4231 case 1")
            << QByteArray(20, '\x0b') << QByteArray("Hi There")
            << QByteArray("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        QTest::newRow("rfc4231 case 2")
            << QByteArray("Jefe") << QByteArray("what do ya want for nothing?")
            << QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        QTest::newRow("rfc4231 case 3")
            << QByteArray(20, '\xaa') << QByteArray(50, '\xdd')
            << QByteArray("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
        QTest::newRow("rfc4231 case 6 long key")
            << QByteArray(131, '\xaa')
            << QByteArray("Test Using Larger Than Block-Size Key - Hash Key First")
            << QByteArray("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
        QTest::newRow("empty key and data")
            << QByteArray() << QByteArray()
            << QByteArray("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    }

    void hmacSha256()
    {
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, hex);
        QCOMPARE(crypto::hmacSha256(key, data).toHex(), hex);
        QCOMPARE(crypto::hmacSha256WithKeyCache(key, data).toHex(), hex);
        QCOMPARE(crypto::hmacSha256WithKeyCache(key, data).toHex(), hex); // from the cache
    }

    // hmacSha256WithKeyCache keeps keyed contexts per thread for recent keys: interleaved keys,
    // more keys than it keeps, the same key with different data, and other threads all get the
    // MAC of their own key and data, the same as the uncached hmacSha256.
    void hmacSha256KeyedContextsHoldNoState()
    {
        const QByteArray vectorKey = "Jefe";
        const QByteArray vectorData = "what do ya want for nothing?";
        const QByteArray vectorHex =
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        QList<QByteArray> keys;
        for (int i = 0; i < 20; ++i)
            keys << QByteArray("key-") + QByteArray::number(i);
        QList<QByteArray> first;
        for (const QByteArray &key : std::as_const(keys))
            first << crypto::hmacSha256WithKeyCache(key, "payload");
        QCOMPARE(QSet<QByteArray>(first.begin(), first.end()).size(), keys.size());
        for (int round = 0; round < 3; ++round) {
            for (qsizetype i = keys.size() - 1; i >= 0; --i) {
                QCOMPARE(crypto::hmacSha256WithKeyCache(keys.at(i), "payload"), first.at(i));
                QCOMPARE(crypto::hmacSha256(keys.at(i), "payload"), first.at(i));
                QCOMPARE(crypto::hmacSha256WithKeyCache(vectorKey, vectorData).toHex(), vectorHex);
                QCOMPARE(crypto::hmacSha256WithKeyCache(keys.at(i), "other payload"),
                         crypto::hmacSha256(keys.at(i), "other payload"));
                QVERIFY(crypto::hmacSha256WithKeyCache(keys.at(i), "other payload") != first.at(i));
            }
        }
        QByteArray fromThread;
        std::thread other(
            [&] { fromThread = crypto::hmacSha256WithKeyCache(vectorKey, vectorData).toHex(); });
        other.join();
        QCOMPARE(fromThread, vectorHex);
    }

    void sha256()
    {
        QCOMPARE(crypto::sha256("abc").toHex(),
                 QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    void constantTimeEquals()
    {
        QVERIFY(crypto::constantTimeEquals("abc", "abc"));
        QVERIFY(!crypto::constantTimeEquals("abc", "abd"));
        QVERIFY(!crypto::constantTimeEquals("abc", "abcd"));
        QVERIFY(crypto::constantTimeEquals(QByteArray(), QByteArray()));
    }

    void randomBytesDiffer()
    {
        const QByteArray a = crypto::randomBytes(32);
        const QByteArray b = crypto::randomBytes(32);
        QCOMPARE(a.size(), 32);
        QVERIFY(a != b);
    }

    void gcmRoundTrip()
    {
        const QByteArray key = crypto::randomBytes(32);
        const QByteArray plain = "whsec_the-secret";
        const QByteArray sealed = crypto::aesGcmSeal(key, plain, "ctx");
        QCOMPARE(sealed.size(), crypto::GcmNonceSize + plain.size() + crypto::GcmTagSize);
        QVERIFY(!sealed.contains(plain));
        QCOMPARE(crypto::aesGcmOpen(key, sealed, "ctx").value_or(QByteArray()), plain);
        // A fresh nonce each time: the same plaintext never seals to the same bytes.
        QVERIFY(crypto::aesGcmSeal(key, plain, "ctx") != sealed);
    }

    void gcmRejectsTampering_data()
    {
        QTest::addColumn<int>("flip");
        QTest::newRow("nonce") << 0;
        QTest::newRow("ciphertext") << crypto::GcmNonceSize + 1;
        QTest::newRow("tag") << -1;
    }

    void gcmRejectsTampering()
    {
        QFETCH(int, flip);
        const QByteArray key = crypto::randomBytes(32);
        QByteArray sealed = crypto::aesGcmSeal(key, "payload", "ctx");
        const int at = flip < 0 ? int(sealed.size()) - 1 : flip;
        sealed[at] = char(sealed.at(at) ^ 0x01);
        QVERIFY(!crypto::aesGcmOpen(key, sealed, "ctx").has_value());
    }

    void gcmRejectsWrongKeyOrContext()
    {
        const QByteArray key = crypto::randomBytes(32);
        const QByteArray sealed = crypto::aesGcmSeal(key, "payload", "webhook-secret:a");
        QVERIFY(
            !crypto::aesGcmOpen(crypto::randomBytes(32), sealed, "webhook-secret:a").has_value());
        QVERIFY(!crypto::aesGcmOpen(key, sealed, "webhook-secret:b").has_value());
        QVERIFY(!crypto::aesGcmOpen(key, sealed.left(10), "webhook-secret:a").has_value());
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
