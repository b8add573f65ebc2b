#include "ReceiverCertificate.h"

#include "http/SelfSignedCertificate.h"
#include "secrets/SecretVault.h"
#include "storage/Database.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>

namespace hookline {

namespace {

const QString kCertificateKey = QStringLiteral("receiver.tls.certificate");
const QString kSealedKeyKey = QStringLiteral("receiver.tls.key_sealed");
const QByteArray kSealContext = QByteArrayLiteral("hookline:receiver-tls-key:v1");
constexpr qint64 kRenewBeforeMs = 24LL * 3600 * 1000;

Error invalid(const QString &field, const QString &message)
{
    return Error{ErrorCode::InvalidArgument, field, message};
}

Result<QByteArray> readFile(const QString &path, const QString &field)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return invalid(field, QStringLiteral("Cannot read %1: %2.").arg(path, file.errorString()));
    // Certificates and keys are small; a huge file is a wrong path.
    const QByteArray data = file.read(1024 * 1024);
    return data;
}

QSslKey parseKey(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Ec, QSsl::Rsa, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

} // namespace

QString ReceiverCertificate::fingerprint() const
{
    return formatFingerprint(sha256);
}

QString ReceiverCertificate::pin() const
{
    return QString::fromLatin1(sha256.toHex());
}

HttpTlsCredentials ReceiverCertificate::credentials() const
{
    return HttpTlsCredentials{certificate, privateKey, intermediates};
}

Result<ReceiverCertificate> ReceiverCertificate::fromPem(const QByteArray &certificatePem,
                                                         const QByteArray &keyPem)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return invalid(QStringLiteral("certificate"),
                       QStringLiteral("No PEM certificate found (expected \"-----BEGIN "
                                      "CERTIFICATE-----\")."));
    if (keyPem.contains("ENCRYPTED"))
        return invalid(QStringLiteral("key"),
                       QStringLiteral("The private key is protected by a passphrase; write an "
                                      "unencrypted copy (openssl pkey -in key.pem -out "
                                      "key-plain.pem) and keep it readable only by you."));
    const QSslKey key = parseKey(keyPem);
    if (key.isNull())
        return invalid(QStringLiteral("key"),
                       QStringLiteral("No usable PEM private key found; Hookline reads RSA, EC "
                                      "and DSA keys (\"-----BEGIN PRIVATE KEY-----\")."));
    if (!privateKeyMatchesCertificate(chain.first().toPem(), keyPem))
        return invalid(QStringLiteral("key"),
                       QStringLiteral("The private key does not belong to the certificate; load "
                                      "the key the certificate was issued for."));
    ReceiverCertificate out;
    out.certificate = chain.first();
    out.intermediates = chain.mid(1);
    out.privateKey = key;
    out.sha256 = out.certificate.digest(QCryptographicHash::Sha256);
    out.origin = Origin::Files;
    return out;
}

Result<ReceiverCertificate> ReceiverCertificate::fromPemFiles(const QString &certificatePath,
                                                              const QString &keyPath)
{
    auto certificatePem = readFile(certificatePath, QStringLiteral("certificate"));
    if (!certificatePem)
        return certificatePem.error();
    auto keyPem = readFile(keyPath, QStringLiteral("key"));
    if (!keyPem)
        return keyPem.error();
    auto loaded = fromPem(certificatePem.value(), keyPem.value());
    if (!loaded)
        return Error{
            loaded.error().code, loaded.error().field,
            QStringLiteral("%1 / %2: %3").arg(certificatePath, keyPath, loaded.error().message)};
    ReceiverCertificate out = std::move(loaded).value();
    out.description = QStringLiteral("loaded from %1").arg(certificatePath);
    return out;
}

Result<ReceiverCertificate> ReceiverCertificate::loadOrGenerate(const Database &database,
                                                                const SecretVault &vault,
                                                                const Clock &clock)
{
    // The write lock first: two processes starting HTTPS receivers at once must end up with
    // the same certificate.
    WriteTransaction tx(database.connection());
    if (!tx.begun())
        return Error{ErrorCode::StorageError, QStringLiteral("certificate"),
                     QStringLiteral("Cannot lock the database %1 to read the receiver "
                                    "certificate; is another program writing to it?")
                         .arg(database.path())};

    QString whyNew = QStringLiteral("generated on first use");
    const QByteArray storedCert = database.meta(kCertificateKey).toLatin1();
    const QByteArray storedKey = QByteArray::fromBase64(database.meta(kSealedKeyKey).toLatin1());
    if (!storedCert.isEmpty() && !storedKey.isEmpty()) {
        const std::optional<QByteArray> keyPem = vault.open(storedKey, kSealContext);
        auto stored = keyPem
                          ? fromPem(storedCert, *keyPem)
                          : Result<ReceiverCertificate>(Error{ErrorCode::KeyUnavailable, {}, {}});
        if (!keyPem) {
            whyNew = QStringLiteral("regenerated: the kept key could not be opened with this "
                                    "data key");
        } else if (!stored) {
            whyNew = QStringLiteral("regenerated: the kept certificate was unreadable");
        } else if (stored->certificate.expiryDate().toMSecsSinceEpoch() - clock.nowMs() <
                   kRenewBeforeMs) {
            whyNew = QStringLiteral("regenerated: the previous one expired");
        } else {
            ReceiverCertificate out = std::move(stored).value();
            out.origin = Origin::Stored;
            out.description = QStringLiteral("self-signed, kept in %1").arg(database.path());
            return out;
        }
    }

    auto generated = SelfSignedCertificate::generate(clock);
    if (!generated)
        return generated.error();
    auto made = fromPem(generated->certificatePem, generated->privateKeyPem);
    if (!made)
        return made.error();
    const QByteArray sealed = vault.seal(generated->privateKeyPem, kSealContext);
    if (Status s =
            database.setMeta(kCertificateKey, QString::fromLatin1(generated->certificatePem));
        !s)
        return s.error();
    if (Status s = database.setMeta(kSealedKeyKey, QString::fromLatin1(sealed.toBase64())); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    ReceiverCertificate out = std::move(made).value();
    out.origin = Origin::Generated;
    out.description = QStringLiteral("self-signed, %1 and kept in %2").arg(whyNew, database.path());
    return out;
}

} // namespace hookline
