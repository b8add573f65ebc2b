#include "WebhookSigner.h"

#include "registry/WebhookRegistry.h"
#include "secrets/Crypto.h"

namespace hookline {

namespace {

const QLatin1String kWhsecPrefix("whsec_");

QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

Error signError(ErrorCode code, const char *field, const QString &message)
{
    return Error{code, QString::fromLatin1(field), message};
}

} // namespace

std::optional<QByteArray> WebhookSigner::decodeWhsec(const QString &secret)
{
    if (!secret.startsWith(kWhsecPrefix))
        return std::nullopt;
    const QByteArray encoded = secret.mid(kWhsecPrefix.size()).toUtf8();
    auto decoded = QByteArray::fromBase64Encoding(encoded, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return std::nullopt;
    return std::move(decoded.decoded);
}

QByteArray WebhookSigner::hmacKey(SignatureScheme scheme, const QString &secret)
{
    if (scheme == SignatureScheme::StandardWebhooks) {
        if (auto key = decodeWhsec(secret))
            return *key;
    }
    return secret.toUtf8();
}

QByteArray WebhookSigner::bodyMac(const QByteArray &key, const QByteArray &body)
{
    return crypto::hmacSha256WithKeyCache(key, body);
}

QByteArray WebhookSigner::standardWebhooksMac(const QByteArray &key, const QByteArray &id,
                                              qint64 timestampSeconds, const QByteArray &body)
{
    QByteArray content;
    content.reserve(id.size() + 24 + body.size());
    content.append(id).append('.').append(number(timestampSeconds)).append('.').append(body);
    return crypto::hmacSha256WithKeyCache(key, content);
}

QByteArray WebhookSigner::stripeMac(const QByteArray &key, qint64 timestampSeconds,
                                    const QByteArray &body)
{
    QByteArray content;
    content.reserve(24 + body.size());
    content.append(number(timestampSeconds)).append('.').append(body);
    return crypto::hmacSha256WithKeyCache(key, content);
}

QByteArray WebhookSigner::headerValue(SignatureScheme scheme, const QString &secret,
                                      const QByteArray &id, qint64 timestampSeconds,
                                      const QByteArray &body)
{
    const QByteArray key = hmacKey(scheme, secret);
    switch (scheme) {
    case SignatureScheme::XWebhookSignature:
        return bodyMac(key, body).toHex();
    case SignatureScheme::GitHub:
        return QByteArrayLiteral("sha256=").append(bodyMac(key, body).toHex());
    case SignatureScheme::StandardWebhooks:
        return QByteArrayLiteral("v1,").append(
            standardWebhooksMac(key, id, timestampSeconds, body).toBase64());
    case SignatureScheme::Stripe:
        return QByteArrayLiteral("t=")
            .append(number(timestampSeconds))
            .append(",v1=")
            .append(stripeMac(key, timestampSeconds, body).toHex());
    case SignatureScheme::None:
        break;
    }
    return {};
}

Result<RawHeaderList> WebhookSigner::sign(SignatureScheme scheme, const QStringList &secrets,
                                          const QString &deliveryId, qint64 timestampSeconds,
                                          const QByteArray &body)
{
    using namespace signing_headers;
    if (scheme == SignatureScheme::None)
        return RawHeaderList{};
    if (secrets.isEmpty())
        return signError(ErrorCode::InvalidSecret, "secret",
                         QStringLiteral("The webhook has no valid signing secret for scheme %1; "
                                        "rotate its secret to create one.")
                             .arg(schemeName(scheme)));
    for (const QString &s : secrets)
        if (s.isEmpty())
            return signError(ErrorCode::InvalidSecret, "secret",
                             QStringLiteral("A signing secret is empty; Hookline never signs "
                                            "with an empty key. Rotate the webhook's secret."));
    if (timestampSeconds < 0)
        return signError(ErrorCode::InvalidArgument, "timestamp",
                         QStringLiteral("Signing timestamp %1 is negative.").arg(timestampSeconds));

    RawHeaderList headers;
    switch (scheme) {
    case SignatureScheme::XWebhookSignature:
    case SignatureScheme::GitHub: {
        const bool gh = scheme == SignatureScheme::GitHub;
        headers.append({QByteArray(gh ? HubSignature256 : XWebhookSignature),
                        headerValue(scheme, secrets.at(0), {}, timestampSeconds, body)});
        if (secrets.size() > 1)
            headers.append({QByteArray(gh ? HubSignature256Previous : XWebhookSignaturePrevious),
                            headerValue(scheme, secrets.at(1), {}, timestampSeconds, body)});
        break;
    }
    case SignatureScheme::StandardWebhooks: {
        if (deliveryId.isEmpty())
            return signError(ErrorCode::InvalidArgument, "id",
                             QStringLiteral("standard-webhooks needs a delivery id to sign."));
        const QByteArray id = deliveryId.toUtf8();
        QByteArray value;
        for (const QString &secret : secrets) {
            if (!value.isEmpty())
                value.append(' ');
            value.append(headerValue(scheme, secret, id, timestampSeconds, body));
        }
        headers.append({QByteArray(WebhookId), id});
        headers.append({QByteArray(WebhookTimestamp), number(timestampSeconds)});
        headers.append({QByteArray(WebhookSignature), value});
        break;
    }
    case SignatureScheme::Stripe: {
        QByteArray value = QByteArrayLiteral("t=").append(number(timestampSeconds));
        for (const QString &secret : secrets)
            value.append(",v1=").append(
                stripeMac(hmacKey(scheme, secret), timestampSeconds, body).toHex());
        headers.append({QByteArray(StripeSignature), value});
        break;
    }
    case SignatureScheme::None:
        break;
    }
    return headers;
}

Result<RawHeaderList> WebhookSigner::sign(SignatureScheme scheme, const QList<SigningKey> &keys,
                                          const QString &deliveryId, qint64 timestampSeconds,
                                          const QByteArray &body)
{
    QStringList secrets;
    secrets.reserve(keys.size());
    for (const SigningKey &k : keys)
        secrets.append(k.secret);
    return sign(scheme, secrets, deliveryId, timestampSeconds, body);
}

} // namespace hookline
