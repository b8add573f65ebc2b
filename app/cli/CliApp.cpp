#include "CliApp.h"

#include "TextTable.h"

#include "Session.h"
#include "catalog/EventCatalog.h"
#include "delivery/DeliveryStore.h"
#include "delivery/Dispatcher.h"
#include "delivery/EventPublisher.h"
#include "history/DeliveryHistory.h"
#include "history/HistoryExport.h"
#include "history/Replay.h"
#include "history/Retention.h"
#include "model/Webhook.h"
#include "model/WebhookJson.h"
#include "receiver/ReceivedRequest.h"
#include "receiver/Receiver.h"
#include "receiver/ReceiverCertificate.h"
#include "receiver/ReceiverFeed.h"
#include "receiver/ResponseRule.h"
#include "registry/WebhookRegistry.h"
#include "rules/WebhookRules.h"
#include "secrets/SecretVault.h"
#include "storage/Database.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSaveFile>
#include <QScopeGuard>
#include <QSet>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <optional>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <QSocketNotifier>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace hookline::cli {

struct CliApp::Command {
    struct Positional {
        QString name;
        QString description;
    };

    QString group; // "webhooks", "events", or empty for a top-level command
    QString name;
    QString summary;
    QList<Positional> positionals; // all required
    QList<QCommandLineOption> options;
    QStringList examples;
    Handler handler = nullptr;

    QString fullName() const { return group.isEmpty() ? name : group + QLatin1Char(' ') + name; }
};

namespace {

const QString kProgram = QStringLiteral("hookline-cli");
const QChar kEllipsis(0x2026);

// Option names, shared by the definitions and the handlers.
const QString kDb = QStringLiteral("db");
const QString kJson = QStringLiteral("json");
const QString kHelp = QStringLiteral("help");
const QString kVersion = QStringLiteral("version");
const QString kName = QStringLiteral("name");
const QString kUrl = QStringLiteral("url");
const QString kEvent = QStringLiteral("event");
const QString kDescription = QStringLiteral("description");
const QString kHeader = QStringLiteral("header");
const QString kAuth = QStringLiteral("auth");
const QString kSecret = QStringLiteral("secret");
const QString kTimeout = QStringLiteral("timeout");
const QString kRetryAttempts = QStringLiteral("retry-attempts");
const QString kSystem = QStringLiteral("system");
const QString kScheme = QStringLiteral("scheme");
const QString kLocalTesting = QStringLiteral("local-testing");
const QString kNoLocalTesting = QStringLiteral("no-local-testing");
const QString kAddEvent = QStringLiteral("add-event");
const QString kRemoveEvent = QStringLiteral("remove-event");
const QString kRemoveHeader = QStringLiteral("remove-header");
const QString kReason = QStringLiteral("reason");
const QString kYes = QStringLiteral("yes");
const QString kOverlapHours = QStringLiteral("overlap-hours");
const QString kProvider = QStringLiteral("provider");
const QString kCategory = QStringLiteral("category");
const QString kSample = QStringLiteral("sample");
const QString kData = QStringLiteral("data");
const QString kResourceId = QStringLiteral("resource-id");
const QString kUri = QStringLiteral("uri");
const QString kWebhook = QStringLiteral("webhook");
const QString kNoDispatch = QStringLiteral("no-dispatch");
const QString kUntilIdle = QStringLiteral("until-idle");
const QString kLeaseMargin = QStringLiteral("lease-margin");
const QString kMaxInFlight = QStringLiteral("max-in-flight");
const QString kPauseAfter = QStringLiteral("pause-after");
const QString kTestEvent = QStringLiteral("test-event");

// A JSON object given inline or as @FILE (--data, --sample). `field` names it in errors; a
// syntax error is `syntaxCode`, an unreadable file INVALID_ARGUMENT.
Result<QJsonObject> jsonObjectArgument(const QString &value, const QString &option,
                                       const QString &field, ErrorCode syntaxCode)
{
    QString text = value;
    QString source = option;
    if (text.startsWith(QLatin1Char('@'))) {
        const QString path = text.mid(1);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error{ErrorCode::InvalidArgument, field,
                         QStringLiteral("Cannot read %1: %2.").arg(path, file.errorString())};
        text = QString::fromUtf8(file.readAll());
        source = path;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{syntaxCode, field,
                     QStringLiteral("%1 is not valid JSON (%2 at offset %3); give a JSON object "
                                    "such as {\"id\": \"123\"}.")
                         .arg(source, parseError.errorString())
                         .arg(parseError.offset)};
    if (!doc.isObject())
        return Error{syntaxCode, field,
                     QStringLiteral("%1 must be a JSON object (the event's data), such as "
                                    "{\"id\": \"123\"}.")
                         .arg(source)};
    return doc.object();
}

QCommandLineOption flag(const QString &name, const QString &description)
{
    return QCommandLineOption(name, description);
}

QCommandLineOption valued(const QString &name, const QString &valueName, const QString &description)
{
    return QCommandLineOption(name, description, valueName);
}

QList<QCommandLineOption> globalOptions()
{
    return {
        valued(kDb, QStringLiteral("PATH"),
               QStringLiteral("Database file (default: $HOOKLINE_DB, else the application data "
                              "folder).")),
        flag(kJson, QStringLiteral("Print JSON instead of tables.")),
        QCommandLineOption({QStringLiteral("h"), kHelp}, QStringLiteral("Show this help.")),
        flag(kVersion, QStringLiteral("Print the version and exit.")),
    };
}

QList<QCommandLineOption> draftOptions(bool update)
{
    QList<QCommandLineOption> o;
    o << valued(kName, QStringLiteral("NAME"),
                update ? QStringLiteral("New name, 1-100 characters.")
                       : QStringLiteral("Name of the webhook, 1-100 characters (required)."));
    o << valued(kUrl, QStringLiteral("URL"),
                update ? QStringLiteral("New endpoint URL (https; http only for loopback with "
                                        "--local-testing).")
                       : QStringLiteral("Endpoint URL; https, or http to a loopback host with "
                                        "--local-testing (required)."));
    o << valued(kEvent, QStringLiteral("EVENT"),
                update ? QStringLiteral("Replace the subscribed events; repeat or comma-separate "
                                        "for several.")
                       : QStringLiteral("Event to subscribe to; repeat or comma-separate for "
                                        "several (at least one)."));
    if (update) {
        o << valued(kAddEvent, QStringLiteral("EVENT"),
                    QStringLiteral("Subscribe to one more event; repeatable, commas allowed."));
        o << valued(kRemoveEvent, QStringLiteral("EVENT"),
                    QStringLiteral("Unsubscribe from an event; repeatable, commas allowed."));
    }
    o << valued(kDescription, QStringLiteral("TEXT"),
                QStringLiteral("Free-text description (at most 1000 characters)."));
    o << valued(kHeader, QStringLiteral("NAME:VALUE"),
                update ? QStringLiteral("Add or replace a custom request header; repeatable.")
                       : QStringLiteral("Custom request header sent with every delivery; "
                                        "repeatable."));
    if (update)
        o << valued(kRemoveHeader, QStringLiteral("NAME"),
                    QStringLiteral("Remove a custom request header; repeatable."));
    o << valued(kAuth, QStringLiteral("TYPE:..."),
                QStringLiteral("Outbound auth: none, bearer:TOKEN, basic:USER:PASSWORD, "
                               "api_key:HEADER:VALUE or custom_header:HEADER:VALUE."));
    if (!update)
        o << valued(kSecret, QStringLiteral("SECRET"),
                    QStringLiteral("Use this signing secret (16+ characters, no whitespace) "
                                   "instead of a generated one."));
    o << valued(kTimeout, QStringLiteral("SECONDS"),
                QStringLiteral("Delivery timeout, %1-%2 seconds (default %3).")
                    .arg(MinTimeoutSeconds)
                    .arg(MaxTimeoutSeconds)
                    .arg(DefaultTimeoutSeconds));
    o << valued(kRetryAttempts, QStringLiteral("N"),
                QStringLiteral("Retries after a failed delivery, 0-%1 (default %2).")
                    .arg(MaxRetryAttempts)
                    .arg(DefaultRetryAttempts));
    o << valued(kSystem, QStringLiteral("ID"),
                QStringLiteral("System identifier (workspace) of the webhook (default "
                               "\"default\")."));
    o << valued(kScheme, QStringLiteral("SCHEME"),
                QStringLiteral("Signature scheme: %1 (default %2).")
                    .arg(schemeNames().join(QStringLiteral(", ")),
                         schemeName(SignatureScheme::XWebhookSignature)));
    o << flag(kLocalTesting,
              QStringLiteral("Mark for local testing: allows plain http to 127.0.0.1, ::1 or "
                             "localhost."));
    if (update)
        o << flag(kNoLocalTesting, QStringLiteral("Clear the local-testing mark."));
    return o;
}

// "a, b,c" and repeated options → one flat list, blanks dropped.
QStringList splitList(const QStringList &values)
{
    QStringList out;
    for (const QString &value : values)
        for (const QString &part : value.split(QLatin1Char(',')))
            if (!part.trimmed().isEmpty())
                out << part.trimmed();
    return out;
}

struct ParsedHeader {
    QString name;
    QString value;
};

std::optional<ParsedHeader> parseHeader(const QString &text)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return std::nullopt;
    return ParsedHeader{text.left(colon).trimmed(), text.mid(colon + 1).trimmed()};
}

// TYPE[:DATA]. Only a type that cannot be recognised is a parse failure; missing or malformed
// data is left for WebhookRules::checkAuth to name. The message never repeats the input, which
// may be a credential.
std::optional<OutboundAuth> parseAuth(const QString &text, QString *problem)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const QString typeName = colon < 0 ? text : text.left(colon);
    const QString data = colon < 0 ? QString() : text.mid(colon + 1);
    const std::optional<AuthType> type = authTypeFromName(typeName);
    if (!type) {
        *problem = QStringLiteral("--auth: unknown authentication type; use none, bearer:TOKEN, "
                                  "basic:USER:PASSWORD, api_key:HEADER:VALUE or "
                                  "custom_header:HEADER:VALUE.");
        return std::nullopt;
    }
    OutboundAuth auth;
    auth.type = *type;
    auto splitPair = [&data](QString &first, QString &second) {
        const qsizetype at = data.indexOf(QLatin1Char(':'));
        first = at < 0 ? data : data.left(at);
        second = at < 0 ? QString() : data.mid(at + 1);
    };
    switch (*type) {
    case AuthType::None:
        if (colon >= 0) {
            *problem = QStringLiteral("--auth none takes no value; write just \"none\".");
            return std::nullopt;
        }
        break;
    case AuthType::Bearer:
        auth.token = data;
        break;
    case AuthType::Basic:
        splitPair(auth.username, auth.password);
        break;
    case AuthType::ApiKey:
    case AuthType::CustomHeader:
        splitPair(auth.headerName, auth.headerValue);
        break;
    }
    return auth;
}

std::optional<int> parseInt(const QString &text)
{
    bool ok = false;
    const int value = text.trimmed().toInt(&ok, 10);
    if (!ok)
        return std::nullopt;
    return value;
}

Error schemeError(const QString &name)
{
    return Error{ErrorCode::InvalidScheme, QStringLiteral("scheme"),
                 QStringLiteral("Unknown signature scheme \"%1\"; use one of: %2.")
                     .arg(name, schemeNames().join(QStringLiteral(", ")))};
}

QString authSummary(const OutboundAuth &auth)
{
    switch (auth.type) {
    case AuthType::None:
        return QStringLiteral("none");
    case AuthType::Bearer:
        return QStringLiteral("bearer (token set)");
    case AuthType::Basic:
        return QStringLiteral("basic (username %1, password set)").arg(auth.username);
    case AuthType::ApiKey:
    case AuthType::CustomHeader:
        return QStringLiteral("%1 (header %2, value set)")
            .arg(authTypeName(auth.type), auth.headerName);
    }
    return authTypeName(auth.type);
}

QString lastDelivery(const Webhook &w)
{
    if (!w.lastDeliveryAtMs)
        return QStringLiteral("never");
    QString text = isoTime(*w.lastDeliveryAtMs);
    if (w.lastDeliveryStatus)
        text += QStringLiteral(" (%1)").arg(*w.lastDeliveryStatus);
    return text;
}

QString statusText(const Webhook &w)
{
    QString text = statusName(w.status);
    if (!w.statusReason.isEmpty())
        text += QStringLiteral(" (") + w.statusReason + QLatin1Char(')');
    return text;
}

// "Label:" padded so the values line up.
QString keyValueLines(const QList<QPair<QString, QString>> &rows)
{
    qsizetype width = 0;
    for (const auto &row : rows)
        width = std::max(width, row.first.size() + 1);
    QString out;
    for (const auto &[key, value] : rows) {
        const QString label = key.isEmpty() ? QString() : key + QLatin1Char(':');
        QString line = label.leftJustified(width + 2, QLatin1Char(' ')) + value;
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out += line + QLatin1Char('\n');
    }
    return out;
}

QJsonObject eventTypeToJson(const EventType &t)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), t.name);
    o.insert(QStringLiteral("provider"), t.provider);
    o.insert(QStringLiteral("provider_title"), t.providerTitle);
    o.insert(QStringLiteral("category"), t.category);
    o.insert(QStringLiteral("description"), t.description);
    o.insert(QStringLiteral("sample"), t.sample);
    return o;
}

bool stdinIsTerminal()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stdin)) != 0;
#else
    return isatty(fileno(stdin)) != 0;
#endif
}

