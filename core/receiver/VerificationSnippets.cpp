#include "VerificationSnippets.h"

namespace hookline {

namespace {

// --- x-webhook-signature: X-Webhook-Signature = lower-case hex HMAC-SHA256(secret, body)

const char kXPython[] = R"SNIPPET(import hashlib
import hmac


def verify_webhook(secret: str, body: bytes, signature: str) -> bool:
    """X-Webhook-Signature: hex HMAC-SHA256 of the raw body.

    body: the raw request bytes (Flask: request.get_data(); Django: request.body),
    never re-serialized JSON. During a secret rotation the previous secret's
    signature arrives in X-Webhook-Signature-Previous; check it the same way.
    """
    expected = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.strip().lower().encode())
)SNIPPET";

const char kXNode[] = R"SNIPPET(const crypto = require("crypto");

// X-Webhook-Signature: hex HMAC-SHA256 of the raw body.
// body: the raw request body as a Buffer (Express: express.raw({ type: "*/*" })),
// never re-serialized JSON. During a secret rotation the previous secret's
// signature arrives in X-Webhook-Signature-Previous; check it the same way.
function verifyWebhook(secret, body, signature) {
  const expected = crypto.createHmac("sha256", secret).update(body).digest("hex");
  return safeEqual(expected, String(signature).trim().toLowerCase());
}

function safeEqual(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
)SNIPPET";

const char kXRuby[] = R"SNIPPET(require "openssl"

# X-Webhook-Signature: hex HMAC-SHA256 of the raw body.
# body: the raw request body (Rails: request.raw_post; Rack: request.body.read),
# never re-serialized JSON. During a secret rotation the previous secret's
# signature arrives in X-Webhook-Signature-Previous; check it the same way.
def verify_webhook(secret, body, signature)
  expected = OpenSSL::HMAC.hexdigest("SHA256", secret, body)
  OpenSSL.secure_compare(expected, signature.to_s.strip.downcase)
end
)SNIPPET";

const char kXGo[] = R"SNIPPET(import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// VerifyWebhook checks X-Webhook-Signature: hex HMAC-SHA256 of the raw body.
// body: the raw request body (io.ReadAll(r.Body)), never re-encoded JSON.
// During a secret rotation the previous secret's signature arrives in
// X-Webhook-Signature-Previous; check it the same way.
func VerifyWebhook(secret string, body []byte, signature string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	expected := hex.EncodeToString(mac.Sum(nil))
	received := strings.ToLower(strings.TrimSpace(signature))
	return hmac.Equal([]byte(expected), []byte(received))
}
)SNIPPET";

const char kXPhp[] = R"SNIPPET(<?php
// X-Webhook-Signature: hex HMAC-SHA256 of the raw body.
// $body: the raw request body, file_get_contents('php://input'), never
// re-encoded JSON. During a secret rotation the previous secret's signature
// arrives in X-Webhook-Signature-Previous; check it the same way.
function verify_webhook(string $secret, string $body, string $signature): bool
{
    $expected = hash_hmac('sha256', $body, $secret);
    return hash_equals($expected, strtolower(trim($signature)));
}
)SNIPPET";

// --- github: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(secret, body)

const char kGitHubPython[] = R"SNIPPET(import hashlib
import hmac


def verify_webhook(secret: str, body: bytes, signature: str) -> bool:
    """X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw body.

    body: the raw request bytes (Flask: request.get_data(); Django: request.body),
    never re-serialized JSON.
    """
    digest = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(("sha256=" + digest).encode(), signature.strip().encode())
)SNIPPET";

const char kGitHubNode[] = R"SNIPPET(const crypto = require("crypto");

// X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw body.
// body: the raw request body as a Buffer (Express: express.raw({ type: "*/*" })),
// never re-serialized JSON.
function verifyWebhook(secret, body, signature) {
  const digest = crypto.createHmac("sha256", secret).update(body).digest("hex");
  return safeEqual("sha256=" + digest, String(signature).trim());
}

function safeEqual(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
)SNIPPET";

const char kGitHubRuby[] = R"SNIPPET(require "openssl"

