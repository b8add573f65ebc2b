#pragma once

#include "model/Webhook.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hookline {

enum class SnippetLanguage { Python, Node, Ruby, Go, Php };

// Code a person pastes into a receiver of their own to verify one scheme's signatures: HMAC
// over the raw body bytes (never re-serialised JSON), a constant-time comparison, and for
// standard-webhooks and stripe the 5-minute timestamp tolerance. tests/snippets runs every
// snippet the machine has an interpreter for, so what the GUI shows is what is tested.
//
// Every snippet defines one function taking (secret, raw body, then the scheme's header
// values in the order of headerNames()) and returning true when the request is authentic:
// verify_webhook in Python, Ruby and PHP, verifyWebhook in Node.js, VerifyWebhook in Go. The Go
// snippet is a file body without its package clause; the PHP one starts with "<?php".
struct VerificationSnippet {
    SignatureScheme scheme = SignatureScheme::XWebhookSignature;
    SnippetLanguage language = SnippetLanguage::Python;
    QString functionName;
    QStringList headerNames;
    QString code;
};

class VerificationSnippets {
public:
    static QList<SnippetLanguage> languages();
    // "Python", "Node.js", "Ruby", "Go", "PHP".
    static QString languageName(SnippetLanguage language);
    // "python", "node", "ruby", "go", "php": for file names and syntax highlighters.
    static QString languageId(SnippetLanguage language);
    static QString fileExtension(SnippetLanguage language);

    // The headers the snippet's function takes after secret and body, in order; empty for
    // scheme none.
    static QStringList headerNames(SignatureScheme scheme);
    // nullopt for scheme none.
    static std::optional<VerificationSnippet> snippet(SignatureScheme scheme,
                                                      SnippetLanguage language);
};

} // namespace hookline
