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

    // Shared by create and update: applies the options that map onto draft fields. Returns
    // ExitOk, or the status of a usage error it has printed. Rule violations the CLI detects
    // itself (an unknown scheme) are appended to `ruleErrors`.
    int applyDraftOptions(const QCommandLineParser &p, WebhookDraft &draft, bool mergeHeaders,
                          QList<Error> &ruleErrors);
    void printWebhookDetails(const Webhook &w);
    void printSecretOnce(const WebhookWithSecret &result, bool rotated);

    QStringList m_arguments;
    QString m_commandName; // e.g. "webhooks create", for "--help" hints
    QString m_databasePath;
    bool m_json = false;
    std::shared_ptr<Session> m_session;
    QTextStream m_out;
    QTextStream m_err;
};

} // namespace hookline::cli