# X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw body.
# body: the raw request body (Rails: request.raw_post; Rack: request.body.read),
# never re-serialized JSON.
def verify_webhook(secret, body, signature)
  expected = "sha256=" + OpenSSL::HMAC.hexdigest("SHA256", secret, body)
  OpenSSL.secure_compare(expected, signature.to_s.strip)
end
)SNIPPET";

const char kGitHubGo[] = R"SNIPPET(import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// VerifyWebhook checks X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the
// raw body. body: the raw request body (io.ReadAll(r.Body)), never re-encoded JSON.
func VerifyWebhook(secret string, body []byte, signature string) bool {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	expected := "sha256=" + hex.EncodeToString(mac.Sum(nil))
	return hmac.Equal([]byte(expected), []byte(strings.TrimSpace(signature)))
}
)SNIPPET";

const char kGitHubPhp[] = R"SNIPPET(<?php
// X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the raw body.
// $body: the raw request body, file_get_contents('php://input'), never
// re-encoded JSON.
function verify_webhook(string $secret, string $body, string $signature): bool
{
    $expected = 'sha256=' . hash_hmac('sha256', $body, $secret);
    return hash_equals($expected, trim($signature));
}
)SNIPPET";

// --- standard-webhooks: webhook-signature = "v1,<base64 HMAC(key, id.timestamp.body)>" ...

const char kStandardPython[] = R"SNIPPET(import base64
import hashlib
import hmac
import time

TOLERANCE_SECONDS = 5 * 60


def verify_webhook(secret: str, body: bytes, msg_id: str, timestamp: str,
                   signatures: str) -> bool:
    """Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature.

    secret: "whsec_" + base64 key. body: the raw request bytes, never
    re-serialized JSON. webhook-signature holds space-separated "v1,<base64>"
    entries, one per valid secret.
    """
    if secret.startswith("whsec_"):
        key = base64.b64decode(secret[len("whsec_"):])
    else:
        key = secret.encode("utf-8")
    if not (timestamp.isascii() and timestamp.isdigit()):
        return False
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    signed = msg_id.encode("utf-8") + b"." + timestamp.encode("ascii") + b"." + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest())
    for entry in signatures.split(" "):
        version, _, value = entry.partition(",")
        if version == "v1" and hmac.compare_digest(expected, value.encode()):
            return True
    return False
)SNIPPET";

const char kStandardNode[] = R"SNIPPET(const crypto = require("crypto");

const TOLERANCE_SECONDS = 5 * 60;

// Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature.
// secret: "whsec_" + base64 key. body: the raw request body as a Buffer
// (Express: express.raw({ type: "*/*" })), never re-serialized JSON.
// webhook-signature holds space-separated "v1,<base64>" entries.
function verifyWebhook(secret, body, msgId, timestamp, signatures) {
  const key = secret.startsWith("whsec_")
    ? Buffer.from(secret.slice("whsec_".length), "base64")
    : Buffer.from(secret, "utf8");
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
    return false;
  }
  const expected = crypto
    .createHmac("sha256", key)
    .update(`${msgId}.${timestamp}.`)
    .update(body)
    .digest("base64");
  for (const entry of String(signatures).split(" ")) {
    const comma = entry.indexOf(",");
    if (comma > 0 && entry.slice(0, comma) === "v1" && safeEqual(expected, entry.slice(comma + 1))) {
      return true;
    }
  }
  return false;
}

function safeEqual(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
)SNIPPET";

const char kStandardRuby[] = R"SNIPPET(require "openssl"

TOLERANCE_SECONDS = 5 * 60

# Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature.
# secret: "whsec_" + base64 key. body: the raw request body (Rails:
# request.raw_post; Rack: request.body.read), never re-serialized JSON.
# webhook-signature holds space-separated "v1,<base64>" entries.
def verify_webhook(secret, body, msg_id, timestamp, signatures)
  key = secret.start_with?("whsec_") ? secret.delete_prefix("whsec_").unpack1("m0") : secret
  return false unless timestamp.to_s.match?(/\A\d+\z/)
  return false if (Time.now.to_i - timestamp.to_i).abs > TOLERANCE_SECONDS

  signed = "#{msg_id}.#{timestamp}.".b + body.b
  expected = [OpenSSL::HMAC.digest("SHA256", key, signed)].pack("m0")
  signatures.to_s.split(" ").any? do |entry|
    version, value = entry.split(",", 2)
    version == "v1" && !value.nil? && OpenSSL.secure_compare(expected, value)
  end