QString durationText(qint64 ms)
{
    if (ms < 0)
        return QStringLiteral("now");
    const qint64 s = (ms + 999) / 1000;
    if (s < 120)
        return QStringLiteral("%1 s").arg(s);
    if (s < 2 * 3600)
        return QStringLiteral("%1 min").arg((s + 59) / 60);
    return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString outcomeText(const AttemptSummary &a, qint64 nowMs)
{
    switch (a.outcome) {
    case AttemptOutcome::Delivered:
        return QStringLiteral("delivered");
    case AttemptOutcome::RetryScheduled:
        return a.nextAttemptAtMs
                   ? QStringLiteral("retry in %1 (%2)")
                         .arg(durationText(*a.nextAttemptAtMs - nowMs), isoTime(*a.nextAttemptAtMs))
                   : QStringLiteral("retry scheduled");
    case AttemptOutcome::GaveUp:
        return a.isTest ? QStringLiteral("failed (test events are not retried)")
                        : QStringLiteral("gave up");
    case AttemptOutcome::Failed:
        return QStringLiteral("failed");
    case AttemptOutcome::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QJsonObject attemptToJson(const AttemptSummary &a)
{
    QJsonObject o;
    o.insert(QStringLiteral("delivery_id"), a.deliveryId);
    o.insert(QStringLiteral("event_id"), a.eventId);
    o.insert(QStringLiteral("event"), a.eventType);
    o.insert(QStringLiteral("webhook_id"), a.webhookId);
    o.insert(QStringLiteral("webhook_name"), a.webhookName);
    o.insert(QStringLiteral("attempt"), a.attemptNo);
    o.insert(QStringLiteral("started_at"), isoTime(a.startedAtMs));
    o.insert(QStringLiteral("duration_ms"), a.durationMs);
    o.insert(QStringLiteral("response_status"),
             a.responseStatus ? QJsonValue(*a.responseStatus) : QJsonValue());
    o.insert(QStringLiteral("error"), a.error.isEmpty() ? QJsonValue() : QJsonValue(a.error));
    o.insert(QStringLiteral("outcome"), attemptOutcomeName(a.outcome));
    o.insert(QStringLiteral("next_attempt_at"),
             a.nextAttemptAtMs ? QJsonValue(isoTime(*a.nextAttemptAtMs)) : QJsonValue());
    o.insert(QStringLiteral("test"), a.isTest);
    return o;
}

#ifndef Q_OS_WIN
int g_stopPipe[2] = {-1, -1};

extern "C" void onStopSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_stopPipe[1], &byte, 1);
}
#endif

// While alive, Ctrl+C and SIGTERM call `onStop` on the event loop instead of killing the
// process, so a dispatcher can give its leases back.
class StopSignals {
public:
    StopSignals(QObject *context, std::function<void()> onStop)
    {
#ifndef Q_OS_WIN
        if (::pipe(g_stopPipe) != 0)
            return;
        ::fcntl(g_stopPipe[1], F_SETFL, O_NONBLOCK);
        m_notifier = new QSocketNotifier(g_stopPipe[0], QSocketNotifier::Read, context);
        QObject::connect(
            m_notifier, &QSocketNotifier::activated, context, [stop = std::move(onStop)] {
                char buffer[16];
                [[maybe_unused]] const ssize_t n = ::read(g_stopPipe[0], buffer, sizeof buffer);
                stop();
            });
        struct sigaction action = {};
        action.sa_handler = onStopSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, &m_oldInt);
        sigaction(SIGTERM, &action, &m_oldTerm);
        m_installed = true;
#else
        Q_UNUSED(context);
        Q_UNUSED(onStop);
#endif
    }
    ~StopSignals()
    {
#ifndef Q_OS_WIN
        if (!m_installed)
            return;
        sigaction(SIGINT, &m_oldInt, nullptr);
        sigaction(SIGTERM, &m_oldTerm, nullptr);
        delete m_notifier;
        ::close(g_stopPipe[0]);
        ::close(g_stopPipe[1]);
        g_stopPipe[0] = g_stopPipe[1] = -1;
#endif
    }
    StopSignals(const StopSignals &) = delete;
    StopSignals &operator=(const StopSignals &) = delete;

private:
#ifndef Q_OS_WIN
    QSocketNotifier *m_notifier = nullptr;
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
    bool m_installed = false;
#endif
};

} // namespace

CliApp::CliApp(QStringList arguments, FILE *out, FILE *err)
    : m_arguments(std::move(arguments))
    , m_out(out)
    , m_err(err)
{}

CliApp::~CliApp()
{
    m_out.flush();
    m_err.flush();
}

QList<CliApp::Command> CliApp::commands() const
{
    const QString wh = QStringLiteral("webhooks");
    const QString ev = QStringLiteral("events");
    const Command::Positional id{QStringLiteral("ID"),
                                 QStringLiteral("Webhook id, or a unique prefix of at least 4 "
                                                "characters.")};
    const Command::Positional typeName{QStringLiteral("NAME"), QStringLiteral("Event type name.")};
    QList<Command> c;

    c << Command{
        wh,
        QStringLiteral("create"),
        QStringLiteral("Register a webhook and print its signing secret, once."),
        {},
        draftOptions(false) +
            QList<QCommandLineOption>{flag(
                kTestEvent,
                QStringLiteral("Send a test event after creating it; if that delivery fails the "
                               "webhook is created paused, with the reason (exit status 0 "
                               "either way)."))},
        {QStringLiteral("hookline-cli webhooks create --name \"CRM bridge\" "
                        "--url https://crm.example.com/hook --event new_contact,invoice_paid"),
         QStringLiteral("hookline-cli webhooks create --name Local --url "
                        "http://127.0.0.1:8080/hook --event new_contact --local-testing "
                        "--auth bearer:TOKEN")},
        &CliApp::webhooksCreate};
    c << Command{wh,
                 QStringLiteral("list"),
                 QStringLiteral("List webhooks (status, name, URL, events, secret prefix, last "
                                "delivery)."),
                 {},
                 {valued(kSystem, QStringLiteral("ID"),
                         QStringLiteral("Only webhooks of this system identifier."))},
                 {QStringLiteral("hookline-cli webhooks list --system default")},
                 &CliApp::webhooksList};
    c << Command{wh,
                 QStringLiteral("show"),
                 QStringLiteral("Show every field of one webhook (credentials stay hidden)."),
                 {id},
                 {},
                 {QStringLiteral("hookline-cli webhooks show f4e9c2a8")},
                 &CliApp::webhooksShow};
    c << Command{wh,
                 QStringLiteral("update"),
                 QStringLiteral("Change a webhook; options not given keep their value."),
                 {id},
                 draftOptions(true),
                 {QStringLiteral("hookline-cli webhooks update f4e9c2a8 --add-event invoice_paid "
                                 "--timeout 30")},
                 &CliApp::webhooksUpdate};
    c << Command{wh,
                 QStringLiteral("enable"),
                 QStringLiteral("Resume deliveries to a webhook."),
                 {id},
                 {},
                 {QStringLiteral("hookline-cli webhooks enable f4e9c2a8")},
                 &CliApp::webhooksEnable};
    c << Command{wh,
                 QStringLiteral("disable"),
                 QStringLiteral("Stop deliveries to a webhook and cancel its pending ones."),
                 {id},
                 {valued(kReason, QStringLiteral("TEXT"),
                         QStringLiteral("Why it is disabled (shown in list and show)."))},
                 {QStringLiteral("hookline-cli webhooks disable f4e9c2a8 --reason \"receiver "
                                 "down\"")},
                 &CliApp::webhooksDisable};
    c << Command{wh,
                 QStringLiteral("delete"),
                 QStringLiteral("Delete a webhook; nothing more is ever sent to it."),
                 {id},
                 {flag(kYes, QStringLiteral("Delete without asking (required when stdin is not "
                                            "a terminal)."))},
                 {QStringLiteral("hookline-cli webhooks delete f4e9c2a8 --yes")},
                 &CliApp::webhooksDelete};
    c << Command{wh,
                 QStringLiteral("rotate-secret"),
                 QStringLiteral("Issue a new signing secret (shown once); the previous one stays "
                                "valid for a while."),
                 {id},
                 {valued(kOverlapHours, QStringLiteral("HOURS"),
                         QStringLiteral("How long the previous secret stays valid, 0-720 hours "
                                        "(default 24)."))},
                 {QStringLiteral("hookline-cli webhooks rotate-secret f4e9c2a8 --overlap-hours "
                                 "48")},
                 &CliApp::webhooksRotate};
    c << Command{wh,
                 QStringLiteral("test"),
                 QStringLiteral("Send a test event (the first subscribed type, with sample data) "
                                "and show the result; a failure pauses the webhook. Exit status "
                                "1 when it fails."),
                 {id},
                 {},
                 {QStringLiteral("hookline-cli webhooks test f4e9c2a8")},
                 &CliApp::webhooksTest};
    c << Command{ev,
                 QStringLiteral("types"),
                 QStringLiteral("List the event types webhooks can subscribe to."),
                 {},
                 {valued(kProvider, QStringLiteral("PROVIDER"),
                         QStringLiteral("Only this provider's events (id or title, e.g. "
                                        "zyntro)."))},
                 {QStringLiteral("hookline-cli events types --provider zyntro")},
                 &CliApp::eventsTypes};
    c << Command{ev,
                 QStringLiteral("add-type"),
                 QStringLiteral("Add your own event type."),
                 {typeName},
                 {valued(kDescription, QStringLiteral("TEXT"),
                         QStringLiteral("What the event means (at most 500 characters).")),
                  valued(kCategory, QStringLiteral("CATEGORY"),
                         QStringLiteral("Category to list it under (default \"Custom events\").")),
                  valued(kSample, QStringLiteral("JSON|@FILE"),
                         QStringLiteral("Sample `data` object, inline or read from FILE."))},
                 {QStringLiteral("hookline-cli events add-type order.shipped --description "
                                 "\"An order left the warehouse\" --sample '{\"order_id\": "
                                 "\"o_123\"}'")},
                 &CliApp::eventsAddType};
    c << Command{ev,
                 QStringLiteral("remove-type"),
                 QStringLiteral("Remove an event type you added."),
                 {typeName},
                 {},
                 {QStringLiteral("hookline-cli events remove-type order.shipped")},
                 &CliApp::eventsRemoveType};
    c << Command{
        ev,
        QStringLiteral("send"),
        QStringLiteral("Send an event to every enabled webhook subscribed to it (or to one) and "
                       "show each attempt. Exit status 0 when every delivery succeeded (or none "
                       "was due), 1 when one failed: it stays queued for its retries, which "
                       "'hookline-cli dispatch' or the app sends."),
        {{QStringLiteral("TYPE"), QStringLiteral("Event type, e.g. peopleCreated (see 'events "
                                                 "types').")}},
        {valued(kData, QStringLiteral("JSON|@FILE"),
                QStringLiteral("The event's data object, inline or read from FILE (default: the "
                               "catalog's sample).")),
         valued(kResourceId, QStringLiteral("ID"),
                QStringLiteral("Id of a resource the event is about; repeatable.")),
         valued(kUri, QStringLiteral("URI"), QStringLiteral("URI of the resource (default null).")),
         valued(kWebhook, QStringLiteral("ID"),
                QStringLiteral("Send only to this webhook (it must be subscribed to TYPE).")),
         valued(kSystem, QStringLiteral("ID"),
                QStringLiteral("System identifier whose webhooks receive it (default "
                               "\"default\").")),
         flag(kNoDispatch, QStringLiteral("Only queue the deliveries; the app or 'hookline-cli "
                                          "dispatch' sends them."))},
        {QStringLiteral("hookline-cli events send peopleCreated --data '{\"id\": \"p-1\"}' "
                        "--resource-id p-1"),
         QStringLiteral("hookline-cli events send email.replied --data @reply.json --webhook "
                        "f4e9c2a8")},
        &CliApp::eventsSend};
    c << Command{
        QString(),
        QStringLiteral("dispatch"),
        QStringLiteral("Send queued deliveries as they fall due, printing each attempt, until "
                       "Ctrl+C (leases are given back) or, with --until-idle, until nothing is "
                       "due and nothing is in flight."),
        {},
        {flag(kUntilIdle, QStringLiteral("Exit once nothing is due and nothing is in flight; "
                                         "say when the next retry is due.")),
         valued(kLeaseMargin, QStringLiteral("SECONDS"),
                QStringLiteral("How long past a webhook's timeout a claimed delivery stays "
                               "leased to this process, 0-3600 (default 30). After a crash, "
                               "other dispatchers take its deliveries over once the lease "
                               "ends.")),
         valued(kMaxInFlight, QStringLiteral("N"),
                QStringLiteral("Requests under way at once, 1-1024 (default 64).")),
         valued(kPauseAfter, QStringLiteral("N"),
                QStringLiteral("Pause a webhook after N failed attempts in a row, 0-100 "
                               "(default 5; 0 never pauses)."))},
        {QStringLiteral("hookline-cli dispatch --until-idle"),
         QStringLiteral("hookline-cli dispatch --pause-after 10")},
        &CliApp::dispatch};
    c << Command{QString(),
                 QStringLiteral("info"),
                 QStringLiteral("Show the database, its schema version and how secrets are "
                                "protected."),
                 {},
                 {},
                 {QStringLiteral("hookline-cli info --db ~/hookline-test.sqlite")},
                 &CliApp::info};
    c << deliveriesCommands();
    c << receiveCommands();
    return c;
}

// ---------------------------------------------------------------------------------------------
// Help

QString CliApp::topHelp() const
{
    QString text = QStringLiteral("hookline-cli: register and manage Hookline webhooks from the "
                                  "command line.\n\n"
                                  "Usage: hookline-cli [--db PATH] [--json] COMMAND [options]\n\n"
                                  "Commands:\n");
    TextTable table({QString(), QString()});
    for (const Command &command : commands())
        table.addRow({QStringLiteral("  ") + command.fullName(), command.summary});
    // Drop the (empty) header line.
    text += table.render().section(QLatin1Char('\n'), 1);
    text += QStringLiteral("\nGlobal options (accepted by every command):\n");
    TextTable options({QString(), QString()});
    for (const QCommandLineOption &o : globalOptions()) {
        QStringList names;
        for (const QString &n : o.names())
            names << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
        QString left = QStringLiteral("  ") + names.join(QStringLiteral(", "));
        if (!o.valueName().isEmpty())
            left += QLatin1Char(' ') + o.valueName();
        options.addRow({left, o.description()});
    }
    text += options.render().section(QLatin1Char('\n'), 1);
    text += QStringLiteral("\nRun 'hookline-cli COMMAND --help' for a command's options, e.g. "
                           "'hookline-cli webhooks create --help'.\n"
                           "Exit status: 0 success, 1 failure, 2 usage error, 3 input rejected by "
                           "a rule.\n");
    return text;
}

QString CliApp::groupHelp(const QString &group) const
{
    QString text =
        QStringLiteral("Usage: hookline-cli %1 COMMAND [options]\n\nCommands:\n").arg(group);
    TextTable table({QString(), QString()});
    for (const Command &command : commands())
        if (command.group == group)
            table.addRow({QStringLiteral("  ") + command.name, command.summary});
    text += table.render().section(QLatin1Char('\n'), 1);
    text += QStringLiteral("\nRun 'hookline-cli %1 COMMAND --help' for a command's options.\n")
                .arg(group);
    return text;
}

QString CliApp::commandHelp(const Command &command) const
{
    auto optionRows = [](const QList<QCommandLineOption> &list) {
        TextTable table({QString(), QString()});
        for (const QCommandLineOption &o : list) {
            QStringList names;
            for (const QString &n : o.names())
                names << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
            QString left = QStringLiteral("  ") + names.join(QStringLiteral(", "));
            if (!o.valueName().isEmpty())
                left += QLatin1Char(' ') + o.valueName();
            table.addRow({left, o.description()});
        }
        return table.render().section(QLatin1Char('\n'), 1);
    };

    QString usage = QStringLiteral("Usage: hookline-cli ") + command.fullName();
    for (const auto &p : command.positionals)
        usage += QLatin1Char(' ') + p.name;
    usage += QStringLiteral(" [options]");

    QString text = usage + QStringLiteral("\n\n") + command.summary + QLatin1Char('\n');
    if (!command.positionals.isEmpty()) {
        text += QStringLiteral("\nArguments:\n");
        TextTable table({QString(), QString()});
        for (const auto &p : command.positionals)
            table.addRow({QStringLiteral("  ") + p.name, p.description});
        text += table.render().section(QLatin1Char('\n'), 1);
    }
    if (!command.options.isEmpty())
        text += QStringLiteral("\nOptions:\n") + optionRows(command.options);
    text += QStringLiteral("\nGlobal options:\n") + optionRows(globalOptions());
    text += command.examples.size() == 1 ? QStringLiteral("\nExample:\n")
                                         : QStringLiteral("\nExamples:\n");
    for (const QString &example : command.examples)
        text += QStringLiteral("  ") + example + QLatin1Char('\n');
    return text;
}

