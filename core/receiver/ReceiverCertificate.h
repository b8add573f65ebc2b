#pragma once

#include "Clock.h"
#include "Result.h"
#include "http/HttpServer.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace hookline {

class Database;
class SecretVault;

// The certificate an HTTPS receiver presents: either Hookline's own self-signed one for
// localhost/127.0.0.1/::1 (generated on first use and kept with the database, its private key
// sealed by the SecretVault, never in plaintext), or a certificate and key the user loads from
// PEM files. Senders trust the self-signed one by pinning its SHA-256 fingerprint.
struct ReceiverCertificate {
    enum class Origin { Generated, Stored, Files };

    QSslCertificate certificate = QSslCertificate();
    QSslKey privateKey;
    QList<QSslCertificate> intermediates;
    QByteArray sha256; // of the DER leaf certificate
    Origin origin = Origin::Stored;
    // For people: where it came from ("generated now and kept in the database", a file path).
    QString description;

    // "AB:CD:…", as browsers and openssl show it; for the user to compare and copy.
    QString fingerprint() const;
    // 64 lower-case hex digits, the form a webhook's pinnedCertSha256 stores.
    QString pin() const;
    HttpTlsCredentials credentials() const;

    // The kept self-signed certificate, generated (and kept) when there is none yet, when it
    // expires within a day, or when its key cannot be opened with this vault's key (a database
    // moved to another data key). Safe against another process doing the same at once.
    static Result<ReceiverCertificate>
    loadOrGenerate(const Database &database, const SecretVault &vault,
                   const Clock &clock = *SystemClock::instance());
    // The user's own certificate (chain) and unencrypted private key, PEM. INVALID_ARGUMENT with
    // what to fix: unreadable file, no certificate, an encrypted or unsupported key, a key that
    // does not belong to the certificate.
    static Result<ReceiverCertificate> fromPemFiles(const QString &certificatePath,
                                                    const QString &keyPath);
    static Result<ReceiverCertificate> fromPem(const QByteArray &certificatePem,
                                               const QByteArray &keyPem);
};

} // namespace hookline