end
)SNIPPET";

const char kStandardGo[] = R"SNIPPET(import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
	"time"
)

const toleranceSeconds = 5 * 60

// VerifyWebhook checks Standard Webhooks' webhook-id, webhook-timestamp and
// webhook-signature. secret: "whsec_" + base64 key. body: the raw request body
// (io.ReadAll(r.Body)), never re-encoded JSON. webhook-signature holds
// space-separated "v1,<base64>" entries.
func VerifyWebhook(secret string, body []byte, msgID, timestamp, signatures string) bool {
	key := []byte(secret)
	if strings.HasPrefix(secret, "whsec_") {
		decoded, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(secret, "whsec_"))
		if err != nil {
			return false
		}
		key = decoded
	}
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return false
	}
	if skew := time.Now().Unix() - ts; skew > toleranceSeconds || skew < -toleranceSeconds {
		return false
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(msgID + "." + timestamp + "."))
	mac.Write(body)
	expected := []byte(base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	for _, entry := range strings.Split(signatures, " ") {
		version, value, found := strings.Cut(entry, ",")
		if found && version == "v1" && hmac.Equal(expected, []byte(value)) {
			return true
		}
	}
	return false
}
)SNIPPET";

const char kStandardPhp[] = R"SNIPPET(<?php
const TOLERANCE_SECONDS = 5 * 60;

// Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature.
// $secret: "whsec_" + base64 key. $body: the raw request body,
// file_get_contents('php://input'), never re-encoded JSON. webhook-signature
// holds space-separated "v1,<base64>" entries.
function verify_webhook(string $secret, string $body, string $msgId, string $timestamp,
                        string $signatures): bool
{
    $key = str_starts_with($secret, 'whsec_')
        ? base64_decode(substr($secret, strlen('whsec_')), true)
        : $secret;
    if ($key === false || !ctype_digit($timestamp)
        || abs(time() - (int) $timestamp) > TOLERANCE_SECONDS) {
        return false;
    }
    $expected = base64_encode(hash_hmac('sha256', "$msgId.$timestamp.$body", $key, true));
    foreach (explode(' ', $signatures) as $entry) {
        $parts = explode(',', $entry, 2);
        if (count($parts) === 2 && $parts[0] === 'v1' && hash_equals($expected, $parts[1])) {
            return true;
        }
    }
    return false;
}
)SNIPPET";

// --- stripe: Stripe-Signature = "t=<unix>,v1=<hex HMAC(secret, t.body)>[,v1=...]"

const char kStripePython[] = R"SNIPPET(import hashlib
import hmac
import time

TOLERANCE_SECONDS = 300


def verify_webhook(secret: str, body: bytes, header: str) -> bool:
    """Stripe-Signature: "t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">".

    body: the raw request bytes (Flask: request.get_data(); Django: request.body),
    never re-serialized JSON.
    """
    timestamp, signatures = None, []
    for item in header.split(","):
        name, _, value = item.strip().partition("=")
        if name == "t":
            timestamp = value
        elif name == "v1":
            signatures.append(value)
    if timestamp is None or not (timestamp.isascii() and timestamp.isdigit()) or not signatures:
        return False
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    signed = timestamp.encode("ascii") + b"." + body
    expected = hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest().encode()
    return any(hmac.compare_digest(expected, s.encode()) for s in signatures)
)SNIPPET";

const char kStripeNode[] = R"SNIPPET(const crypto = require("crypto");

const TOLERANCE_SECONDS = 300;