// ---------------------------------------------------------------------------------------------
// Dispatch

int CliApp::run()
{
    const QStringList args = m_arguments.mid(1);

    // The command words are the first arguments that are neither options nor the value of --db;
    // everything else goes to the command's own parser.
    QList<qsizetype> wordAt;
    const auto findWord = [&args](qsizetype from) -> qsizetype {
        for (qsizetype i = from; i < args.size(); ++i) {
            const QString &a = args.at(i);
            if (a == QLatin1String("--"))
                return -1;
            if (a == QLatin1String("--db")) {
                ++i;
                continue;
            }
            if (a.startsWith(QLatin1Char('-')) && a.size() > 1)
                continue;
            return i;
        }
        return -1;
    };
    const auto without = [&args](const QList<qsizetype> &drop) {
        QStringList rest;
        for (qsizetype i = 0; i < args.size(); ++i)
            if (!drop.contains(i))
                rest << args.at(i);
        return rest;
    };

    const QList<Command> all = commands();
    QSet<QString> groups;
    for (const Command &command : all)
        if (!command.group.isEmpty())
            groups.insert(command.group);

    // Only global options: --help, --version, or nothing useful.
    const auto globalsOnly = [this](const QStringList &rest, const QString &group) -> int {
        QCommandLineParser parser;
        parser.addOptions(globalOptions());
        if (!parser.parse(QStringList{kProgram} + rest))
            return usageError(parser.errorText(), group);
        if (parser.isSet(kVersion)) {
            m_out << kProgram << QLatin1Char(' ') << QStringLiteral(HOOKLINE_VERSION) << '\n';
            return ExitOk;
        }
        if (parser.isSet(kHelp)) {
            m_out << (group.isEmpty() ? topHelp() : groupHelp(group));
            return ExitOk;
        }
        if (group.isEmpty()) {
            if (rest.isEmpty()) {
                m_err << topHelp();
                return ExitUsage;
            }
            return usageError(QStringLiteral("no command given."));
        }
        QStringList names;
        for (const Command &command : commands())
            if (command.group == group)
                names << command.name;
        return usageError(QStringLiteral("missing %1 command; use one of: %2.")
                              .arg(group, names.join(QStringLiteral(", "))),
                          group);
    };

    const qsizetype first = findWord(0);
    if (first < 0)
        return globalsOnly(args, QString());
    const QString word = args.at(first);

    for (const Command &command : all)
        if (command.group.isEmpty() && command.name == word)
            return runCommand(command, without({first}));

    if (!groups.contains(word))
        return usageError(QStringLiteral("unknown command \"%1\".").arg(word));

    const qsizetype second = findWord(first + 1);
    if (second < 0)
        return globalsOnly(without({first}), word);
    const QString sub = args.at(second);
    for (const Command &command : all)
        if (command.group == word && command.name == sub)
            return runCommand(command, without({first, second}));

    QStringList names;
    for (const Command &command : all)
        if (command.group == word)
            names << command.name;
    return usageError(QStringLiteral("unknown command \"%1 %2\"; %1 commands are: %3.")
                          .arg(word, sub, names.join(QStringLiteral(", "))),
                      word);
}

int CliApp::runCommand(const Command &command, const QStringList &arguments)
{
    m_commandName = command.fullName();
    QCommandLineParser parser;
    parser.addOptions(globalOptions());
    parser.addOptions(command.options);
    for (const auto &p : command.positionals)
        parser.addPositionalArgument(p.name, p.description);
    if (!parser.parse(QStringList{kProgram} + arguments)) {
        if (command.name == QLatin1String("update") &&
            parser.unknownOptionNames().contains(kSecret))
            return usageError(QStringLiteral("--secret is only for create; use 'hookline-cli "
                                             "webhooks rotate-secret ID' to get a new secret."),
                              m_commandName);
        return usageError(parser.errorText(), m_commandName);
    }
    if (parser.isSet(kHelp)) {
        m_out << commandHelp(command);
        return ExitOk;
    }
    if (parser.isSet(kVersion)) {
        m_out << kProgram << QLatin1Char(' ') << QStringLiteral(HOOKLINE_VERSION) << '\n';
        return ExitOk;
    }
    m_json = parser.isSet(kJson);
    if (parser.isSet(kDb)) {
        m_databasePath = parser.value(kDb);
        if (m_databasePath.trimmed().isEmpty())
            return usageError(QStringLiteral("--db needs a file path."), m_commandName);
    }
    const QStringList positional = parser.positionalArguments();
    // A positional named "[NAME]" is optional; a last one named "NAME..." takes the rest.
    qsizetype required = 0;
    for (const auto &p : command.positionals)
        required += p.name.startsWith(QLatin1Char('[')) ? 0 : 1;
    const bool variadic = !command.positionals.isEmpty() &&
                          command.positionals.constLast().name.contains(QLatin1String("..."));
    if (positional.size() < required)
        return usageError(
            QStringLiteral("missing %1.").arg(command.positionals.at(positional.size()).name),
            m_commandName);
    if (!variadic && positional.size() > command.positionals.size())
        return usageError(QStringLiteral("unexpected argument \"%1\".")
                              .arg(positional.at(command.positionals.size())),
                          m_commandName);
    const int status = (this->*command.handler)(parser, positional);
    m_out.flush();
    m_err.flush();
    return status;
}

// ---------------------------------------------------------------------------------------------
// Output and errors

void CliApp::printJson(const QJsonObject &object)
{
    m_out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

int CliApp::usageError(const QString &message, const QString &helpFor)
{
    m_err << QStringLiteral("error: ") << message << '\n';
    if (helpFor.isEmpty())
        m_err << QStringLiteral("Run 'hookline-cli --help' for usage.\n");
    else
        m_err << QStringLiteral("Run 'hookline-cli %1 --help' for usage.\n").arg(helpFor);
    m_err.flush();
    return ExitUsage;
}

int CliApp::fail(const Error &error)
{
    m_err << QStringLiteral("error: ") << error.toString() << '\n';
    m_err.flush();
    return error.isValidationError() ? ExitRejected : ExitFailure;
}

int CliApp::reject(const QList<Error> &errors)
{
    for (const Error &e : errors)
        m_err << QStringLiteral("error: ") << e.toString() << '\n';
    m_err.flush();
    return ExitRejected;
}

bool CliApp::openSession()
{
    if (m_session)
        return true;
    Session::Options options;
    options.databasePath = m_databasePath;
    auto session = Session::open(options);
    if (!session) {
        m_err << QStringLiteral("error: ") << session.error().toString() << '\n';
        m_err.flush();
        return false;
    }
    m_session = session.value();
    return true;
}

// ---------------------------------------------------------------------------------------------
// webhooks

int CliApp::applyDraftOptions(const QCommandLineParser &p, WebhookDraft &draft, bool mergeHeaders,
                              QList<Error> &ruleErrors)
{
    if (p.isSet(kName))
        draft.name = p.value(kName);
    if (p.isSet(kUrl))
        draft.url = p.value(kUrl);
    if (p.isSet(kEvent))
        draft.events = splitList(p.values(kEvent));
    if (p.isSet(kDescription))
        draft.description = p.value(kDescription);
    if (p.isSet(kSystem))
        draft.systemId = p.value(kSystem);

    if (p.isSet(kHeader)) {
        HeaderList parsed;
        for (const QString &text : p.values(kHeader)) {
            const auto header = parseHeader(text);
            if (!header)
                return usageError(QStringLiteral("--header \"%1\" is not NAME:VALUE (for example "
                                                 "X-Team:payments).")
                                      .arg(TextTable::singleLine(text)),
                                  m_commandName);
            parsed.append({header->name, header->value});
        }
        if (!mergeHeaders) {
            draft.headers = parsed;
        } else {
            // Replace a header the webhook already has; add the others (repeats among the new
            // ones are left for the rules to report).
            const qsizetype existing = draft.headers.size();
            for (const auto &header : std::as_const(parsed)) {
                bool replaced = false;
                for (qsizetype i = 0; i < existing; ++i) {
                    if (draft.headers[i].first.compare(header.first, Qt::CaseInsensitive) == 0) {
                        draft.headers[i] = header;
                        replaced = true;
                        break;
                    }
                }
                if (!replaced)
                    draft.headers.append(header);
            }
        }
    }

    if (p.isSet(kAuth)) {
        QString problem;
        const auto auth = parseAuth(p.value(kAuth), &problem);
        if (!auth)
            return usageError(problem, m_commandName);
        draft.auth = *auth;
    }
    if (p.isSet(kTimeout)) {
        const auto seconds = parseInt(p.value(kTimeout));
        if (!seconds)
            return usageError(QStringLiteral("--timeout \"%1\" is not a whole number of seconds.")
                                  .arg(p.value(kTimeout)),
                              m_commandName);
        draft.timeoutSeconds = *seconds;
    }
    if (p.isSet(kRetryAttempts)) {
        const auto attempts = parseInt(p.value(kRetryAttempts));
        if (!attempts)
            return usageError(QStringLiteral("--retry-attempts \"%1\" is not a whole number.")
                                  .arg(p.value(kRetryAttempts)),
                              m_commandName);
        draft.retryAttempts = *attempts;
    }
    if (p.isSet(kScheme)) {
        const auto scheme = schemeFromName(p.value(kScheme));
        if (scheme)
            draft.scheme = *scheme;
        else
            ruleErrors << schemeError(p.value(kScheme));
    }
    if (p.isSet(kLocalTesting))
        draft.localTesting = true;
    return ExitOk;
}

void CliApp::printSecretOnce(const WebhookWithSecret &result, bool rotated)
{
    const Webhook &w = result.webhook;
    if (rotated)
        m_out << QStringLiteral("Rotated the signing secret of webhook ") << w.id
              << QStringLiteral(" (") << TextTable::singleLine(w.name) << QStringLiteral(")\n");
    else
        m_out << QStringLiteral("Created webhook ") << w.id << '\n'
              << keyValueLines({
                     {QStringLiteral("  Name"), TextTable::singleLine(w.name)},
                     {QStringLiteral("  URL"), w.url},
                     {QStringLiteral("  Events"), w.events.join(QStringLiteral(", "))},
                     {QStringLiteral("  Status"), statusText(w)},
                     {QStringLiteral("  System"), w.systemId},
                     {QStringLiteral("  Scheme"), schemeName(w.scheme)},
                 });
    m_out << '\n'
          << QStringLiteral("Signing secret: ") << result.signingSecret << '\n'
          << QStringLiteral("Save this signing secret now. It will not be shown again.\n");
    if (rotated)
        m_out << QStringLiteral("The previous secret remains valid until %1.\n")
                     .arg(isoTime(result.previousSecretExpiresAtMs));
}

void CliApp::printWebhookDetails(const Webhook &w)
{
    QList<QPair<QString, QString>> rows;
    rows << qMakePair(QStringLiteral("ID"), w.id);
    rows << qMakePair(QStringLiteral("Name"), TextTable::singleLine(w.name));
    rows << qMakePair(QStringLiteral("URL"), w.url);
    rows << qMakePair(QStringLiteral("Status"), statusText(w));
    rows << qMakePair(QStringLiteral("Events"), w.events.join(QStringLiteral(", ")));
    rows << qMakePair(QStringLiteral("Description"), w.description.isEmpty()
                                                         ? QStringLiteral("-")
                                                         : TextTable::singleLine(w.description));
    rows << qMakePair(QStringLiteral("System"), w.systemId);
    rows << qMakePair(QStringLiteral("Signature scheme"), schemeName(w.scheme));
    rows << qMakePair(QStringLiteral("Signing secret"),
                      w.signingSecretPrefix + kEllipsis +
                          QStringLiteral(" (hidden; rotate to get a new one)"));
    rows << qMakePair(QStringLiteral("Auth"), authSummary(w.auth));
    if (w.headers.isEmpty()) {
        rows << qMakePair(QStringLiteral("Headers"), QStringLiteral("none"));
    } else {
        for (qsizetype i = 0; i < w.headers.size(); ++i)
            rows << qMakePair(i == 0 ? QStringLiteral("Headers") : QString(),
                              w.headers.at(i).first + QStringLiteral(": ") +
                                  TextTable::singleLine(w.headers.at(i).second));
    }
    rows << qMakePair(QStringLiteral("Timeout"), QStringLiteral("%1 s").arg(w.timeoutSeconds));
    rows << qMakePair(QStringLiteral("Retry attempts"), QString::number(w.retryAttempts));
    rows << qMakePair(QStringLiteral("Local testing"),
                      w.localTesting ? QStringLiteral("yes") : QStringLiteral("no"));
    rows << qMakePair(QStringLiteral("Created"), isoTime(w.createdAtMs));
    rows << qMakePair(QStringLiteral("Updated"), isoTime(w.updatedAtMs));
    rows << qMakePair(QStringLiteral("Last delivery"), lastDelivery(w));
    m_out << keyValueLines(rows);
}

int CliApp::webhooksCreate(const QCommandLineParser &p, const QStringList &)
{
    WebhookDraft draft;
    QList<Error> cliErrors;
    if (const int status = applyDraftOptions(p, draft, false, cliErrors); status != ExitOk)
        return status;
    if (p.isSet(kSecret))
        draft.customSecret = p.value(kSecret);
    if (!openSession())
        return ExitFailure;
    QList<Error> errors = m_session->registry->check(draft, WebhookRules::Mode::Create);
    errors += cliErrors;
    if (!errors.isEmpty())
        return reject(errors);
    auto created = m_session->registry->create(draft);
    if (!created)
        return fail(created.error());
    if (!p.isSet(kTestEvent)) {
        if (m_json)
            printJson(webhookWithSecretToJson(created.value(), false));
        else
            printSecretOnce(created.value(), false);
        return ExitOk;
    }

    // The secret first: whatever happens to the test, it is never shown again.
    if (!m_json) {
        printSecretOnce(created.value(), false);
        m_out << '\n';
        m_out.flush();
    }
    bool interrupted = false;
    Error testError;
    const QList<AttemptSummary> attempts =
        runTestEvent(created->webhook.id, &interrupted, &testError);
    WebhookWithSecret result = created.value();
    if (auto now = m_session->registry->get(result.webhook.id))
        result.webhook = now.value();
    const bool delivered =
        !attempts.isEmpty() && attempts.last().outcome == AttemptOutcome::Delivered;
    if (m_json) {
        QJsonObject o = webhookWithSecretToJson(result, false);
        QJsonObject test;
        test.insert(QStringLiteral("status"),
                    delivered ? QStringLiteral("delivered") : QStringLiteral("failed"));
        if (!attempts.isEmpty()) {
            const AttemptSummary &a = attempts.last();
            test.insert(QStringLiteral("event"), a.eventType);
            test.insert(QStringLiteral("response_status"),
                        a.responseStatus ? QJsonValue(*a.responseStatus) : QJsonValue());
            test.insert(QStringLiteral("error"),
                        a.error.isEmpty() ? QJsonValue() : QJsonValue(a.error));
            test.insert(QStringLiteral("duration_ms"), a.durationMs);
        } else if (!testError.message.isEmpty()) {
            test.insert(QStringLiteral("error"), testError.toString());
        }
        o.insert(QStringLiteral("testDelivery"), test);
        printJson(o);
        return ExitOk;
    }
    if (!testError.message.isEmpty())
        m_err << QStringLiteral("error: the test event could not be sent: ") << testError.toString()
              << '\n';
    if (result.webhook.status == WebhookStatus::Paused)
        m_out << QStringLiteral("Webhook status: paused (%1)\nFix the endpoint, then resume "
                                "it with: hookline-cli webhooks enable %2\n")
                     .arg(TextTable::singleLine(result.webhook.statusReason), result.webhook.id);
    return ExitOk;
}

int CliApp::webhooksList(const QCommandLineParser &p, const QStringList &)
{
    if (!openSession())
        return ExitFailure;
    const QString system = p.value(kSystem);
    auto webhooks = m_session->registry->list(system);
    if (!webhooks)
        return fail(webhooks.error());
    if (m_json) {
        QJsonArray data;
        for (const Webhook &w : webhooks.value())
            data.append(webhookToJson(w));
        QJsonObject o;
        o.insert(QStringLiteral("data"), data);
        o.insert(QStringLiteral("next_cursor"), QJsonValue::Null);
        printJson(o);
        return ExitOk;
    }
    if (webhooks->isEmpty()) {
        if (system.isEmpty())
            m_out << QStringLiteral("No webhooks yet. Create one with: hookline-cli webhooks "
                                    "create --name NAME --url URL --event EVENT\n");
        else
            m_out << QStringLiteral("No webhooks in system \"%1\". Create one with: hookline-cli "
                                    "webhooks create --system %1 --name NAME --url URL --event "
                                    "EVENT\n")
                         .arg(system);
        return ExitOk;
    }
    TextTable table({QStringLiteral("ID"), QStringLiteral("STATUS"), QStringLiteral("NAME"),
                     QStringLiteral("URL"), QStringLiteral("EVENTS"), QStringLiteral("SECRET"),
                     QStringLiteral("LAST DELIVERY")});
    table.setMaxWidth(2, 24);
    table.setMaxWidth(3, 48);
    table.setMaxWidth(4, 36);
    for (const Webhook &w : webhooks.value())
        table.addRow({w.id.left(8), statusName(w.status), w.name, w.url,
                      w.events.join(QStringLiteral(",")), w.signingSecretPrefix + kEllipsis,
                      lastDelivery(w)});
    m_out << table.render();
    return ExitOk;
}

int CliApp::webhooksShow(const QCommandLineParser &, const QStringList &args)
{
    if (!openSession())
        return ExitFailure;
    auto w = m_session->registry->get(args.at(0));
    if (!w)
        return fail(w.error());
    if (m_json)
        printJson(webhookToJson(w.value()));
    else
        printWebhookDetails(w.value());
    return ExitOk;
}

int CliApp::webhooksUpdate(const QCommandLineParser &p, const QStringList &args)
{
    static const QStringList changeOptions = {
        kName,          kUrl,    kEvent,        kAddEvent,     kRemoveEvent,
        kDescription,   kHeader, kRemoveHeader, kAuth,         kTimeout,
        kRetryAttempts, kSystem, kScheme,       kLocalTesting, kNoLocalTesting};
    bool anyChange = false;
    for (const QString &option : changeOptions)
        anyChange = anyChange || p.isSet(option);
    if (!anyChange)
        return usageError(QStringLiteral("nothing to change; give at least one option such as "
                                         "--name, --url, --event or --add-event."),
                          m_commandName);
    if (p.isSet(kLocalTesting) && p.isSet(kNoLocalTesting))
        return usageError(QStringLiteral("--local-testing and --no-local-testing contradict each "
                                         "other; give one."),
                          m_commandName);

    if (!openSession())
        return ExitFailure;
    auto existing = m_session->registry->get(args.at(0));
    if (!existing)
        return fail(existing.error());

    WebhookDraft draft = existing->toDraft();
    QList<Error> cliErrors;
    if (p.isSet(kRemoveHeader)) {
        for (const QString &name : p.values(kRemoveHeader)) {
            qsizetype removed = 0;
            for (qsizetype i = draft.headers.size() - 1; i >= 0; --i) {
                if (draft.headers.at(i).first.compare(name.trimmed(), Qt::CaseInsensitive) == 0) {
                    draft.headers.removeAt(i);
                    ++removed;
                }
            }
            if (removed == 0)
                cliErrors << Error{ErrorCode::InvalidHeader, QStringLiteral("headers"),
                                   QStringLiteral("Header \"%1\" is not set on this webhook; "
                                                  "nothing to remove.")
                                       .arg(name.trimmed())};
        }
    }
    if (const int status = applyDraftOptions(p, draft, true, cliErrors); status != ExitOk)
        return status;
    for (const QString &event : splitList(p.values(kAddEvent)))
        if (!draft.events.contains(event))
            draft.events << event;
    for (const QString &event : splitList(p.values(kRemoveEvent))) {
        if (!draft.events.removeAll(event))
            cliErrors << Error{ErrorCode::InvalidEvents, QStringLiteral("events"),
                               QStringLiteral("The webhook is not subscribed to \"%1\"; nothing "
                                              "to remove.")
                                   .arg(event)};
    }
    if (p.isSet(kNoLocalTesting))
        draft.localTesting = false;

    QList<Error> errors = m_session->registry->check(draft, WebhookRules::Mode::Update);
    errors += cliErrors;
    if (!errors.isEmpty())
        return reject(errors);
    auto updated = m_session->registry->update(existing->id, draft);
    if (!updated)
        return fail(updated.error());
    if (m_json) {
        printJson(webhookToJson(updated.value()));
    } else {
        m_out << QStringLiteral("Updated webhook ") << updated->id << QStringLiteral("\n\n");
        printWebhookDetails(updated.value());
    }
    return ExitOk;
}

int CliApp::webhooksEnable(const QCommandLineParser &, const QStringList &args)
{
    if (!openSession())
        return ExitFailure;
    auto w = m_session->registry->enable(args.at(0));
    if (!w)
        return fail(w.error());
    if (m_json)
        printJson(webhookToJson(w.value()));
    else
        m_out << QStringLiteral("Enabled webhook %1 (%2).\n")
                     .arg(w->id, TextTable::singleLine(w->name));
    return ExitOk;
}

int CliApp::webhooksDisable(const QCommandLineParser &p, const QStringList &args)
{
    if (!openSession())
        return ExitFailure;
    auto w = m_session->registry->disable(args.at(0), p.value(kReason).trimmed());
    if (!w)
        return fail(w.error());
    if (m_json)
        printJson(webhookToJson(w.value()));
    else
        m_out << QStringLiteral("Disabled webhook %1 (%2): %3\n")
                     .arg(w->id, TextTable::singleLine(w->name),
                          TextTable::singleLine(w->statusReason));
    return ExitOk;
}

int CliApp::webhooksDelete(const QCommandLineParser &p, const QStringList &args)
{
    const bool interactive = !p.isSet(kYes) && stdinIsTerminal();
    if (!p.isSet(kYes) && !interactive)
        return usageError(QStringLiteral("stdin is not a terminal; pass --yes to delete without a "
                                         "prompt."),
                          m_commandName);
    if (!openSession())
        return ExitFailure;
    auto w = m_session->registry->get(args.at(0));
    if (!w)
        return fail(w.error());
    if (interactive) {
        m_err << QStringLiteral("Delete webhook %1 (%2)? [y/N] ")
                     .arg(TextTable::singleLine(w->name), w->url);
        m_err.flush();
        QTextStream in(stdin);
        const QString answer = in.readLine().trimmed().toLower();
        if (answer != QLatin1String("y") && answer != QLatin1String("yes")) {
            m_err << QStringLiteral("Not deleted.\n");
            return ExitFailure;
        }
    }
    if (Status s = m_session->registry->remove(w->id); !s)
        return fail(s.error());
    if (m_json) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), w->id);
        o.insert(QStringLiteral("deleted"), true);
        printJson(o);
    } else {
        m_out << QStringLiteral("Deleted webhook %1 (%2).\n")
                     .arg(w->id, TextTable::singleLine(w->name));
    }
    return ExitOk;
}

