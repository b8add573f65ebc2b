#pragma once

#include "history/HistoryExport.h"

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace hookline {

// The save dialog of an export, wrapped so a test can answer it (setNextAnswer) instead of a
// person, as MessageBoxes does for confirmations.
class ExportFileDialog {
    Q_DECLARE_TR_FUNCTIONS(hookline::ExportFileDialog)

public:
    struct Choice {
        QString path; // empty: cancelled
        ExportFormat format = ExportFormat::JsonLines;
    };

    // Asks where to save; the format follows the chosen file type (and the name gets its
    // extension when it has none).
    static Choice ask(QWidget *parent, const QString &title, const QString &suggestedName);

    // The next ask() shows nothing and returns this (an empty path: cancelled).
    static void setNextAnswer(const Choice &choice);

private:
    static std::optional<Choice> s_next;
};

} // namespace hookline
