#include "HeaderRedaction.h"

#include "signing/WebhookSigner.h"

namespace hookline {

bool HeaderRedaction::isSignatureHeader(const QByteArray &name)
{
    using namespace signing_headers;
    for (const char *signature : {XWebhookSignature, XWebhookSignaturePrevious, WebhookSignature,
                                  HubSignature256, HubSignature256Previous, StripeSignature})
        if (name.compare(signature, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

bool HeaderRedaction::isCredentialHeader(const QByteArray &name)
{
    return name.compare("Authorization", Qt::CaseInsensitive) == 0 ||
           name.compare("Proxy-Authorization", Qt::CaseInsensitive) == 0;
}

bool HeaderRedaction::isRedacted(const QByteArray &value)
{
    return value.contains(Placeholder);
}

QByteArray HeaderRedaction::redactedCredential(const QByteArray &value)
{
    if (isRedacted(value))
        return value;
    const qsizetype space = value.indexOf(' ');
    // "Bearer xyz" → "Bearer [redacted]": the scheme helps reading and is not secret.
    if (space > 0 && space < 20)
        return value.left(space + 1) + Placeholder;
    return Placeholder;
}

HeaderPairs HeaderRedaction::redact(const HeaderPairs &headers, bool revealSignatures)
{
    HeaderPairs out;
    out.reserve(headers.size());
    for (const auto &[name, value] : headers) {
        if (isCredentialHeader(name))
            out.append({name, redactedCredential(value)});
        else if (!revealSignatures && isSignatureHeader(name))
            out.append({name, Placeholder});
        else
            out.append({name, value});
    }
    return out;
}

} // namespace hookline