int CliApp::webhooksRotate(const QCommandLineParser &p, const QStringList &args)
{
    std::optional<qint64> overlapMs;
    if (p.isSet(kOverlapHours)) {
        bool ok = false;
        const double hours = p.value(kOverlapHours).trimmed().toDouble(&ok);
        if (!ok || !std::isfinite(hours))
            return usageError(QStringLiteral("--overlap-hours \"%1\" is not a number of hours.")
                                  .arg(p.value(kOverlapHours)),
                              m_commandName);
        // Out-of-range values are passed on (clamped only to stay within qint64) so the
        // registry's rule names the valid range.
        const double ms = std::clamp(hours * 3600.0 * 1000.0, -1.0, 1e15);
        overlapMs = qint64(std::llround(ms));
    }
    if (!openSession())
        return ExitFailure;
    auto rotated = m_session->registry->rotateSecret(args.at(0), overlapMs);
    if (!rotated)
        return fail(rotated.error());
    if (m_json)
        printJson(webhookWithSecretToJson(rotated.value(), true));
    else
        printSecretOnce(rotated.value(), true);
    return ExitOk;
}

// ---------------------------------------------------------------------------------------------
// events

int CliApp::eventsTypes(const QCommandLineParser &p, const QStringList &)
{
    if (!openSession())
        return ExitFailure;
    const EventCatalog catalog = m_session->registry->catalog();
    QList<EventType> types = catalog.all();
    if (p.isSet(kProvider)) {
        types = catalog.byProvider(p.value(kProvider));
        if (types.isEmpty())
            return usageError(
                QStringLiteral("unknown provider \"%1\"; known providers: %2.")
                    .arg(p.value(kProvider), catalog.providers().join(QStringLiteral(", "))),
                m_commandName);
    }
    if (m_json) {
        QJsonArray data;
        for (const EventType &t : std::as_const(types))
            data.append(eventTypeToJson(t));
        QJsonObject o;
        o.insert(QStringLiteral("data"), data);
        printJson(o);
        return ExitOk;
    }
    TextTable table({QStringLiteral("EVENT"), QStringLiteral("PROVIDER"),
                     QStringLiteral("CATEGORY"), QStringLiteral("DESCRIPTION")});
    table.setMaxWidth(0, 40);
    table.setMaxWidth(2, 28);
    table.setMaxWidth(3, 70);
    for (const EventType &t : std::as_const(types))
        table.addRow({t.name, t.provider, t.category, t.description});
    m_out << table.render();
    return ExitOk;
}

int CliApp::eventsAddType(const QCommandLineParser &p, const QStringList &args)
{
    EventType type;
    type.name = args.at(0);
    type.description = p.value(kDescription);
    type.category = p.value(kCategory);
    if (p.isSet(kSample)) {
        auto sample = jsonObjectArgument(p.value(kSample), QStringLiteral("--sample"),
                                         QStringLiteral("sample"), ErrorCode::InvalidEventType);
        if (!sample)
            return fail(sample.error());
        type.sample = sample.value();
    }
    if (!openSession())
        return ExitFailure;
    auto added = m_session->registry->addEventType(type);
    if (!added)
        return fail(added.error());
    if (m_json)
        printJson(eventTypeToJson(added.value()));
    else
        m_out << QStringLiteral("Added event type %1 (%2).\n").arg(added->name, added->category);
    return ExitOk;
}

int CliApp::eventsRemoveType(const QCommandLineParser &, const QStringList &args)
{
    if (!openSession())
        return ExitFailure;
    const QString name = args.at(0).trimmed();
    if (Status s = m_session->registry->removeEventType(name); !s)
        return fail(s.error());
    if (m_json) {
        QJsonObject o;
        o.insert(QStringLiteral("name"), name);
        o.insert(QStringLiteral("removed"), true);
        printJson(o);
    } else {
        m_out << QStringLiteral("Removed event type %1.\n").arg(name);
    }
    return ExitOk;
}

// ---------------------------------------------------------------------------------------------
// Delivery: events send, webhooks test, dispatch

QString CliApp::attemptLine(const AttemptSummary &a) const
{
    const QString result = a.responseStatus ? QStringLiteral("HTTP %1").arg(*a.responseStatus)
                                            : QStringLiteral("no response");
    QString line =
        QStringLiteral("%1  %2  attempt %3  %4  %5 ms  %6")
            .arg(TextTable::singleLine(a.webhookName.isEmpty() ? a.webhookId : a.webhookName),
                 a.isTest ? a.eventType + QStringLiteral(" (test)") : a.eventType)
            .arg(a.attemptNo)
            .arg(result)
            .arg(a.durationMs)
            .arg(outcomeText(a, QDateTime::currentMSecsSinceEpoch()));
    if (!a.error.isEmpty())
        line += QStringLiteral(": ") + TextTable::singleLine(a.error);
    return line;
}

QList<AttemptSummary> CliApp::dispatchUntilSettled(const QStringList &deliveryIds,
                                                   bool *interrupted)
{
    QList<AttemptSummary> ours;
    *interrupted = false;
    if (deliveryIds.isEmpty())
        return ours;
    Dispatcher::Options options;
    options.database = m_session->database;
    options.registry = m_session->registry;
    Dispatcher dispatcher(options);
    QSet<QString> waiting(deliveryIds.cbegin(), deliveryIds.cend());
    QEventLoop loop;
    QObject::connect(&dispatcher, &Dispatcher::attemptsRecorded, &loop,
                     [&](const QList<AttemptSummary> &attempts) {
                         for (const AttemptSummary &a : attempts) {
                             if (!waiting.remove(a.deliveryId))
                                 continue;
                             ours << a;
                             if (!m_json) {
                                 m_out << QStringLiteral("  ") << attemptLine(a) << '\n';
                                 m_out.flush();
                             }
                         }
                         if (waiting.isEmpty())
                             loop.quit();
                     });
    // Nothing more is due: what is left was cancelled or waits for a paused webhook.
    QObject::connect(&dispatcher, &Dispatcher::idle, &loop, &QEventLoop::quit);
    QObject::connect(&dispatcher, &Dispatcher::error, &loop, [this](const QString &message) {
        m_err << QStringLiteral("warning: ") << message << '\n';
        m_err.flush();
    });
    StopSignals stopSignals(&loop, [&] {
        *interrupted = true;
        loop.quit();
    });
    QTimer::singleShot(0, &dispatcher, &Dispatcher::start);
    loop.exec();
    dispatcher.stop();
    return ours;
}