// Stripe-Signature: "t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">".
// body: the raw request body as a Buffer (Express: express.raw({ type: "*/*" })),
// never re-serialized JSON.
function verifyWebhook(secret, body, header) {
  let timestamp = null;
  const signatures = [];
  for (const item of String(header).split(",")) {
    const eq = item.indexOf("=");
    const name = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (eq < 0) continue;
    if (name === "t") timestamp = value;
    else if (name === "v1") signatures.push(value);
  }
  if (timestamp === null || !/^\d+$/.test(timestamp) || signatures.length === 0) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return false;
  const expected = crypto
    .createHmac("sha256", secret)
    .update(`${timestamp}.`)
    .update(body)
    .digest("hex");
  return signatures.some((signature) => safeEqual(expected, signature));
}

function safeEqual(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
)SNIPPET";

const char kStripeRuby[] = R"SNIPPET(require "openssl"

TOLERANCE_SECONDS = 300

# Stripe-Signature: "t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">".
# body: the raw request body (Rails: request.raw_post; Rack: request.body.read),
# never re-serialized JSON.
def verify_webhook(secret, body, header)
  timestamp = nil
  signatures = []
  header.to_s.split(",").each do |item|
    name, value = item.strip.split("=", 2)
    timestamp = value if name == "t"
    signatures << value if name == "v1" && value
  end
  return false unless timestamp.to_s.match?(/\A\d+\z/) && !signatures.empty?
  return false if (Time.now.to_i - timestamp.to_i).abs > TOLERANCE_SECONDS

  expected = OpenSSL::HMAC.hexdigest("SHA256", secret, "#{timestamp}.".b + body.b)
  signatures.any? { |signature| OpenSSL.secure_compare(expected, signature) }
end
)SNIPPET";

const char kStripeGo[] = R"SNIPPET(import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

const toleranceSeconds = 300

// VerifyWebhook checks Stripe-Signature: "t=<unix time>,v1=<hex HMAC-SHA256 of
// "t.body">". body: the raw request body (io.ReadAll(r.Body)), never re-encoded JSON.
func VerifyWebhook(secret string, body []byte, header string) bool {
	timestamp := ""
	var signatures []string
	for _, item := range strings.Split(header, ",") {
		name, value, found := strings.Cut(strings.TrimSpace(item), "=")
		if !found {
			continue
		}
		switch name {
		case "t":
			timestamp = value
		case "v1":
			signatures = append(signatures, value)
		}
	}
	ts, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || len(signatures) == 0 {
		return false
	}
	if skew := time.Now().Unix() - ts; skew > toleranceSeconds || skew < -toleranceSeconds {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(timestamp + "."))
	mac.Write(body)
	expected := []byte(hex.EncodeToString(mac.Sum(nil)))
	for _, signature := range signatures {
		if hmac.Equal(expected, []byte(signature)) {
			return true
		}
	}
	return false
}
)SNIPPET";

const char kStripePhp[] = R"SNIPPET(<?php
const TOLERANCE_SECONDS = 300;

// Stripe-Signature: "t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">".
// $body: the raw request body, file_get_contents('php://input'), never
// re-encoded JSON.
function verify_webhook(string $secret, string $body, string $header): bool
{
    $timestamp = null;
    $signatures = [];
    foreach (explode(',', $header) as $item) {
        $parts = explode('=', trim($item), 2);
        if (count($parts) !== 2) {
            continue;
        }
        if ($parts[0] === 't') {
            $timestamp = $parts[1];
        } elseif ($parts[0] === 'v1') {
            $signatures[] = $parts[1];
        }
    }
    if ($timestamp === null || !ctype_digit($timestamp) || !$signatures
        || abs(time() - (int) $timestamp) > TOLERANCE_SECONDS) {
        return false;
    }
    $expected = hash_hmac('sha256', "$timestamp.$body", $secret);
    foreach ($signatures as $signature) {
        if (hash_equals($expected, $signature)) {
            return true;
        }
    }
    return false;
}
)SNIPPET";

