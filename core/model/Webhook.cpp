#include "Webhook.h"

namespace hookline {

namespace {
struct SchemeEntry {
    SignatureScheme scheme;
    const char *name;
};
constexpr SchemeEntry kSchemes[] = {
    {SignatureScheme::XWebhookSignature, "x-webhook-signature"},
    {SignatureScheme::StandardWebhooks, "standard-webhooks"},
    {SignatureScheme::GitHub, "github"},
    {SignatureScheme::Stripe, "stripe"},
    {SignatureScheme::None, "none"},
};

struct AuthEntry {
    AuthType type;
    const char *name;
};
constexpr AuthEntry kAuthTypes[] = {
    {AuthType::None, "none"},
    {AuthType::Bearer, "bearer"},
    {AuthType::Basic, "basic"},
    {AuthType::ApiKey, "api_key"},
    {AuthType::CustomHeader, "custom_header"},
};
} // namespace

QString schemeName(SignatureScheme scheme)
{
    for (const auto &e : kSchemes)
        if (e.scheme == scheme)
            return QString::fromLatin1(e.name);
    return {};
}

std::optional<SignatureScheme> schemeFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    for (const auto &e : kSchemes)
        if (n == QLatin1String(e.name))
            return e.scheme;
    return std::nullopt;
}

QStringList schemeNames()
{
    QStringList names;
    for (const auto &e : kSchemes)
        names << QString::fromLatin1(e.name);
    return names;
}

QStringList schemeHeaderNames()
{
    return {QStringLiteral("X-Webhook-Signature"), QStringLiteral("X-Webhook-Signature-Previous"),
            QStringLiteral("X-Webhook-Id"),        QStringLiteral("webhook-id"),
            QStringLiteral("webhook-timestamp"),   QStringLiteral("webhook-signature"),
            QStringLiteral("X-Hub-Signature-256"), QStringLiteral("X-Hub-Signature-256-Previous"),
            QStringLiteral("Stripe-Signature")};
}

QString authTypeName(AuthType type)
{
    for (const auto &e : kAuthTypes)
        if (e.type == type)
            return QString::fromLatin1(e.name);
    return {};
}

std::optional<AuthType> authTypeFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    for (const auto &e : kAuthTypes)
        if (n == QLatin1String(e.name))
            return e.type;
    return std::nullopt;
}

QStringList authTypeNames()
{
    QStringList names;
    for (const auto &e : kAuthTypes)
        names << QString::fromLatin1(e.name);
    return names;
}

QString statusName(WebhookStatus status)
{
    switch (status) {
    case WebhookStatus::Active:
        return QStringLiteral("active");
    case WebhookStatus::Paused:
        return QStringLiteral("paused");
    case WebhookStatus::Disabled:
        return QStringLiteral("disabled");
    }
    return {};
}

std::optional<WebhookStatus> statusFromName(const QString &name)
{
    if (name == QLatin1String("active"))
        return WebhookStatus::Active;
    if (name == QLatin1String("paused"))
        return WebhookStatus::Paused;
    if (name == QLatin1String("disabled"))
        return WebhookStatus::Disabled;
    return std::nullopt;
}

WebhookDraft Webhook::toDraft() const
{
    WebhookDraft d;
    d.name = name;
    d.url = url;
    d.events = events;
    d.description = description;
    d.headers = headers;
    d.auth = auth;
    d.timeoutSeconds = timeoutSeconds;
    d.retryAttempts = retryAttempts;
    d.scheme = scheme;
    d.systemId = systemId;
    d.localTesting = localTesting;
    d.pinnedCertSha256 = pinnedCertSha256;
    return d;
}

} // namespace hookline
