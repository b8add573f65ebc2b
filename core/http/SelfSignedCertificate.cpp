#include "SelfSignedCertificate.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <ctime>
#include <memory>

namespace hookline {

namespace {

template <auto Free> struct OpenSslDeleter {
    template <typename T> void operator()(T *p) const { Free(p); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslDeleter<BIO_free_all>>;
using BnPtr = std::unique_ptr<BIGNUM, OpenSslDeleter<BN_free>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, OpenSslDeleter<X509_EXTENSION_free>>;

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, qsizetype(size)) : QByteArray();
}

BioPtr readBio(const QByteArray &pem)
{
    return BioPtr(BIO_new_mem_buf(pem.constData(), int(pem.size())));
}

Error generationError(const char *step)
{
    return Error{ErrorCode::KeyUnavailable, QStringLiteral("certificate"),
                 QStringLiteral("OpenSSL could not create the receiver's certificate (%1)")
                     .arg(QString::fromLatin1(step))};
}

bool addExtension(X509 *cert, X509V3_CTX *ctx, int nid, const char *value)
{
    ExtPtr ext(X509V3_EXT_nconf_nid(nullptr, ctx, nid, value));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

} // namespace

QString SelfSignedCertificate::fingerprint() const
{
    return formatFingerprint(sha256);
}

QString formatFingerprint(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

Result<SelfSignedCertificate> SelfSignedCertificate::generate(const Clock &clock, int validityDays)
{
    if (validityDays < 1)
        return Error{ErrorCode::InvalidArgument, QStringLiteral("validityDays"),
                     QStringLiteral("a certificate must be valid for at least one day")};

    PKeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return generationError("key generation");

    X509Ptr cert(X509_new());
    if (!cert || X509_set_version(cert.get(), X509_VERSION_3) != 1)
        return generationError("certificate");

    // A random positive 127-bit serial: unique without any state to keep.
    BnPtr serial(BN_new());
    if (!serial || BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
        !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())))
        return generationError("serial number");

    const time_t now = time_t(clock.nowMs() / 1000);
    constexpr time_t Day = 24 * 60 * 60;
    if (!ASN1_TIME_set(X509_getm_notBefore(cert.get()), now - Day) ||
        !ASN1_TIME_set(X509_getm_notAfter(cert.get()), now + validityDays * Day))
        return generationError("validity");

    X509_NAME *name = X509_get_subject_name(cert.get());
    const auto *cn = reinterpret_cast<const unsigned char *>("localhost");
    const auto *org = reinterpret_cast<const unsigned char *>("Hookline local receiver");
    if (X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, org, -1, -1, 0) != 1 ||
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1 || X509_set_pubkey(cert.get(), key.get()) != 1)
        return generationError("subject");

    // A leaf, not a CA (browsers refuse a CA certificate as a server's), for server auth only.
    // No keyUsage extension: OpenSSL would then refuse to treat the certificate as its own
    // issuer, which is how a pinned self-signed certificate is verified.
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
    if (!addExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth") ||
        !addExtension(cert.get(), &ctx, NID_subject_alt_name,
                      "DNS:localhost,IP:127.0.0.1,IP:::1") ||
        !addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash"))
        return generationError("extensions");

    if (X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
        return generationError("signature");

    SelfSignedCertificate out;
    BioPtr certBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), cert.get()) != 1 ||
        PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) !=
            1)
        return generationError("PEM encoding");
    out.certificatePem = bioContents(certBio.get());
    out.privateKeyPem = bioContents(keyBio.get());

    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdLength = 0;
    if (X509_digest(cert.get(), EVP_sha256(), md, &mdLength) != 1)
        return generationError("fingerprint");
    out.sha256 = QByteArray(reinterpret_cast<const char *>(md), qsizetype(mdLength));
    return out;
}

bool privateKeyMatchesCertificate(const QByteArray &certificatePem, const QByteArray &keyPem)
{
    BioPtr certBio = readBio(certificatePem);
    BioPtr keyBio = readBio(keyPem);
    if (!certBio || !keyBio)
        return false;
    // OpenSSL's default passphrase callback would prompt on the terminal; refuse instead.
    pem_password_cb *noPassphrase = [](char *, int, int, void *) { return 0; };
    X509Ptr cert(PEM_read_bio_X509(certBio.get(), nullptr, noPassphrase, nullptr));
    PKeyPtr key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, noPassphrase, nullptr));
    return cert && key && X509_check_private_key(cert.get(), key.get()) == 1;
}

} // namespace hookline
