#pragma once

#include "Clock.h"
#include "Result.h"

#include <QByteArray>
#include <QString>

namespace hookline {

// A certificate for a receiver on this machine: self-signed, valid for DNS:localhost,
// IP:127.0.0.1 and IP:::1, with an ECDSA P-256 key. Senders trust it by pinning its SHA-256
// fingerprint, not through a CA.
struct SelfSignedCertificate {
    QByteArray certificatePem;
    QByteArray privateKeyPem; // PKCS#8, unencrypted: store it like any other secret
    QByteArray sha256;        // digest of the DER certificate, 32 bytes

    // "AB:CD:…", the form browsers and `openssl x509 -fingerprint -sha256` show.
    QString fingerprint() const;

    // Valid from a day before clock.nowMs() (tolerating a skewed sender clock) for
    // `validityDays`; 825 days is the longest lifetime Apple platforms accept for TLS servers.
    static Result<SelfSignedCertificate> generate(const Clock &clock = *SystemClock::instance(),
                                                  int validityDays = 825);
};

// Colon-separated upper-case hex of a digest.
QString formatFingerprint(const QByteArray &digest);

// Whether the PEM private key belongs to the PEM certificate, so a mismatched pair the user
// loaded is refused with a clear message rather than failing every handshake.
bool privateKeyMatchesCertificate(const QByteArray &certificatePem, const QByteArray &keyPem);

} // namespace hookline
