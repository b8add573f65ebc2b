#pragma once

#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <cstdio>
#include <memory>

class QCommandLineParser;
class QJsonObject;

namespace hookline {
struct DeliveryFilter;
struct AttemptSummary;
struct EnqueuedEvent;
struct Session;
struct Webhook;
struct WebhookDraft;
struct WebhookWithSecret;
} // namespace hookline

namespace hookline::cli {

// Exit statuses; scripts depend on them.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,  // not found, storage, key, anything else
    ExitUsage = 2,    // unknown command or option, missing argument, unparseable value
    ExitRejected = 3, // a rule rejected the input (Error::isValidationError())
};

// hookline-cli: parses one command line, runs the command against a Session and prints tables
// (or JSON with --json) to stdout and errors to stderr.
class CliApp {
public:
    // `arguments` as QCoreApplication::arguments() gives them (program name first).
    explicit CliApp(QStringList arguments, FILE *out = stdout, FILE *err = stderr);
    ~CliApp();
    CliApp(const CliApp &) = delete;
    CliApp &operator=(const CliApp &) = delete;

    int run();

private:
    struct Command;
    using Handler = int (CliApp::*)(const QCommandLineParser &, const QStringList &);

    QList<Command> commands() const;
    int runCommand(const Command &command, const QStringList &arguments);

    // Help and version.
    QString topHelp() const;
    QString groupHelp(const QString &group) const;
    QString commandHelp(const Command &command) const;

    // Output.
    void printJson(const QJsonObject &object);
    int usageError(const QString &message, const QString &helpFor = QString());
    int fail(const Error &error);
    int reject(const QList<Error> &errors);

    // Opens the database, vault and registry; prints the error and returns false on failure.
    bool openSession();

    // Commands.
    int webhooksCreate(const QCommandLineParser &p, const QStringList &args);
    int webhooksList(const QCommandLineParser &p, const QStringList &args);
    int webhooksShow(const QCommandLineParser &p, const QStringList &args);
    int webhooksUpdate(const QCommandLineParser &p, const QStringList &args);
    int webhooksEnable(const QCommandLineParser &p, const QStringList &args);
    int webhooksDisable(const QCommandLineParser &p, const QStringList &args);
    int webhooksDelete(const QCommandLineParser &p, const QStringList &args);
    int webhooksRotate(const QCommandLineParser &p, const QStringList &args);
    int eventsTypes(const QCommandLineParser &p, const QStringList &args);
    int eventsAddType(const QCommandLineParser &p, const QStringList &args);
    int eventsRemoveType(const QCommandLineParser &p, const QStringList &args);
    int info(const QCommandLineParser &p, const QStringList &args);
    int eventsSend(const QCommandLineParser &p, const QStringList &args);
    int webhooksTest(const QCommandLineParser &p, const QStringList &args);
    int dispatch(const QCommandLineParser &p, const QStringList &args);

    // Runs a dispatcher on this thread until every one of `deliveryIds` has had an attempt that
    // delivered it, failed it or scheduled its retry (or nothing more is due, or the user hit
    // Ctrl+C: `interrupted`). Prints a line per attempt unless --json; returns those attempts.
    QList<AttemptSummary> dispatchUntilSettled(const QStringList &deliveryIds, bool *interrupted);
    // Sends a test event to `webhookId` and waits for its outcome; prints it unless --json.
    // Returns the attempt, or an empty list if none was made.
    QList<AttemptSummary> runTestEvent(const QString &webhookId, bool *interrupted, Error *error);
    QString attemptLine(const AttemptSummary &attempt) const;

    // Shared by create and update: applies the options that map onto draft fields. Returns
    // ExitOk, or the status of a usage error it has printed. Rule violations the CLI detects
    // itself (an unknown scheme) are appended to `ruleErrors`.
    int applyDraftOptions(const QCommandLineParser &p, WebhookDraft &draft, bool mergeHeaders,
                          QList<Error> &ruleErrors);
    void printWebhookDetails(const Webhook &w);
    void printSecretOnce(const WebhookWithSecret &result, bool rotated);

    // deliveries: history, replay, export and retention (core/history).
    QList<Command> deliveriesCommands() const;
    // Fills `filter` from --webhook, --event, --outcome, --status, --since, --until and
    // --search; returns ExitOk or the status of an error it has printed.
    int deliveryFilterFromOptions(const QCommandLineParser &p, DeliveryFilter &filter);
    int deliveriesList(const QCommandLineParser &p, const QStringList &args);
    int deliveriesShow(const QCommandLineParser &p, const QStringList &args);
    int deliveriesReplay(const QCommandLineParser &p, const QStringList &args);
    int deliveriesExport(const QCommandLineParser &p, const QStringList &args);
    int deliveriesPrune(const QCommandLineParser &p, const QStringList &args);

    // receive: a local receiver printing NDJSON (core/receiver).
    QList<Command> receiveCommands() const;
    int receive(const QCommandLineParser &p, const QStringList &args);

    QStringList m_arguments;
    QString m_commandName; // e.g. "webhooks create", for "--help" hints
    QString m_databasePath;
    bool m_json = false;
    std::shared_ptr<Session> m_session;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace hookline::cli