const char *code(SignatureScheme scheme, SnippetLanguage language)
{
    struct Row {
        const char *python, *node, *ruby, *go, *php;
    };
    Row row{};
    switch (scheme) {
    case SignatureScheme::XWebhookSignature:
        row = {kXPython, kXNode, kXRuby, kXGo, kXPhp};
        break;
    case SignatureScheme::GitHub:
        row = {kGitHubPython, kGitHubNode, kGitHubRuby, kGitHubGo, kGitHubPhp};
        break;
    case SignatureScheme::StandardWebhooks:
        row = {kStandardPython, kStandardNode, kStandardRuby, kStandardGo, kStandardPhp};
        break;
    case SignatureScheme::Stripe:
        row = {kStripePython, kStripeNode, kStripeRuby, kStripeGo, kStripePhp};
        break;
    case SignatureScheme::None:
        return nullptr;
    }
    switch (language) {
    case SnippetLanguage::Python:
        return row.python;
    case SnippetLanguage::Node:
        return row.node;
    case SnippetLanguage::Ruby:
        return row.ruby;
    case SnippetLanguage::Go:
        return row.go;
    case SnippetLanguage::Php:
        return row.php;
    }
    return nullptr;
}

} // namespace

QList<SnippetLanguage> VerificationSnippets::languages()
{
    return {SnippetLanguage::Python, SnippetLanguage::Node, SnippetLanguage::Ruby,
            SnippetLanguage::Go, SnippetLanguage::Php};
}

QString VerificationSnippets::languageName(SnippetLanguage language)
{
    switch (language) {
    case SnippetLanguage::Python:
        return QStringLiteral("Python");
    case SnippetLanguage::Node:
        return QStringLiteral("Node.js");
    case SnippetLanguage::Ruby:
        return QStringLiteral("Ruby");
    case SnippetLanguage::Go:
        return QStringLiteral("Go");
    case SnippetLanguage::Php:
        return QStringLiteral("PHP");
    }
    return {};
}

QString VerificationSnippets::languageId(SnippetLanguage language)
{
    switch (language) {
    case SnippetLanguage::Python:
        return QStringLiteral("python");
    case SnippetLanguage::Node:
        return QStringLiteral("node");
    case SnippetLanguage::Ruby:
        return QStringLiteral("ruby");
    case SnippetLanguage::Go:
        return QStringLiteral("go");
    case SnippetLanguage::Php:
        return QStringLiteral("php");
    }
    return {};
}

QString VerificationSnippets::fileExtension(SnippetLanguage language)
{
    switch (language) {
    case SnippetLanguage::Python:
        return QStringLiteral("py");
    case SnippetLanguage::Node:
        return QStringLiteral("js");
    case SnippetLanguage::Ruby:
        return QStringLiteral("rb");
    case SnippetLanguage::Go:
        return QStringLiteral("go");
    case SnippetLanguage::Php:
        return QStringLiteral("php");
    }
    return {};
}

QStringList VerificationSnippets::headerNames(SignatureScheme scheme)
{
    switch (scheme) {
    case SignatureScheme::XWebhookSignature:
        return {QStringLiteral("X-Webhook-Signature")};
    case SignatureScheme::GitHub:
        return {QStringLiteral("X-Hub-Signature-256")};
    case SignatureScheme::StandardWebhooks:
        return {QStringLiteral("webhook-id"), QStringLiteral("webhook-timestamp"),
                QStringLiteral("webhook-signature")};
    case SignatureScheme::Stripe:
        return {QStringLiteral("Stripe-Signature")};
    case SignatureScheme::None:
        return {};
    }
    return {};
}

std::optional<VerificationSnippet> VerificationSnippets::snippet(SignatureScheme scheme,
                                                                 SnippetLanguage language)
{
    const char *text = code(scheme, language);
    if (!text)
        return std::nullopt;
    VerificationSnippet s;
    s.scheme = scheme;
    s.language = language;
    s.functionName = language == SnippetLanguage::Node ? QStringLiteral("verifyWebhook")
                     : language == SnippetLanguage::Go ? QStringLiteral("VerifyWebhook")
                                                       : QStringLiteral("verify_webhook");
    s.headerNames = headerNames(scheme);
    s.code = QString::fromUtf8(text);
    return s;
}

} // namespace hookline