QList<AttemptSummary> CliApp::runTestEvent(const QString &webhookId, bool *interrupted,
                                           Error *error)
{
    EventPublisher publisher(m_session->registry, m_session->database);
    auto enqueued = publisher.sendTestEvent(webhookId, QDateTime::currentMSecsSinceEpoch());
    if (!enqueued) {
        *error = enqueued.error();
        return {};
    }
    if (!m_json) {
        m_out << QStringLiteral("Sending test event %1 (%2):\n")
                     .arg(enqueued->event.type, enqueued->event.id);
        m_out.flush();
    }
    return dispatchUntilSettled(enqueued->deliveryIds, interrupted);
}

int CliApp::eventsSend(const QCommandLineParser &p, const QStringList &args)
{
    PublishRequest request;
    request.type = args.at(0).trimmed();
    request.resourceIds = p.values(kResourceId);
    request.uri = p.value(kUri);
    request.webhookId = p.value(kWebhook);
    request.systemId = p.value(kSystem);
    bool haveData = false;
    if (p.isSet(kData)) {
        auto data = jsonObjectArgument(p.value(kData), QStringLiteral("--data"),
                                       QStringLiteral("data"), ErrorCode::InvalidArgument);
        if (!data)
            return fail(data.error());
        request.data = data.value();
        haveData = true;
    }
    if (!openSession())
        return ExitFailure;
    if (!haveData) {
        if (const auto type = m_session->registry->catalog().find(request.type))
            request.data = type->sample;
    }
    EventPublisher publisher(m_session->registry, m_session->database);
    auto enqueued = publisher.publish(request, QDateTime::currentMSecsSinceEpoch());
    if (!enqueued)
        return fail(enqueued.error());
    const EnqueuedEvent &e = enqueued.value();

    QList<AttemptSummary> attempts;
    bool interrupted = false;
    if (!e.deliveryIds.isEmpty() && !p.isSet(kNoDispatch)) {
        if (!m_json) {
            m_out << QStringLiteral("Event %1 (%2) stored; sending %3 %4:\n")
                         .arg(e.event.id, e.event.type)
                         .arg(e.deliveryIds.size())
                         .arg(e.deliveryIds.size() == 1 ? QStringLiteral("delivery")
                                                        : QStringLiteral("deliveries"));
            m_out.flush();
        }
        attempts = dispatchUntilSettled(e.deliveryIds, &interrupted);
    }
    bool allDelivered = true;
    for (const QString &id : e.deliveryIds) {
        bool delivered = false;
        for (const AttemptSummary &a : std::as_const(attempts))
            delivered = delivered || (a.deliveryId == id && a.outcome == AttemptOutcome::Delivered);
        allDelivered = allDelivered && delivered;
    }
    const bool dispatched = !p.isSet(kNoDispatch) && !e.deliveryIds.isEmpty();
    const int status = dispatched && !allDelivered ? ExitFailure : ExitOk;

    if (m_json) {
        QJsonObject o;
        o.insert(QStringLiteral("event_id"), e.event.id);
        o.insert(QStringLiteral("event"), e.event.type);
        o.insert(QStringLiteral("system"), e.event.systemId);
        QJsonArray deliveries;
        for (qsizetype i = 0; i < e.deliveryIds.size(); ++i) {
            QJsonObject d;
            d.insert(QStringLiteral("id"), e.deliveryIds.at(i));
            d.insert(QStringLiteral("webhook_id"), e.webhookIds.value(i));
            QString state = QStringLiteral("pending");
            QJsonArray list;
            for (const AttemptSummary &a : std::as_const(attempts)) {
                if (a.deliveryId != e.deliveryIds.at(i))
                    continue;
                list.append(attemptToJson(a));
                state = a.outcome == AttemptOutcome::Delivered ? QStringLiteral("delivered")
                        : a.outcome == AttemptOutcome::RetryScheduled
                            ? QStringLiteral("retry_scheduled")
                        : a.outcome == AttemptOutcome::Cancelled ? QStringLiteral("cancelled")
                                                                 : QStringLiteral("failed");
            }
            d.insert(QStringLiteral("status"), state);
            d.insert(QStringLiteral("attempts"), list);
            deliveries.append(d);
        }
        o.insert(QStringLiteral("deliveries"), deliveries);
        printJson(o);
        return interrupted ? ExitFailure : status;
    }

    if (e.deliveryIds.isEmpty()) {
        m_out << QStringLiteral("No enabled webhook is subscribed to %1 in system \"%2\"; the "
                                "event %3 was stored but not sent.\n")
                     .arg(e.event.type, e.event.systemId, e.event.id);
        return ExitOk;
    }
    if (p.isSet(kNoDispatch)) {
        m_out << QStringLiteral("Event %1 (%2) queued for %3 %4; the app or 'hookline-cli "
                                "dispatch' sends %5.\n")
                     .arg(e.event.id, e.event.type)
                     .arg(e.deliveryIds.size())
                     .arg(e.deliveryIds.size() == 1 ? QStringLiteral("webhook")
                                                    : QStringLiteral("webhooks"))
                     .arg(e.deliveryIds.size() == 1 ? QStringLiteral("it")
                                                    : QStringLiteral("them"));
        return ExitOk;
    }
    if (interrupted) {
        m_err << QStringLiteral("Interrupted; undelivered deliveries stay queued for 'hookline-cli "
                                "dispatch' or the app.\n");
        return ExitFailure;
    }
    const qsizetype unsent = e.deliveryIds.size() - attempts.size();
    if (unsent > 0)
        m_out << QStringLiteral("%1 %2 not sent: the webhook was paused, disabled or deleted "
                                "meanwhile.\n")
                     .arg(unsent)
                     .arg(unsent == 1 ? QStringLiteral("delivery was")
                                      : QStringLiteral("deliveries were"));
    return status;
}

int CliApp::webhooksTest(const QCommandLineParser &, const QStringList &args)
{
    if (!openSession())
        return ExitFailure;
    auto w = m_session->registry->get(args.at(0));
    if (!w)
        return fail(w.error());
    bool interrupted = false;
    Error error;
    const QList<AttemptSummary> attempts = runTestEvent(w->id, &interrupted, &error);
    if (!error.message.isEmpty())
        return fail(error);
    auto after = m_session->registry->get(w->id);
    const Webhook now = after ? after.value() : w.value();
    const bool delivered =
        !attempts.isEmpty() && attempts.last().outcome == AttemptOutcome::Delivered;
    if (m_json) {
        QJsonObject o;
        o.insert(QStringLiteral("webhook_id"), now.id);
        o.insert(QStringLiteral("status"),
                 delivered ? QStringLiteral("delivered") : QStringLiteral("failed"));
        o.insert(QStringLiteral("attempt"),
                 attempts.isEmpty() ? QJsonValue() : QJsonValue(attemptToJson(attempts.last())));
        o.insert(QStringLiteral("webhook_status"), statusName(now.status));
        o.insert(QStringLiteral("webhook_status_reason"), now.statusReason);
        printJson(o);
    } else if (interrupted) {
        m_err << QStringLiteral("Interrupted before the test event was sent.\n");
    } else if (attempts.isEmpty()) {
        m_out << QStringLiteral("The test event was not sent (the webhook changed meanwhile).\n");
    } else if (now.status == WebhookStatus::Paused) {
        m_out << QStringLiteral("Webhook status: paused (%1)\n%2")
                     .arg(TextTable::singleLine(now.statusReason),
                          delivered ? QStringLiteral("The test succeeded; resume it with: "
                                                     "hookline-cli webhooks enable %1\n")
                                          .arg(now.id)
                                    : QStringLiteral("Fix the endpoint, then resume it with: "
                                                     "hookline-cli webhooks enable %1\n")
                                          .arg(now.id));
    }
    return delivered ? ExitOk : ExitFailure;
}

int CliApp::dispatch(const QCommandLineParser &p, const QStringList &)
{
    Dispatcher::Options options;
    if (p.isSet(kLeaseMargin)) {
        const auto seconds = parseInt(p.value(kLeaseMargin));
        if (!seconds || *seconds < 0 || *seconds > 3600)
            return usageError(QStringLiteral("--lease-margin \"%1\" is not a whole number of "
                                             "seconds from 0 to 3600.")
                                  .arg(p.value(kLeaseMargin)),
                              m_commandName);
        options.leaseMarginMs = qint64(*seconds) * 1000;
    }
    if (p.isSet(kMaxInFlight)) {
        const auto n = parseInt(p.value(kMaxInFlight));
        if (!n || *n < 1 || *n > 1024)
            return usageError(QStringLiteral("--max-in-flight \"%1\" is not a number from 1 to "
                                             "1024.")
                                  .arg(p.value(kMaxInFlight)),
                              m_commandName);
        options.maxInFlight = *n;
    }
    if (p.isSet(kPauseAfter)) {
        const auto n = parseInt(p.value(kPauseAfter));
        if (!n || *n < 0 || *n > 100)
            return usageError(QStringLiteral("--pause-after \"%1\" is not a number from 0 to "
                                             "100.")
                                  .arg(p.value(kPauseAfter)),
                              m_commandName);
        options.autoPauseAfterFailures = *n;
    }
    if (!openSession())
        return ExitFailure;
    options.database = m_session->database;
    options.registry = m_session->registry;
    const bool untilIdle = p.isSet(kUntilIdle);
    DeliveryStore store(m_session->database);
    Dispatcher dispatcher(options);

    int delivered = 0;
    int failed = 0;
    bool interrupted = false;
    bool waitingNoted = false;
    int stuckLooks = 0;
    QEventLoop loop;
    QObject::connect(
        &dispatcher, &Dispatcher::attemptsRecorded, &loop,
        [&](const QList<AttemptSummary> &attempts) {
            for (const AttemptSummary &a : attempts) {
                (a.outcome == AttemptOutcome::Delivered ? delivered : failed) += 1;
                if (m_json)
                    m_out << QString::fromUtf8(
                                 QJsonDocument(attemptToJson(a)).toJson(QJsonDocument::Compact))
                          << '\n';
                else
                    m_out << isoTime(a.startedAtMs) << QStringLiteral("  ") << attemptLine(a)
                          << '\n';
            }
            m_out.flush();
        });
    QObject::connect(&dispatcher, &Dispatcher::webhookStatusChanged, &loop,
                     [&](const QString &id, WebhookStatus status, const QString &reason) {
                         m_err << QStringLiteral("Webhook %1 is now %2: %3\n")
                                      .arg(id, statusName(status), reason);
                         m_err.flush();
                     });
    QObject::connect(&dispatcher, &Dispatcher::error, &loop, [this](const QString &message) {
        m_err << QStringLiteral("warning: ") << message << '\n';
        m_err.flush();
    });
    if (untilIdle) {
        // Idle here means the whole queue, not just this process: deliveries another dispatcher
        // holds are waited for until they are recorded or their lease runs out and they come
        // to us (a dispatcher that was killed).
        QObject::connect(&dispatcher, &Dispatcher::idle, &loop, [&] {
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            auto stats = store.stats(now);
            auto next = store.nextDueAtMs(now);
            const bool othersInFlight = stats && stats->inFlight > 0;
            // Due, yet the last look did not claim it: a lease that ran out just now (claimed
            // at the next look), or one whose webhook is paused (never claimed). Seen twice in
            // a row, it is the latter and there is nothing to wait for.
            const bool stuck = next && next->has_value() && next->value() <= now;
            stuckLooks = stuck ? stuckLooks + 1 : 0;
            if (othersInFlight && stuckLooks < 2) {
                if (!waitingNoted && !m_json) {
                    m_err << QStringLiteral("Waiting for %1 %2 in flight in another dispatcher "
                                            "(taken over if its lease runs out)...\n")
                                 .arg(stats->inFlight)
                                 .arg(stats->inFlight == 1 ? QStringLiteral("delivery")
                                                           : QStringLiteral("deliveries"));
                    m_err.flush();
                }
                waitingNoted = true;
                return;
            }
            loop.quit();
        });
    }
    StopSignals stopSignals(&loop, [&] {
        interrupted = true;
        loop.quit();
    });
    if (!m_json) {
        m_err << (untilIdle ? QStringLiteral("Dispatching until the queue is idle")
                            : QStringLiteral("Dispatching; press Ctrl+C to stop"))
              << QStringLiteral(" (%1).\n").arg(dispatcher.ownerId());
        m_err.flush();
    }
    QTimer::singleShot(0, &dispatcher, &Dispatcher::start);
    loop.exec();
    dispatcher.stop();

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto stats = store.stats(now);
    auto next = store.nextDueAtMs(now);
    if (m_json) {
        QJsonObject o;
        o.insert(QStringLiteral("delivered"), delivered);
        o.insert(QStringLiteral("failed_attempts"), failed);
        o.insert(QStringLiteral("queued"), stats ? stats->queued : 0);
        o.insert(QStringLiteral("next_due_at"),
                 next && next->has_value() ? QJsonValue(isoTime(next->value())) : QJsonValue());
        o.insert(QStringLiteral("interrupted"), interrupted);
        m_out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
        return ExitOk;
    }
    m_out << QStringLiteral("%1: %2 delivered, %3 failed %4.")
                 .arg(interrupted ? QStringLiteral("Stopped; leases given back")
                                  : QStringLiteral("Idle"))
                 .arg(delivered)
                 .arg(failed)
                 .arg(failed == 1 ? QStringLiteral("attempt") : QStringLiteral("attempts"));
    if (stats && stats->queued > 0) {
        m_out << QStringLiteral(" %1 %2 still queued")
                     .arg(stats->queued)
                     .arg(stats->queued == 1 ? QStringLiteral("delivery is")
                                             : QStringLiteral("deliveries are"));
        if (next && next->has_value())
            m_out << QStringLiteral("; the next is due at %1 (in %2)")
                         .arg(isoTime(next->value()), durationText(next->value() - now));
        else
            m_out << QStringLiteral(" for paused webhooks");
        m_out << '.';
    }
    m_out << '\n';
    return ExitOk;
}

// ---------------------------------------------------------------------------------------------
// info

