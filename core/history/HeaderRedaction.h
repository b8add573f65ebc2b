#pragma once

#include "delivery/DeliveryStore.h"
#include "http/HttpRequest.h"

#include <QByteArray>

namespace hookline {

// Which stored request headers carry something secret-bearing, and their display form.
//
// Credentials (Authorization, Proxy-Authorization, cookies, and header names that say key, token,
// secret or password) are stored already redacted by the dispatcher and the receiver; they are
// redacted again here in case a value slipped through. Signature values are stored as sent (the
// cURL copy needs them) and are only valid for one body and timestamp, but a signature without a
// timestamp (x-webhook-signature, github) lets anyone replay that request for as long as the secret
// lives: display and export hide them unless the caller asks.
class HeaderRedaction {
public:
    static inline const QByteArray Placeholder = QByteArrayLiteral("[redacted]");

    static bool isSignatureHeader(const QByteArray &name);
    static bool isCredentialHeader(const QByteArray &name);
    // "[redacted]" already in the value (the dispatcher's "Bearer [redacted]").
    static bool isRedacted(const QByteArray &value);

    // Credentials always redacted; signature values too unless `revealSignatures`.
    static HeaderPairs redact(const HeaderPairs &headers, bool revealSignatures);
    // One credential value in redacted form, keeping an auth scheme word ("Bearer [redacted]").
    static QByteArray redactedCredential(const QByteArray &value);
    // Received headers with every credential value redacted (the local receiver's requests).
    static HttpHeaders redactCredentials(const HttpHeaders &headers);
};

} // namespace hookline
