#pragma once

#include "model/Webhook.h"
#include "signing/WebhookSigner.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace hookline {

struct SigningKey;

// One secret a receiver tries. The label names it in verdicts ("whsec_abc123… (current)"); it
// must never contain the secret itself. An empty label becomes the secret's public prefix.
struct VerificationSecret {
    QString secret;
    QString label;

    // Label: the key's prefix and whether it is the current or a previous secret.
    static VerificationSecret fromSigningKey(const SigningKey &key);
    static QList<VerificationSecret> fromSigningKeys(const QList<SigningKey> &keys);
};

// The outcome of checking one request's signature, for a person and for scripts.
struct Verdict {
    enum class Outcome {
        Verified,
        HeaderMissing,
        HeaderMalformed,
        TimestampOutOfTolerance,
        SignatureMismatch,
        BodyReencoded,
        NoSecrets,
        NotChecked, // scheme none: there is nothing to verify
    };

    Outcome outcome = Outcome::NotChecked;
    // The secret whose signature matched: set for Verified and BodyReencoded, and for
    // TimestampOutOfTolerance when the signature itself was valid.
    QString secretLabel;
    // The header the verdict is about (e.g. "webhook-timestamp"); empty when none applies.
    QString header;
    // What happened and what to do about it. Never contains a secret or the expected value.
    QString message;
    // now - timestamp in seconds (positive: the timestamp is in the past), for the timestamped
    // schemes once their timestamp could be read.
    std::optional<qint64> skewSeconds;
    // The header value the first (current) secret produces for this request, as the scheme
    // writes it; empty when it cannot be computed (no secrets, missing id or timestamp). Show it
    // only when the user asks.
    QByteArray expected;

    bool verified() const { return outcome == Outcome::Verified; }
    // Stable snake_case names for machine output: "verified", "header_missing",
    // "header_malformed", "timestamp_out_of_tolerance", "signature_mismatch", "body_reencoded",
    // "no_secrets", "not_checked".
    static QString outcomeName(Outcome outcome);
    QString outcomeName() const { return outcomeName(outcome); }
};

inline constexpr qint64 DefaultSignatureToleranceSeconds = 300;
// Longest header value considered; a longer one is reported as malformed without parsing it.
inline constexpr qsizetype MaxSignatureHeaderBytes = 8 * 1024;

// One scheme's secrets made ready to check requests with: each secret's label and the HMAC keys
// it may stand for, worked out once instead of for every request a receiver checks.
struct VerificationKeys {
    struct Candidate {
        QString label;
        QList<QByteArray> keys;
    };
    SignatureScheme scheme = SignatureScheme::None;
    QList<VerificationSecret> secrets;
    QList<Candidate> candidates; // one per secret, in the same order

    static VerificationKeys prepare(SignatureScheme scheme,
                                    const QList<VerificationSecret> &secrets);
};

// Checks a received request against the scheme's signature headers (see WebhookSigner for the
// formats). Pure and thread-safe: the caller injects the current time. Every comparison of a
// signature is constant-time (crypto::constantTimeEquals on the decoded MAC bytes).
//
// Order of checks: scheme none -> NotChecked; no secrets -> NoSecrets; missing headers ->
// HeaderMissing; any present signature header unparsable (including a -Previous one) ->
// HeaderMalformed; |now - timestamp| > tolerance, past or future (exactly the tolerance passes)
// -> TimestampOutOfTolerance; a signature matching the raw body -> Verified; one matching a
// re-encoding of a JSON body (whitespace stripped in place, or QJsonDocument's compact or
// indented form) -> BodyReencoded; otherwise SignatureMismatch. The tolerance applies to
// standard-webhooks and stripe (which carry timestamps); a negative tolerance counts as 0.
//
// Header names are matched case-insensitively; the first occurrence of a name is used and its
// value is trimmed of surrounding whitespace. Hex is accepted in either case. x-webhook-signature
// and github also accept their -Previous header: the request verifies when any present header
// matches any secret. standard-webhooks entries other than "v1," (e.g. "v1a,") are ignored, as
// the Standard Webhooks libraries do; a header without any v1 entry is malformed. stripe items
// other than t= and v1= (e.g. v0=) are ignored. A standard-webhooks secret without "whsec_" is
// tried both as raw UTF-8 bytes (as the signer keys it) and, if it is valid base64, decoded (as
// the Standard Webhooks libraries treat a secret pasted without its prefix).
class SignatureVerifier {
public:
    // `computeExpected`: fill Verdict::expected, which costs one more HMAC per request; a
    // receiver that shows it only when asked passes false and asks again when it is wanted.
    static Verdict verify(SignatureScheme scheme, const QList<VerificationSecret> &secrets,
                          const RawHeaderList &headers, const QByteArray &body, qint64 nowSeconds,
                          qint64 toleranceSeconds = DefaultSignatureToleranceSeconds,
                          bool computeExpected = true);
    // The same with keys prepared once (VerificationKeys::prepare).
    static Verdict verify(const VerificationKeys &keys, const RawHeaderList &headers,
                          const QByteArray &body, qint64 nowSeconds,
                          qint64 toleranceSeconds = DefaultSignatureToleranceSeconds,
                          bool computeExpected = true);
};

} // namespace hookline