int CliApp::info(const QCommandLineParser &, const QStringList &)
{
    if (!openSession())
        return ExitFailure;
    auto webhooks = m_session->registry->list();
    if (!webhooks)
        return fail(webhooks.error());
    const Database &db = *m_session->database;
    const int eventTypes = m_session->registry->catalog().size();
    if (m_json) {
        QJsonObject o;
        o.insert(QStringLiteral("version"), QStringLiteral(HOOKLINE_VERSION));
        o.insert(QStringLiteral("database"), db.path());
        o.insert(QStringLiteral("schema_version"), db.schemaVersion());
        o.insert(QStringLiteral("secret_protection"), m_session->vault->protectionDescription());
        o.insert(QStringLiteral("webhooks"), int(webhooks->size()));
        o.insert(QStringLiteral("event_types"), eventTypes);
        printJson(o);
        return ExitOk;
    }
    m_out << keyValueLines({
        {QStringLiteral("Version"), QStringLiteral(HOOKLINE_VERSION)},
        {QStringLiteral("Database"), db.path()},
        {QStringLiteral("Schema version"), QString::number(db.schemaVersion())},
        {QStringLiteral("Secret protection"), m_session->vault->protectionDescription()},
        {QStringLiteral("Webhooks"), QString::number(webhooks->size())},
        {QStringLiteral("Event types"), QString::number(eventTypes)},
    });
    return ExitOk;
}

// ---------------------------------------------------------------------------------------------
// deliveries: history, replay, export and retention (core/history)

namespace {

const QString kDlWebhook = QStringLiteral("webhook");
const QString kDlEvent = QStringLiteral("event");
const QString kDlOutcome = QStringLiteral("outcome");
const QString kDlStatus = QStringLiteral("status");
const QString kDlSince = QStringLiteral("since");
const QString kDlUntil = QStringLiteral("until");
const QString kDlSearch = QStringLiteral("search");
const QString kDlLimit = QStringLiteral("limit");
const QString kDlCursor = QStringLiteral("cursor");
const QString kDlCurl = QStringLiteral("curl");
const QString kDlAttempt = QStringLiteral("attempt");
const QString kDlIncludeSecrets = QStringLiteral("include-secrets");
const QString kDlIncludeSignatures = QStringLiteral("include-signatures");
const QString kDlTo = QStringLiteral("to");
const QString kDlRate = QStringLiteral("rate");
const QString kDlYes = QStringLiteral("yes");
const QString kDlFormat = QStringLiteral("format");
const QString kDlOutput = QStringLiteral("output");
const QString kDlDays = QStringLiteral("days");
const QString kDlKeep = QStringLiteral("keep");

bool stderrIsTerminal()
{
#ifdef Q_OS_WIN
    return _isatty(_fileno(stderr)) != 0;
#else
    return isatty(fileno(stderr)) != 0;
#endif
}

QStringList deliveryStatusNames()
{
    return {QStringLiteral("delivered"), QStringLiteral("failed"),
            QStringLiteral("pending"),   QStringLiteral("retry_scheduled"),
            QStringLiteral("in_flight"), QStringLiteral("cancelled")};
}

QList<QCommandLineOption> deliveryFilterOptions()
{
    return {
        QCommandLineOption(kDlWebhook,
                           QStringLiteral("Only deliveries to this webhook (id or unique prefix)."),
                           QStringLiteral("ID")),
        QCommandLineOption(kDlEvent, QStringLiteral("Only this event type."),
                           QStringLiteral("TYPE")),
        QCommandLineOption(kDlOutcome,
                           QStringLiteral("Only this outcome: %1.")
                               .arg(deliveryStatusNames().join(QStringLiteral(", "))),
                           QStringLiteral("OUTCOME")),
        QCommandLineOption(kDlStatus,
                           QStringLiteral("Only this last response: 2xx, 3xx, 4xx, 5xx, or network "
                                          "(no response)."),
                           QStringLiteral("CLASS")),
        QCommandLineOption(kDlSince,
                           QStringLiteral("Created at or after: RFC 3339 (2026-04-27T17:00:00Z), "
                                          "a date, or a time ago (30m, 1h, 7d)."),
                           QStringLiteral("TIME")),
        QCommandLineOption(kDlUntil, QStringLiteral("Created before (same forms as --since)."),
                           QStringLiteral("TIME")),
        QCommandLineOption(kDlSearch,
                           QStringLiteral("Free text over the event id, resource ids and payload "
                                          "(e.g. a customer id); a UUID also matches ids."),
                           QStringLiteral("TEXT")),
    };
}

// "2026-04-27T17:42:18Z": seconds are enough in a table.
QString shortTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString responseText(const std::optional<int> &status, const QString &error)
{
    if (status)
        return QString::number(*status);
    return error.isEmpty() ? QStringLiteral("-") : QStringLiteral("none");
}

QString headerLines(const HeaderPairs &headers, const QString &indent)
{
    QString text;
    for (const auto &[name, value] : headers)
        text += indent + TextTable::singleLine(QString::fromLatin1(name)) + QStringLiteral(": ") +
                TextTable::singleLine(QString::fromUtf8(value)) + QLatin1Char('\n');
    return text;
}

} // namespace

QList<CliApp::Command> CliApp::deliveriesCommands() const
{
    const QString dl = QStringLiteral("deliveries");
    const Command::Positional id{QStringLiteral("ID"),
                                 QStringLiteral("Delivery id, or a unique prefix of at least 6 "
                                                "characters.")};
    QList<Command> c;

    QList<QCommandLineOption> listOptions = deliveryFilterOptions();
    listOptions << QCommandLineOption(kDlLimit,
                                      QStringLiteral("Rows per page, 1-%1 (default %2).")
                                          .arg(DeliveryHistory::MaxPageSize)
                                          .arg(DeliveryHistory::DefaultPageSize),
                                      QStringLiteral("N"))
                << QCommandLineOption(kDlCursor,
                                      QStringLiteral("Continue after the page that printed this "
                                                     "cursor."),
                                      QStringLiteral("CURSOR"));
    c << Command{dl,
                 QStringLiteral("list"),
                 QStringLiteral("List deliveries, newest first (time, event, webhook, outcome, "
                                "response, latency)."),
                 {},
                 listOptions,
                 {QStringLiteral("hookline-cli deliveries list --outcome failed --since 1h"),
                  QStringLiteral("hookline-cli deliveries list --search cus_8f3k2 --json")},
                 &CliApp::deliveriesList};
    c << Command{
        dl,
        QStringLiteral("show"),
        QStringLiteral("Show one delivery: payload, and each attempt's request and response."),
        {id},
        {
            QCommandLineOption(kDlCurl,
                               QStringLiteral("Print a curl command that sends the attempt's exact "
                                              "signed request again.")),
            QCommandLineOption(kDlAttempt,
                               QStringLiteral("With --curl: this attempt (default: the last)."),
                               QStringLiteral("N")),
            QCommandLineOption(
                kDlIncludeSecrets,
                QStringLiteral("With --curl: put the webhook's real credentials in the "
                               "command (otherwise shown redacted).")),
            QCommandLineOption(kDlIncludeSignatures,
                               QStringLiteral("Show signature header values (hidden by default).")),
        },
        {QStringLiteral("hookline-cli deliveries show 1a2b3c4d"),
         QStringLiteral("hookline-cli deliveries show 1a2b3c4d --curl --include-secrets")},
        &CliApp::deliveriesShow};
    QList<QCommandLineOption> replayOptions;
    replayOptions << QCommandLineOption(kDlTo,
                                        QStringLiteral("Send to this webhook instead of the "
                                                       "original one (id or unique prefix)."),
                                        QStringLiteral("WEBHOOK"));
    replayOptions << deliveryFilterOptions();
    replayOptions << QCommandLineOption(kDlRate,
                                        QStringLiteral("Bulk replay: deliveries per second and "
                                                       "webhook (default %1; 0: no pacing).")
                                            .arg(Replay::DefaultRatePerSecond),
                                        QStringLiteral("N"))
                  << QCommandLineOption(kDlYes,
                                        QStringLiteral("Bulk replay without asking (required "
                                                       "when stdin is not a terminal)."));
    c << Command{dl,
                 QStringLiteral("replay"),
                 QStringLiteral("Send deliveries again: the given ids, or everything the filter "
                                "matches (paced per webhook)."),
                 {{QStringLiteral("[ID...]"),
                   QStringLiteral("Deliveries to replay; without ids, the filter options choose "
                                  "them.")}},
                 replayOptions,
                 {QStringLiteral("hookline-cli deliveries replay 1a2b3c4d --to f4e9c2a8"),
                  QStringLiteral("hookline-cli deliveries replay --outcome failed --since 1h "
                                 "--yes")},
                 &CliApp::deliveriesReplay};
    QList<QCommandLineOption> exportOptions;
    exportOptions << QCommandLineOption(kDlFormat,
                                        QStringLiteral("jsonl (one delivery per line) or har "
                                                       "(HAR 1.2, for browser devtools); "
                                                       "default jsonl."),
                                        QStringLiteral("FORMAT"))
                  << QCommandLineOption(kDlOutput,
                                        QStringLiteral("Write to FILE (default: standard "
                                                       "output)."),
                                        QStringLiteral("FILE"))
                  << QCommandLineOption(kDlIncludeSignatures,
                                        QStringLiteral("Keep signature header values "
                                                       "(credentials are never exported)."));
    exportOptions << deliveryFilterOptions();
    c << Command{dl,
                 QStringLiteral("export"),
                 QStringLiteral("Export deliveries with their attempts as JSON Lines or HAR "
                                "(secret-bearing headers redacted)."),
                 {},
                 exportOptions,
                 {QStringLiteral("hookline-cli deliveries export --format har --webhook f4e9c2a8 "
                                 "--since 1d --output hooks.har")},
                 &CliApp::deliveriesExport};
    c << Command{dl,
                 QStringLiteral("prune"),
                 QStringLiteral("Delete old history (finished deliveries, their attempts and "
                                "events, received requests)."),
                 {},
                 {QCommandLineOption(kDlDays,
                                     QStringLiteral("Keep this many days (default %1 unless --keep "
                                                    "is given).")
                                         .arg(RetentionPolicy::DefaultKeepDays),
                                     QStringLiteral("N")),
                  QCommandLineOption(kDlKeep, QStringLiteral("Keep the N newest deliveries."),
                                     QStringLiteral("N"))},
                 {QStringLiteral("hookline-cli deliveries prune --days 14")},
                 &CliApp::deliveriesPrune};
    return c;
}

int CliApp::deliveryFilterFromOptions(const QCommandLineParser &p, DeliveryFilter &filter)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (p.isSet(kDlOutcome)) {
        const auto status = deliveryStatusFromName(p.value(kDlOutcome).trimmed().toLower());
        if (!status)
            return usageError(QStringLiteral("--outcome \"%1\" is not an outcome; use one of: %2.")
                                  .arg(TextTable::singleLine(p.value(kDlOutcome)),
                                       deliveryStatusNames().join(QStringLiteral(", "))),
                              m_commandName);
        filter.status = status;
    }
    if (p.isSet(kDlStatus)) {
        const auto statusClass = statusClassFromName(p.value(kDlStatus));
        if (!statusClass)
            return usageError(QStringLiteral("--status \"%1\" is not a status class; use 2xx, "
                                             "3xx, 4xx, 5xx or network.")
                                  .arg(TextTable::singleLine(p.value(kDlStatus))),
                              m_commandName);
        filter.statusClass = statusClass;
    }
    for (const QString &name : {kDlSince, kDlUntil}) {
        if (!p.isSet(name))
            continue;
        auto ms = parseTimeBound(p.value(name), now, name);
        if (!ms)
            return usageError(ms.error().message, m_commandName);
        (name == kDlSince ? filter.sinceMs : filter.untilMs) = ms.value();
    }
    if (p.isSet(kDlEvent))
        filter.eventType = p.value(kDlEvent).trimmed();
    if (p.isSet(kDlSearch))
        filter.search = p.value(kDlSearch);
    if (p.isSet(kDlWebhook)) {
        const QString given = p.value(kDlWebhook).trimmed();
        if (given.isEmpty())
            return usageError(QStringLiteral("--webhook needs a webhook id."), m_commandName);
        if (!openSession())
            return ExitFailure;
        auto w = m_session->registry->get(given);
        if (w)
            filter.webhookId = w->id;
        else if (w.error().code == ErrorCode::NotFound)
            filter.webhookId = given; // a deleted webhook still has history
        else
            return fail(w.error());
    }
    return ExitOk;
}

int CliApp::deliveriesList(const QCommandLineParser &p, const QStringList &)
{
    DeliveryFilter filter;
    if (int status = deliveryFilterFromOptions(p, filter); status != ExitOk)
        return status;
    int limit = DeliveryHistory::DefaultPageSize;
    if (p.isSet(kDlLimit)) {
        const auto n = parseInt(p.value(kDlLimit));
        if (!n || *n < 1 || *n > DeliveryHistory::MaxPageSize)
            return usageError(QStringLiteral("--limit \"%1\" must be a whole number from 1 to %2.")
                                  .arg(TextTable::singleLine(p.value(kDlLimit)))
                                  .arg(DeliveryHistory::MaxPageSize),
                              m_commandName);
        limit = *n;
    }
    if (!openSession())
        return ExitFailure;
    DeliveryHistory history(m_session->database);
    auto page = history.page(filter, p.value(kDlCursor), limit);
    if (!page) {
        if (page.error().field == QLatin1String("cursor"))
            return usageError(QStringLiteral("--cursor: ") + page.error().message, m_commandName);
        return fail(page.error());
    }
    if (m_json) {
        QJsonArray data;
        for (const DeliveryRow &r : page->rows)
            data.append(HistoryExport::rowJson(r));
        QJsonObject o;
        o.insert(QStringLiteral("data"), data);
        o.insert(QStringLiteral("next_cursor"), page->nextCursor.isEmpty()
                                                    ? QJsonValue(QJsonValue::Null)
                                                    : QJsonValue(page->nextCursor));
        printJson(o);
        return ExitOk;
    }
    if (page->rows.isEmpty()) {
        m_out << (p.isSet(kDlCursor) ? QStringLiteral("No more deliveries.\n")
                                     : QStringLiteral("No deliveries match.\n"));
        return ExitOk;
    }
    TextTable table({QStringLiteral("CREATED (UTC)"), QStringLiteral("ID"), QStringLiteral("EVENT"),
                     QStringLiteral("WEBHOOK"), QStringLiteral("OUTCOME"), QStringLiteral("HTTP"),
                     QStringLiteral("LATENCY"), QStringLiteral("TRIES"), QStringLiteral("NOTE")});
    table.setMaxWidth(2, 28);
    table.setMaxWidth(3, 24);
    table.setMaxWidth(8, 48);
    table.setAlignment(5, TextTable::Align::Right);
    table.setAlignment(6, TextTable::Align::Right);
    table.setAlignment(7, TextTable::Align::Right);
    for (const DeliveryRow &r : page->rows) {
        QString note;
        if (!r.replayOf.isEmpty())
            note = QStringLiteral("replay of ") + r.replayOf.left(8);
        if (!r.lastError.isEmpty())
            note += (note.isEmpty() ? QString() : QStringLiteral("; ")) + r.lastError;
        if (r.status == DeliveryStatus::RetryScheduled && r.nextAttemptAtMs)
            note += (note.isEmpty() ? QString() : QStringLiteral("; ")) +
                    QStringLiteral("next try ") + shortTime(*r.nextAttemptAtMs);
        table.addRow({shortTime(r.createdAtMs), r.id.left(8), r.eventType, r.webhookName,
                      deliveryStatusName(r.status), responseText(r.lastResponseStatus, r.lastError),
                      r.lastLatencyMs ? QStringLiteral("%1 ms").arg(*r.lastLatencyMs) : QString(),
                      QString::number(r.attempts), note});
    }
    m_out << table.render();
    if (!page->nextCursor.isEmpty())
        m_out << QStringLiteral("\nMore: add --cursor %1\n").arg(page->nextCursor);
    return ExitOk;
}

