#include "SecretVault.h"

#include "Crypto.h"

#include <qt6keychain/keychain.h>

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTimer>

#include <openssl/crypto.h>

namespace hookline {

namespace {

const QString kKeychainService = QStringLiteral("Hookline");
const QString kKeychainKey = QStringLiteral("data-key-v1");

QString keyToText(const QByteArray &key)
{
    return QString::fromLatin1(key.toHex());
}

struct KeychainAnswer {
    enum Kind { Found, NotFound, Unavailable } kind = Unavailable;
    QByteArray key;
    QString detail;
};

// QtKeychain is asynchronous; the vault opens once at start-up on a worker thread, so waiting
// here with a local event loop and a deadline is acceptable.
template <typename Job> bool runJob(Job &job, int timeoutMs)
{
    QEventLoop loop;
    bool finished = false;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, [&] {
        finished = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!finished)
        loop.exec();
    return finished;
}

KeychainAnswer readKeychain(int timeoutMs)
{
    KeychainAnswer answer;
    QKeychain::ReadPasswordJob job(kKeychainService);
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    job.setKey(kKeychainKey);
    if (!runJob(job, timeoutMs)) {
        answer.detail = QStringLiteral("the keychain did not answer within %1 ms").arg(timeoutMs);
        return answer;
    }
    if (job.error() == QKeychain::EntryNotFound) {
        answer.kind = KeychainAnswer::NotFound;
        return answer;
    }
    if (job.error() != QKeychain::NoError) {
        answer.detail = job.errorString();
        return answer;
    }
    if (auto key = SecretVault::parseKey(job.textData())) {
        answer.kind = KeychainAnswer::Found;
        answer.key = *key;
    } else {
        answer.detail = QStringLiteral("the keychain entry is not a valid key");
    }
    return answer;
}

bool writeKeychain(const QByteArray &key, int timeoutMs)
{
    QKeychain::WritePasswordJob job(kKeychainService);
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    job.setKey(kKeychainKey);
    job.setTextData(keyToText(key));
    return runJob(job, timeoutMs) && job.error() == QKeychain::NoError;
}

Result<QByteArray> readKeyFile(const QString &path)
{
    QFile file(path);
#ifndef Q_OS_WIN
    const auto perms = file.permissions();
    const auto groupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                              QFileDevice::ExeGroup | QFileDevice::ReadOther |
                              QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (perms & groupOrOther)
        return Error{ErrorCode::KeyUnavailable, QStringLiteral("key file"),
                     QStringLiteral("Key file %1 can be read by other users; run: chmod 600 \"%1\"")
                         .arg(path)};
#endif
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::KeyUnavailable, QStringLiteral("key file"),
                     QStringLiteral("Cannot read key file %1: %2").arg(path, file.errorString())};
    const auto key = SecretVault::parseKey(QString::fromLatin1(file.readAll()).trimmed());
    if (!key)
        return Error{ErrorCode::KeyUnavailable, QStringLiteral("key file"),
                     QStringLiteral("Key file %1 does not hold a 32-byte key (64 hex digits); "
                                    "restore it from a backup.")
                         .arg(path)};
    return *key;
}

Result<QByteArray> createKeyFile(const QString &path)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return Error{ErrorCode::KeyUnavailable, QStringLiteral("key file"),
                     QStringLiteral("Cannot create the folder for key file %1.").arg(path)};
    const QByteArray key = crypto::randomBytes(crypto::AesKeySize);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{ErrorCode::KeyUnavailable, QStringLiteral("key file"),
                     QStringLiteral("Cannot create key file %1: %2").arg(path, file.errorString())};
    // Restrict before any key byte is written.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(key.toHex());
    file.write("\n");
    if (!file.commit())
        return Error{ErrorCode::KeyUnavailable, QStringLiteral("key file"),
                     QStringLiteral("Cannot write key file %1: %2").arg(path, file.errorString())};
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return key;
}

QString keychainName()
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("macOS Keychain");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Windows Credential Manager");
#else
    return QStringLiteral("OS keychain (Secret Service/KWallet)");
#endif
}

} // namespace

SecretVault::SecretVault(QByteArray key, KeySource source, QString description)
    : m_key(std::move(key))
    , m_source(source)
    , m_description(std::move(description))
{}

SecretVault::~SecretVault()
{
    OPENSSL_cleanse(m_key.data(), size_t(m_key.size()));
}

std::optional<QByteArray> SecretVault::parseKey(const QString &text)
{
    const QByteArray t = text.trimmed().toLatin1();
    if (t.size() == 64) {
        const QByteArray hex = QByteArray::fromHex(t);
        if (hex.size() == 32 && hex.toHex() == t.toLower())
            return hex;
    }
    const auto b64 = QByteArray::fromBase64Encoding(t, QByteArray::AbortOnBase64DecodingErrors);
    if (b64 && b64.decoded.size() == 32)
        return b64.decoded;
    return std::nullopt;
}

