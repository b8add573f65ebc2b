#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace hookline {

// Where the data key that seals secrets at rest came from.
enum class KeySource { Environment, Keychain, KeyFile, Supplied };

// The one place that holds raw key material. It seals webhook signing secrets and auth
// credentials with AES-256-GCM before they reach the database, and opens them again for signing.
// The data key itself never leaves this class.
class SecretVault {
public:
    struct Options {
        // Tried in order: HOOKLINE_MASTER_KEY, an existing key file, the OS keychain, a new key
        // file. A key file, once made, stays the source so the same databases keep opening.
        bool useKeychain = true;
        QString keyFilePath;          // default: <app data>/master.key
        int keychainTimeoutMs = 4000; // a keychain that does not answer counts as absent
        // The database to be opened already holds secrets sealed with some key. Then no new
        // key is ever made: a keychain that does not answer (locked, or no session bus) or a
        // lost key file is an error saying so, not a fresh key that cannot open anything.
        bool databaseIsSealed = false;
    };

    static Result<std::shared_ptr<SecretVault>> open(const Options &options);
    static Result<std::shared_ptr<SecretVault>> open() { return open(Options{}); }
    // For tests and tools that manage their own key.
    static std::shared_ptr<SecretVault> withKey(const QByteArray &key32,
                                                KeySource source = KeySource::Supplied);
    // 64 hex digits or base64 of exactly 32 bytes.
    static std::optional<QByteArray> parseKey(const QString &text);
    static QString defaultKeyFilePath();

    KeySource source() const { return m_source; }
    // For people: "OS keychain (Secret Service)", "key file ~/.local/share/... (0600)", ...
    QString protectionDescription() const { return m_description; }

    QByteArray seal(const QByteArray &plaintext, const QByteArray &context) const;
    std::optional<QByteArray> open(const QByteArray &sealed, const QByteArray &context) const;
    // A value derived from the key that tells whether a database was sealed with this key,
    // without revealing the key.
    QByteArray keyCheck() const;

    // whsec_ followed by base64 of 32 bytes from the CSPRNG.
    static QString generateSigningSecret();
    // The public part shown everywhere after creation: "whsec_" plus 6 characters, or the first
    // 4 characters of a secret the user supplied in another form.
    static QString secretPrefix(const QString &secret);

    SecretVault(const SecretVault &) = delete;
    SecretVault &operator=(const SecretVault &) = delete;
    ~SecretVault();

private:
    SecretVault(QByteArray key, KeySource source, QString description);

    QByteArray m_key;
    KeySource m_source;
    QString m_description;
};

} // namespace hookline