int CliApp::deliveriesShow(const QCommandLineParser &p, const QStringList &args)
{
    if (p.isSet(kDlIncludeSecrets) && !p.isSet(kDlCurl))
        return usageError(QStringLiteral("--include-secrets only applies to --curl; the "
                                         "delivery itself never shows credentials."),
                          m_commandName);
    int attemptNo = 0;
    if (p.isSet(kDlAttempt)) {
        const auto n = parseInt(p.value(kDlAttempt));
        if (!n || *n < 1)
            return usageError(QStringLiteral("--attempt \"%1\" must be an attempt number (1, 2, "
                                             "...).")
                                  .arg(TextTable::singleLine(p.value(kDlAttempt))),
                              m_commandName);
        attemptNo = *n;
    }
    if (!openSession())
        return ExitFailure;
    DeliveryHistory history(m_session->database);
    auto id = history.resolveId(args.at(0));
    if (!id)
        return fail(id.error());

    if (p.isSet(kDlCurl)) {
        CurlOptions options;
        options.attemptNo = attemptNo;
        options.includeSecrets = p.isSet(kDlIncludeSecrets);
        options.registry = m_session->registry.get();
        auto command = history.curlCommand(id.value(), options);
        if (!command)
            return fail(command.error());
        if (options.includeSecrets)
            m_err << QStringLiteral("warning: the command below contains the webhook's "
                                    "credentials.\n");
        if (m_json) {
            QJsonObject o;
            o.insert(QStringLiteral("id"), id.value());
            o.insert(QStringLiteral("curl"), command.value());
            printJson(o);
        } else {
            m_out << command.value();
        }
        return ExitOk;
    }

    DetailOptions options;
    options.revealSignatures = p.isSet(kDlIncludeSignatures);
    auto d = history.detail(id.value(), options);
    if (!d)
        return fail(d.error());
    if (m_json) {
        printJson(HistoryExport::deliveryJson(d.value()));
        return ExitOk;
    }
    const DeliveryRow &r = d->row;
    QList<QPair<QString, QString>> rows{
        {QStringLiteral("Delivery"), r.id},
        {QStringLiteral("Event"), QStringLiteral("%1 (%2)").arg(r.eventType, r.eventId)},
        {QStringLiteral("Webhook"),
         QStringLiteral("%1 (%2)").arg(TextTable::singleLine(r.webhookName), r.webhookId)},
        {QStringLiteral("URL"),
         d->webhookUrl.isEmpty() ? QStringLiteral("(webhook deleted)") : d->webhookUrl},
        {QStringLiteral("Created"), isoTime(r.createdAtMs)},
        {QStringLiteral("Outcome"), deliveryStatusName(r.status)},
        {QStringLiteral("Attempts"), QString::number(r.attempts)},
        {QStringLiteral("Last response"), responseText(r.lastResponseStatus, r.lastError)},
    };
    if (r.lastLatencyMs)
        rows.append({QStringLiteral("Latency"), QStringLiteral("%1 ms").arg(*r.lastLatencyMs)});
    if (r.deliveredAtMs)
        rows.append({QStringLiteral("Delivered"), isoTime(*r.deliveredAtMs)});
    if (r.nextAttemptAtMs &&
        (r.status == DeliveryStatus::Pending || r.status == DeliveryStatus::RetryScheduled))
        rows.append({QStringLiteral("Next attempt"), isoTime(*r.nextAttemptAtMs)});
    if (!r.lastError.isEmpty())
        rows.append({QStringLiteral("Error"), TextTable::singleLine(r.lastError)});
    if (!r.replayOf.isEmpty())
        rows.append({QStringLiteral("Replay of"), r.replayOf});
    if (!d->replays.isEmpty())
        rows.append({QStringLiteral("Replayed as"), d->replays.join(QStringLiteral(", "))});
    if (!d->resourceIds.isEmpty())
        rows.append({QStringLiteral("Resource ids"), d->resourceIds.join(QStringLiteral(", "))});
    m_out << keyValueLines(rows);
    m_out << QStringLiteral("\nPayload:\n") << d->prettyBody() << '\n';
    for (const AttemptDetail &a : d->attempts) {
        QString head =
            QStringLiteral("\nAttempt %1: %2").arg(a.attemptNo).arg(isoTime(a.startedAtMs));
        if (a.durationMs)
            head += QStringLiteral(", %1 ms").arg(*a.durationMs);
        head += QStringLiteral(", ") +
                (a.responseStatus ? QStringLiteral("HTTP %1").arg(*a.responseStatus)
                                  : QStringLiteral("no response")) +
                QStringLiteral(" (") + a.outcome + QLatin1Char(')');
        m_out << head << '\n';
        if (!a.error.isEmpty())
            m_out << QStringLiteral("  Error: ") << TextTable::singleLine(a.error) << '\n';
        m_out << QStringLiteral("  Request headers:\n")
              << headerLines(a.requestHeaders, QStringLiteral("    "));
        if (a.responseStatus) {
            m_out << QStringLiteral("  Response headers:\n")
                  << headerLines(a.responseHeaders, QStringLiteral("    "));
            m_out << QStringLiteral("  Response body") +
                         (a.responseTruncated ? QStringLiteral(" (cut at 64 KiB)") : QString()) +
                         QStringLiteral(":\n");
            const QString body = QString::fromUtf8(a.responseBody);
            if (body.contains(QChar::ReplacementCharacter))
                m_out << QStringLiteral("    (%1 bytes, not text)\n").arg(a.responseBody.size());
            else if (!body.isEmpty())
                m_out << QStringLiteral("    ") << body << '\n';
        }
    }
    if (!options.revealSignatures)
        m_out << QStringLiteral("\nSignature values are hidden; --include-signatures shows "
                                "them, --curl prints the request to send again.\n");
    return ExitOk;
}

int CliApp::deliveriesReplay(const QCommandLineParser &p, const QStringList &args)
{
    DeliveryFilter filter;
    if (int status = deliveryFilterFromOptions(p, filter); status != ExitOk)
        return status;
    double rate = Replay::DefaultRatePerSecond;
    if (p.isSet(kDlRate)) {
        bool ok = false;
        rate = p.value(kDlRate).trimmed().toDouble(&ok);
        if (!ok || rate < 0 || !std::isfinite(rate))
            return usageError(QStringLiteral("--rate \"%1\" must be a number of deliveries per "
                                             "second, 0 or more (0: no pacing).")
                                  .arg(TextTable::singleLine(p.value(kDlRate))),
                              m_commandName);
    }
    if (!args.isEmpty() && !filter.isEmpty())
        return usageError(QStringLiteral("give delivery ids or filter options, not both."),
                          m_commandName);
    if (args.isEmpty() && filter.isEmpty())
        return usageError(QStringLiteral("give delivery ids, or filter options that choose what "
                                         "to replay (e.g. --outcome failed --since 1h)."),
                          m_commandName);
    if (!openSession())
        return ExitFailure;
    QString target;
    if (p.isSet(kDlTo)) {
        auto w = m_session->registry->get(p.value(kDlTo).trimmed());
        if (!w)
            return fail(w.error());
        target = w->id;
    }
    Replay replay(m_session->database);

    if (!args.isEmpty()) {
        DeliveryHistory history(m_session->database);
        QJsonArray done;
        int status = ExitOk;
        for (const QString &given : args) {
            auto id = history.resolveId(given);
            auto r =
                id ? replay.replayOne(id.value(), target) : Result<ReplayedDelivery>(id.error());
            if (!r) {
                const int code = fail(r.error());
                if (status == ExitOk)
                    status = code;
                continue;
            }
            if (m_json) {
                QJsonObject o;
                o.insert(QStringLiteral("id"), r->deliveryId);
                o.insert(QStringLiteral("replay_of"), r->replayOf);
                o.insert(QStringLiteral("event_id"), r->eventId);
                o.insert(QStringLiteral("webhook_id"), r->webhookId);
                o.insert(QStringLiteral("webhook_name"), r->webhookName);
                o.insert(QStringLiteral("status"), QStringLiteral("pending"));
                done.append(o);
            } else {
                m_out << QStringLiteral("Replayed %1 as %2 to %3 (%4).\n")
                             .arg(r->replayOf, r->deliveryId, TextTable::singleLine(r->webhookName),
                                  r->webhookId);
            }
        }
        if (m_json)
            printJson(QJsonObject{{QStringLiteral("data"), done}});
        else if (!done.isEmpty() || status == ExitOk)
            m_out << QStringLiteral("A dispatcher sends them ('hookline-cli dispatch', or the "
                                    "Hookline app).\n");
        return status;
    }

    auto plan = replay.plan(filter, target);
    if (!plan)
        return fail(plan.error());
    if (plan->count == 0) {
        if (m_json)
            printJson(QJsonObject{{QStringLiteral("matched"), 0}, {QStringLiteral("enqueued"), 0}});
        else
            m_out << QStringLiteral("No deliveries match; nothing to replay.\n");
        return ExitOk;
    }
    const QString pacing = rate > 0 ? QStringLiteral("at most %1 per second per webhook").arg(rate)
                                    : QStringLiteral("all at once");
    m_err << (plan->count == 1 ? QStringLiteral("1 delivery matches.\n")
                               : QStringLiteral("%1 deliveries match.\n").arg(plan->count));
    if (!p.isSet(kDlYes)) {
        if (!stdinIsTerminal())
            return usageError(QStringLiteral("stdin is not a terminal; pass --yes to replay "
                                             "without a prompt."),
                              m_commandName);
        m_err << QStringLiteral("Replay them (%1)? [y/N] ").arg(pacing);
        m_err.flush();
        QTextStream in(stdin);
        const QString answer = in.readLine().trimmed().toLower();
        if (answer != QLatin1String("y") && answer != QLatin1String("yes")) {
            m_err << QStringLiteral("Nothing replayed.\n");
            return ExitFailure;
        }
    }
    BulkReplayOptions options;
    options.ratePerWebhookPerSecond = rate;
    const bool showProgress = !m_json && stderrIsTerminal();
    if (showProgress)
        options.progress = [this](qint64 doneCount, qint64 total) {
            m_err << QStringLiteral("\rReplaying: %1 of %2").arg(doneCount).arg(total);
            m_err.flush();
        };
    auto result = replay.execute(plan.value(), options);
    if (showProgress)
        m_err << '\n';
    if (!result)
        return fail(result.error());
    if (m_json) {
        QJsonObject perWebhook;
        for (auto it = result->perWebhook.cbegin(); it != result->perWebhook.cend(); ++it)
            perWebhook.insert(it.key(), it.value());
        QJsonObject o;
        o.insert(QStringLiteral("matched"), plan->count);
        o.insert(QStringLiteral("enqueued"), result->enqueued);
        o.insert(QStringLiteral("skipped"), result->skipped);
        o.insert(QStringLiteral("last_due_at"), result->lastDueAtMs
                                                    ? QJsonValue(isoTime(*result->lastDueAtMs))
                                                    : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("per_webhook"), perWebhook);
        printJson(o);
        return ExitOk;
    }
    m_out << QStringLiteral("Queued %1 replays to %2 webhooks, %3")
                 .arg(result->enqueued)
                 .arg(result->perWebhook.size())
                 .arg(pacing);
    if (result->lastDueAtMs)
        m_out << QStringLiteral("; the last is due at %1").arg(isoTime(*result->lastDueAtMs));
    m_out << QStringLiteral(".\n");
    if (result->skipped > 0)
        m_out << QStringLiteral("Skipped %1 whose webhook was deleted or disabled; replay those "
                                "with --to WEBHOOK.\n")
                     .arg(result->skipped);
    return ExitOk;
}

int CliApp::deliveriesExport(const QCommandLineParser &p, const QStringList &)
{
    DeliveryFilter filter;
    if (int status = deliveryFilterFromOptions(p, filter); status != ExitOk)
        return status;
    ExportOptions options;
    if (p.isSet(kDlFormat)) {
        const auto format = exportFormatFromName(p.value(kDlFormat));
        if (!format)
            return usageError(QStringLiteral("--format \"%1\" is not an export format; use jsonl "
                                             "or har.")
                                  .arg(TextTable::singleLine(p.value(kDlFormat))),
                              m_commandName);
        options.format = *format;
    }
    options.includeSignatures = p.isSet(kDlIncludeSignatures);
    if (p.isSet(kDlOutput) && p.value(kDlOutput).trimmed().isEmpty())
        return usageError(QStringLiteral("--output needs a file path."), m_commandName);
    if (!openSession())
        return ExitFailure;
    HistoryExport exporter(m_session->database);

    if (!p.isSet(kDlOutput)) {
        m_out.flush();
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered))
            return fail(Error{ErrorCode::StorageError, QStringLiteral("output"),
                              QStringLiteral("Cannot write to standard output.")});
        auto result = exporter.write(filter, &stdoutFile, options);
        if (!result)
            return fail(result.error());
        return ExitOk;
    }
    const QString path = p.value(kDlOutput);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Error{ErrorCode::StorageError, QStringLiteral("output"),
                          QStringLiteral("Cannot write %1: %2.").arg(path, file.errorString())});
    auto result = exporter.write(filter, &file, options);
    if (!result) {
        file.cancelWriting();
        return fail(result.error());
    }
    if (!file.commit())
        return fail(Error{ErrorCode::StorageError, QStringLiteral("output"),
                          QStringLiteral("Cannot write %1: %2.").arg(path, file.errorString())});
    if (m_json) {
        QJsonObject o;
        o.insert(QStringLiteral("output"), path);
        o.insert(QStringLiteral("format"), exportFormatName(options.format));
        o.insert(QStringLiteral("deliveries"), result->deliveries);
        o.insert(QStringLiteral("entries"), result->entries);
        printJson(o);
    } else {
        m_out << QStringLiteral("Exported %1 deliveries (%2 %3) to %4.\n")
                     .arg(result->deliveries)
                     .arg(result->entries)
                     .arg(options.format == ExportFormat::Har ? QStringLiteral("HAR entries")
                                                              : QStringLiteral("lines"),
                          path);
    }
    return ExitOk;
}

