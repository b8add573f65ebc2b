#pragma once

#include "Result.h"
#include "model/Webhook.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace hookline {

struct SigningKey;

// HTTP headers as raw bytes, in the order they are to be sent.
using RawHeaderList = QList<QPair<QByteArray, QByteArray>>;

// The header names the signing schemes write, spelled as they are sent.
namespace signing_headers {
inline constexpr char XWebhookSignature[] = "X-Webhook-Signature";
inline constexpr char XWebhookSignaturePrevious[] = "X-Webhook-Signature-Previous";
inline constexpr char WebhookId[] = "webhook-id";
inline constexpr char WebhookTimestamp[] = "webhook-timestamp";
inline constexpr char WebhookSignature[] = "webhook-signature";
inline constexpr char HubSignature256[] = "X-Hub-Signature-256";
inline constexpr char HubSignature256Previous[] = "X-Hub-Signature-256-Previous";
inline constexpr char StripeSignature[] = "Stripe-Signature";
} // namespace signing_headers

// Computes the signature headers of one delivery. Pure: no clock, no I/O; the caller passes the
// timestamp. All HMACs are HMAC-SHA256 through crypto::hmacSha256WithKeyCache.
//
//   x-webhook-signature  X-Webhook-Signature: <lowercase hex HMAC(body)>
//                        X-Webhook-Signature-Previous: same, with the previous secret
//   standard-webhooks    webhook-id: <delivery id>
//                        webhook-timestamp: <unix seconds>
//                        webhook-signature: v1,<base64 HMAC("{id}.{timestamp}.{body}")> [space
//                        v1,<...> for each further valid secret]
//   github               X-Hub-Signature-256: sha256=<lowercase hex HMAC(body)>
//                        X-Hub-Signature-256-Previous: same, with the previous secret
//   stripe               Stripe-Signature: t=<unix seconds>,v1=<hex HMAC("{t}.{body}")>[,v1=...]
//   none                 nothing
//
// Keys: the secret's UTF-8 bytes exactly as shown to the user, except under standard-webhooks,
// where the key is the base64-decoded part after "whsec_" (as the Standard Webhooks libraries
// do). A standard-webhooks secret without the "whsec_" prefix, or whose remainder is not valid
// base64, is used as raw UTF-8 bytes instead; WebhookRules never lets such a secret be stored
// for a standard-webhooks webhook, so this only matters for secrets typed into a receiver.
class WebhookSigner {
public:
    // `secrets`: the valid secrets, newest first (the current one, then any previous one still
    // inside its rotation overlap window). Single-signature schemes sign the main header with
    // secrets[0] and the -Previous header with secrets[1]; later secrets are not used. Multi-
    // signature schemes (standard-webhooks, stripe) carry one signature per secret, in order.
    // Fails (InvalidSecret) when a signing scheme has no secret or an empty one, and
    // (InvalidArgument) on a negative timestamp or, under standard-webhooks, an empty id.
    static Result<RawHeaderList> sign(SignatureScheme scheme, const QStringList &secrets,
                                      const QString &deliveryId, qint64 timestampSeconds,
                                      const QByteArray &body);
    // The same, with the registry's signing keys (WebhookRegistry::signingKeys()).
    static Result<RawHeaderList> sign(SignatureScheme scheme, const QList<SigningKey> &keys,
                                      const QString &deliveryId, qint64 timestampSeconds,
                                      const QByteArray &body);

    // The HMAC key a secret stands for under `scheme` (see the class comment).
    static QByteArray hmacKey(SignatureScheme scheme, const QString &secret);
    // For standard-webhooks: the key bytes of "whsec_<base64>", or nullopt when `secret` has no
    // prefix or its remainder is not strict, non-empty base64.
    static std::optional<QByteArray> decodeWhsec(const QString &secret);

    // The raw HMAC of each scheme's signed content, given the key from hmacKey().
    static QByteArray bodyMac(const QByteArray &key, const QByteArray &body);
    static QByteArray standardWebhooksMac(const QByteArray &key, const QByteArray &id,
                                          qint64 timestampSeconds, const QByteArray &body);
    static QByteArray stripeMac(const QByteArray &key, qint64 timestampSeconds,
                                const QByteArray &body);

    // One signature header value with one secret, as the scheme writes it:
    // "<hex>", "sha256=<hex>", "v1,<base64>", "t=<t>,v1=<hex>". Empty for none.
    static QByteArray headerValue(SignatureScheme scheme, const QString &secret,
                                  const QByteArray &id, qint64 timestampSeconds,
                                  const QByteArray &body);
};

} // namespace hookline
