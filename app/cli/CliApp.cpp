#include "CliApp.h"

#include "TextTable.h"

#include "Session.h"
#include "catalog/EventCatalog.h"
#include "model/Webhook.h"
#include "model/WebhookJson.h"
#include "registry/WebhookRegistry.h"
#include "rules/WebhookRules.h"
#include "secrets/SecretVault.h"
#include "storage/Database.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <optional>

#ifdef Q_OS_WIN
#include <io.h>
#else
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
        draftOptions(false),
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
    c << Command{QString(),
                 QStringLiteral("info"),
                 QStringLiteral("Show the database, its schema version and how secrets are "
                                "protected."),
                 {},
                 {},
                 {QStringLiteral("hookline-cli info --db ~/hookline-test.sqlite")},
                 &CliApp::info};
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
    if (positional.size() < command.positionals.size())
        return usageError(
            QStringLiteral("missing %1.").arg(command.positionals.at(positional.size()).name),
            m_commandName);
    if (positional.size() > command.positionals.size())
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
    if (m_json)
        printJson(webhookWithSecretToJson(created.value(), false));
    else
        printSecretOnce(created.value(), false);
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
        QString text = p.value(kSample);
        QString source = QStringLiteral("--sample");
        if (text.startsWith(QLatin1Char('@'))) {
            const QString path = text.mid(1);
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return fail(
                    Error{ErrorCode::InvalidArgument, QStringLiteral("sample"),
                          QStringLiteral("Cannot read %1: %2.").arg(path, file.errorString())});
            text = QString::fromUtf8(file.readAll());
            source = path;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return fail(Error{ErrorCode::InvalidEventType, QStringLiteral("sample"),
                              QStringLiteral("%1 is not valid JSON (%2 at offset %3); give a JSON "
                                             "object such as {\"id\": \"123\"}.")
                                  .arg(source, parseError.errorString())
                                  .arg(parseError.offset)});
        if (!doc.isObject())
            return fail(Error{ErrorCode::InvalidEventType, QStringLiteral("sample"),
                              QStringLiteral("%1 must be a JSON object (the event's data), such "
                                             "as {\"id\": \"123\"}.")
                                  .arg(source)});
        type.sample = doc.object();
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

} // namespace hookline::cli