QString SecretVault::defaultKeyFilePath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("master.key"));
}

std::shared_ptr<SecretVault> SecretVault::withKey(const QByteArray &key32, KeySource source)
{
    Q_ASSERT(key32.size() == crypto::AesKeySize);
    return std::shared_ptr<SecretVault>(
        new SecretVault(key32, source, QStringLiteral("supplied key")));
}

Result<std::shared_ptr<SecretVault>> SecretVault::open(const Options &options)
{
    auto make = [](QByteArray key, KeySource source, QString description) {
        return std::shared_ptr<SecretVault>(
            new SecretVault(std::move(key), source, std::move(description)));
    };

    if (qEnvironmentVariableIsSet("HOOKLINE_MASTER_KEY")) {
        const auto key = parseKey(qEnvironmentVariable("HOOKLINE_MASTER_KEY"));
        if (!key)
            return Error{
                ErrorCode::KeyUnavailable, QStringLiteral("HOOKLINE_MASTER_KEY"),
                QStringLiteral(
                    "HOOKLINE_MASTER_KEY must be 32 bytes written as 64 hex digits or base64; "
                    "make one with: openssl rand -hex 32")};
        return make(*key, KeySource::Environment,
                    QStringLiteral("AES-256-GCM, key from HOOKLINE_MASTER_KEY"));
    }

    const QString keyFile =
        options.keyFilePath.isEmpty() ? defaultKeyFilePath() : options.keyFilePath;
    const QString fileDescription = QStringLiteral("AES-256-GCM, key file %1 (owner-only)")
                                        .arg(QDir::toNativeSeparators(keyFile));
    if (QFileInfo::exists(keyFile)) {
        auto key = readKeyFile(keyFile);
        if (!key)
            return key.error();
        return make(key.value(), KeySource::KeyFile, fileDescription);
    }

    const bool keychainAllowed =
        options.useKeychain && qEnvironmentVariable("HOOKLINE_KEYCHAIN") != QLatin1String("off");
    QString keychainState = QStringLiteral("the keychain is not used (HOOKLINE_KEYCHAIN=off)");
    if (keychainAllowed) {
        const KeychainAnswer answer = readKeychain(options.keychainTimeoutMs);
        const QString description =
            QStringLiteral("AES-256-GCM, key in the %1").arg(keychainName());
        if (answer.kind == KeychainAnswer::Found)
            return make(answer.key, KeySource::Keychain, description);
        if (answer.kind == KeychainAnswer::NotFound && !options.databaseIsSealed) {
            const QByteArray key = crypto::randomBytes(crypto::AesKeySize);
            if (writeKeychain(key, options.keychainTimeoutMs))
                return make(key, KeySource::Keychain, description);
        }
        keychainState =
            answer.kind == KeychainAnswer::NotFound
                ? QStringLiteral("the %1 has no Hookline entry").arg(keychainName())
                : QStringLiteral("the %1 could not be read: %2").arg(keychainName(), answer.detail);
    }

    if (options.databaseIsSealed)
        return Error{ErrorCode::KeyUnavailable, QStringLiteral("key"),
                     QStringLiteral("The database holds secrets sealed with a data key Hookline "
                                    "cannot find: HOOKLINE_MASTER_KEY is not set, there is no key "
                                    "file at %1, and %2. Unlock the keychain and try again, "
                                    "restore the key file, or set HOOKLINE_MASTER_KEY; or open "
                                    "another database. No new key was made, so nothing changed.")
                         .arg(QDir::toNativeSeparators(keyFile), keychainState)};

    auto key = createKeyFile(keyFile);
    if (!key)
        return key.error();
    return make(key.value(), KeySource::KeyFile, fileDescription);
}

QByteArray SecretVault::seal(const QByteArray &plaintext, const QByteArray &context) const
{
    // A version byte lets a later format coexist with rows sealed today.
    QByteArray out(1, '\x01');
    out.append(crypto::aesGcmSeal(m_key, plaintext, context));
    return out;
}

std::optional<QByteArray> SecretVault::open(const QByteArray &sealed,
                                            const QByteArray &context) const
{
    if (sealed.isEmpty() || sealed.at(0) != '\x01')
        return std::nullopt;
    return crypto::aesGcmOpen(m_key, sealed.mid(1), context);
}

QByteArray SecretVault::keyCheck() const
{
    return crypto::hmacSha256(m_key, QByteArrayLiteral("hookline key check v1")).toHex().left(32);
}

QString SecretVault::generateSigningSecret()
{
    return QStringLiteral("whsec_") + QString::fromLatin1(crypto::randomBytes(32).toBase64());
}

QString SecretVault::secretPrefix(const QString &secret)
{
    if (secret.startsWith(QLatin1String("whsec_")))
        return secret.left(12);
    return secret.left(4);
}

} // namespace hookline
