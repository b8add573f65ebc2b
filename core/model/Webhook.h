#pragma once

#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace hookline {

enum class SignatureScheme { XWebhookSignature, StandardWebhooks, GitHub, Stripe, None };
enum class AuthType { None, Bearer, Basic, ApiKey, CustomHeader };
enum class WebhookStatus { Active, Paused, Disabled };

QString schemeName(SignatureScheme scheme);
std::optional<SignatureScheme> schemeFromName(const QString &name);
QStringList schemeNames();
// Header names a scheme writes; custom headers may not replace them.
QStringList schemeHeaderNames();

QString authTypeName(AuthType type);
std::optional<AuthType> authTypeFromName(const QString &name);
QStringList authTypeNames();

QString statusName(WebhookStatus status);
std::optional<WebhookStatus> statusFromName(const QString &name);

// How Hookline authenticates itself to the receiving endpoint. Its values are secrets: they are
// stored encrypted and shown only as "set" anywhere outside an edit form.
struct OutboundAuth {
    AuthType type = AuthType::None;
    QString token;      // bearer
    QString username;   // basic
    QString password;   // basic
    QString headerName; // api_key, custom_header
    QString headerValue;

    bool operator==(const OutboundAuth &) const = default;
};

using HeaderList = QList<QPair<QString, QString>>;

inline constexpr int DefaultTimeoutSeconds = 10;
inline constexpr int MinTimeoutSeconds = 5;
inline constexpr int MaxTimeoutSeconds = 120;
inline constexpr int DefaultRetryAttempts = 3;
inline constexpr int MaxRetryAttempts = 10;
inline constexpr int MaxNameLength = 100;
inline constexpr int MaxDescriptionLength = 1000;
inline constexpr int MaxWebhooksPerEvent = 2;
inline constexpr int MinCustomSecretLength = 16;
inline constexpr qint64 DefaultRotationOverlapMs = 24LL * 60 * 60 * 1000;
inline const char *const DefaultSystemId = "default";

// What a user asks for when creating or editing a webhook; checked by WebhookRules.
struct WebhookDraft {
    QString name;
    QString url;
    QStringList events;
    QString description;
    HeaderList headers;
    OutboundAuth auth;
    int timeoutSeconds = DefaultTimeoutSeconds;
    int retryAttempts = DefaultRetryAttempts;
    SignatureScheme scheme = SignatureScheme::XWebhookSignature;
    QString systemId = QString::fromLatin1(DefaultSystemId);
    bool localTesting = false;
    // Local testing only: SHA-256 fingerprint (hex) of a self-signed certificate to trust.
    QString pinnedCertSha256;
    // Empty: Hookline generates one. Only used at creation.
    QString customSecret;
};

// A stored webhook. It never holds the signing secret, only its public prefix.
struct Webhook {
    QString id;
    QString name;
    QString url;
    QStringList events;
    QString description;
    HeaderList headers;
    OutboundAuth auth;
    int timeoutSeconds = DefaultTimeoutSeconds;
    int retryAttempts = DefaultRetryAttempts;
    SignatureScheme scheme = SignatureScheme::XWebhookSignature;
    WebhookStatus status = WebhookStatus::Active;
    QString statusReason;
    QString systemId;
    bool localTesting = false;
    QString pinnedCertSha256;
    qint64 createdAtMs = 0;
    qint64 updatedAtMs = 0;
    std::optional<qint64> lastDeliveryAtMs;
    std::optional<int> lastDeliveryStatus;
    QString signingSecretPrefix;

    bool isEnabled() const { return status == WebhookStatus::Active; }
    WebhookDraft toDraft() const;
};

// The result of create and rotate: the only moment the plaintext secret leaves the registry.
struct WebhookWithSecret {
    Webhook webhook;
    QString signingSecret;
    qint64 previousSecretExpiresAtMs = 0; // rotate only
};

} // namespace hookline

Q_DECLARE_METATYPE(hookline::Webhook)