int CliApp::deliveriesPrune(const QCommandLineParser &p, const QStringList &)
{
    RetentionPolicy policy;
    if (p.isSet(kDlKeep)) {
        bool ok = false;
        const qint64 keep = p.value(kDlKeep).trimmed().toLongLong(&ok);
        if (!ok || keep < 0)
            return usageError(QStringLiteral("--keep \"%1\" must be a whole number of deliveries, "
                                             "0 or more.")
                                  .arg(TextTable::singleLine(p.value(kDlKeep))),
                              m_commandName);
        policy.keepCount = keep;
        if (!p.isSet(kDlDays))
            policy.keepDays.reset();
    }
    if (p.isSet(kDlDays)) {
        const auto days = parseInt(p.value(kDlDays));
        if (!days || *days < 0)
            return usageError(QStringLiteral("--days \"%1\" must be a whole number of days, 0 or "
                                             "more.")
                                  .arg(TextTable::singleLine(p.value(kDlDays))),
                              m_commandName);
        policy.keepDays = *days;
    }
    if (!openSession())
        return ExitFailure;
    auto result = Retention(m_session->database).prune(policy);
    if (!result)
        return fail(result.error());
    if (m_json) {
        QJsonObject o;
        o.insert(QStringLiteral("deliveries"), result->deliveries);
        o.insert(QStringLiteral("attempts"), result->attempts);
        o.insert(QStringLiteral("events"), result->events);
        o.insert(QStringLiteral("received_requests"), result->receivedRequests);
        o.insert(QStringLiteral("keep_days"),
                 policy.keepDays ? QJsonValue(*policy.keepDays) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("keep"),
                 policy.keepCount ? QJsonValue(*policy.keepCount) : QJsonValue(QJsonValue::Null));
        printJson(o);
    } else {
        m_out << QStringLiteral("Pruned %1 deliveries, %2 attempts, %3 events and %4 received "
                                "requests.\n")
                     .arg(result->deliveries)
                     .arg(result->attempts)
                     .arg(result->events)
                     .arg(result->receivedRequests);
    }
    return ExitOk;
}

// ---------------------------------------------------------------------------------------------
// receive

QList<CliApp::Command> CliApp::receiveCommands() const
{
    return {Command{
        QString(),
        QStringLiteral("receive"),
        QStringLiteral("Run a local webhook receiver: answer any method and path, check each "
                       "request's signature, record it, and print one JSON object per request "
                       "(NDJSON) to stdout unless --quiet; startup information goes to stderr. "
                       "Ctrl+C or SIGTERM stops it cleanly."),
        {},
        {valued(QStringLiteral("port"), QStringLiteral("PORT"),
                QStringLiteral("Port to listen on, 1-65535, or 0 for any free port (required).")),
         valued(QStringLiteral("host"), QStringLiteral("ADDRESS"),
                QStringLiteral("Address to listen on (default 127.0.0.1). Anything else lets "
                               "other machines send requests; a warning says so.")),
         flag(QStringLiteral("tls"),
              QStringLiteral("HTTPS with Hookline's self-signed certificate for localhost (made "
                             "on first use, kept in the database, key sealed) unless --cert and "
                             "--key are given.")),
         valued(QStringLiteral("cert"), QStringLiteral("FILE"),
                QStringLiteral("Your own PEM certificate (chain) for HTTPS; needs --key.")),
         valued(QStringLiteral("key"), QStringLiteral("FILE"),
                QStringLiteral("The unencrypted PEM private key of --cert.")),
         valued(QStringLiteral("verify"), QStringLiteral("SCHEME:SECRET"),
                QStringLiteral("Verify signatures of SCHEME (%1) with SECRET; repeatable.")
                    .arg(QStringList{schemeName(SignatureScheme::XWebhookSignature),
                                     schemeName(SignatureScheme::StandardWebhooks),
                                     schemeName(SignatureScheme::GitHub),
                                     schemeName(SignatureScheme::Stripe)}
                             .join(QStringLiteral(", ")))),
         valued(kWebhook, QStringLiteral("ID"),
                QStringLiteral("Verify with this Hookline webhook's scheme and secrets, the "
                               "previous one too during a rotation; repeatable.")),
         valued(QStringLiteral("respond"), QStringLiteral("PATH:STATUS[:BODY]"),
                QStringLiteral("Answer PATH (exact, or a prefix ending in *) with STATUS and "
                               "BODY; repeatable. Other paths get 200 \"ok\".")),
         valued(QStringLiteral("fail-first"), QStringLiteral("N"),
                QStringLiteral("Answer the first N requests of each path rule (and of the "
                               "default) with 500, then as configured.")),
         valued(QStringLiteral("delay"), QStringLiteral("MS"),
                QStringLiteral("Wait this long before every response, 0-600000 ms.")),
         flag(QStringLiteral("no-record"),
              QStringLiteral("Do not record requests in the database (only print them).")),
         flag(QStringLiteral("quiet"),
              QStringLiteral("Print no line per request: verify and record them only (browse "
                             "them later in the GUI); rejections and the summary still go to "
                             "stderr.")),
         flag(QStringLiteral("show-expected"),
              QStringLiteral("Include the expected signature in verdicts that fail (printed and "
                             "recorded)."))},
        {QStringLiteral("hookline-cli receive --port 8080 --verify "
                        "x-webhook-signature:whsec_..."),
         QStringLiteral("hookline-cli receive --port 8443 --tls --webhook f4e9c2a8 --respond "
                        "/hooks/*:503 --fail-first 2")},
        &CliApp::receive}};
}

int CliApp::receive(const QCommandLineParser &p, const QStringList &)
{
    const QString kPortOption = QStringLiteral("port");
    if (!p.isSet(kPortOption))
        return usageError(QStringLiteral("--port is required (0 picks a free port)."),
                          m_commandName);
    const auto port = parseInt(p.value(kPortOption));
    if (!port || *port < 0 || *port > 65535)
        return usageError(QStringLiteral("--port \"%1\" is not a port number from 0 to 65535.")
                              .arg(p.value(kPortOption)),
                          m_commandName);

    ReceiverConfig config;
    config.port = quint16(*port);
    if (p.isSet(QStringLiteral("host"))) {
        const QString host = p.value(QStringLiteral("host")).trimmed();
        config.host = host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
                          ? QHostAddress(QHostAddress::LocalHost)
                          : QHostAddress(host);
        if (config.host.isNull())
            return usageError(QStringLiteral("--host \"%1\" is not an IP address (such as "
                                             "127.0.0.1, ::1 or 0.0.0.0).")
                                  .arg(host),
                              m_commandName);
    }
    const bool ownCertificate = p.isSet(QStringLiteral("cert")) || p.isSet(QStringLiteral("key"));
    if (ownCertificate && !(p.isSet(QStringLiteral("cert")) && p.isSet(QStringLiteral("key"))))
        return usageError(QStringLiteral("--cert and --key go together: give both PEM files."),
                          m_commandName);
    const bool tls = p.isSet(QStringLiteral("tls")) || ownCertificate;
    config.record = !p.isSet(QStringLiteral("no-record"));
    const bool quiet = p.isSet(QStringLiteral("quiet"));
    if (quiet && !config.record)
        return usageError(QStringLiteral("--quiet with --no-record would neither print nor "
                                         "record requests; drop one of them."),
                          m_commandName);
    config.revealExpectedSignature = p.isSet(QStringLiteral("show-expected"));

    // --verify SCHEME:SECRET. The messages never repeat the secret.
    QList<std::pair<SignatureScheme, QString>> secrets;
    QList<Error> schemeErrors;
    for (const QString &text : p.values(QStringLiteral("verify"))) {
        const qsizetype colon = text.indexOf(QLatin1Char(':'));
        if (colon <= 0 || colon == text.size() - 1)
            return usageError(QStringLiteral("--verify needs SCHEME:SECRET (for example "
                                             "x-webhook-signature:whsec_...); got %1.")
                                  .arg(colon < 0    ? QStringLiteral("no ':'")
                                       : colon == 0 ? QStringLiteral("no scheme")
                                                    : QStringLiteral("no secret")),
                              m_commandName);
        const QString name = text.left(colon).trimmed();
        const auto scheme = schemeFromName(name);
        if (!scheme || *scheme == SignatureScheme::None) {
            schemeErrors << schemeError(name);
            continue;
        }
        secrets.append({*scheme, text.mid(colon + 1)});
    }
    // Rules: --respond, then --fail-first and --delay on every rule and on the default.
    QList<ResponseRule> rules;
    for (const QString &text : p.values(QStringLiteral("respond"))) {
        auto rule = ResponseRule::parse(text);
        if (!rule)
            return usageError(rule.error().message, m_commandName);
        rules << rule.value();
    }
    ResponseRule fallback;
    for (const auto &[option, limit] : {std::pair{QStringLiteral("fail-first"), 1'000'000},
                                        std::pair{QStringLiteral("delay"), 600'000}}) {
        if (!p.isSet(option))
            continue;
        const auto n = parseInt(p.value(option));
        if (!n || *n < 0 || *n > limit)
            return usageError(QStringLiteral("--%1 \"%2\" is not a whole number from 0 to %3.")
                                  .arg(option, p.value(option))
                                  .arg(limit),
                              m_commandName);
        for (ResponseRule *rule : [&] {
                 QList<ResponseRule *> all{&fallback};
                 for (ResponseRule &r : rules)
                     all << &r;
                 return all;
             }()) {
            if (option == QLatin1String("delay"))
                rule->delayMs = *n;
            else
                rule->failFirst = *n;
        }
    }
    if (!schemeErrors.isEmpty())
        return reject(schemeErrors);

    // The database only when something needs it: recording, a webhook's secrets, or the kept
    // certificate.
    const bool needSession = config.record || p.isSet(kWebhook) || (tls && !ownCertificate);
    if (needSession && !openSession())
        return ExitFailure;
    if (tls) {
        auto certificate =
            ownCertificate
                ? ReceiverCertificate::fromPemFiles(p.value(QStringLiteral("cert")),
                                                    p.value(QStringLiteral("key")))
                : ReceiverCertificate::loadOrGenerate(*m_session->database, *m_session->vault);
        if (!certificate)
            return fail(certificate.error());
        config.tls = certificate.value();
    }

    // NDJSON is written on a thread of its own, so printing never holds up the answers.
    QThread printer;
    printer.setObjectName(QStringLiteral("hookline-ndjson"));
    auto feed = std::make_unique<ReceiverFeed>();
    feed->setIntervalMs(50);
    feed->moveToThread(&printer);
    const bool showExpected = config.revealExpectedSignature;
    constexpr qsizetype ChunkBytes = 256 * 1024;
    QObject::connect(
        feed.get(), &ReceiverFeed::requestsArrived, feed.get(),
        [this, showExpected, lines = QByteArray()](const QList<ReceivedRequest> &requests,
                                                   qint64 skipped) mutable {
            if (skipped > 0) {
                m_err << QStringLiteral("warning: %1 requests not printed (output too slow); "
                                        "they are recorded.\n")
                             .arg(skipped);
                m_err.flush();
            }
            // Bytes straight to the file under the stream (already UTF-8): thousands of lines
            // per second skip a UTF-16 round trip. Written a few hundred KiB at a time from
            // one buffer kept across batches: a whole batch at once would take fresh memory
            // (and page faults) every time.
            auto *file = qobject_cast<QFileDevice *>(m_out.device());
            if (lines.capacity() < ChunkBytes + 4096)
                lines.reserve(ChunkBytes + 4096);
            const auto emitLines = [&] {
                if (file) {
                    file->write(lines);
                } else {
                    m_out << QString::fromUtf8(lines);
                }
                lines.resize(0); // keeps the capacity
            };
            for (const ReceivedRequest &r : requests) {
                lines += r.toJsonLine(showExpected);
                lines += '\n';
                if (lines.size() >= ChunkBytes)
                    emitLines();
            }
            emitLines();
            if (file)
                file->flush();
            else
                m_out.flush();
        },
        Qt::DirectConnection);
    QObject::connect(
        feed.get(), &ReceiverFeed::requestsRejected, feed.get(),
        [this](const QList<RejectedRequest> &rejected) {
            for (const RejectedRequest &r : rejected)
                m_err << QStringLiteral("rejected: %1 from %2: %3\n")
                             .arg(r.statusCode)
                             .arg(r.remoteAddress.toString(), r.reason);
            m_err.flush();
        },
        Qt::DirectConnection);
    m_out.flush();
    printer.start();
    const auto stopPrinter = qScopeGuard([&printer, &feed] {
        printer.quit();
        printer.wait();
        feed.reset();
    });

    Receiver::Options options;
    if (m_session) {
        options.database = m_session->database;
        options.registry = m_session->registry;
    }
    options.feed = feed.get();
    options.feedRequests = !quiet;
    Receiver receiver(options);
    for (const auto &[scheme, secret] : std::as_const(secrets))
        if (Status s = receiver.addSecret(scheme, secret); !s)
            return fail(s.error());
    for (const QString &id : p.values(kWebhook))
        if (auto attached = receiver.attachWebhook(id); !attached)
            return fail(attached.error());
    if (Status s = receiver.setResponseRules(rules, fallback); !s)
        return usageError(s.error().message, m_commandName);

    auto started = receiver.start(config);
    if (!started) {
        m_err << QStringLiteral("error: ") << started.error().toString() << '\n';
        m_err.flush();
        return ExitFailure;
    }
    m_err << QStringLiteral("Listening on %1 (receiver %2)\n")
                 .arg(started->url.toString(), started->id);
    if (config.tls)
        m_err << QStringLiteral("TLS certificate SHA-256 fingerprint: %1\n  (%2)\n")
                     .arg(started->fingerprint, config.tls->description);
    for (const QString &warning : std::as_const(started->warnings))
        m_err << QStringLiteral("warning: ") << warning << '\n';
    const QStringList verifying = receiver.verificationSummary();
    if (verifying.isEmpty())
        m_err << QStringLiteral("Not verifying signatures; add --verify SCHEME:SECRET or "
                                "--webhook ID.\n");
    else
        m_err << QStringLiteral("Verifying: %1\n").arg(verifying.join(QStringLiteral("; ")));
    m_err << (config.record ? QStringLiteral("Recording to %1\n").arg(m_session->database->path())
                            : QStringLiteral("Not recording (--no-record).\n"))
          << QStringLiteral("Press Ctrl+C to stop.\n");
    m_err.flush();

    QEventLoop loop;
    StopSignals stopSignals(&loop, [&loop] { loop.quit(); });
    loop.exec();

    receiver.stop(); // verifies, prints and writes every request answered so far
    const Receiver::Stats stats = receiver.stats();
    m_err << QStringLiteral("Stopped: %1 requests (%2 verified, %3 failed verification), %4 "
                            "recorded")
                 .arg(stats.received)
                 .arg(stats.verified)
                 .arg(stats.failed)
                 .arg(stats.recording.written);
    if (stats.rejected > 0)
        m_err << QStringLiteral(", %1 rejected as malformed or over a limit").arg(stats.rejected);
    if (stats.refusedBusy > 0)
        m_err << QStringLiteral(", %1 answered 503 because recording was behind (not recorded)")
                     .arg(stats.refusedBusy);
    m_err << QStringLiteral(".\n");
    if (stats.recording.lost > 0) {
        m_err << QStringLiteral("error: %1 requests could not be recorded: %2\n")
                     .arg(stats.recording.lost)
                     .arg(stats.recording.lastError);
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace hookline::cli
